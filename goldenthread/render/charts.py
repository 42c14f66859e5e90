"""Inline SVG line charts for indicators: no JavaScript, readable in print and without colour.

Each line differs in colour *and* dash pattern *and* marker shape, and is named in a
text legend, so the chart never relies on colour alone.  The chart carries a <title>
and a <desc> (the trend in one sentence); the page puts the data table beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from goldenthread.derive.trend import (
    SUPPRESSED,
    comparator_figures,
    current_target,
    periods,
    suppressed,
    trend_sentence,
)
from goldenthread.read.models import Indicator
from goldenthread.read.units import unit_words

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 40, 16, 72


TICKS = 4  # grid lines above zero


def _nice_ceiling(value: float) -> float:
    """The top of the value axis: four equal, round steps (0, 10, 20, 30, 40) that reach
    ``value``, so that every grid line has a label a reader can use."""
    if value <= 0:
        return float(TICKS)
    rough = value / TICKS
    magnitude = 10 ** math.floor(math.log10(rough))
    for step in (1, 2, 2.5, 5, 10):
        if rough <= step * magnitude:
            return TICKS * step * magnitude
    return TICKS * 10 * magnitude


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>'
    return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z"/>'


def _band(x: float, y_top: float, y_bottom: float) -> str:
    """A hollow bar from 0 to 6: where a hidden small count lies, without saying where."""
    return (f'<rect class="gt-suppressed" x="{x - 5:.1f}" y="{y_top:.1f}" width="10" '
            f'height="{y_bottom - y_top:.1f}" fill="none" stroke-dasharray="3 2"/>')


#: (css class, dash pattern, marker) of our line, then of each comparator's in turn.
OURS = ("gt-line-us", "", "circle")
STYLES = (("gt-line-england", "8 4", "square"), ("gt-line-neighbours", "2 4", "triangle"),
          ("gt-line-third", "12 3 2 3", "square"), ("gt-line-fourth", "1 3", "triangle"))
#: (id, name) of the comparators a chart draws, as the road map's vocabulary names them.
Comparators = tuple[tuple[str, str], ...]


def _series(indicator: Indicator, comparators: Comparators
            ) -> list[tuple[str, str, dict[str, float], tuple[str, str, str]]]:
    """(key, label, figures, style) of each line: ours, then each comparator with figures
    (as many as there are styles, each different in dash and marker)."""
    figures = comparator_figures(indicator)
    found = [("series", "Our figures", dict(indicator.series), OURS)]
    drawn = [(key, name) for key, name in comparators if figures.get(key)]
    found += [(key, name, figures[key], style)
              for (key, name), style in zip(drawn, STYLES, strict=False)]
    return found


@dataclass(frozen=True)
class _Plot:
    """Where a period and a value fall on one chart."""

    xs: list[str]
    top_value: float

    def x_of(self, period: str) -> float:
        plot_w = WIDTH - LEFT - RIGHT
        if len(self.xs) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * self.xs.index(period) / (len(self.xs) - 1)

    def y_of(self, value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / self.top_value)


def _hidden_periods(indicator: Indicator) -> list[str]:
    """Periods whose figure is a hidden small count."""
    return [p for p, v in sorted(indicator.series.items()) if suppressed(indicator, v)]


def _top_value(indicator: Indicator, hidden: list[str], comparators: Comparators) -> float:
    """The top of the value axis.  A hidden small count must not shape the chart: it is
    left out of the scale and the line, and drawn as a band up to 6 instead."""
    values = [v for key, _, figures, _ in _series(indicator, comparators)
              for p, v in figures.items() if not (key == "series" and p in hidden)]
    values += [6.0] if hidden else []
    values += [t.value for t in indicator.targets]
    top_value = _nice_ceiling(max(values) * 1.05 if values else 1)
    if indicator.unit == "percent" and top_value > 100 >= max(values, default=0):
        top_value = 100.0  # a percentage axis never needs to go past 100
    highest = indicator.highest if indicator.unit == "score" else None
    if highest is not None and 0 < highest and max(values, default=0) <= highest:
        top_value = float(highest)  # a score's axis is its own scale, up to its highest
    return top_value


def _opening(indicator: Indicator, chart_id: str) -> list[str]:
    """The <svg> element with its <title> and <desc>."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg class="gt-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(indicator.name)} ({escape(unit_words(indicator))}): '
        'chart</title>',
        f'<desc id="{desc_id}">{escape(trend_sentence(indicator))}</desc>',
    ]


