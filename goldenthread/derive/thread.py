"""Back-links: from each goal to what serves it, and from services to their actions.

Computed once from a resolved :class:`~goldenthread.read.roadmap.Roadmap`, in sorted order
so that the same data always gives the same pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from goldenthread.derive.vocabulary_lists import used_levels
from goldenthread.read.models import Accountability
from goldenthread.read.roadmap import Roadmap


def lead_accountabilities(roadmap: Roadmap) -> list[Accountability]:
    """A priority's ``lead`` answers for it: one accountability per priority whose lead
    the accountabilities do not already name for it, at the first level in use (the
    vocabulary's levels, or roadmap.yml's), with the organisation left unsaid."""
    levels = used_levels(roadmap)
    if not levels:
        return []
    named = {(acc.subject, acc.role.casefold()) for acc in roadmap.accountabilities}
    return [Accountability.model_construct(
                role=priority.lead, organisation="", level=levels[0].id,
                responsibility="accountable", goal=None, priority=priority_id, action=None,
                visibility=priority.visibility)
            for priority_id, priority in roadmap.priorities.items()
            if (("priority", priority_id), priority.lead.casefold()) not in named]


@dataclass(frozen=True)
class Links:
    """Reverse references.  Every list follows the display order of its kind."""

    goal_services: dict[str, list[str]]
    goal_priorities: dict[str, list[str]]
    goal_indicators: dict[str, list[str]]
    goal_actions: dict[str, list[str]]
    service_actions: dict[str, list[str]]
    priority_actions: dict[str, list[str]]
    plan_priority_goals: dict[str, list[str]]
    accountable_for: dict[tuple[str, str], list[Accountability]]


def _ordered(mapping: dict[str, set[str]], order: list[str]) -> dict[str, list[str]]:
    rank = {item_id: i for i, item_id in enumerate(order)}
    return {key: sorted(values, key=lambda v: (rank.get(v, len(rank)), v))
            for key, values in sorted(mapping.items())}


def compute_links(roadmap: Roadmap) -> Links:
    """Compute every back-link; references to unknown ids are skipped (reported elsewhere)."""
    goal_services: dict[str, set[str]] = defaultdict(set)
    goal_priorities: dict[str, set[str]] = defaultdict(set)
    goal_indicators: dict[str, set[str]] = defaultdict(set)
    goal_actions: dict[str, set[str]] = defaultdict(set)
    service_actions: dict[str, set[str]] = defaultdict(set)
    priority_actions: dict[str, set[str]] = defaultdict(set)
    plan_priority_goals: dict[str, set[str]] = defaultdict(set)
    for sid, service in roadmap.services.items():
        for contribution in service.contributes_to:
            goal_services[contribution.goal].add(sid)
    for pid, priority in roadmap.priorities.items():
        for gid in priority.goals:
            goal_priorities[gid].add(pid)
    for iid, indicator in roadmap.indicators.items():
        for gid in indicator.goals:
            goal_indicators[gid].add(iid)
    for aid, action in roadmap.actions.items():
        priority_actions[action.priority].add(aid)
        for sid in action.services:
            service_actions[sid].add(aid)
        priority = roadmap.priorities.get(action.priority)
        for gid in priority.goals if priority else ():
            goal_actions[gid].add(aid)
    for gid, goal in roadmap.goals.items():
        for ref in goal.serves:
            plan_priority_goals[ref].add(gid)
    accountable_for: dict[tuple[str, str], list[Accountability]] = defaultdict(list)
    for acc in (*roadmap.accountabilities, *lead_accountabilities(roadmap)):
        accountable_for[acc.subject].append(acc)
    goals = list(roadmap.goals)
    return Links(
        goal_services=_ordered(goal_services, list(roadmap.services)),
        goal_priorities=_ordered(goal_priorities, list(roadmap.priorities)),
        goal_indicators=_ordered(goal_indicators, list(roadmap.indicators)),
        goal_actions=_ordered(goal_actions, list(roadmap.actions)),
        service_actions=_ordered(service_actions, list(roadmap.actions)),
        priority_actions=_ordered(priority_actions, list(roadmap.actions)),
        plan_priority_goals=_ordered(plan_priority_goals, goals),
        accountable_for=dict(sorted(accountable_for.items())),
    )
