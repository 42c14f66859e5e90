"""Figures fit their unit: no negative count, no percentage over 100, no 30-digit number.

A measure's figures are published as they are written, so a figure its unit cannot hold
would be shown to readers (a count of -5 shown as "Target met"), break a chart (a
figure of 1e308), or be silently rounded (a 30-digit number).  Each is an error at
the figure's own line, in both builds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from goldenthread.check.registry import CheckContext, check
from goldenthread.problems import Problem
from goldenthread.read.models import Indicator

#: unit -> (lowest, highest, what the unit is, in words)
BOUNDS: dict[str, tuple[float, float, str]] = {
    "percent": (0, 100, "a percentage, from 0 to 100"),
    "per-10000": (0, 10_000, "a rate per 10,000, from 0 to 10,000"),
    "count": (0, 100_000_000, "a count, a whole number from 0 to 100,000,000"),
    "days": (0, 36_500, "a number of days, from 0 to 36,500"),
}
#: The most significant digits a figure may have: more cannot be kept exactly.
MAX_DIGITS = 15


def _figures(indicator: Indicator) -> Iterator[tuple[tuple[Any, ...], float]]:
    for name in ("series", "england", "statistical_neighbours"):
        for period, value in getattr(indicator, name).items():
            yield (name, period), value
    for i, target in enumerate(indicator.targets):
        yield ("targets", i, "value"), target.value


def _written(loaded: Any, loc: tuple[Any, ...]) -> str | None:
    """The figure as the editor wrote it, where Python would show it otherwise (the
    loader keeps that text); None when it is shown as written."""
    return getattr(loaded, "numbers", {}).get(tuple(loc))


def _digits(text: str) -> int:
    mantissa = re.split(r"[eE]", text)[0]
    return len(mantissa.replace(".", "").lstrip("+-").lstrip("0"))


def _problem(indicator: Indicator, value: float, written: str | None) -> str | None:
    low, high, unit = BOUNDS[indicator.unit]
    shown = written or f"{value:g}"
    if written is not None and _digits(written) > MAX_DIGITS:
        return (f"the figure {shown} has more than {MAX_DIGITS} digits, more than can be "
                "kept exactly; round it")
    if not low <= value <= high:
        return f"the figure {shown} is not {unit}; correct it, or change the indicator's unit"
    if indicator.unit == "count" and value != int(value):
        return f"the figure {shown} is not {unit}; counts have no decimals"
    return None


@check
def figures_fit_their_unit(context: CheckContext) -> Iterable[Problem]:
    """Every figure and target of a measure is possible in its unit, and exact."""
    roadmap = context.roadmap
    for indicator_id, indicator in roadmap.indicators.items():
        loaded = roadmap.sources.get(("indicator", indicator_id))
        for loc, value in _figures(indicator):
            message = _problem(indicator, value, _written(loaded, loc))
            if message is not None:
                yield Problem(roadmap.where("indicator", indicator_id, *loc),
                              f"indicator '{indicator_id}': {message}", "invalid-value")
