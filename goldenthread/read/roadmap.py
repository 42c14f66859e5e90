"""The road map as one object, and the references between its items.

:func:`goldenthread.read.data_folder.read_roadmap` builds a :class:`Roadmap` from a data
folder; :func:`check_references` resolves the references between items (unknown ids,
with "did you mean") in sorted order, so the same data always gives the same result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from goldenthread.problems import Location, Problem
from goldenthread.read.loader import LoadedFile
from goldenthread.read.messages import suggest
from goldenthread.read.models import (
    Accountability,
    Action,
    Goal,
    Indicator,
    PartnerPlan,
    Priority,
    RoadmapInfo,
    Service,
    Term,
)
from goldenthread.read.staff_models import Blockage, MunroEntry, Officer, Story


@dataclass(frozen=True)
class Roadmap:
    """The whole road map, validated and cross-referenced.  Treat as read-only."""

    #: roadmap.yml; None only in a partial road map whose roadmap.yml could not be read.
    info: RoadmapInfo | None
    goals: dict[str, Goal]
    priorities: dict[str, Priority]
    indicators: dict[str, Indicator]
    services: dict[str, Service]
    actions: dict[str, Action]
    partner_plans: dict[str, PartnerPlan]
    accountabilities: tuple[Accountability, ...]
    glossary: tuple[Term, ...]
    #: (kind, id) -> the loaded file, for locations of fields inside an item.
    sources: dict[tuple[str, str], LoadedFile] = field(default_factory=dict, compare=False)
    #: (kind, id) of items whose file exists but has errors: references to them are not
    #: reported as unknown (the file's own problems say what to fix).
    broken: frozenset[tuple[str, str]] = frozenset()
    #: Stories of difference, blockages, the Munro plan and named officers
    #: (goldenthread.read.staff_models); all optional.
    blockages: dict[str, Blockage] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    munro: tuple[MunroEntry, ...] = ()
    officers: tuple[Officer, ...] = ()

    def where(self, kind: str, item_id: str, *loc: Any) -> Location:
        """Where a field of an item was written, e.g. ``where('service', 'x', 'owner')``."""
        source = self.sources.get((kind, item_id))
        if source is None:
            return Location("roadmap_data", 1, 1)
        return source.where(loc, prefer_key=False)


@dataclass(frozen=True)
class Reference:
    """One reference from an item's field to another item."""

    kind: str  # the referring item's kind ('file' for entries of single files)
    item_id: str  # its id (the file name for single files)
    loc: tuple[Any, ...]  # the field path inside the item
    target_kind: str
    target_id: str

    @property
    def label(self) -> str:
        """How messages name the referring item."""
        return self.item_id if self.kind == "file" else f"{self.kind} '{self.item_id}'"

    def source_item(self, roadmap: Roadmap) -> Any:
        """The referring item (for single files, the entry the reference sits in)."""
        if self.kind == "file":
            entries = {"accountabilities.yml": roadmap.accountabilities}.get(self.item_id, ())
            index = self.loc[1] if len(self.loc) > 1 else None
            return entries[index] if isinstance(index, int) and index < len(entries) else None
        return targets_of(roadmap, self.kind).get(self.item_id)


def references(roadmap: Roadmap) -> Iterable[Reference]:
    """Every reference between items, in file order."""
    for gid, goal in roadmap.goals.items():
        for i, ref in enumerate(goal.serves):
            yield Reference("goal", gid, ("serves", i), "plan priority", ref)
    for pid, priority in roadmap.priorities.items():
        for i, ref in enumerate(priority.goals):
            yield Reference("priority", pid, ("goals", i), "goal", ref)
    for iid, indicator in roadmap.indicators.items():
        for i, ref in enumerate(indicator.goals):
            yield Reference("indicator", iid, ("goals", i), "goal", ref)
    for sid, service in roadmap.services.items():
        for i, contribution in enumerate(service.contributes_to):
            yield Reference("service", sid, ("contributes_to", i, "goal"), "goal",
                            contribution.goal)
    for aid, action in roadmap.actions.items():
        yield Reference("action", aid, ("priority",), "priority", action.priority)
        for i, ref in enumerate(action.services):
            yield Reference("action", aid, ("services", i), "service", ref)
    for i, acc in enumerate(roadmap.accountabilities):
        kind, ref = acc.subject
        yield Reference("file", "accountabilities.yml", ("accountabilities", i, kind), kind, ref)
    for bid, blockage in roadmap.blockages.items():
        for field_name, target in (("priorities", "priority"), ("actions", "action"),
                                   ("services", "service")):
            for i, ref in enumerate(getattr(blockage, field_name)):
                yield Reference("blockage", bid, (field_name, i), target, ref)
    for story_id, story in roadmap.stories.items():
        for field_name, target in (("goals", "goal"), ("indicators", "indicator")):
            for i, ref in enumerate(getattr(story, field_name)):
                yield Reference("story", story_id, (field_name, i), target, ref)


def targets_of(roadmap: Roadmap, kind: str) -> dict[str, Any]:
    """The ids a reference of ``kind`` may point at."""
    if kind == "plan priority":
        return {f"{plan_id}/{p.id}": p for plan_id, plan in roadmap.partner_plans.items()
                for p in plan.priorities}
    return {"goal": roadmap.goals, "priority": roadmap.priorities, "service": roadmap.services,
            "action": roadmap.actions, "indicator": roadmap.indicators,
            "partner plan": roadmap.partner_plans, "blockage": roadmap.blockages,
            "story": roadmap.stories}[kind]


def _is_broken(roadmap: Roadmap, ref: Reference) -> bool:
    if ref.target_kind == "plan priority":
        return ("partner plan", ref.target_id.partition("/")[0]) in roadmap.broken
    return (ref.target_kind, ref.target_id) in roadmap.broken


def check_references(roadmap: Roadmap) -> list[Problem]:
    """Unknown ids (with a suggestion) and duplicate ids inside single files."""
    problems: list[Problem] = []
    for ref in references(roadmap):
        known = targets_of(roadmap, ref.target_kind)
        if ref.target_id not in known and not _is_broken(roadmap, ref):
            problems.append(Problem(
                roadmap.where(ref.kind, ref.item_id, *ref.loc),
                f"{ref.label}: unknown {ref.target_kind} id '{ref.target_id}'"
                f"{suggest(ref.target_id, known)}", "unknown-ref"))
    for plan_id, plan in roadmap.partner_plans.items():
        seen: set[str] = set()
        for i, priority in enumerate(plan.priorities):
            if priority.id in seen:
                problems.append(Problem(
                    roadmap.where("partner plan", plan_id, "priorities", i, "id"),
                    f"partner plan '{plan_id}': the priority id '{priority.id}' is used twice",
                    "duplicate-id"))
            seen.add(priority.id)
    seen_terms: dict[str, int] = {}
    for i, term in enumerate(roadmap.glossary):
        key = term.term.casefold()
        if key in seen_terms:
            problems.append(Problem(
                roadmap.where("file", "glossary.yml", "terms", i, "term"),
                f"glossary.yml: the term '{term.term}' is defined twice (also entry "
                f"{seen_terms[key] + 1}); keep one", "duplicate-id"))
        seen_terms.setdefault(key, i)
    return problems
