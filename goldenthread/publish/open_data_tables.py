"""The open-data tables: one CSV per kind of thing, in long, tidy form.

Each table is a list of columns, and each column has a plain-English meaning.  Where a
column is a field of the road map's models, its meaning is that field's own description
(``model_fields[...].description``), so the Data page, the JSON Schema and the editors'
documentation never disagree.  Cells hold raw values; turning them into CSV text (and
making them safe for spreadsheets) is :mod:`goldenthread.publish.open_data`'s job.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from goldenthread.derive.money import money_years, social_value
from goldenthread.derive.reader_versions import VERSIONS, item_versions
from goldenthread.derive.remainder import REMAINDER_MEANING, published_remainder
from goldenthread.derive.trend import comparator_figures, periods, status, suppressed
from goldenthread.read.models import (
    Accountability,
    Action,
    Contribution,
    Goal,
    Indicator,
    PartnerPlan,
    PlanPriority,
    Priority,
    Service,
    Target,
)
from goldenthread.read.money_models import Allocation, Budget, Outcome, SocialReturn
from goldenthread.read.roadmap import Roadmap
from goldenthread.read.units import unit_words

ID_MEANING = "The item's id: its file name without '.yml'. Other tables refer to it by this id."
#: What a hidden small count is written as in a CSV cell (as official statistics do).
HIDDEN = "c"


@dataclass(frozen=True)
class Column:
    """One column: its header, its meaning, and how to read its value from a row."""

    name: str
    meaning: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    """One CSV file: its name, what a row is, its columns and where its rows come from."""

    file: str
    title: str
    row_is: str
    columns: tuple[Column, ...]
    rows: Callable[[Roadmap], Iterable[Any]]


def _field(model: type[BaseModel], name: str, value: Callable[[Any], Any],
           header: str | None = None) -> Column:
    """A column that is a model field, described by the field's own description."""
    description = model.model_fields[name].description
    if not description:
        raise ValueError(f"{model.__name__}.{name} has no description")
    return Column(header or name, description, value)


