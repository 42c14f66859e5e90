"""Alignment: the golden thread runs unbroken from partner plans to services and measures.

The peer review found plans "not consistently aligned".  Breaks in the thread are
errors: a goal serving no partner-plan priority, a partner-plan priority no goal serves
(unless marked ``out_of_scope`` with a reason), a service contributing to no goal, an
owner written as a placeholder.  Gaps the pages already show honestly ("No one named
yet", "No measures are recorded yet") are warnings: a goal with no measure that has a
target, a goal with no role named at one of the three levels.  Actions need an owner and
a due date: the model requires both, so a missing one is a ``missing-field`` error.

Each check looks at what the build being checked publishes: public items for the public
site, every item for the intranet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.check.scope import in_scope, scoped_items
from goldenthread.derive.thread import compute_links
from goldenthread.derive.vocabulary_lists import used_levels
from goldenthread.problems import Problem
from goldenthread.read.kinds import single_file

PLACEHOLDERS = {"tbc", "tbd", "tba", "to be confirmed", "to be decided", "to be agreed",
                "unknown", "n/a", "na", "none", "nobody", "owner", "?", "-", "xxx"}
OWNER_FIELDS = ("owner", "lead")
#: Where the roles answering for each goal are listed.
ACCOUNTABILITIES_FILE = single_file("accountabilities").path


@check
def goals_serve_plans(context: CheckContext) -> Iterable[Problem]:
    """Every goal serves at least one partner-plan priority."""
    roadmap = in_scope(context)
    example = next((f"{plan_id}/{plan.priorities[0].id}"
                    for plan_id, plan in roadmap.partner_plans.items()), "plan-id/priority-id")
    for goal_id, goal in roadmap.goals.items():
        if not goal.serves:
            yield Problem(
                context.roadmap.where("goal", goal_id, "serves"),
                f"goal '{goal_id}' serves no partner-plan priority: under 'serves', list at "
                f"least one priority from a partner plan, written like '{example}'",
                "goal-serves-no-plan")


@check
def plan_priorities_served(context: CheckContext) -> Iterable[Problem]:
    """Every partner-plan priority is served by a goal, or is out of scope with a reason."""
    if any(kind == "goal" for kind, _ in context.roadmap.broken):
        # A goal that could not be read may be the one that serves a priority: its own
        # error is the cause, so it is reported once, not again for every priority.
        return
    roadmap = in_scope(context)
    served = compute_links(roadmap).plan_priority_goals
    for plan_id, plan in roadmap.partner_plans.items():
        for i, priority in enumerate(plan.priorities):
            ref = f"{plan_id}/{priority.id}"
            if priority.out_of_scope or served.get(ref):
                continue
            yield Problem(
                context.roadmap.where("partner plan", plan_id, "priorities", i, "id"),
                f"partner plan '{plan_id}': no goal serves its priority '{priority.id}' "
                f"({priority.title}); add '{ref}' to the 'serves' list of the goal that "
                "serves it, or add 'out_of_scope:' to this priority with the reason the road "
                "map does not cover it", "plan-priority-unserved")


@check
def services_serve_goals(context: CheckContext) -> Iterable[Problem]:
    """Every service contributes to at least one goal."""
    roadmap = in_scope(context)
    for service_id, service in roadmap.services.items():
        if not service.contributes_to:
            yield Problem(
                context.roadmap.where("service", service_id, "contributes_to"),
                f"service '{service_id}' contributes to no goal, so its page cannot show how it "
                "serves the vision: under 'contributes_to', add at least one goal, with a "
                "'- goal: <goal id>' line and a 'how:' line saying how the service helps",
                "service-no-goal")


@check
def goals_have_targets(context: CheckContext) -> Iterable[Problem]:
    """Every goal has at least one measure (indicator) with a target."""
    roadmap = in_scope(context)
    links = compute_links(roadmap)
    for goal_id in roadmap.goals:
        measures = [roadmap.indicators[i] for i in links.goal_indicators.get(goal_id, [])]
        if any(m.targets for m in measures):
            continue
        if measures:
            fix = ("give one of its measures a target (under 'targets', a 'value' and a 'by' "
                   "period)")
        else:
            fix = f"add '{goal_id}' to the 'goals' list of an indicator that has a target"
        yield Problem(
            context.roadmap.where("goal", goal_id, "title"),
            f"goal '{goal_id}' has no measure with a target, so readers cannot see what "
            f"success looks like in numbers: {fix}", "goal-no-target")


@check
def goals_have_roles(context: CheckContext) -> Iterable[Problem]:
    """Every goal has a role named at each level in use (the vocabulary's levels, or
    roadmap.yml's; a level marked 'used: false' is not asked for)."""
    roadmap = in_scope(context)
    accountable = compute_links(roadmap).accountable_for
    for goal_id in roadmap.goals:
        levels = {acc.level for acc in accountable.get(("goal", goal_id), [])}
        for level in (entry.id for entry in used_levels(roadmap)):
            if level not in levels:
                yield Problem(
                    context.roadmap.where("goal", goal_id, "title"),
                    f"goal '{goal_id}': no role is named at the {level} level; add an entry "
                    f"to {ACCOUNTABILITIES_FILE} with 'goal: {goal_id}' and 'level: {level}'",
                    "goal-level-unnamed")


def is_placeholder(text: str) -> bool:
    """True for an owner such as 'TBC', 'to be confirmed' or '?'."""
    return re.sub(r"[\s.!]+", " ", text).strip().casefold() in PLACEHOLDERS


@check
def owners_are_roles(context: CheckContext) -> Iterable[Problem]:
    """Owners and leads name a role, not a placeholder such as 'TBC'."""
    roadmap = in_scope(context)
    for label, item_id, item in scoped_items(roadmap):
        for name in OWNER_FIELDS:
            value = getattr(item, name, None)
            if isinstance(value, str) and is_placeholder(value):
                article = "an" if name == "owner" else "a"
                yield Problem(
                    context.roadmap.where(label, item_id, name),
                    f"{label} '{item_id}': '{value}' is not {article} {name}; name the role "
                    "that answers for it, such as 'Head of Early Help'", "placeholder-owner")
