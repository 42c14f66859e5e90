"""The inputs of each template, declared: one typed context per template.

Every template also gets ``info`` (the road map's own record), ``views`` (its
:class:`~goldenthread.render.views.RoadmapViews`), ``urls`` (links from the page being
rendered) and the globals ``LEVELS`` and ``LEVEL_LABELS``; the context adds the rest,
each field under the name the template uses.  The view functions build these and
:func:`goldenthread.render.pages.render` renders one, so a template's inputs are found
here without reading it.  Rows inside a context stay plain dicts and tuples, as the
views make them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar

from goldenthread.derive.review_dates import ReviewDates
from goldenthread.read.models import (
    Accountability,
    Goal,
    Indicator,
    PartnerPlan,
    PlanPriority,
    Priority,
    Service,
    Term,
)
from goldenthread.render.rows import (
    GoalCoverage,
    IndicatorSummary,
    PlanPriorityCoverage,
    Readability,
)

#: A row of plain values, as a view builds it for a template.
Row = Mapping[str, Any]
#: (id, item) pairs, as links to items are given to templates.
Linked = Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class TemplateContext:
    """The inputs of one template (named by :attr:`template`) beyond the common ones."""

    template: ClassVar[str]

    def values(self) -> dict[str, Any]:
        """The fields by name, as the template sees them (not copied)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


# -- item pages (generated, one per item) ---------------------------------------------
@dataclass(frozen=True)
class GoalContext(TemplateContext):
    """A goal with its measures, the services and actions serving it, and who answers."""

    template: ClassVar[str] = "goal.html"
    id: str
    goal: Goal
    indicators: Sequence[IndicatorSummary]
    services: Sequence[tuple[str, Service, str]]  # (id, service, how it serves the goal)
    priorities: Sequence[tuple[str, Priority]]
    actions: Sequence[Row]
    accountable: Mapping[str, list[Accountability]]  # level -> accountabilities
    plans: Sequence[tuple[str, PartnerPlan, PlanPriority]]  # (plan id, plan, plan priority)
    stories: Sequence[Row]
    blockages: Sequence[tuple[str, Any]] = ()  # open blockages holding it up (intranet)
    review: ReviewDates | None = None


@dataclass(frozen=True)
class PriorityContext(TemplateContext):
    """A work stream: the goals it serves, its actions and who answers for it."""

    template: ClassVar[str] = "priority.html"
    id: str
    priority: Priority
    goals: Sequence[tuple[str, Goal]]
    actions: Sequence[Row]
    accountable: Mapping[str, list[Accountability]]
    review: ReviewDates | None = None


@dataclass(frozen=True)
class ServiceContext(TemplateContext):
    """The golden thread of one service: its work, the goals it serves, the vision."""

    template: ClassVar[str] = "service.html"
    id: str
    service: Service
    goals: Sequence[tuple[str, Goal, str]]  # (id, goal, how the service serves it)
    vision: str
    actions: Sequence[Row]
    blockages: Sequence[tuple[str, Any]] = ()  # open blockages holding it up (intranet)
    review: ReviewDates | None = None


@dataclass(frozen=True)
class IndicatorContext(TemplateContext):
    """One indicator: chart, table, target, comparators and computed status."""

    template: ClassVar[str] = "indicator.html"
    id: str
    indicator: Indicator
    summary: IndicatorSummary
    trend: str
    chart: str  # SVG markup, built by goldenthread.render.charts
    rows: Sequence[Row]  # one per period: period, value, compared (one per comparator), target
    goals: Sequence[tuple[str, Goal]]
    comparators: Sequence[str] = ()  # the names of the comparators the table has columns for
    unit: str = ""  # the unit in words, with its base and population or range
    accountable: Sequence[Accountability] = ()  # roles accountable for its goals
    figures_late: str | None = None  # how long ago new figures were due, if they were
    review: ReviewDates | None = None


# -- pages called by macros ---------------------------------------------------------
@dataclass(frozen=True)
class HomeContext(TemplateContext):
    """The home page: everything it shows comes from ``views`` and ``info``.  On the
    intranet (``staff``) it starts from what staff need: open blockages, how to raise one,
    and what changes, service by service."""

    template: ClassVar[str] = "home.html"
    staff: bool = False
    open_blockages: Sequence[tuple[str, Any]] = ()
    services: Sequence[Row] = ()  # service id, service, its actions (with progress)
    versions: Sequence[Row] = ()  # the versions for other readers: page, title, about


@dataclass(frozen=True)
class RoadmapContext(TemplateContext):
    """The road map on a page (its rows come from ``views.roadmap_on_a_page()``)."""

    template: ClassVar[str] = "roadmap.html"


@dataclass(frozen=True)
class GoalsIndexContext(TemplateContext):
    """Every goal (from ``views``)."""

    template: ClassVar[str] = "goals_index.html"


@dataclass(frozen=True)
class PrioritiesIndexContext(TemplateContext):
    """Every priority (from ``views``)."""

    template: ClassVar[str] = "priorities_index.html"


@dataclass(frozen=True)
class ServicesIndexContext(TemplateContext):
    """Services A to Z: (letter, [(id, service)]) groups."""

    template: ClassVar[str] = "services_index.html"
    groups: Sequence[tuple[str, Sequence[tuple[str, Service]]]]
    #: Every goal by id, to name the goals each service serves.
    goals: Mapping[str, Goal]


# The measures index (indicators_index.html) and "How are we doing?" have their contexts
# in goldenthread.render.performance, beside the views that build them.


@dataclass(frozen=True)
class ActionsIndexContext(TemplateContext):
    """Actions grouped by progress: key, label, symbol and rows of each group."""

    template: ClassVar[str] = "actions_index.html"
    groups: Sequence[Row]
    #: Every priority by id, to name each action's.
    priorities: Mapping[str, Priority]