def _block_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a field that is one block of fields (such as what_changes), else None."""
    candidates = [a for a in typing.get_args(annotation) or (annotation,) if a is not type(None)]
    found = [a for a in candidates if isinstance(a, type) and issubclass(a, BaseModel)]
    return found[0] if found else None


def _is_nested(annotation: Any) -> bool:
    """True for a list or mapping whose entries are blocks or number-by-period mappings."""
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    if origin is list:
        (entry,) = typing.get_args(annotation)
        return _block_model(entry) is not None
    return False


def item_columns(model: type[BaseModel], exclude: Iterable[str] = (),
                 with_id: bool = True) -> list[Column]:
    """Columns for every field of ``model`` except ``exclude`` (fields with their own table).

    Rows are ``(id, item)`` pairs when ``with_id``, else items.  A block of fields becomes one
    column per field (``what_changes_before``); a list becomes one entry per line in the cell.
    """
    item = (lambda row: row[1]) if with_id else (lambda row: row)
    columns = [Column("id", ID_MEANING, lambda row: row[0])] if with_id else []
    for name, info in model.model_fields.items():
        if name in exclude:
            continue
        if _is_nested(info.annotation):
            raise TypeError(f"{model.__name__}.{name} needs its own table (or an exclusion)")
        block = _block_model(info.annotation)
        if block is None:
            columns.append(_field(model, name, lambda row, n=name: getattr(item(row), n)))
            continue
        for sub in block.model_fields:
            columns.append(_field(
                block, sub, lambda row, n=name, s=sub: getattr(getattr(item(row), n), s),
                header=f"{name}_{sub}"))
    return columns


def figure_status(indicator: Indicator, period: str) -> str:
    """What our figure for ``period`` is: published, illustrative, suppressed or missing."""
    if period not in indicator.series:
        return "missing"
    if suppressed(indicator, indicator.series[period]):
        return "suppressed"
    return "illustrative" if indicator.illustrative else "published"


def value_rows(indicator_id: str, indicator: Indicator) -> list[dict[str, Any]]:
    """One row per period of one indicator: our figure, the target and the comparators."""
    targets = {t.by: t.value for t in indicator.targets}
    rows = []
    for period in periods(indicator):
        value = indicator.series.get(period)
        rows.append({
            "indicator": indicator_id,
            "period": period,
            "value": HIDDEN if suppressed(indicator, value) else value,
            "target": targets.get(period),
            "status": figure_status(indicator, period),
        })
    return rows


def comparison_rows(roadmap: Roadmap) -> list[dict[str, Any]]:
    """One row per comparator's figure of each indicator, in the vocabulary's order of
    comparators and in time order (a comparator the vocabulary does not name is left
    out: the check reports it)."""
    names = {c.id: c.name for c in roadmap.vocabulary.comparators}
    rows = []
    for indicator_id, indicator in roadmap.indicators.items():
        figures = comparator_figures(indicator)
        for key in (k for k in names if k in figures):
            rows += [{"indicator": indicator_id, "comparator": key, "name": names[key],
                      "period": period, "value": value}
                     for period, value in sorted(figures[key].items())]
    return rows


def _key(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row[name]


VALUE_COLUMNS = (
    Column("indicator", "The id of the indicator (see indicators.csv).", _key("indicator")),
    Column("period", "The period the figures are for: a year range such as 2011-12, a year "
           "such as 2012, or a quarter such as 2012-Q3.", _key("period")),
    Column("value", "Our figure for the period, in the indicator's unit (see indicators.csv); "
           f"'{HIDDEN}' when it is a small number (1 to 5) hidden to protect privacy; empty "
           "when there is no figure.", _key("value")),
    Column("target", f"{Target.model_fields['value'].description} Empty when no target "
           "falls in this period.", _key("target")),
    Column("status", "What our figure is: published (an official figure), illustrative (an "
           "example of how the measure is reported, not a published figure), suppressed (a "
           "small number hidden to protect privacy) or missing (no figure for this period).",
           _key("status")),
)

COMPARISON_COLUMNS = (
    Column("indicator", "The id of the indicator (see indicators.csv).", _key("indicator")),
    Column("comparator", "The id of what the figure is for, e.g. england or region.",
           _key("comparator")),
    Column("name", "Its name, as the pages show it, e.g. England.", _key("name")),
    Column("period", "The period the figure is for, written as the indicator's own.",
           _key("period")),
    Column("value", "The comparator's figure for the period, in the indicator's unit.",
           _key("value")),
)

UNIT_IN_WORDS = Column(
    "unit_in_words", "The unit as the pages say it, with a rate's base and population or a "
    "score's range, e.g. 'per 100,000 people aged 65 and over' or 'score (0 to 12)'.",
    lambda row: unit_words(row[1]))

INDICATOR_STATUS = Column(
    "status", "Where the latest figure stands against the target, worked out from the figures "
    "(never typed in): met, near (within the indicator's tolerance of the target), improving, "
    "not-on-track, no-target (no target, or shown for context only) or suppressed (the "
    "latest figure is a hidden small number, so this cannot be shown).",
    lambda row: status(row[1]).key)


def _pairs(items: dict[str, Any]) -> list[tuple[str, Any]]:
    return list(items.items())


@lru_cache(maxsize=1)
def tables() -> tuple[Table, ...]:
    """Every CSV table, in the order the Data page lists them."""
    return (
        Table("goals.csv", "Goals", "one goal", tuple(item_columns(Goal, {"serves"})),
              lambda r: _pairs(r.goals)),
        Table("priorities.csv", "Priorities", "one priority (work stream)",
              tuple(item_columns(Priority)), lambda r: _pairs(r.priorities)),
        Table("services.csv", "Services", "one service, team or board",
              tuple(item_columns(Service, {"contributes_to"})), lambda r: _pairs(r.services)),
        Table("service-goals.csv", "How services serve the goals",
              "one goal a service contributes to, and how", (
                  Column("service", "The id of the service (see services.csv).",
                         lambda row: row[0]),
                  _field(Contribution, "goal", lambda row: row[1].goal),
                  _field(Contribution, "how", lambda row: row[1].how),
              ),
              lambda r: [(sid, c) for sid, s in r.services.items() for c in s.contributes_to]),
        Table("indicators.csv", "Measures", "one indicator (measure)",
              (*item_columns(Indicator, {"series", "england", "statistical_neighbours",
                                         "compare", "targets"}), UNIT_IN_WORDS,
               INDICATOR_STATUS),
              lambda r: _pairs(r.indicators)),
        Table("indicator-values.csv", "Measures: the figures",
              "one indicator in one period", VALUE_COLUMNS,
              lambda r: [row for iid, ind in r.indicators.items() for row in value_rows(iid, ind)]),
        Table("indicator-comparisons.csv", "Measures: what they are compared with",
              "one comparator's figure for one indicator in one period", COMPARISON_COLUMNS,
              comparison_rows),
        Table("actions.csv", "Actions", "one action (milestone)", tuple(item_columns(Action)),
              lambda r: _pairs(r.actions)),
        Table("accountabilities.csv", "Who is accountable", "one role answering for one goal, "
              "priority or action", tuple(item_columns(Accountability, with_id=False)),
              lambda r: list(r.accountabilities)),
        Table("partner-plans.csv", "Partner plans", "one partner's plan",
              tuple(item_columns(PartnerPlan, {"priorities"})),
              lambda r: _pairs(r.partner_plans)),
        Table("partner-plan-priorities.csv", "Partner plans: their priorities",
              "one priority of one partner plan", (
                  Column("plan", "The id of the partner plan (see partner-plans.csv).",
                         lambda row: row[0]),
                  *(_field(PlanPriority, name, lambda row, n=name: getattr(row[1], n))
                    for name in PlanPriority.model_fields),
              ),
              lambda r: [(pid, p) for pid, plan in r.partner_plans.items()
                         for p in plan.priorities]),
        Table("partner-plan-links.csv", "Goals and the partner plans they serve",
              "one goal serving one priority of a partner plan", (
                  Column("goal", "The id of the goal (see goals.csv).", lambda row: row[0]),
                  Column("plan", "The id of the partner plan (see partner-plans.csv).",
                         lambda row: row[1].partition("/")[0]),
                  Column("priority", "The id of the plan's priority, within that plan (see "
                         "partner-plan-priorities.csv).", lambda row: row[1].partition("/")[2]),
              ),
              lambda r: [(gid, ref) for gid, g in r.goals.items() for ref in g.serves]),
        Table("reader-versions.csv", "Versions for every reader", "one vision, goal, "
              "service or measure, and the versions for other readers it has", (
                  Column("kind", "What the item is: vision (the road map's own, in "
                         "roadmap.yml), goal, service or measure (see the table of each).",
                         _key("kind")),
                  Column("id", "The item's id (for the vision, roadmap.yml).", _key("id")),
                  *(Column(v.field, f"true when the item is in the version '{v.title}' "
                           f"(its {v.field} field is filled in); empty when its kind is never "
                           "in that version.", _key(v.field)) for v in VERSIONS),
              ), item_versions),
        *_money_tables(),
    )


def _on(columns: Iterable[Column], part: Callable[[Any], Any]) -> list[Column]:
    """``columns`` reading their value from ``part(row)`` instead of the row itself."""
    return [Column(c.name, c.meaning, lambda row, c=c: c.value(part(row))) for c in columns]


def _money_tables() -> tuple[Table, ...]:
    """Budgets, their lines, the money by goal, and the social return analyses."""
    budget = "The id of the budget (see budgets.csv)."
    year = Budget.model_fields["year"].description
    return (
        Table("budgets.csv", "Budgets", "one financial year's budget", (
            *item_columns(Budget, {"services", "priorities"}),
            Column("not_shown_money", "Pounds in total_money whose lines are not published item "
                   "by item (small or sensitive lines): total_money less the lines published.",
                   lambda row: round(row[2].hidden_money, 2)),
            Column("not_shown_staff", "Staff in total_staff whose lines are not published item "
                   "by item.", lambda row: round(row[2].hidden_staff, 2)),
            Column("remainder", REMAINDER_MEANING,
                   lambda row: published_remainder(row[1])),
        ), lambda r: [(y.budget_id, y.budget, y) for y in money_years(r)]),
        Table("budget-lines.csv", "Budgets: every line", "one line of one budget: one "
              "partner's money and staff for one service or priority", (
                  Column("budget", budget, lambda row: row[0]),
                  Column("year", year, lambda row: row[1]),
                  Column("service", "The id of the service the line pays for (see "
                         "services.csv); empty for a priority's line.",
                         lambda row: row[2].target_id if row[2].kind == "service" else None),
                  Column("priority", "The id of the priority the line pays for (see "
                         "priorities.csv); empty for a service's line.",
                         lambda row: row[2].target_id if row[2].kind == "priority" else None),
                  *_on(item_columns(Allocation, {"goal_shares"}, with_id=False),
                       lambda row: row[2].allocation),
              ),
              lambda r: [(y.budget_id, y.year, line) for y in money_years(r) for line in y.lines]),
        Table("money-by-stage.csv", "Budgets: money by stage of spending", "one stage of "
              "spending in one budget: the published lines of that stage, added up", (
                  Column("budget", budget, lambda row: row[0]),
                  Column("year", year, lambda row: row[1]),
                  Column("stage", "The id of the stage of spending, as the budget lines "
                         "name it (the road map's stages, see budget-lines.csv).",
                         lambda row: row[2]),
                  Column("money", "Pounds of the lines published with that stage.",
                         lambda row: row[3]),
              ),
              lambda r: [(y.budget_id, y.year, stage, round(money, 2))
                         for y in money_years(r) for stage, money in y.money_by_stage.items()]),
        Table("money-by-goal.csv", "Budgets: money and staff by goal", "one goal in one "
              "budget: its share of every published line, added up", (
                  Column("budget", budget, lambda row: row[0]),
                  Column("year", year, lambda row: row[1]),
                  Column("goal", "The id of the goal (see goals.csv).", lambda row: row[2]),
                  Column("money", "Pounds for the goal: each line's money times the line's "
                         "share for the goal, added up.", lambda row: row[3]),
                  Column("staff", "Staff (full-time equivalents) for the goal, shared the same "
                         "way.", lambda row: row[4]),
              ),
              lambda r: [(y.budget_id, y.year, goal, round(money, 2),
                          round(y.staff_by_goal[goal], 2))
                         for y in money_years(r) for goal, money in y.money_by_goal.items()]),
        Table("social-returns.csv", "Social return on investment", "one analysis, with its "
              "figures worked out", (
                  *item_columns(SocialReturn, {"outcomes"}),
                  Column("present_value", "The value of every outcome over its years, in "
                         "today's money (pounds).", lambda row: round(row[2].present_value, 2)),
                  Column("net_present_value", "present_value less investment (pounds).",
                         lambda row: round(row[2].net_present_value, 2)),
                  Column("ratio", "present_value divided by investment: social value for "
                         "every pound invested.", lambda row: round(row[2].ratio, 4)),
              ),
              lambda r: [(i, a, social_value(a)) for i, a in r.social_returns.items()]),
        Table("social-return-outcomes.csv", "Social return on investment: the outcomes",
              "one outcome of one analysis, with its assumptions", (
                  Column("social_return", "The id of the analysis (see social-returns.csv).",
                         lambda row: row[0]),
                  *_on(item_columns(Outcome, with_id=False), lambda row: row[1].outcome),
                  Column("present_value", "The outcome's value over its years, in today's "
                         "money (pounds).", lambda row: round(row[1].present_value, 2)),
              ),
              lambda r: [(i, o) for i, a in r.social_returns.items()
                         for o in social_value(a).outcomes]),
    )
