"""Models for money and value: what the road map costs, and what its services give back.

* Budgets (``budgets/<id>.yml``): one financial year's money (in pounds) and staff (in
  full-time equivalents), line by line for each service and priority, each line naming
  its funding partner (one of roadmap.yml's partners), its stage of spending (one of the
  vocabulary's stages) and, when
  it serves several goals, how it is shared between them.  A budget declares its totals,
  and they must equal its lines.
* Social return on investment (``social-returns/<id>.yml``): an analysis of one
  service's year, following the Cabinet Office's guide to SROI (2012), with every
  assumption declared; :mod:`goldenthread.derive.money` works out the result.

The peer review asked for both: "a single robust statement of how you allocate resources
across all elements of your road map", and "a methodology and data set for the social
return on your investment in early help".
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator

from goldenthread.read.field_types import (
    LAST_REVIEWED,
    REVIEW_BY,
    VISIBILITY,
    Date,
    Id,
    Strict,
    Text,
    Visibility,
)
from goldenthread.read.money_types import (
    LARGEST_AMOUNT,
    LARGEST_TEXT,
    LONGEST_DURATION,
    MONEY_TOLERANCE,
    MOST_OUTCOMES,
    SHARE_TOLERANCE,
    SMALLEST_INVESTMENT,
    STAFF_TOLERANCE,
    Amount,
    FinancialYear,
    Rate,
    figure_text,
    fte_text,
    money_text,
    not_negative,
    staff_number,
)


class PartnerEntry(Strict):
    """A partner that shares the road map or pays for it, with an id budget lines use."""

    id: Id = Field(description="A short id that budget lines name in 'partner', e.g. "
                   "'housing'.")
    name: Text = Field(description="The organisation's name, e.g. 'Riverside Housing "
                       "Association'.")
    short: Text | None = Field(
        None, description="A shorter name for money tables, e.g. 'Housing' (optional: the "
        "name is used).")
    pays_only: bool = Field(
        False, description="true for a payer that is not a partner sharing the road map "
        "(the lead organisation itself, a government grant): it may pay for budget lines and "
        "is not listed among the partners.")


# -- budgets ----------------------------------------------------------------------------
#: How a budget's public copy shows the money of the lines it does not show item by item.
RemainderShown = Literal["shown", "merged", "withheld"]


#: What the 'money' block of roadmap.yml is, for editors.
MONEY_SETTINGS = ("How the public site publishes money (optional): 'hidden_remainder' says "
                  "what it does when the figure for a year's internal budget lines would give "
                  "one line away.")


class MoneySettings(Strict):
    """How the public site publishes money (the 'money' block of roadmap.yml)."""

    hidden_remainder: Literal["merged", "withheld"] = Field(
        "withheld",
        description="What the public site does when the money and staff of a year's "
        "internal lines, published together as 'not shown item by item', would give one "
        "line away: when that year has only one internal line, or when one internal line "
        "is 90% or more of their money or staff (the dominance rule national statistics "
        "use). 'withheld' (the default): neither that figure nor the year's totals are "
        "published, the totals then adding up only the lines shown, and the page says some "
        "figures are not shown to protect them. 'merged': the smallest lines shown join the "
        "figure, as few as it takes for no one line to be worked out, and are then not "
        "shown item by item either; the year's totals are published. 'merged' protects "
        "the line only while those smallest lines' figures are not published elsewhere (in "
        "another year, or by a partner): 'withheld' is the safer choice. The check warns, at "
        "the line, for each year this applies to.")


class GoalShare(Strict):
    """How much of a line's money and staff serves one goal."""

    goal: Id = Field(description="The id of the goal.")
    share: Rate = Field(
        description="The share of the line that serves this goal, from 0 to 1 (0.6 is 60%). "
        "The shares of one line add up to 1, so no pound is counted twice.")


