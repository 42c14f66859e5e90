"""Indicator arithmetic: direction of travel, status against target, comparison with England.

Nothing here is typed by an editor: status is always computed from the data, with the
indicator's polarity deciding which way is better.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Indicator, Target

UNIT_SUFFIX = {"percent": "%", "per-10000": " per 10,000 children", "count": "", "days": " days"}


def format_value(indicator: Indicator, value: float | None) -> str:
    """A value with its unit, e.g. '22.0%', '333 per 10,000 children'."""
    if value is None:
        return "no figure"
    decimals = indicator.decimals
    text = f"{value:,.{decimals}f}"
    return text + UNIT_SUFFIX[indicator.unit]


@dataclass(frozen=True)
class Status:
    """How an indicator stands: a short label, a symbol that is not colour, a sentence."""

    key: str  # met | improving | not-on-track | no-target | no-change
    label: str
    symbol: str
    sentence: str


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
    change = after - before
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


def status(indicator: Indicator) -> Status:
    """Where the indicator stands against its target, computed from the data."""
    period, value = latest(indicator)
    target = current_target(indicator)
    shown = format_value(indicator, value)
    if target is None or indicator.polarity == "context":
        return Status("no-target", "No target: shown for context", "○",
                      f"{shown} in {period}. This measure has no target; it gives context.")
    goal = format_value(indicator, target.value)
    if meets(indicator, value, target.value):
        return Status("met", "Target met", "✓",
                      f"{shown} in {period} meets the target of {goal} by {target.by}.")
    key, _ = direction(indicator)
    if key == "better":
        return Status("improving", "Improving, target not yet met", "↗",
                      f"{shown} in {period} is moving towards the target of {goal} by "
                      f"{target.by}.")
    return Status("not-on-track", "Not on track", "✗",
                  f"{shown} in {period} is not moving towards the target of {goal} by "
                  f"{target.by}.")


def england_comparison(indicator: Indicator) -> str | None:
    """How the latest figure compares with England's for the same period, in words."""
    period, value = latest(indicator)
    england = indicator.england.get(period)
    if england is None:
        return None
    shown = format_value(indicator, england)
    if abs(value - england) < _tolerance(indicator) * 2:
        return f"about the same as England ({shown}) in {period}"
    if indicator.polarity == "context":
        side = "higher" if value > england else "lower"
        return f"{side} than England ({shown}) in {period}"
    better = (value > england) == (indicator.polarity == "higher-is-better")
    return f"{'better' if better else 'worse'} than England ({shown}) in {period}"


def trend_sentence(indicator: Indicator) -> str:
    """One sentence describing the line, for the chart's <desc> and the page."""
    ordered = sorted(indicator.series)
    first, last = ordered[0], ordered[-1]
    start = format_value(indicator, indicator.series[first])
    end = format_value(indicator, indicator.series[last])
    if first == last:
        text = f"{indicator.name} was {end} in {last}"
    else:
        verb = ("rose" if indicator.series[last] > indicator.series[first] else
                "fell" if indicator.series[last] < indicator.series[first] else "stayed")
        text = (f"{indicator.name} stayed at {end} from {first} to {last}" if verb == "stayed"
                else f"{indicator.name} {verb} from {start} in {first} to {end} in {last}")
    polarity = {"higher-is-better": "; higher is better", "lower-is-better": "; lower is better",
                "context": ""}[indicator.polarity]
    target = current_target(indicator)
    aim = (f"; the target is {format_value(indicator, target.value)} by {target.by}"
           if target else "")
    return f"{text}{polarity}{aim}."
