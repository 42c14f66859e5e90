"""Views of the review's internal content: blockages, the Munro plan, stories of difference.

Like :mod:`goldenthread.render.views`, these compute plain structures for templates from an
audience-filtered road map; they never format HTML.  On the public road map there are
no blockages and no officers, and only public entries and consented public stories.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from goldenthread.derive.escalation import (
    BlockageState,
    blockage_states,
    escalation_rules,
    step_names,
)
from goldenthread.derive.vocabulary_lists import escalation_steps
from goldenthread.read.kinds import BY_ATTRIBUTE
from goldenthread.read.roadmap import Roadmap
from goldenthread.read.staff_models import MUNRO_PRINCIPLES
from goldenthread.render.contexts import BlockagesContext, MunroContext, StoriesContext

RATING_LABELS: dict[str, tuple[str, str]] = {
    "established": ("Established", "✓"),
    "developing": ("Developing", "◐"),
    "not-yet": ("Not yet started", "○"),
}


def _related(roadmap: Roadmap, state: BlockageState) -> list[tuple[str, str, str]]:
    """(kind, id, title) of the priorities, actions and services a blockage holds up."""
    related = []
    for field in ("priorities", "services", "actions"):  # the blockage's fields, each
        kind = BY_ATTRIBUTE[field]                        # named as the road map's own
        items = getattr(roadmap, kind.attribute)
        for item_id in getattr(state.blockage, field):
            if item_id in items:
                related.append((kind.label, item_id, getattr(items[item_id], kind.title_field)))
    return related


def blockages_view(roadmap: Roadmap, today: date,
                   options: Mapping[str, Any] | None) -> BlockagesContext:
    """Open blockages oldest first and closed ones newest first, each with its state on
    ``today`` under the escalation rules in ``options``."""
    steps = escalation_steps(roadmap)
    names = step_names(steps)
    rules = escalation_rules(options, steps)
    states = blockage_states(roadmap.blockages, today, rules, names)
    rows = [{"state": s, "related": _related(roadmap, s)} for s in states]
    open_rows = [r for r in rows if r["state"].blockage.status == "open"]
    return BlockagesContext(
        today=today,
        open_rows=open_rows,
        closed_rows=[r for r in rows if r["state"].blockage.status != "open"],
        overdue_count=sum(1 for r in open_rows if r["state"].overdue),
        rules=[(names[level], days) for level, days in rules.items() if days is not None],
        level_names={**{b.level: b.level for b in roadmap.blockages.values()}, **names},
    )


def munro_rows(roadmap: Roadmap) -> list[dict[str, Any]]:
    """The self-assessment, in the order of the Munro principles."""
    order = list(MUNRO_PRINCIPLES)
    entries = sorted(roadmap.munro, key=lambda e: order.index(e.principle))
    return [{"entry": e, "principle": MUNRO_PRINCIPLES[e.principle],
             "rating": RATING_LABELS[e.rating]} for e in entries]


#: (caption, what to say without entries) of the Munro table, internal and public.
MUNRO_WORDING = {
    True: ("Our self-assessment against the Munro review's principles",
           "No entries are recorded yet."),
    False: ("How we measure up to the Munro review's principles",
            "No entries have been published yet."),
}


def munro_view(roadmap: Roadmap, internal: bool) -> MunroContext:
    """The Munro plan's table: the whole plan (``internal``) or its public summary."""
    caption, empty = MUNRO_WORDING[internal]
    return MunroContext(rows=munro_rows(roadmap), internal=internal, caption=caption,
                        empty=empty)


def stories_view(roadmap: Roadmap) -> StoriesContext:
    """Every story of difference, newest first."""
    return StoriesContext(rows=story_rows(roadmap))


def story_rows(roadmap: Roadmap, goal_id: str | None = None) -> list[dict[str, Any]]:
    """Stories, newest first (only those linked to ``goal_id`` when it is given)."""
    rows = []
    ordered = sorted(roadmap.stories.items(), key=lambda kv: (kv[1].recorded, kv[0]),
                     reverse=True)
    for story_id, story in ordered:
        if goal_id is not None and goal_id not in story.goals:
            continue
        rows.append({
            "id": story_id,
            "story": story,
            "goals": [(g, roadmap.goals[g]) for g in story.goals if g in roadmap.goals],
            "indicators": [(i, roadmap.indicators[i]) for i in story.indicators
                           if i in roadmap.indicators],
        })
    return rows
