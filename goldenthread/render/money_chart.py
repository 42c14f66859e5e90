"""An inline SVG chart of where the money goes: one bar per year, split between the
road map's stages of spending (its vocabulary's, named by its data) and what is not shown
item by item.

Like the indicator charts (:mod:`goldenthread.render.charts`) it needs no JavaScript and
never relies on colour alone: each part has its own fill pattern (solid, hatched, dotted,
dashed outline), a legend names each pattern, and under every bar the shares are written
out in words.  It is drawn 360 units wide, so that on a phone 320 pixels wide the text is
still about 11 pixels high; the page puts the same figures in a table beside it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 360
LEFT = RIGHT = 4
BAR_TOP, BAR_HEIGHT = 22, 24  # below the year's label
LINE = 16  # each line of the shares in words, under the bar
GAP = 14  # between one year and the next
#: The most characters on a line of words under a bar (13-unit text, 352 units wide).
WRAP = 48
LEGEND_ROW = 22

#: The look of each stage's part, by its place in the vocabulary's list of stages: solid,
#: hatched, dotted (css class, fill pattern); a fourth stage looks like the first again.
LOOKS: tuple[tuple[str, str | None], ...] = (
    ("gt-part--early", None), ("gt-part--crisis", "hatch"), ("gt-part--both", "dots"))
#: The part of the money not shown item by item: last, with a dashed outline.
HIDDEN_PART = ("hidden", "Not shown item by item", "gt-part--hidden")


def chart_parts(stages: Sequence[tuple[str, str]]) -> tuple[tuple[str, str, str], ...]:
    """(key, label, css class) of each part, in the order the bar draws them: the
    stages of spending ((id, name) in the vocabulary's order), then what is not shown."""
    return (*((key, label, LOOKS[i % len(LOOKS)][0]) for i, (key, label) in enumerate(stages)),
            HIDDEN_PART)


def _patterns(parts: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    looks = dict(LOOKS)
    return {key: looks[css] for key, _label, css in parts if looks.get(css)}


@dataclass(frozen=True)
class Bar:
    """One year's bar: its label and the share (0 to 1) of each part, keyed as in PARTS."""

    label: str  # e.g. '2026-27 (budget): £67.5 million'
    shares: dict[str, float]


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def lower_first(text: str) -> str:
    """A name inside a sentence: 'Early help' -> 'early help', 'NHS care' unchanged."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def shares_sentence(bar: Bar, parts: Sequence[tuple[str, str, str]]) -> str:
    """The shares of one bar in words: 'Prevention 15%, long-term care 80%, ...'."""
    words = [f"{lower_first(label)} {_percent(bar.shares[key])}"
             for key, label, _css in parts if key in bar.shares]
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def _defs(chart_id: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{chart_id}-hatch" class="gt-hatch" patternUnits="userSpaceOnUse" '
        'width="6" height="6"><rect width="6" height="6"/><path d="M-1 7L7 -1M-1 1L1 -1M5 7L7 5"/>'
        "</pattern>"
        f'<pattern id="{chart_id}-dots" class="gt-dots" patternUnits="userSpaceOnUse" '
        'width="6" height="6"><rect width="6" height="6"/><circle cx="3" cy="3" r="1.3"/>'
        "</pattern></defs>")


def _fill(key: str, chart_id: str, patterns: dict[str, str]) -> str:
    pattern = patterns.get(key)
    return f' fill="url(#{chart_id}-{pattern})"' if pattern else ""


def _segment(key: str, css: str, x: float, y: float, width: float, height: float,
             chart_id: str, patterns: dict[str, str]) -> str:
    dash = ' stroke-dasharray="4 3"' if key == "hidden" else ""
    return (f'<rect class="gt-part {css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{height:.1f}"{_fill(key, chart_id, patterns)}{dash}/>')


def _bar(bar: Bar, top: float, chart_id: str,
         parts_of: Sequence[tuple[str, str, str]]) -> tuple[list[str], float]:
    """One year's label, bar and shares in words; and the height they take."""
    parts = [f'<text class="gt-axis gt-bar-label" x="{LEFT}" y="{top + 14:.1f}">'
             f"{escape(bar.label)}</text>"]
    x, span = float(LEFT), WIDTH - LEFT - RIGHT
    patterns = _patterns(parts_of)
    for key, _label, css in parts_of:
        width = span * bar.shares.get(key, 0.0)
        if width > 0:
            parts.append(_segment(key, css, x, top + BAR_TOP, width, BAR_HEIGHT, chart_id,
                                  patterns))
            x += width
    lines = textwrap.wrap(shares_sentence(bar, parts_of), WRAP)
    for i, line in enumerate(lines):
        y = top + BAR_TOP + BAR_HEIGHT + 18 + i * LINE
        parts.append(f'<text class="gt-axis" x="{LEFT}" y="{y:.1f}">{escape(line)}</text>')
    return parts, BAR_TOP + BAR_HEIGHT + 18 + (len(lines) - 1) * LINE + GAP


def _legend(top: float, keys: Sequence[str], chart_id: str,
            parts_of: Sequence[tuple[str, str, str]]) -> list[str]:
    parts = []
    patterns = _patterns(parts_of)
    shown = [p for p in parts_of if p[0] in keys]
    for i, (key, label, css) in enumerate(shown):
        x = LEFT + (i % 2) * (WIDTH / 2)
        y = top + (i // 2) * LEGEND_ROW
        parts.append(_segment(key, css, x, y, 18, 14, chart_id, patterns))
        parts.append(f'<text class="gt-axis" x="{x + 24:.1f}" y="{y + 12:.1f}">'
                     f'{escape(label)}</text>')
    return parts


def money_chart(bars: Sequence[Bar], chart_id: str, title: str, description: str,
                parts: Sequence[tuple[str, str, str]]) -> str:
    """The SVG markup of the chart (ids prefixed with ``chart_id``); ``description`` is
    its <desc>, the shares of every year in one or two sentences; ``parts`` are
    :func:`chart_parts` of the road map's stages."""
    keys = [key for key, *_ in parts if any(bar.shares.get(key, 0.0) > 0 for bar in bars)]
    drawn, top = [], 8.0
    for bar in bars:
        bar_parts, height = _bar(bar, top, chart_id, parts)
        drawn += bar_parts
        top += height
    height = top + ((len(keys) + 1) // 2) * LEGEND_ROW + 4
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    svg = [
        f'<svg class="gt-chart gt-money-chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        _defs(chart_id),
        *drawn,
    ]
    svg += _legend(top, keys, chart_id, parts)
    svg.append("</svg>")
    return "".join(svg)
