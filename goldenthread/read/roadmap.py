"""The road map as one object, and the references between its items.

:func:`goldenthread.read.data_folder.read_roadmap` builds a :class:`Roadmap` from a data
folder; :func:`check_references` resolves the references between items (unknown ids,
with "did you mean") in sorted order, so the same data always gives the same result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from goldenthread.problems import Location, Problem
from goldenthread.read.kinds import BY_ATTRIBUTE, BY_LABEL, BY_PATH, KINDS
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
from goldenthread.read.money_models import Budget, SocialReturn
from goldenthread.read.staff_models import Blockage, MunroEntry, Officer, Story
from goldenthread.read.vocabulary import Vocabulary, resolve

GLOSSARY = BY_ATTRIBUTE["glossary"].path


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
    #: Money and value (goldenthread.read.money_models); optional.
    budgets: dict[str, Budget] = field(default_factory=dict)
    social_returns: dict[str, SocialReturn] = field(default_factory=dict)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The road map's words: the vocabulary roadmap.yml names (default plain), with its
        overrides applied (goldenthread.read.vocabulary)."""
        return resolve(self.info)

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
            kind = BY_PATH.get(self.item_id)
            entries = getattr(roadmap, kind.attribute) if kind and kind.entries else ()
            index = self.loc[1] if len(self.loc) > 1 else None
            return entries[index] if isinstance(index, int) and index < len(entries) else None
        return targets_of(roadmap, self.kind).get(self.item_id)


def _values_at(value: Any, path: tuple[str, ...], loc: tuple[Any, ...]
               ) -> Iterable[tuple[tuple[Any, ...], str]]:
    """(location, id) of every id at ``path`` inside ``value``, following lists."""
    if isinstance(value, list | tuple):
        for i, entry in enumerate(value):
            yield from _values_at(entry, path, loc + (i,))
    elif not path:
        if value:
            yield loc, value
    else:
        yield from _values_at(getattr(value, path[0], None), path[1:], loc + (path[0],))


def references(roadmap: Roadmap) -> Iterable[Reference]:
    """Every reference between items, in the order of the kinds table and of each file,
    as the kinds table (:data:`goldenthread.read.kinds.KINDS`) declares them."""
    for kind in KINDS:
        if not kind.references:
            continue
        if kind.single_file:
            owners = {kind.path: getattr(roadmap, kind.attribute)}
            prefix: tuple[Any, ...] = (kind.entries,)
        else:
            owners, prefix = getattr(roadmap, kind.attribute), ()
        for owner_id, owner in owners.items():
            for path, target in kind.references:
                # A single file's entries: each entry's references, entry by entry.
                values = owner if kind.single_file else [owner]
                for i, value in enumerate(values):
                    start = prefix + (i,) if kind.single_file else ()
                    for loc, ref in _values_at(value, path, start):
                        yield Reference(kind.label, owner_id, loc, target, ref)


def targets_of(roadmap: Roadmap, kind: str) -> dict[str, Any]:
    """The ids a reference of ``kind`` may point at."""
    if kind == "plan priority":
        return {f"{plan_id}/{p.id}": p for plan_id, plan in roadmap.partner_plans.items()
                for p in plan.priorities}
    return getattr(roadmap, BY_LABEL[kind].attribute)


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
                roadmap.where("file", GLOSSARY, "terms", i, "term"),
                f"{GLOSSARY}: the term '{term.term}' is defined twice (also entry "
                f"{seen_terms[key] + 1}); keep one", "duplicate-id"))
        seen_terms.setdefault(key, i)
    return problems
