"""Indicator arithmetic: direction of travel, status against target, comparison with England.

Nothing here is typed by an editor: status is always computed from the data, with the
indicator's polarity deciding which way is better.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from goldenthread.read.models import Indicator, Target

T = TypeVar("T")
UNIT_SUFFIX = {"percent": "%", "per-10000": " per 10,000 children", "count": "", "days": " days"}


def format_value(indicator: Indicator, value: float | None) -> str:
    """A value with its unit, e.g. '22.0%', '333 per 10,000 children'."""
    if value is None:
        return "no figure"
    decimals = indicator.decimals
    text = f"{value:,.{decimals}f}"
    return text + UNIT_SUFFIX[indicator.unit]


#: How a hidden small count reads on a page.
SUPPRESSED = "fewer than 6"
#: The smallest and largest whole counts that are hidden.
SMALL_COUNTS = (1, 5)


def suppressed(indicator: Indicator, value: float | None) -> bool:
    """True when ``value`` is one of the indicator's own figures that must stay hidden: a
    count above 0 and below 6 of an indicator with ``suppress_small_numbers``."""
    return indicator.suppress_small_numbers and value is not None and 0 < value < 6


def shown_value(indicator: Indicator, value: float | None) -> str:
    """One of the indicator's own figures as pages show it ('fewer than 6' when hidden)."""
    return SUPPRESSED if suppressed(indicator, value) else format_value(indicator, value)


def _comparable(indicator: Indicator, value: float) -> float:
    """A hidden figure compares as the middle of its band, so no comparison ranks it."""
    return 3.0 if suppressed(indicator, value) else value


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Status:
    """How an indicator stands: a short label, a symbol that is not colour, a sentence."""

    key: str  # met | near | improving | not-on-track | no-target | suppressed
    label: str
    symbol: str
    sentence: str

    @property
    def short(self) -> str:
        """The label without how far from target, for the tightest lists."""
        return self.label.partition(":")[0]


def periods(indicator: Indicator) -> list[str]:
    """Every period the indicator or its comparators or targets mention, in time order."""
    found = set(indicator.series) | set(indicator.england) | set(indicator.statistical_neighbours)
    found |= {t.by for t in indicator.targets}
    return sorted(found)


def latest(indicator: Indicator) -> tuple[str, float]:
    """The most recent period and its value."""
    period = max(indicator.series)
    return period, indicator.series[period]


def _tolerance(indicator: Indicator) -> float:
    """Changes smaller than half the last shown decimal are 'no real change'."""
    return 0.5 * 10 ** (-indicator.decimals)


def direction(indicator: Indicator) -> tuple[str, str]:
    """(key, words) for the change between the last two periods, judged by polarity.

    key is 'better', 'worse', 'same', 'up', 'down' (the last two for context measures)
    or 'single' when there is only one figure.
    """
    ordered = sorted(indicator.series)
    if len(ordered) < 2:
        return "single", "only one figure so far"
    before, after = indicator.series[ordered[-2]], indicator.series[ordered[-1]]
    if suppressed(indicator, before) and suppressed(indicator, after):
        return "same", f"still {SUPPRESSED}, as in {ordered[-2]}"
    change = _comparable(indicator, after) - _comparable(indicator, before)
    if abs(change) < _tolerance(indicator):
        return "same", f"no real change since {ordered[-2]}"
    rose = change > 0
    moved = "rose" if rose else "fell"
    if indicator.polarity == "context":
        return ("up" if rose else "down"), f"{moved} since {ordered[-2]}"
    better = rose == (indicator.polarity == "higher-is-better")
    return ("better" if better else "worse"), (
        f"{'improved' if better else 'got worse'} ({moved}) since {ordered[-2]}")


def current_target(indicator: Indicator) -> Target | None:
    """The target that applies now: the first not yet due, else the last one."""
    if not indicator.targets:
        return None
    period, _ = latest(indicator)
    ordered = sorted(indicator.targets, key=lambda t: t.by)
    for target in ordered:
        if target.by >= period:
            return target
    return ordered[-1]


def meets(indicator: Indicator, value: float, target: float) -> bool:
    """True when ``value`` is at or beyond ``target`` in the good direction."""
    if indicator.polarity == "lower-is-better":
        return value <= target + _tolerance(indicator) / 10
    return value >= target - _tolerance(indicator) / 10


#: The status label of a measure whose latest figure is a hidden small count.
SMALL_NUMBER_LABEL = "Small number: not shown"