@dataclass(frozen=True)
class AccountabilityContext(TemplateContext):
    """Rows for goals then priorities: kind, id, title and levels."""

    template: ClassVar[str] = "accountability.html"
    rows: Sequence[Row]


@dataclass(frozen=True)
class PartnerPlansContext(TemplateContext):
    """Each plan (id, plan, priorities with the goals serving each)."""

    template: ClassVar[str] = "partner_plans.html"
    plans: Sequence[Row]


@dataclass(frozen=True)
class GlossaryContext(TemplateContext):
    """The glossary's terms, A to Z."""

    template: ClassVar[str] = "glossary.html"
    terms: Sequence[Term]


@dataclass(frozen=True)
class BlockagesContext(TemplateContext):
    """Open and closed blockages with their state on ``today``, and the escalation rules."""

    template: ClassVar[str] = "blockages.html"
    today: date
    open_rows: Sequence[Row]  # state, related: oldest first
    closed_rows: Sequence[Row]
    overdue_count: int
    rules: Sequence[tuple[str, int]]  # (level name, days before escalation)
    level_names: Mapping[str, str]


@dataclass(frozen=True)
class MunroContext(TemplateContext):
    """The Munro self-assessment; ``internal`` adds the column saying what is public."""

    template: ClassVar[str] = "munro.html"
    rows: Sequence[Row]
    internal: bool
    caption: str
    empty: str  # what to say when there are no rows


@dataclass(frozen=True)
class StoriesContext(TemplateContext):
    """Stories of difference, newest first."""

    template: ClassVar[str] = "stories.html"
    rows: Sequence[Row]


@dataclass(frozen=True)
class MoneyContext(TemplateContext):
    """Where the money goes (goldenthread.render.money_views): each year's sums by stage of
    help, goal and partner, the chart, and every budget line this audience sees."""

    template: ClassVar[str] = "money.html"
    internal: bool
    years: Sequence[Row]  # one per budget, earliest first, with its lines
    headline: str  # the current year in words ('' without budgets)
    change: str  # how the balance moves from the first year to the last ('' with one)
    chart: str  # SVG markup (goldenthread.render.money_chart)
    stage_rows: Sequence[Row]  # the chart's figures, one row per year
    goal_rows: Sequence[Row]  # one per goal, then what is not shown and the totals
    partner_rows: Sequence[Row]  # one per partner, likewise
    hidden: bool  # the public site does not show some lines item by item
    staff_only: Row | None  # intranet: the lines the public site shows only in totals
    illustrative: bool
    empty: str  # what to say without budgets
    #: Years whose totals add up only the lines shown, and years whose smallest lines shown
    #: are merged into "not shown item by item", so that no hidden line can be worked out
    #: (goldenthread.derive.remainder).
    withheld: str = ""  # e.g. '2011-12 and 2012-13'
    merged: str = ""
    #: The stages of spending (id, name, meaning), their names as a heading, and who pays
    #: in words: the road map's vocabulary and partners (goldenthread.derive.vocabulary_lists).
    stages: Sequence[Row] = ()
    stage_heading: str = ""
    payers: str = ""


@dataclass(frozen=True)
class SocialReturnContext(TemplateContext):
    """Each social return on investment analysis, worked out, with every assumption."""

    template: ClassVar[str] = "sroi.html"
    analyses: Sequence[Row]
    empty: str  # what to say without analyses


@dataclass(frozen=True)
class HealthContext(TemplateContext):
    """The health of the road map: coverage, readability and the checks' warnings."""

    template: ClassVar[str] = "health.html"
    goals: Sequence[GoalCoverage]
    plan_priorities: Sequence[PlanPriorityCoverage]
    services_total: int
    services_without_goal: Sequence[str]
    actions_total: int
    readability: Sequence[Readability]
    readability_more: int  # texts scored but not listed
    average_score: float | None
    average_band: str | None
    min_words: int
    warnings: Sequence[Any] = ()
    page_grades: Sequence[tuple[str, int, float]] = ()  # (page, words, grade), hardest first
    target_grade: int = 6
    #: How many of the vision, goals, services and measures have each version for other
    #: readers (goldenthread.derive.reader_versions.Coverage).
    versions: Sequence[Any] = ()


@dataclass(frozen=True)
class ChangesContext(TemplateContext):
    """The change log (goldenthread.history.changes) and how its sections are named."""

    template: ClassVar[str] = "changes.html"
    log: Any
    limit: int
    SECTIONS: Sequence[Any]
    SECTION_TITLES: Mapping[str, str]


@dataclass(frozen=True)
class DataPageContext(TemplateContext):
    """The open-data page (goldenthread.publish.open_data.data_page)."""

    template: ClassVar[str] = "data_page.html"
    audience: str
    files: Sequence[Any]
    indicator_files: Sequence[Any]
    licence: str
    licence_url: str
    formula_starts: Any


# -- the generated reference (goldenthread.editor.reference) -----------------------
@dataclass(frozen=True)
class ReferenceDataContext(TemplateContext):
    """Every kind of file and block inside files, with its fields."""

    template: ClassVar[str] = "reference_data.html"
    blocks: Sequence[Any]


@dataclass(frozen=True)
class ReferenceCodesContext(TemplateContext):
    """(code, severity, meaning) of every problem code."""

    template: ClassVar[str] = "reference_codes.html"
    rows: Sequence[tuple[str, str, str]]


@dataclass(frozen=True)
class ReferenceMacrosContext(TemplateContext):
    """(how to call it, its documentation) of every macro."""

    template: ClassVar[str] = "reference_macros.html"
    rows: Sequence[tuple[str, str]]
