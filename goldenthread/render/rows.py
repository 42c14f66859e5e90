"""The records templates list: one per row of a table, built by the views.

Kept apart from the views that build them so that :mod:`goldenthread.render.contexts`
can name them without importing the views.
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.derive.trend import Status, in_sentence
from goldenthread.read.models import Indicator


@dataclass(frozen=True)
class Compared:
    """One comparator's latest figure for an indicator, named as the road map names it."""

    id: str
    name: str
    value: str  # its figure for our latest period, with the unit
    sentence: str  # how ours compares with it, in words

    @property
    def in_sentence(self) -> str:
        """The name inside a sentence: 'Compared with the region', not '... The region'."""
        return in_sentence(self.name)


@dataclass(frozen=True)
class IndicatorSummary:
    """What a list of indicators shows about one indicator."""

    id: str
    indicator: Indicator
    latest_period: str
    latest_value: str
    status: Status
    direction: str
    england: str | None
    target: str | None
    #: Short comparators for lists: England's and similar councils' latest-period figures.
    england_value: str | None = None
    neighbours_value: str | None = None
    #: Every comparator with a figure for our latest period, in the vocabulary's order.
    comparisons: tuple[Compared, ...] = ()

    def compared(self, comparator_id: str) -> str | None:
        """The latest figure of the comparator ``comparator_id``; None when it has none."""
        return next((c.value for c in self.comparisons if c.id == comparator_id), None)


@dataclass(frozen=True)
class GoalCoverage:
    """How complete one goal's thread is."""

    id: str
    title: str
    public: bool
    plan_priorities: int
    services: int
    measures: int
    measures_with_target: int
    levels: dict[str, int]  # each level -> roles named at it
    unused: tuple[str, ...] = ()  # levels marked not used: no gap when no one is named

    @property
    def gaps(self) -> int:
        """How many of the checks this goal fails."""
        return (sum(1 for n in (self.plan_priorities, self.services, self.measures_with_target)
                    if not n) + sum(1 for level, n in self.levels.items()
                                    if not n and level not in self.unused))


@dataclass(frozen=True)
class PlanPriorityCoverage:
    """One partner-plan priority and the goals that serve it."""

    plan: str
    title: str
    goals: tuple[str, ...]
    out_of_scope: str | None


@dataclass(frozen=True)
class Readability:
    """The reading ease of one public text."""

    label: str
    field: str
    words: int
    score: float
    band: str
    excerpt: str
