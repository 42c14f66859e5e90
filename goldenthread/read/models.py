"""The road map's typed, frozen models: one class per kind of file or block.

Every field has a plain-English description.  Those descriptions are the editors'
documentation: they appear in the JSON Schema (autocompletion in the editor), in
the generated data-format reference and in the open-data field lists.

Items kept one per file (goals, priorities, indicators, services, actions,
partner plans) have no ``id`` field: the file name is the id.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from goldenthread.read.accessibility_models import ACCESSIBILITY, AccessibilityStatement
from goldenthread.read.contacts import HelpContact
from goldenthread.read.field_types import (
    EASY_READ,
    FOR_YOUNG_PEOPLE,
    LAST_REVIEWED,
    REPOSITORY,
    REVIEW_BY,
    VISIBILITY,
    Date,
    Id,
    Number,
    Period,
    Quarter,
    Repository,
    Strict,
    Text,
    Visibility,
)
from goldenthread.read.money_models import MONEY_SETTINGS, MoneySettings, PartnerEntry
from goldenthread.read.units import COMPARE, HIGHEST, LOWEST, PER, POPULATION, UNIT, Unit
from goldenthread.read.vocabulary import VocabularyFields


class Achievement(Strict):
    """Something that has gone well, with the evidence for it."""

    title: Text = Field(
        description="A short headline, e.g. 'Most people go home from hospital within a week'.")
    detail: Text = Field(description="One or two sentences on what was achieved and for whom.")
    evidence: Text | None = Field(None, description="Where the evidence comes from.")
    visibility: Visibility = VISIBILITY


class RoadmapInfo(VocabularyFields):
    """The road map itself (roadmap.yml): the vision and why it matters."""

    organisation: Text = Field(description="Who publishes the road map, e.g. the council's name.")
    title: Text = Field(description="The road map's title, in plain words.")
    vision: Text = Field(description="The vision in one sentence that anyone can understand.")
    easy_read: Text | None = Field(
        None, description="The vision in easy read: sentences of 15 words or fewer, one "
        "idea in each. It opens the easy-read page, with a picture.")
    why_it_matters: Text = Field(description="A short paragraph: why the road map exists.")
    benefits: list[Text] = Field(
        min_length=1, description="What the people the road map serves, staff and "
        "partners will gain, one per line."
    )
    owner: Text = Field(description="The role (not the person) that owns the road map.")
    last_reviewed: Date = Field(description="When the road map was last reviewed (YYYY-MM-DD).")
    review_by: Date = Field(description="When it must next be reviewed (YYYY-MM-DD).")
    as_at: Date | None = Field(
        None, description="The date the road map is shown as at (YYYY-MM-DD): the checks and "
        "pages treat it as today, so the road map builds the same on any day (the example "
        "road map uses it). Delete this line for your own road map, and the real date applies.")
    achievements: list[Achievement] = Field(
        default_factory=list, description="What has gone well: successes to celebrate."
    )
    help_contacts: list[HelpContact] = Field(
        default_factory=list,
        description="Where to get help: a worry about someone's safety, advice and support, "
        "out of hours. Shown on the home page and every service page; their phone numbers and web "
        "addresses may be published.")
    public_contacts: list[Text] = Field(
        default_factory=list,
        description="Organisational email addresses and phone numbers that may be published, "
        "one per line, e.g. a service's front-door number. Any other email address or UK "
        "phone number in public text stops the public build, to protect people's details.",
    )
    partners: list[Text | PartnerEntry] = Field(
        default_factory=list, description="Partners that share or pay for the road map "
        "(optional): a name ('Health services', id 'health-services' in budget lines), or "
        "an entry with 'id', 'name', and optionally 'short' and 'pays_only'.")
    money: MoneySettings = Field(default_factory=MoneySettings, description=MONEY_SETTINGS)
    site_name: Text | None = Field(
        None, description="The site's name, shown at the top of every page and in the "
        "browser's tab (optional: the title is used).")
    description: Text | None = Field(
        None, description="One sentence on what the road map is, for search engines and "
        "link previews (optional: the vision is used).")
    accessibility_contact: Text | None = Field(
        None, description="How to ask for the site in another format or report an "
        "accessibility problem, shown in the accessibility statement: a web address (a "
        "contact form) or a team mailbox listed in public_contacts. Without it, the "
        "statement says to contact the organisation.")
    accessibility_reply_days: int | None = Field(
        None, ge=1, le=60, description="Within how many working days the team replies to "
        "an accessibility request (optional; without it no time is promised).")
    accessibility: AccessibilityStatement | None = ACCESSIBILITY
    logo: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+\.(svg|png)$")] | None = Field(
        None, description="The organisation's logo: a file in the data folder next to "
        "roadmap.yml, e.g. 'logo.svg' or 'logo.png' (optional).")
    favicon: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+\.(svg|png)$")] | None = Field(
        None, description="The small icon browsers show in the tab: a file in the data "
        "folder next to roadmap.yml, e.g. 'favicon.png' (optional).")
    repository: Repository = REPOSITORY


class Goal(Strict):
    """An outcome the road map exists to achieve (goals/<id>.yml)."""

    title: Text = Field(description="The outcome in plain words, e.g. 'People are safe at home'.")
    summary: Text = Field(
        description="One or two sentences on what the goal means for the people it serves.")
    success_looks_like: list[Text] = Field(
        min_length=1, description="What success looks like, one statement per line."
    )
    serves: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]] = Field(
        default_factory=list,
        description="Partner-plan priorities this goal serves, written 'plan-id/priority-id'.",
    )
    order: int = Field(100, description="Where it comes in lists: smaller numbers come first.")
    easy_read: Text | None = EASY_READ
    for_young_people: Text | None = FOR_YOUNG_PEOPLE
    scrutiny_questions: list[Text] = Field(
        default_factory=list, description="Two or three questions councillors can ask about "
        "this goal at scrutiny, one per line. They are shown on the briefing for "
        "councillors, which is left out when no goal has any.")
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY


class Priority(Strict):
    """A work stream of the road map (priorities/<id>.yml)."""

    title: Text = Field(description="The work stream in plain words.")
    summary: Text = Field(description="One or two sentences on what will be done.")
    goals: list[Id] = Field(min_length=1, description="Ids of the goals this priority serves.")
    lead: Text = Field(description="The role that leads this priority.")
    order: int = Field(100, description="Where it comes in lists: smaller numbers come first.")
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY


class Target(Strict):
    """A target value for an indicator, to be reached by a period."""

    value: Number = Field(description="The target value, in the indicator's unit.")
    by: Period = Field(description="The period by which to reach it, e.g. '2014-15'.")


class Indicator(Strict):
    """A measure that shows whether a goal is being achieved (indicators/<id>.yml); the
    key measures (key_measure: true) are shown on the road map on a page."""

    name: Text = Field(description="The measure's name in plain words.")
    description: Text = Field(description="What the measure tells a reader, in one sentence.")
    definition: Text = Field(description="The exact, official definition.")
    unit: Unit = UNIT
    per: int | None = PER
    population: Text | None = POPULATION
    lowest: Number | None = LOWEST
    highest: Number | None = HIGHEST
    decimals: int = Field(1, ge=0, le=3, description="How many decimal places to show (0 to 3).")
    polarity: Literal["higher-is-better", "lower-is-better", "context"] = Field(
        description="Which way is good: higher-is-better, lower-is-better, or context (no "
        "direction is better; shown for context only).")
    kind: Literal["hard", "soft"] = Field(
        description="hard: counted from records; soft: what people and staff report.")
    rba: Literal["how-much", "how-well", "better-off"] = Field(
        description="The question it answers (from Results-Based Accountability): how-much "
        "(how much did we do?), how-well (how well did we do it?) or better-off (is anyone "
        "better off?).")
    key_measure: bool = Field(
        False, description="true to show it on the 'road map on a page' as a key measure.")
    goals: list[Id] = Field(min_length=1, description="Ids of the goals this indicator measures.")
    series: dict[Period, Number] = Field(
        min_length=1, description="The figures, one line per period, e.g. '2011-12: 21.5'.")
    illustrative: bool = Field(
        False, description="true when the figures are examples, not published statistics.")
    suppress_small_numbers: bool = Field(
        False, description="true to hide small counts, as official statistics do: figures from "
        "1 to 5 are shown as 'fewer than 6' on pages and as 'c' in the data files, so that no "
        "one can be identified. Only for indicators whose unit is count.")
    baseline: Period | None = Field(None, description="The period the road map started from.")
    targets: list[Target] = Field(default_factory=list, description="Targets, each with a period.")
    tolerance: Number | None = Field(
        None, ge=0, description="How close to the target counts as 'near target', in the "
        "indicator's unit (optional: 2% of the target).")
    england: dict[Period, Number] = Field(
        default_factory=dict, description="The England average, one line per period (the "
        "older way to write 'compare: {england: ...}').")
    statistical_neighbours: dict[Period, Number] = Field(
        default_factory=dict, description="The average of similar areas, one line per "
        "period (the older way to write 'compare: {similar: ...}').")
    compare: dict[Id, dict[Period, Number]] = COMPARE
    story_behind_the_curve: Text | None = Field(
        None, description="Why the line moves as it does: the story behind the curve.")
    easy_read: Text | None = EASY_READ
    source: Text = Field(description="Where the figures come from.")
    owner: Text = Field(description="The role responsible for the data.")
    next_update: Date = Field(description="When new figures are due (YYYY-MM-DD).")
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY

    @field_validator("suppress_small_numbers")
    @classmethod
    def _suppress_counts_only(cls, value: bool, info: ValidationInfo) -> bool:
        unit = info.data.get("unit")
        if value and unit is not None and unit != "count":
            raise ValueError(
                f"'suppress_small_numbers' only applies to counts, and this indicator's unit is "
                f"'{unit}': remove the line, or set the unit to count if the figures are counts")
        return value

    @model_validator(mode="after")
    def _periods_agree(self) -> Indicator:
        forms = {_period_form(p) for p in self.series}
        if len(forms) > 1:
            raise ValueError(
                "the series mixes kinds of period (years, year ranges, quarters); use one kind"
            )
        others = [*self.england, *self.statistical_neighbours,
                  *(p for figures in self.compare.values() for p in figures),
                  *(t.by for t in self.targets)]
        stray = sorted({p for p in others if _period_form(p) not in forms})
        if stray:
            raise ValueError(
                f"the periods {', '.join(stray)} (in england, statistical_neighbours, "
                f"compare or targets) are not the same kind of period as the series "
                f"({forms.pop()}); write them the same way")
        if self.baseline is not None and self.baseline not in self.series:
            raise ValueError(f"the baseline '{self.baseline}' is not one of the series periods")
        return self


def _period_form(period: str) -> str:
    if re.fullmatch(r"[0-9]{4}", period):
        return "year"
    return "quarter" if "Q" in period else "range"


class Change(Strict):
    """What changes for the people a service serves: before and after."""

    before: Text = Field(description="What people experienced before.")
    after: Text = Field(description="What people experience now or will experience.")


class Contribution(Strict):
    """One goal a service contributes to, and how."""

    goal: Id = Field(description="The id of the goal.")
    how: Text = Field(description="One sentence: how this service helps achieve the goal.")


class Service(Strict):
    """A service, team or board, and the goals it serves (services/<id>.yml)."""

    name: Text = Field(description="The service's everyday name.")
    description: Text = Field(description="What the service does, in one or two sentences.")
    what_changes: Change = Field(description="What changes for the people the service "
                                  "serves: before and after.")
    # At least one goal is required; the alignment check says so in plain words (with the
    # file and line), so the rule lives there and in the schema, not in validation.
    contributes_to: list[Contribution] = Field(
        default_factory=list, json_schema_extra={"minItems": 1},
        description="The goals this service contributes to (at least one), each with how.",
    )
    owner: Text = Field(description="The role that runs the service.")
    partners: list[Text] = Field(
        default_factory=list, description="Partner organisations that deliver it with us."
    )
    easy_read: Text | None = EASY_READ
    for_young_people: Text | None = FOR_YOUNG_PEOPLE
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY


class Action(Strict):
    """A milestone: something that will be done, by whom and when (actions/<id>.yml)."""

    title: Text = Field(description="What will be done, in plain words.")
    priority: Id = Field(description="The id of the priority this action delivers.")
    services: list[Id] = Field(default_factory=list, description="Ids of the services involved.")
    owner: Text = Field(description="The role responsible for getting it done.")
    due: Date | Quarter = Field(description="When it is due: a date (YYYY-MM-DD) or 'YYYY-Qn'.")
    status: Literal["not-started", "on-track", "at-risk", "off-track", "done"] = Field(
        description="Progress: not-started, on-track, at-risk, off-track or done."
    )
    evidence: Text | None = Field(None, description="What shows progress or completion.")
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY


class Accountability(Strict):
    """Who answers for a goal, priority or action, and at which level."""

    role: Text = Field(
        description="The role (not the person), e.g. 'Director of Public Health'.")
    organisation: Text = Field(description="The organisation the role belongs to.")
    level: Id = Field(
        description="The level it answers at: the id of one of the accountability levels of "
        "the road map's vocabulary (or of its own 'accountability_levels' list in roadmap.yml)."
    )
    responsibility: Literal["accountable", "responsible"] = Field(
        "accountable",
        description="accountable (answers for it) or responsible (does the work).",
    )
    goal: Id | None = Field(
        None, description="The id of the goal (give one of goal, priority, action).")
    priority: Id | None = Field(None, description="The id of the priority.")
    action: Id | None = Field(None, description="The id of the action.")
    visibility: Visibility = VISIBILITY

    @model_validator(mode="after")
    def _exactly_one_subject(self) -> Accountability:
        given = [n for n in ("goal", "priority", "action") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of 'goal', 'priority' or 'action' (found "
                f"{len(given) or 'none'}{': ' + ', '.join(given) if given else ''})"
            )
        return self

    @property
    def subject(self) -> tuple[str, str]:
        """(kind, id) of what this accountability is for."""
        for kind in ("goal", "priority", "action"):
            value = getattr(self, kind)
            if value is not None:
                return kind, value
        raise AssertionError("validated to have one subject")


class Accountabilities(Strict):
    """accountabilities.yml: the list of who is accountable for what."""

    accountabilities: list[Accountability] = Field(
        description="One entry for each role and what it answers for.")


class PlanPriority(Strict):
    """A priority in a partner's plan."""

    id: Id = Field(description="A short id, unique within the plan.")
    title: Text = Field(description="The plan's own wording of the priority.")
    out_of_scope: Text | None = Field(
        None, description="If the road map does not serve this priority, say why."
    )


class PartnerPlan(Strict):
    """A partner's plan the road map links to (partner-plans/<id>.yml)."""

    title: Text = Field(description="The plan's title.")
    owner: Text = Field(description="The body that owns the plan.")
    period: Text = Field(description="The years it covers, e.g. '2012 to 2015'.")
    summary: Text = Field(description="One sentence on what the plan is for.")
    priorities: list[PlanPriority] = Field(min_length=1, description="The plan's priorities.")
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY


class Term(Strict):
    """A glossary entry: a term, its plain meaning and the words to avoid."""

    term: Text = Field(description="The term as readers should see it.")
    meaning: Text = Field(description="What it means, in plain words.")
    stands_for: Text | None = Field(None, description="For an abbreviation: what it stands for.")
    avoid: list[Text] = Field(
        default_factory=list,
        description="Jargon to avoid, one per line; the term above is the plain word to use.",
    )
    visibility: Visibility = VISIBILITY


class Glossary(Strict):
    """glossary.yml: plain meanings of terms, and the jargon to replace."""

    terms: list[Term] = Field(description="One entry per term.")
