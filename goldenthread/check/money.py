"""Budgets: each line's shares between goals fit what it pays for, and one budget a year.

A budget's totals are checked as it is read (goldenthread.read.money_models:
``[total-mismatch]``), and so are the rates, investment and durations of a social return
analysis; these checks need the whole road map.
"""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.money import Line, budget_lines, served_goals
from goldenthread.problems import Problem
from goldenthread.read.money_models import PARTNERS
from goldenthread.read.roadmap import Roadmap


def _named(line: Line) -> str:
    partner = PARTNERS[line.allocation.partner]
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
            f"budget '{budget_id}': {_named(line)} has no 'goal_shares', but that {line.kind} "
            f"serves {len(goals)} goals ({', '.join(goals)}); say how the line is shared "
            f"between them, the shares adding up to 1: goal_shares: [{example}]",
            "goal-shares")
    for j, share in enumerate(shares):
        if share.goal in roadmap.goals and share.goal not in goals:
            yield Problem(
                roadmap.where("budget", budget_id, line.field, line.index, "goal_shares", j,
                              "goal"),
                f"budget '{budget_id}': {_named(line)} shares money with the goal "
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