def _axes(plot: _Plot) -> list[str]:
    """Grid lines with their value labels, and the period labels."""
    parts = []
    for i in range(TICKS + 1):
        value = plot.top_value * i / TICKS
        y = plot.y_of(value)
        label = f"{value:,.{0 if value == int(value) else 1}f}"
        parts.append(f'<line class="gt-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="gt-axis" x="{LEFT - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{escape(label)}</text>')
    for period in plot.xs:
        parts.append(f'<text class="gt-axis" x="{plot.x_of(period):.1f}" '
                     f'y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">{escape(period)}</text>')
    return parts


def _target(indicator: Indicator, plot: _Plot) -> list[str]:
    """The current target as a labelled line, if there is one."""
    target = current_target(indicator)
    if target is None:
        return []
    y = plot.y_of(target.value)
    return [f'<line class="gt-target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke-dasharray="1 0"/>',
            f'<text class="gt-axis gt-target-label" x="{WIDTH - RIGHT}" '
            f'y="{y - 6:.1f}" text-anchor="end">Target {escape(target.by)}</text>']


def _line(points: list[tuple[str, float]], skipped: list[str],
          plot: _Plot) -> tuple[str, list[tuple[float, float]]]:
    """The path data of one line and its points; the line breaks around a skipped period."""
    path, coords, gap = [], [], True
    for period, value in points:
        if period in skipped:
            gap = True
            continue
        x, y = plot.x_of(period), plot.y_of(value)
        path.append(f"{'M' if gap else 'L'}{x:.1f} {y:.1f}")
        coords.append((x, y))
        gap = False
    return " ".join(path), coords


def _lines(indicator: Indicator, hidden: list[str], plot: _Plot,
           comparators: Comparators) -> list[str]:
    """Each line with its markers (and the bands of hidden figures), then the legend."""
    parts, legend_x, legend_y = [], LEFT, HEIGHT - 20
    for key, label, figures, (css, dash, shape) in _series(indicator, comparators):
        points = sorted(figures.items())
        if legend_x + 40 + 8 * len(label) > WIDTH and legend_x > LEFT:
            legend_x, legend_y = LEFT, legend_y + 14  # the legend goes on to a second row
        skipped = hidden if key == "series" else []
        path, coords = _line(points, skipped, plot)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        bands = "".join(_band(plot.x_of(p), plot.y_of(6.0), plot.y_of(0.0)) for p in skipped)
        parts.append(f'<g class="{css}"><path class="gt-path" d="{path}" fill="none"'
                     f'{dash_attr}/>' + "".join(_marker(shape, x, y) for x, y in coords)
                     + bands + "</g>")
        parts.append(
            f'<g class="{css}"><line class="gt-path" x1="{legend_x}" x2="{legend_x + 28}" '
            f'y1="{legend_y}" y2="{legend_y}"{dash_attr}/>{_marker(shape, legend_x + 14, legend_y)}'
            f'</g><text class="gt-axis" x="{legend_x + 34}" y="{legend_y + 4}">'
            f'{escape(label)}</text>')
        legend_x += 40 + 8 * len(label)
    if hidden:
        parts.append(_hidden_legend(legend_x))
    return parts


def _hidden_legend(legend_x: int) -> str:
    """The legend entry saying what a band stands for."""
    label = f"{SUPPRESSED[:1].upper()}{SUPPRESSED[1:]} (not shown)"
    return (f'<g class="gt-line-us">{_band(legend_x + 14, HEIGHT - 28, HEIGHT - 12)}'
            f'</g><text class="gt-axis" x="{legend_x + 26}" y="{HEIGHT - 16}">'
            f"{label}</text>")


def indicator_chart(indicator: Indicator, chart_id: str, comparators: Comparators = ()) -> str:
    """The SVG markup for one indicator's chart (ids prefixed with ``chart_id``), with a
    line for each of ``comparators`` ((id, name) pairs) it has figures for."""
    hidden = _hidden_periods(indicator)
    plot = _Plot(periods(indicator), _top_value(indicator, hidden, comparators))
    parts = [*_opening(indicator, chart_id), *_axes(plot), *_target(indicator, plot),
             *_lines(indicator, hidden, plot, comparators), "</svg>"]
    return "".join(parts)
