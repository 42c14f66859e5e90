"""Statistical disclosure control for the money a budget does not show item by item.

On the public road map a budget's internal lines are gone; what they held, the declared
total less the lines shown, is published as one figure, "not shown item by item".  That
figure is the exact sum of the hidden lines, so it gives a line away when:

* it holds **one line only**: the figure *is* that line's money and staff; or
* **one line dominates** it, making up :data:`DOMINANCE` (90%) or more of its money or of
  its staff: the figure is then that line's to within a tenth.  This is the dominance rule
  national statistics apply to a published total (an (n, k) rule with n = 1, k = 90%).

A reader who has the year's total and the lines shown can work the figure out by
subtraction, so protecting it means protecting the total too.  The road map's setting
``money: hidden_remainder`` (:class:`goldenthread.read.money_models.MoneySettings`) says how:

* ``withheld`` (the default): the year's public copy drops the hidden lines from its
  totals, which then add up only the lines shown; neither the real total nor the hidden
  figure is published anywhere (pages, open data, the change summary), and the page says
  some figures are not shown to protect them.
* ``merged``: the smallest lines shown join the hidden ones, as few as it takes for the
  figure to pass both rules, and are then not shown item by item either; the total is
  published.  When even every line shown is not enough, the year is withheld.

The decision is made here, on the whole budget (only it knows the hidden lines), and
applied by :func:`goldenthread.derive.audience.for_audience` to the public copy, so
nothing downstream has to remember it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from goldenthread.derive.money import LINE_FIELDS, Line, budget_lines
from goldenthread.read.money_models import Budget, RemainderShown
from goldenthread.read.roadmap import Roadmap

#: The dominance rule: a hidden figure in which one line makes up this share or more (of
#: its money, or of its staff) gives that line away.
DOMINANCE = 0.9

Reason = Literal["only", "dominant"]
#: What the open data's 'remainder' field means.
REMAINDER_MEANING = (
    "How the money and staff of the lines not published item by item are published: "
    "'shown' as not_shown_money and not_shown_staff (or there are none); 'merged', when one "
    "of them could otherwise be worked out, with the smallest lines shown, which are then "
    "not listed either; 'withheld', when one of them could otherwise be worked out, left "
    "out of total_money and total_staff as well, which then add up only the lines listed.")


@dataclass(frozen=True)
class Risk:
    """Why a budget's hidden figure would give a line away, and which line."""

    reason: Reason  # 'only': one hidden line; 'dominant': one makes up 90% or more
    line: Line  # the only, or the dominating, hidden line
    measure: Literal["money", "staff"]


@dataclass(frozen=True)
class RemainderPlan:
    """How the public copy of one budget publishes its hidden lines."""

    shown: RemainderShown  # 'shown' (safe as it is), 'merged' or 'withheld'
    risk: Risk | None  # why it is not simply shown (None when it is)
    merged: tuple[Line, ...] = ()  # lines shown that join the hidden figure ('merged')


def is_hidden(line: Line) -> bool:
    """True for a line the public site does not show item by item."""
    return line.allocation.visibility != "public"


def disclosure_risk(hidden: Sequence[Line]) -> Risk | None:
    """Why the sum of ``hidden`` would give one of them away, or None when it would not.

    One line alone is its own sum; otherwise, for money and then staff, the largest line
    must make up less than :data:`DOMINANCE` of the sum (a sum of 0 hides nothing)."""
    if not hidden:
        return None
    if len(hidden) == 1:
        return Risk("only", hidden[0], "money")
    for measure in ("money", "staff"):
        amounts = [getattr(line.allocation, measure) for line in hidden]
        total = sum(amounts)
        largest = max(amounts)
        if total > 0 and largest >= DOMINANCE * total:
            return Risk("dominant", hidden[amounts.index(largest)], measure)
    return None


def _smallest_first(line: Line) -> tuple[float, float, int, int]:
    field_order = [field for field, _, _ in LINE_FIELDS].index(line.field)
    return line.allocation.money, line.allocation.staff, field_order, line.index


def remainder_plan(budget: Budget, setting: str) -> RemainderPlan:
    """How ``budget`` (whole, with its internal lines) is published under ``setting``
    ('merged' or 'withheld')."""
    lines = budget_lines(budget)
    hidden = [line for line in lines if is_hidden(line)]
    risk = disclosure_risk(hidden)
    if risk is None:
        return RemainderPlan("shown", None)
    if setting == "merged":
        pool, merged = list(hidden), []
        for line in sorted((line for line in lines if not is_hidden(line)), key=_smallest_first):
            pool.append(line)
            merged.append(line)
            if disclosure_risk(pool) is None:
                return RemainderPlan("merged", risk, tuple(merged))
    return RemainderPlan("withheld", risk)


def hidden_remainder_setting(roadmap: Roadmap) -> str:
    """The road map's ``money: hidden_remainder`` setting ('withheld' without one)."""
    info = roadmap.info
    return info.money.hidden_remainder if info is not None else "withheld"


def remainder_plans(roadmap: Roadmap) -> dict[str, RemainderPlan]:
    """Each budget's plan, by budget id, for the whole road map."""
    setting = hidden_remainder_setting(roadmap)
    return {budget_id: remainder_plan(budget, setting)
            for budget_id, budget in roadmap.budgets.items()}


def published_remainder(budget: Budget) -> RemainderShown:
    """How this (public) copy of a budget shows its hidden lines: 'shown', 'merged' or
    'withheld' (always 'shown' on the intranet, which shows every line)."""
    return budget._remainder


def _protected_copy(whole: Budget, public: Budget, plan: RemainderPlan) -> Budget:
    """The public copy of a budget with ``plan`` applied."""
    if plan.shown == "merged":
        dropped = {(line.field, line.index) for line in plan.merged}
        updates = {}
        for field, _, _ in LINE_FIELDS:
            # The public list keeps the whole list's public entries, in order: the k-th
            # public entry of the whole list is the k-th entry of the public one.
            public_indexes = [i for i, entry in enumerate(getattr(whole, field))
                              if entry.visibility == "public"]
            updates[field] = [entry for entry, i in zip(getattr(public, field), public_indexes,
                                                        strict=True)
                              if (field, i) not in dropped]
        copy = public.model_copy(update=updates)
    else:
        shown = budget_lines(public)
        copy = public.model_copy(update={
            "total_money": sum(line.allocation.money for line in shown),
            "total_staff": sum(line.allocation.staff for line in shown)})
    copy._remainder = plan.shown
    return copy


def protect_remainders(whole: Roadmap, public: Roadmap) -> Roadmap:
    """``public`` (the public view of ``whole``) with every budget whose hidden figure
    would give a line away merged or withheld, as the road map's setting says."""
    plans = remainder_plans(whole)
    budgets = {}
    changed = False
    for budget_id, budget in public.budgets.items():
        plan = plans.get(budget_id)
        if plan is None or plan.shown == "shown" or budget_id not in whole.budgets:
            budgets[budget_id] = budget
            continue
        budgets[budget_id] = _protected_copy(whole.budgets[budget_id], budget, plan)
        changed = True
    return dataclasses.replace(public, budgets=budgets) if changed else public