def status(indicator: Indicator) -> Status:
    """Where the indicator stands against its target, computed from the data."""
    period, value = latest(indicator)
    target = current_target(indicator)
    shown = _capital(shown_value(indicator, value))
    if target is None or indicator.polarity == "context":
        return Status("no-target", "No target: shown for context", "○",
                      f"{shown} in {period}. This measure has no target; it gives context.")
    goal = format_value(indicator, target.value)
    met = _for_any_small_count(indicator, value, lambda v: meets(indicator, v, target.value))
    if met is None:
        return Status("suppressed", SMALL_NUMBER_LABEL, "○",
                      f"{shown} in {period}. The exact figure is not published, so we cannot "
                      f"show here whether it meets the target of {goal} by {target.by}.")
    if met:
        return Status("met", "Target met", "✓",
                      f"{shown} in {period} meets the target of {goal} by {target.by}.")
    if suppressed(indicator, value):
        # Short of the target whatever the hidden count is; how far, or whether it is
        # near, would give the count away (or make one up), so no figure is said.
        return Status("suppressed", SMALL_NUMBER_LABEL, "○",
                      f"{shown} in {period}: short of the target of {goal} by {target.by}. "
                      "How far is not shown: the figure is too small to publish safely.")
    gap = abs(value - target.value)
    off = f"{distance(indicator, gap)} {_side(indicator)}"
    away = f"{off} target"
    if gap <= tolerance(indicator, target.value):
        return Status("near", f"Near target: {away}", "≈",
                      f"{shown} in {period} is close to the target of {goal} by {target.by}: "
                      f"{away}.")
    key, _ = direction(indicator)
    if key == "better":
        return Status("improving", f"Improving: {away}", "↗",
                      f"{shown} in {period} is {off} the target of {goal} by {target.by}, "
                      "and moving towards it.")
    return Status("not-on-track", f"Not on track: {away}", "✗",
                  f"{shown} in {period} is {off} the target of {goal} by {target.by}, "
                  "and not moving towards it.")


#: The share of the target within which a figure counts as near it, unless the indicator
#: sets its own ``tolerance``.
DEFAULT_TOLERANCE = 0.02


def tolerance(indicator: Indicator, target: float) -> float:
    """How close to ``target`` counts as near it, in the indicator's unit."""
    if indicator.tolerance is not None:
        return indicator.tolerance
    return abs(target) * DEFAULT_TOLERANCE


def distance(indicator: Indicator, gap: float) -> str:
    """A difference in the indicator's unit: '1.3 points' for percentages."""
    if indicator.unit == "percent":
        return f"{gap:,.{indicator.decimals}f} points"
    return format_value(indicator, gap)


def _side(indicator: Indicator) -> str:
    """Which side of the target a figure that misses it is on."""
    return "above" if indicator.polarity == "lower-is-better" else "below"


def _for_any_small_count(indicator: Indicator, value: float,
                         judge: Callable[[float], T]) -> T | None:
    """``judge(value)``; for a hidden figure, the answer every hidden count would give, or
    None when the answer depends on the exact (hidden) count."""
    if not suppressed(indicator, value):
        return judge(value)
    low, high = (judge(float(v)) for v in SMALL_COUNTS)
    return low if low == high else None


def verdict(indicator: Indicator, ours: float, theirs: float) -> str:
    """'same' (within twice the shown tolerance), else 'better' or 'worse' by the
    indicator's polarity ('higher' or 'lower' for a context measure)."""
    if abs(ours - theirs) < _tolerance(indicator) * 2:
        return "same"
    if indicator.polarity == "context":
        return "higher" if ours > theirs else "lower"
    return "better" if (ours > theirs) == (indicator.polarity == "higher-is-better") \
        else "worse"


def latest_verdict(indicator: Indicator, figures: dict[str, float]) -> str | None:
    """The :func:`verdict` of the latest figure against ``figures`` (a comparator's) for
    the same period; None when they have no figure for it, or when the answer depends on
    a hidden small number."""
    period, value = latest(indicator)
    theirs = figures.get(period)
    if theirs is None:
        return None
    return _for_any_small_count(indicator, value, lambda ours: verdict(indicator, ours, theirs))


def england_comparison(indicator: Indicator) -> str | None:
    """How the latest figure compares with England's for the same period, in words."""
    period, _ = latest(indicator)
    england = indicator.england.get(period)
    if england is None:
        return None
    shown = format_value(indicator, england)
    found = latest_verdict(indicator, indicator.england)
    if found is None:
        return f"England's figure was {shown} in {period}; ours was {SUPPRESSED}"
    if found == "same":
        return f"about the same as England ({shown}) in {period}"
    return f"{found} than England ({shown}) in {period}"


def trend_sentence(indicator: Indicator) -> str:
    """One sentence describing the line, for the chart's <desc> and the page."""
    ordered = sorted(indicator.series)
    first, last = ordered[0], ordered[-1]
    start = shown_value(indicator, indicator.series[first])
    end = shown_value(indicator, indicator.series[last])
    if first == last:
        text = f"{indicator.name} was {end} in {last}"
    else:
        a = _comparable(indicator, indicator.series[first])
        b = _comparable(indicator, indicator.series[last])
        verb = "rose" if b > a else "fell" if b < a else "stayed"
        text = (f"{indicator.name} stayed at {end} from {first} to {last}" if verb == "stayed"
                else f"{indicator.name} {verb} from {start} in {first} to {end} in {last}")
    polarity = {"higher-is-better": "; higher is better", "lower-is-better": "; lower is better",
                "context": ""}[indicator.polarity]
    target = current_target(indicator)
    aim = (f"; the target is {format_value(indicator, target.value)} by {target.by}"
           if target else "")
    return f"{text}{polarity}{aim}."
