"""Blockages: the escalation setting must make sense; in intranet checks, open blockages
past their escalation limit or review date are reported as warnings."""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.escalation import (
    EscalationSettingError,
    blockage_state,
    escalation_rules,
    step_names,
)
from goldenthread.derive.vocabulary_lists import escalation_steps
from goldenthread.problems import Location, Problem
from goldenthread.read.messages import suggest


@check
def blockage_escalation(context: CheckContext) -> Iterable[Problem]:
    """A valid escalation setting; on the intranet, blockages due for escalation or review."""
    roadmap = context.roadmap
    steps = escalation_steps(roadmap)
    names = step_names(steps)
    try:
        rules = escalation_rules(context.options, steps)
    except EscalationSettingError as exc:
        yield Problem(Location("mkdocs.yml", 1, 1), str(exc), "invalid-value")
        return
    for blockage_id, blockage in roadmap.blockages.items():
        if blockage.level not in rules:
            yield Problem(
                roadmap.where("blockage", blockage_id, "level"),
                f"blockage '{blockage_id}': '{blockage.level}' is not a step of escalation"
                f"{suggest(blockage.level, rules)}; the steps, lowest first, are "
                f"{', '.join(rules)} (the road map's vocabulary, or 'escalation' in "
                "roadmap.yml)", "invalid-value")
            continue
        if blockage.raised > context.today:
            yield Problem(
                roadmap.where("blockage", blockage_id, "raised"),
                f"blockage '{blockage_id}': 'raised' ({blockage.raised}) is after today "
                f"({context.today}); write the date it was first raised", "invalid-value")
            continue
        if context.audience != "internal":
            continue  # blockages are never published; their timeliness is intranet business
        state = blockage_state(blockage_id, blockage, context.today, rules, names)
        if state.overdue:
            to = (f"escalate it to {state.next_name}" if state.next_level
                  else f"{names[blockage.level]} should decide what happens next")
            yield Problem(
                roadmap.where("blockage", blockage_id, "level"),
                f"blockage '{blockage_id}': {state.days_at_level} days at the "
                f"{blockage.level} level, over the limit of {state.limit}; {to}, then update "
                "'level' and 'at_level_since'", "escalation-due")
        if state.review_overdue:
            yield Problem(
                roadmap.where("blockage", blockage_id, "next_review"),
                f"blockage '{blockage_id}': the review due on {blockage.next_review} has not "
                "been recorded; review it and set a new 'next_review' date",
                "blockage-review-due")
