"""Indicator arithmetic: direction of travel, status against target, comparison with England.

Nothing here is typed by an editor: status is always computed from the data, with the
indicator's polarity deciding which way is better.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from goldenthread.read.models import Indicator, Target
from goldenthread.read.units import with_unit

T = TypeVar("T")


def format_value(indicator: Indicator, value: float | None) -> str:
    """A value with its unit, its base and population or its range, e.g. '22.0%', '333
    per 10,000 people', '41.2 per 100,000 people aged 65 and over', '8.3 on a score of 0
    to 12', '£1,250'."""
    if value is None:
        return "no figure"
    return with_unit(indicator, f"{value:,.{indicator.decimals}f}")


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
    found |= {p for figures in indicator.compare.values() for p in figures}
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
    """A difference in the indicator's unit: '1.3 points' for percentages and scores."""
    if indicator.unit in ("percent", "score"):
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


#: The older fields of an indicator and the comparator ids they stand for.
OLDER_COMPARATORS = {"england": "england", "statistical_neighbours": "similar"}


def comparator_figures(indicator: Indicator) -> dict[str, dict[str, float]]:
    """Every comparator's figures by its id: the older fields ``england`` and
    ``statistical_neighbours`` as 'england' and 'similar', then ``compare``."""
    found = {key: dict(getattr(indicator, field)) for field, key in OLDER_COMPARATORS.items()
             if getattr(indicator, field)}
    return {**found, **{key: dict(figures) for key, figures in indicator.compare.items()}}


def in_sentence(name: str) -> str:
    """A comparator's name inside a sentence: 'The region' reads 'the region' there."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in {"The", "Other", "Similar", "All"} and rest \
        else name


def comparison(indicator: Indicator, name: str, figures: dict[str, float]) -> str | None:
    """How the latest figure compares with a comparator's (named ``name``, with
    ``figures``) for the same period, in words; None when it has no figure for it."""
    period, _ = latest(indicator)
    theirs = figures.get(period)
    if theirs is None:
        return None
    shown, said = format_value(indicator, theirs), in_sentence(name)
    found = latest_verdict(indicator, figures)
    if found is None:
        whose = f"the figure for {said}" if said.endswith("s") else f"{said}'s figure"
        return f"{whose} was {shown} in {period}; ours was {SUPPRESSED}"
    if found == "same":
        return f"about the same as {said} ({shown}) in {period}"
    return f"{found} than {said} ({shown}) in {period}"


def england_comparison(indicator: Indicator) -> str | None:
    """How the latest figure compares with England's for the same period, in words."""
    return comparison(indicator, "England", indicator.england)


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
