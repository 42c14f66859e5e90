"""Figures fit their unit: no negative count, no percentage over 100, no score outside its
range, no 30-digit number; a unit has the fields it needs (a rate its base, a score its
range); a comparator is one the road map's vocabulary names.

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
from goldenthread.read.messages import suggest
from goldenthread.read.models import Indicator
from goldenthread.read.units import bounds, unit_fields_problems

#: The most significant digits a figure may have: more cannot be kept exactly.
MAX_DIGITS = 15


def _figures(indicator: Indicator) -> Iterator[tuple[tuple[Any, ...], float]]:
    for name in ("series", "england", "statistical_neighbours"):
        for period, value in getattr(indicator, name).items():
            yield (name, period), value
    for comparator, figures in indicator.compare.items():
        for period, value in figures.items():
            yield ("compare", comparator, period), value
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
    low, high, unit = bounds(indicator)
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


#: The older fields of an indicator and the comparator ids they stand for.
OLDER_COMPARATORS = {"england": "england", "statistical_neighbours": "similar"}


def _comparator_problems(indicator: Indicator, known: dict[str, str]
                         ) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(location, message) for each comparator the vocabulary does not name, and each
    comparator given twice (in an older field and in compare)."""
    names = ", ".join(known) or "none"
    for field, comparator in OLDER_COMPARATORS.items():
        if getattr(indicator, field) and comparator not in known:
            yield (field,), (f"'{field}' compares with the comparator '{comparator}', which "
                             f"the road map's vocabulary does not name (it names {names}); "
                             "add it to 'comparators' in roadmap.yml, or remove the figures")
        elif getattr(indicator, field) and comparator in indicator.compare:
            yield (field,), (f"the figures for '{comparator}' are given twice, in '{field}' "
                             f"and in 'compare'; keep one")
    for comparator in indicator.compare:
        if comparator not in known:
            yield ("compare", comparator), (
                f"unknown comparator id '{comparator}'{suggest(comparator, known)}; the road "
                f"map's vocabulary names {names} (add one to 'comparators' in roadmap.yml)")


@check
def units_are_complete_and_comparators_known(context: CheckContext) -> Iterable[Problem]:
    """A rate has its base, a score its range; fields of another unit are not given; every
    comparator is one the road map's vocabulary names."""
    roadmap = context.roadmap
    vocabulary = getattr(roadmap, "vocabulary", None)
    known = {c.id: c.name for c in getattr(vocabulary, "comparators", ())}
    for indicator_id, indicator in roadmap.indicators.items():
        found = [((name,), message) for name, message in unit_fields_problems(indicator)]
        if vocabulary is not None:
            found += list(_comparator_problems(indicator, known))
        for loc, message in found:
            code = "unknown-ref" if message.startswith("unknown comparator") else "invalid-value"
            source = roadmap.sources.get(("indicator", indicator_id))
            where = (source.where(loc, prefer_key=True) if source is not None
                     else roadmap.where("indicator", indicator_id, *loc))  # at the field's key
            yield Problem(where, f"indicator '{indicator_id}': {message}", code)
