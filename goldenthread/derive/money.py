"""Money and value, worked out: budgets summed by goal, partner and stage of help, and the
social return on investment.

Budgets (:class:`~goldenthread.read.money_models.Budget`): each line's money and staff go
to the goals its service or priority serves, by the line's declared shares (or wholly to
the one goal it serves), so no pound is counted twice.  On the public road map, lines
marked internal are gone; what they held is the declared total less the lines shown,
reported as "not shown item by item", so the figures still add up.

Social return (:class:`~goldenthread.read.money_models.SocialReturn`), as the Cabinet
Office's guide to SROI (2012) sets out, for each outcome and each year ``n`` from 1 to
its duration::

    impact  = people x financial proxy x (1 - deadweight) x (1 - attribution)
              x (1 - displacement)
    value_n = impact x (1 - drop_off) ** (n - 1)
    present value_n = value_n / (1 + discount rate) ** n

The present value is the sum over outcomes and years; the net present value is the
present value less the investment, and the SROI ratio is the present value divided by
the investment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from goldenthread.derive.vocabulary_lists import payers, spending_stages
from goldenthread.read.money_models import (
    Allocation,
    Budget,
    Outcome,
    SocialReturn,
)
from goldenthread.read.roadmap import Roadmap

#: Which way each budget list points: (field of the budget, kind label, field of a line).
LINE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("services", "service", "service"),
    ("priorities", "priority", "priority"),
)
#: How far the sensitivity line moves deadweight and the financial proxies: 20% each way.
SENSITIVITY = 0.2


# -- budgets ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One budget line, with what it pays for and where it is written in its budget."""

    kind: str  # 'service' or 'priority'
    target_id: str
    field: str  # 'services' or 'priorities'
    index: int
    allocation: Allocation


def budget_lines(budget: Budget) -> list[Line]:
    """Every line of a budget: services first, then priorities, each in file order."""
    return [Line(kind, getattr(line, attribute), field, i, line)
            for field, kind, attribute in LINE_FIELDS
            for i, line in enumerate(getattr(budget, field))]


def served_goals(roadmap: Roadmap, line: Line) -> list[str]:
    """The goals the line's service or priority serves ([] when it is not known)."""
    if line.kind == "service":
        service = roadmap.services.get(line.target_id)
        return [c.goal for c in service.contributes_to] if service else []
    priority = roadmap.priorities.get(line.target_id)
    return list(priority.goals) if priority else []


def goal_split(roadmap: Roadmap, line: Line) -> list[tuple[str, float]]:
    """(goal id, share) for a line: its declared shares, or the one goal it serves
    wholly; [] when it serves several and declares no shares (the check reports it)."""
    shares = line.allocation.goal_shares
    if shares:
        # The shares may miss 1 by up to the tolerance the check allows; scaled to add up
        # to exactly 1, so that no pound is counted twice or lost (a share of 0.6000001 of
        # £30 million would otherwise leave "-£30 not yet shared").
        whole = sum(s.share for s in shares)
        return [(s.goal, s.share / whole if whole else 0.0) for s in shares]
    goals = served_goals(roadmap, line)
    return [(goals[0], 1.0)] if len(goals) == 1 else []


@dataclass(frozen=True)
class YearMoney:
    """One budget's sums: by stage of help, by goal and by partner, for money and staff."""

    budget_id: str
    budget: Budget
    lines: tuple[Line, ...]
    money_by_stage: dict[str, float]
    money_by_goal: dict[str, float]
    staff_by_goal: dict[str, float]
    money_by_partner: dict[str, float]
    staff_by_partner: dict[str, float]

    @property
    def year(self) -> str:
        return self.budget.year

    @property
    def shown_money(self) -> float:
        return sum(line.allocation.money for line in self.lines)

    @property
    def shown_staff(self) -> float:
        return sum(line.allocation.staff for line in self.lines)

    @property
    def hidden_money(self) -> float:
        """Money in the total whose lines this road map does not show (internal lines)."""
        return _not_below_zero(self.budget.total_money - self.shown_money)

    @property
    def hidden_staff(self) -> float:
        return _not_below_zero(self.budget.total_staff - self.shown_staff)

    @property
    def unshared_money(self) -> float:
        """Money of lines shown whose goals are not known (0 once the checks pass)."""
        return _not_below_zero(self.shown_money - sum(self.money_by_goal.values()))

    @property
    def unshared_staff(self) -> float:
        return _not_below_zero(self.shown_staff - sum(self.staff_by_goal.values()))

    def share(self, stage: str) -> float:
        """The part of the year's whole total spent at ``stage`` (0 to 1)."""
        total = self.budget.total_money
        return self.money_by_stage.get(stage, 0.0) / total if total else 0.0


def _not_below_zero(value: float) -> float:
    """A difference of sums, with the dust of floating-point arithmetic swept away: never
    below 0 (a part of a whole is never negative), and 0 below half a penny."""
    return 0.0 if value < 0.005 else value


def _add(sums: dict[str, float], key: str, amount: float) -> None:
    sums[key] = sums.get(key, 0.0) + amount