class Allocation(Strict):
    """One budget line: money and staff from one partner, for one service or priority."""

    partner: Id = Field(
        description="Who pays: the id of one of the partners in roadmap.yml (a partner "
        "written as a plain name has its name in lower case, hyphens for spaces, as its id).")
    stage: Id = Field(
        description="Where the money is spent: the id of one of the stages of spending of the "
        "road map's vocabulary (or of its own 'stages' list in roadmap.yml).")
    money: Amount = Field(description="Pounds a year, for this financial year, e.g. 1250000.")
    staff: Amount = Field(
        description="Staff the money pays for, in full-time equivalents (two half-time posts "
        "are 1); 0 when it pays for none.")
    goal_shares: list[GoalShare] = Field(
        default_factory=list,
        description="When the service or priority serves more than one goal: how the line is "
        "shared between them, one goal per entry, the shares adding up to 1. Leave out when "
        "it serves one goal only.")
    note: Text | None = Field(
        None, description="Anything a reader needs to know, e.g. the grant's name.")
    visibility: Visibility = Field(
        description="'public' to show the line on the public site, or 'internal' for a small "
        "or sensitive line: the public site then counts its money and staff only in the "
        "totals, as 'not shown item by item'.")

    @field_validator("goal_shares")
    @classmethod
    def _shares_add_up(cls, shares: list[GoalShare]) -> list[GoalShare]:
        goals = [s.goal for s in shares]
        twice = sorted({g for g in goals if goals.count(g) > 1})
        if twice:
            raise ValueError(
                f"[goal-shares] the goal '{twice[0]}' has two shares; give each goal one share")
        total = sum(s.share for s in shares)
        if shares and abs(total - 1) > SHARE_TOLERANCE:
            raise ValueError(
                f"[goal-shares] the shares add up to {figure_text(total)}, not 1; change them so "
                "that together they make 1 (the whole line), so no pound is counted twice or "
                "lost")
        return shares


class ServiceAllocation(Allocation):
    """A budget line for a service."""

    service: Id = Field(description="The id of the service the line pays for.")


class PriorityAllocation(Allocation):
    """A budget line for a priority (work stream)."""

    priority: Id = Field(description="The id of the priority the line pays for.")


class Budget(Strict):
    """One financial year's money and staff across the road map (budgets/<id>.yml)."""

    title: Text = Field(description="A short title, e.g. 'Budget for 2012-13'.")
    year: FinancialYear = Field(
        description="The financial year, April to March, written like '2012-13'.")
    status: Literal["actual", "budget", "plan"] = Field(
        description="What the figures are: actual (money spent, once the year has closed), "
        "budget (agreed for the year) or plan (planned for a later year, not yet agreed).")
    source: Text = Field(description="Where the figures come from.")
    owner: Text = Field(description="The role responsible for the figures.")
    illustrative: bool = Field(
        False, description="true when the figures are examples, not real budgets.")
    note: Text | None = Field(None, description="Anything else a reader needs to know.")
    services: list[ServiceAllocation] = Field(
        default_factory=list, description="Lines for services: one per service and partner.")
    priorities: list[PriorityAllocation] = Field(
        default_factory=list,
        description="Lines for priorities (work streams): one per priority and partner.")
    # The totals come after the lines, so that checking them can see the lines.
    total_money: Amount = Field(
        description="The year's total in pounds: it must equal the sum of the lines' money.")
    total_staff: Amount = Field(
        description="The year's total staff in full-time equivalents: it must equal the sum "
        "of the lines' staff.")
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY
    #: How the public copy of this budget publishes the money of its lines not shown item
    #: by item (set by :mod:`goldenthread.derive.remainder`, never by an editor): 'shown'
    #: as its own figure, 'merged' with the smallest lines shown, or 'withheld', the totals
    #: then adding up only the lines shown.
    _remainder: RemainderShown = PrivateAttr("shown")

    @field_validator("total_money", "total_staff")
    @classmethod
    def _total_is_the_sum(cls, total: float, info: ValidationInfo) -> float:
        if "services" not in info.data or "priorities" not in info.data:
            return total  # a line has errors of its own; the sum is not known
        lines = [*info.data["services"], *info.data["priorities"]]
        money = info.field_name == "total_money"
        summed = sum(line.money if money else line.staff for line in lines)
        if abs(summed - total) > (MONEY_TOLERANCE if money else STAFF_TOLERANCE):
            shown = money_text if money else fte_text
            count = f"its {len(lines)} lines add" if len(lines) != 1 else "its one line adds"
            raise ValueError(
                f"[total-mismatch] the total is {shown(total)} but {count} up to "
                f"{shown(summed)} (a difference of {shown(abs(total - summed))}); correct the "
                "total or the lines")
        return total


# -- social return on investment --------------------------------------------------------
class FinancialProxy(Strict):
    """What one outcome is worth for one person for one year, and where that comes from."""

    value: Amount = Field(description="Pounds for one person (or household) for one year.")
    stands_for: Text = Field(
        description="What the figure is, e.g. 'The cost of a night in a hospital bed'.")
    source: Text = Field(
        description="Where the figure comes from, e.g. a unit cost database and its edition.")


