"""How are we doing?  Every measure against its target and comparators, exceptions first;
overdue actions and out-of-date figures counted; and the measures index in three orders.

Like :mod:`goldenthread.render.views`, these compute plain structures and never format
HTML.  Every date judgement uses the build's today (``views.today``), never the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from goldenthread.render.contexts import Row, TemplateContext
from goldenthread.render.rows import IndicatorSummary
from goldenthread.render.views import RoadmapViews, summarise

#: How far down the page each status comes: the exceptions first.
STATUS_RANK = {"not-on-track": 0, "improving": 2, "near": 3, "suppressed": 4, "met": 5,
               "no-target": 6}
#: The key to the statuses, in the order the page lists them: (key, symbol, words).
STATUS_KEY = (
    ("not-on-track", "✗", "Not on track: short of the target and not moving towards it. "
     "It says how far from the target, and on which side."),
    ("late", "!", "Figures out of date: new figures were due and have not come in."),
    ("improving", "↗", "Improving: short of the target, but moving towards it."),
    ("near", "≈", "Near target: within a small margin of the target (2% of the target, "
     "unless the measure sets its own margin)."),
    ("met", "✓", "Target met: at the target or better."),
    ("no-target", "○", "No target: shown for context only."),
    ("suppressed", "○", "Small number: the figure is hidden to protect privacy, so we "
     "cannot show how it stands."),
)
#: The orders the measures index can be shown in: (key, page, link words).
INDEX_ORDERS = (("name", "indicators/", "A to Z"),
                ("goal", "indicators/by-goal/", "by goal"),
                ("status", "indicators/by-status/", "by status"))


@dataclass(frozen=True)
class MeasureRow:
    """One measure on "How are we doing?"."""

    summary: IndicatorSummary
    accountable: list[Any]  # Accountability records, level order
    figures_late: str | None  # how long ago new figures were due

    @property
    def exception(self) -> bool:
        return self.summary.status.key == "not-on-track" or self.figures_late is not None

    @property
    def rank(self) -> tuple[int, str]:
        key = self.summary.status.key
        rank = STATUS_RANK.get(key, 6)
        if self.figures_late is not None and rank:
            rank = 1
        return rank, self.summary.indicator.name.casefold()


@dataclass(frozen=True)
class HowAreWeDoingContext(TemplateContext):
    """Every measure, exceptions first; the overdue actions; the key to the statuses."""

    template: ClassVar[str] = "how_are_we_doing.html"
    rows: list[MeasureRow]
    not_on_track: int
    figures_late: int
    overdue_actions: list[Row]
    #: Whether the road map has actions (without any, there is no page of them to link).
    any_actions: bool = True
    status_key: tuple = STATUS_KEY
    #: (id, name) of each comparator some measure has a latest figure for: a column each.
    comparators: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MeasuresIndexContext(TemplateContext):
    """The measures index in one order: groups of (heading or None, summaries)."""

    template: ClassVar[str] = "indicators_index.html"
    order: str
    groups: list[tuple[str | None, list[IndicatorSummary]]]
    orders: tuple = INDEX_ORDERS
    #: (id, name) of the comparator the index shows: the first some measure has a figure for.
    comparator: tuple[str, str] | None = None


def used_comparators(views: RoadmapViews, summaries: list[IndicatorSummary]
                     ) -> tuple[tuple[str, str], ...]:
    """(id, name) of each comparator at least one of ``summaries`` has a latest figure for,
    in the vocabulary's order."""
    used = {c.id for s in summaries for c in s.comparisons}
    return tuple((key, name) for key, name in views.comparators if key in used)


def measure_rows(views: RoadmapViews) -> list[MeasureRow]:
    """Every measure with its owner and whether its figures are late, exceptions first."""
    rows = [MeasureRow(summarise(i, ind, views.comparators), views.measure_accountable(i),
                       views.figures_late(i)) for i, ind in views.roadmap.indicators.items()]
    return sorted(rows, key=lambda r: r.rank)


def how_are_we_doing(views: RoadmapViews) -> HowAreWeDoingContext:
    rows = measure_rows(views)
    overdue = [r for g in views.actions_by_status() if g["key"] == "overdue" for r in g["rows"]]
    return HowAreWeDoingContext(
        rows=rows,
        not_on_track=sum(1 for r in rows if r.summary.status.key == "not-on-track"),
        figures_late=sum(1 for r in rows if r.figures_late is not None),
        overdue_actions=overdue,
        any_actions=bool(views.roadmap.actions),
        comparators=used_comparators(views, [r.summary for r in rows]),
    )


def measures_index(views: RoadmapViews, order: str = "name") -> MeasuresIndexContext:
    """The measures A to Z by name, grouped by goal, or grouped by status (exceptions
    first): separate pages, so no script is needed to re-sort."""
    if order not in {key for key, _, _ in INDEX_ORDERS}:
        raise ValueError(f"order must be one of name, goal, status, not {order!r}")
    summaries = sorted((summarise(i, ind, views.comparators)
                        for i, ind in views.roadmap.indicators.items()),
                       key=lambda s: s.indicator.name.casefold())
    shown = (used_comparators(views, summaries) or (None,))[0]
    if order == "name":
        return MeasuresIndexContext(order=order, groups=[(None, summaries)], comparator=shown)
    groups: list[tuple[str | None, list[IndicatorSummary]]] = []
    if order == "goal":
        for goal_id, goal in views.roadmap.goals.items():
            members = [s for s in summaries if goal_id in s.indicator.goals]
            if members:
                groups.append((goal.title, members))
        return MeasuresIndexContext(order=order, groups=groups, comparator=shown)
    for key, _, words in STATUS_KEY:
        members = [s for s in summaries if s.status.key == key]
        if members:
            groups.append((words.partition(":")[0], members))
    return MeasuresIndexContext(order=order, groups=groups, comparator=shown)