def year_money(roadmap: Roadmap, budget_id: str, budget: Budget) -> YearMoney:
    """One budget's sums (lines of the road map given: the public one has no internal
    lines)."""
    lines = budget_lines(budget)
    stages = dict.fromkeys((stage.id for stage in spending_stages(roadmap)), 0.0)
    money_goal: dict[str, float] = {}
    staff_goal: dict[str, float] = {}
    money_partner: dict[str, float] = {}
    staff_partner: dict[str, float] = {}
    for line in lines:
        item = line.allocation
        _add(stages, item.stage, item.money)
        _add(money_partner, item.partner, item.money)
        _add(staff_partner, item.partner, item.staff)
        for goal_id, share in goal_split(roadmap, line):
            _add(money_goal, goal_id, item.money * share)
            _add(staff_goal, goal_id, item.staff * share)
    goal_order = {goal_id: i for i, goal_id in enumerate(roadmap.goals)}
    by_goal = sorted(money_goal, key=lambda g: (goal_order.get(g, len(goal_order)), g))
    partners = [p for p in payers(roadmap) if p in money_partner]
    partners += sorted(p for p in money_partner if p not in partners)  # (an unknown id)
    return YearMoney(
        budget_id=budget_id, budget=budget, lines=tuple(lines), money_by_stage=stages,
        money_by_goal={g: money_goal[g] for g in by_goal},
        staff_by_goal={g: staff_goal[g] for g in by_goal},
        money_by_partner={p: money_partner[p] for p in partners},
        staff_by_partner={p: staff_partner[p] for p in partners})


def money_years(roadmap: Roadmap) -> list[YearMoney]:
    """Every budget's sums, earliest financial year first."""
    ordered = sorted(roadmap.budgets.items(), key=lambda kv: (kv[1].year, kv[0]))
    return [year_money(roadmap, budget_id, budget) for budget_id, budget in ordered]


def financial_year_of(day: date) -> str:
    """The financial year (April to March) a day falls in: 2012-12-31 -> '2012-13'."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def current_year(years: Iterable[YearMoney], today: date) -> YearMoney | None:
    """The budget of the financial year ``today`` falls in; else the latest one before
    it; else the earliest one (all are in the future); None without budgets."""
    years = list(years)
    now = financial_year_of(today)
    past = [y for y in years if y.year <= now]
    if past:
        return past[-1]
    return years[0] if years else None


# -- social return on investment -------------------------------------------------------
@dataclass(frozen=True)
class OutcomeYear:
    """One year of one outcome's value."""

    year: int  # 1 is the year of the investment
    value: float  # after drop-off, before discounting
    discount_factor: float  # (1 + rate) ** year
    present_value: float  # value / discount_factor


@dataclass(frozen=True)
class OutcomeValue:
    """One outcome, worked out."""

    outcome: Outcome
    proxy: float  # the financial proxy used (moved, in the sensitivity line)
    deadweight: float  # the deadweight used (moved, in the sensitivity line)
    gross: float  # people x proxy: the value for one year before any discount
    impact: float  # gross less deadweight, attribution and displacement: year 1's value
    years: tuple[OutcomeYear, ...]

    @property
    def present_value(self) -> float:
        return sum(y.present_value for y in self.years)


@dataclass(frozen=True)
class SocialValue:
    """A social return on investment analysis, worked out."""

    analysis: SocialReturn
    outcomes: tuple[OutcomeValue, ...]

    @property
    def investment(self) -> float:
        return self.analysis.investment

    @property
    def present_value(self) -> float:
        return sum(o.present_value for o in self.outcomes)

    @property
    def net_present_value(self) -> float:
        return self.present_value - self.investment

    @property
    def ratio(self) -> float:
        """Social value for each pound invested (the SROI ratio); 0 without an
        investment (the model refuses less than £1, so this never divides by nothing)."""
        return self.present_value / self.investment if self.investment > 0 else 0.0


def outcome_value(outcome: Outcome, discount_rate: float, *, deadweight_factor: float = 1.0,
                  proxy_factor: float = 1.0) -> OutcomeValue:
    """One outcome's value, year by year; the factors move deadweight (never past 1) and
    the financial proxy, for the sensitivity line."""
    proxy = outcome.financial_proxy.value * proxy_factor
    deadweight = min(1.0, outcome.deadweight * deadweight_factor)
    gross = outcome.people * proxy
    impact = gross * (1 - deadweight) * (1 - outcome.attribution) * (1 - outcome.displacement)
    years = []
    for n in range(1, outcome.duration + 1):
        value = impact * (1 - outcome.drop_off) ** (n - 1)
        factor = (1 + discount_rate) ** n
        years.append(OutcomeYear(n, value, factor, value / factor))
    return OutcomeValue(outcome, proxy, deadweight, gross, impact, tuple(years))


def social_value(analysis: SocialReturn, *, deadweight_factor: float = 1.0,
                 proxy_factor: float = 1.0) -> SocialValue:
    """The whole analysis worked out (with deadweight and proxies moved by the factors)."""
    return SocialValue(analysis, tuple(
        outcome_value(o, analysis.discount_rate, deadweight_factor=deadweight_factor,
                      proxy_factor=proxy_factor) for o in analysis.outcomes))


@dataclass(frozen=True)
class Sensitivity:
    """The ratio with one assumption moved."""

    moved: str  # 'deadweight' or 'financial proxies'
    change: float  # -0.2 or +0.2
    ratio: float


def sensitivity(analysis: SocialReturn, by: float = SENSITIVITY) -> list[Sensitivity]:
    """The ratio with every deadweight, then every financial proxy, moved down and up by
    ``by`` (a fifth: 0.3 becomes 0.24 and 0.36)."""
    moved = []
    for name, key in (("deadweight", "deadweight_factor"), ("financial proxies", "proxy_factor")):
        for change in (-by, by):
            value = social_value(analysis, **{key: 1 + change})
            moved.append(Sensitivity(name, change, value.ratio))
    return moved
