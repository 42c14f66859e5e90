"""Budgets: each line's shares between goals fit what it pays for, one budget a year, and
no published figure gives away a line the public site does not show.

A budget's totals are checked as it is read (goldenthread.read.money_models:
``[total-mismatch]``), and so are the rates, investment and durations of a social return
analysis; these checks need the whole road map.
"""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.money import Line, budget_lines, served_goals
from goldenthread.derive.remainder import DOMINANCE, RemainderPlan, remainder_plans
from goldenthread.derive.vocabulary_lists import payers
from goldenthread.problems import Problem
from goldenthread.read.roadmap import Roadmap


def _named(roadmap: Roadmap, line: Line) -> str:
    partner = payers(roadmap).get(line.allocation.partner, line.allocation.partner)
    return f"the {partner} line for {line.kind} '{line.target_id}'"


def _line_shares(roadmap: Roadmap, budget_id: str, line: Line) -> Iterable[Problem]:
    goals = served_goals(roadmap, line)
    if not goals:
        return  # an unknown service or priority is reported as such
    shares = line.allocation.goal_shares
    if not shares and len(goals) > 1:
        example = ", ".join(f"{{goal: {g}, share: …}}" for g in goals)
        yield Problem(
            roadmap.where("budget", budget_id, line.field, line.index),
            f"budget '{budget_id}': {_named(roadmap, line)} has no 'goal_shares', but that "
            f"{line.kind} "
            f"serves {len(goals)} goals ({', '.join(goals)}); say how the line is shared "
            f"between them, the shares adding up to 1: goal_shares: [{example}]",
            "goal-shares")
    for j, share in enumerate(shares):
        if share.goal in roadmap.goals and share.goal not in goals:
            yield Problem(
                roadmap.where("budget", budget_id, line.field, line.index, "goal_shares", j,
                              "goal"),
                f"budget '{budget_id}': {_named(roadmap, line)} shares money with the goal "
                f"'{share.goal}', which that {line.kind} does not serve (it serves "
                f"{', '.join(goals)}); share it between those, or add the goal to the "
                f"{line.kind}", "goal-shares")


@check
def goal_shares_fit(context: CheckContext) -> Iterable[Problem]:
    """A line serving several goals says how it is shared, and only between those goals."""
    roadmap = context.roadmap
    for budget_id, budget in roadmap.budgets.items():
        for line in budget_lines(budget):
            yield from _line_shares(roadmap, budget_id, line)


@check
def one_budget_a_year(context: CheckContext) -> Iterable[Problem]:
    """Each financial year has one budget, so no year is counted twice."""
    roadmap = context.roadmap
    seen: dict[str, str] = {}
    for budget_id, budget in roadmap.budgets.items():
        if budget.year in seen:
            yield Problem(
                roadmap.where("budget", budget_id, "year"),
                f"budget '{budget_id}': budget '{seen[budget.year]}' is for {budget.year} too; "
                "keep one budget for each financial year, with every line in it",
                "duplicate-id")
        seen.setdefault(budget.year, budget_id)



def _what_happens(plan: RemainderPlan) -> str:
    if plan.shown == "merged":
        count = len(plan.merged)
        lines = f"{count} smallest lines" if count != 1 else "smallest line"
        are = "are" if count != 1 else "is"
        return (f"merges that figure with the {lines} shown, which {are} then not shown item "
                "by item either ('money: hidden_remainder: merged' in roadmap.yml)")
    return ("publishes neither that figure nor the year's totals ('money: hidden_remainder: "
            "withheld' in roadmap.yml, the default; 'merged' publishes the totals, with that "
            "figure merged with the smallest lines shown)")


@check
def hidden_lines_stay_hidden(context: CheckContext) -> Iterable[Problem]:
    """A year whose internal lines, published together, would give one away is merged or
    withheld on the public site (goldenthread.derive.remainder); the editor is told where."""
    roadmap = context.roadmap
    for budget_id, plan in remainder_plans(roadmap).items():
        risk = plan.risk
        if risk is None or roadmap.budgets[budget_id].visibility != "public":
            continue
        line = risk.line
        why = ("it is the year's only internal line, so the figure 'not shown item by item' "
               "would be its exact cost and staff" if risk.reason == "only" else
               f"it makes up {DOMINANCE:.0%} or more of the {risk.measure} of the year's "
               "internal lines, so their figure 'not shown item by item' would give its "
               f"{'cost' if risk.measure == 'money' else 'staff'} away")
        yield Problem(
            roadmap.where("budget", budget_id, line.field, line.index),
            f"budget '{budget_id}': {_named(roadmap, line)} is internal, and {why}. The "
            "public site "
            f"therefore {_what_happens(plan)}. If the line may be published, make it public "
            "instead", "hidden-line-revealed")