class Outcome(Strict):
    """One outcome of a service: who gains, how many, what it is worth, and the
    assumptions that discount it."""

    title: Text = Field(description="The outcome in plain words, e.g. 'Fewer people need "
                        "emergency help'.")
    who_benefits: Text = Field(description="Who gains: the people the service helps, their "
                              "carers, the council...")
    people: Amount = Field(
        description="How many people (or households) achieve the outcome in the year.")
    financial_proxy: FinancialProxy = Field(
        description="What the outcome is worth for one person for one year, and its source.")
    duration: int = Field(
        json_schema_extra={"minimum": 1, "maximum": LONGEST_DURATION},
        description=f"How many years the outcome lasts: 1 to {LONGEST_DURATION}.")
    deadweight: Rate = Field(
        description="The share that would have happened anyway, without the service (0 to 1).")
    attribution: Rate = Field(
        description="The share that is down to others: other services, family, friends "
        "(0 to 1).")
    displacement: Rate = Field(
        description="The share that only moves the problem somewhere else (0 to 1).")
    drop_off: Rate = Field(
        description="How much the outcome fades each year after the first (0 to 1): 0.2 "
        "means each year is worth 20% less than the year before.")
    basis: Text | None = Field(
        None, description="Why these figures: the evidence behind the number of people and "
        "the rates.")
    indicator: Id | None = Field(
        None, description="The id of the key measure that tracks this outcome, if any.")

    @field_validator("duration")
    @classmethod
    def _lasts_a_year(cls, value: int) -> int:
        if value < 1:
            raise ValueError(
                f"{value} is not a duration: an outcome lasts at least 1 year; write the "
                "number of years it lasts")
        if value > LONGEST_DURATION:
            raise ValueError(
                f"{value:,} years is longer than the road map works out: an outcome lasts "
                f"at most {LONGEST_DURATION} years; write the number of years it lasts "
                "(the Cabinet Office's guide counts only as long as there is evidence)")
        return value

    @field_validator("financial_proxy")
    @classmethod
    def _worth_at_most_the_largest(cls, proxy: FinancialProxy,
                                   info: ValidationInfo) -> FinancialProxy:
        people = info.data.get("people")
        if people is not None and people * proxy.value > LARGEST_AMOUNT:
            raise ValueError(
                f"{staff_number(people)} people at {money_text(proxy.value)} each is "
                f"worth more than £{LARGEST_TEXT} a year, the largest amount the road map "
                "takes; check the number of people and the financial proxy for extra zeros")
        return proxy


class SocialReturn(Strict):
    """A social return on investment analysis of one service's year, following the
    Cabinet Office's guide (2012) (social-returns/<id>.yml)."""

    title: Text = Field(description="A short title, e.g. 'What the service gives back'.")
    service: Id = Field(description="The id of the service analysed.")
    year: FinancialYear = Field(
        description="The financial year of the investment, written like '2012-13'.")
    summary: Text = Field(description="One or two sentences: what was analysed, for whom.")
    investment: float = Field(
        json_schema_extra={"minimum": SMALLEST_INVESTMENT, "maximum": LARGEST_AMOUNT},
        description="The money invested in the service in that year, in pounds (£1 or more): "
        "the return is worked out for each pound.")
    investment_source: Text = Field(description="Where the investment figure comes from.")
    discount_rate: Rate = Field(
        description="The yearly rate that turns later years' value into today's money, from 0 "
        "to 1: 0.035 (3.5%) is the rate HM Treasury's Green Book sets.")
    discount_rate_source: Text = Field(description="Where the discount rate comes from.")
    outcomes: list[Outcome] = Field(
        min_length=1, description=f"The outcomes, one per entry (1 to {MOST_OUTCOMES}).")
    owner: Text = Field(description="The role responsible for the analysis.")
    illustrative: bool = Field(
        False, description="true when the figures are examples, not a real analysis.")
    last_reviewed: Date | None = LAST_REVIEWED
    review_by: Date | None = REVIEW_BY
    visibility: Visibility = VISIBILITY

    @field_validator("investment")
    @classmethod
    def _invested(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(
                f"{figure_text(value)} is not an investment: give the money spent, in pounds, "
                "more than 0 (the return is worked out for each pound)")
        if value < SMALLEST_INVESTMENT:
            raise ValueError(
                f"{figure_text(value)} is less than £1: give the money spent in pounds, £1 or "
                "more (the return is worked out for each pound, so a fraction of a pound "
                "would multiply every figure)")
        return not_negative(value)

    @field_validator("outcomes")
    @classmethod
    def _outcomes_fit_a_page(cls, outcomes: list[Outcome]) -> list[Outcome]:
        if len(outcomes) > MOST_OUTCOMES:
            raise ValueError(
                f"{len(outcomes)} outcomes is more than the {MOST_OUTCOMES} one analysis may "
                "have; keep the main outcomes, or split the analysis into two files")
        worth = sum(o.people * o.financial_proxy.value * o.duration for o in outcomes)
        if worth > LARGEST_AMOUNT:
            raise ValueError(
                f"the outcomes together are worth more than £{LARGEST_TEXT} over their years "
                "(people times financial proxy times duration, added up), the largest amount "
                "the road map takes; check the figures for extra zeros")
        return outcomes
