"""Read a whole data folder into one :class:`Roadmap`, resolving every reference.

Reading happens in two passes, as in sphinx-needs: first every file is loaded and
validated on its own; then references between items are resolved, unknown and
duplicate ids are reported, and back-links (goal -> services, priorities, indicators,
actions) are computed in sorted order.  Every problem of both passes is collected;
the caller decides whether to stop.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goldenthread.problems import Location, Problem
from goldenthread.read.loader import LoadedFile, load_file, symlink_problem
from goldenthread.read.messages import display_path, suggest, validate
from goldenthread.read.models import (
    ID_MAX_LENGTH,
    ITEM_KINDS,
    RESERVED_IDS,
    SINGLE_FILES,
    SLUG,
    Accountabilities,
    Accountability,
    Action,
    Glossary,
    Goal,
    Indicator,
    PartnerPlan,
    Priority,
    RoadmapInfo,
    Service,
    Term,
    is_id,
)
from goldenthread.read.staff_files import read_learning
from goldenthread.read.staff_models import Blockage, MunroEntry, Officer, Story


@dataclass(frozen=True)
class Roadmap:
    """The whole road map, validated and cross-referenced.  Treat as read-only."""

    info: RoadmapInfo
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
    #: The review's internal content (goldenthread.read.staff_models); all optional.
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


def _sorted_items(items: dict[str, Any]) -> dict[str, Any]:
    """Items in display order: by ``order`` where the kind has one, then by id."""
    return dict(sorted(items.items(), key=lambda kv: (getattr(kv[1], "order", 0), kv[0])))


#: Files a kind folder may hold besides its data files, never read.
IGNORED_NAMES = ("README.md",)


def _data_files(folder: Path) -> list[Path]:
    """The data files of a kind folder: every ``*.yml`` file.  Links are left out
    (:func:`_report_links` reports them), so nothing outside the data folder is read."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix == ".yml" and not p.is_symlink() and p.is_file())


def _near_misses(folder: Path, data_dir: Path, problems: list[Problem]) -> None:
    """A problem for every other file or folder in a kind folder (``goal.YML``,
    ``goal.yaml``, ``goal.yml.txt``, ``goal``), which would otherwise vanish unread."""
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in IGNORED_NAMES or path.is_symlink():
            continue
        if path.is_file() and path.suffix == ".yml":
            continue
        stem = path.name.split(".")[0] or "my-item"
        fix = f"rename it to '{_slugify(stem)}.yml'"
        what = "a folder" if path.is_dir() else "a file"
        problems.append(Problem(
            Location(display_path(path, data_dir), 1, 1),
            f"'{path.name}' is {what} the road map will not read: each item is one file "
            f"whose name ends in '.yml' (lower case); {fix}, or remove it", "bad-id"))


def _report_links(data_dir: Path, problems: list[Problem]) -> None:
    """A problem for every link (symbolic link) anywhere inside the data folder.

    A link could publish a file from outside the data folder (or quote it in a message),
    and a committed one breaks reading the folder's history, so none is ever followed:
    each is reported here and skipped by the readers.  The data folder itself may be a
    link (it is chosen by whoever runs the build); only what is inside it is checked.
    """
    for root, dirs, files in os.walk(data_dir, followlinks=False):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(root) / name
            if path.is_symlink():
                problems.append(symlink_problem(display_path(path, data_dir),
                                                folder=path.is_dir()))


def _load_items(data_dir: Path, problems: list[Problem]):
    items: dict[str, dict[str, Any]] = {folder: {} for folder in ITEM_KINDS}
    sources: dict[tuple[str, str], LoadedFile] = {}
    broken: set[tuple[str, str]] = set()
    for folder, (model, label) in ITEM_KINDS.items():
        path = data_dir / folder
        if path.is_symlink() or not path.is_dir():
            continue  # a link is reported by _report_links
        first_file: dict[str, str] = {}
        # A linked file is reported as a link; references to its id are not also
        # reported as unknown (replacing the link with the file fixes both).
        broken.update((label, p.stem) for p in path.iterdir()
                      if p.is_symlink() and p.suffix in (".yml", ".yaml"))
        _near_misses(path, data_dir, problems)
        for file in _data_files(path):
            shown = display_path(file, data_dir)
            item_id = file.stem
            loaded = load_file(file, shown, problems)
            if len(item_id) > ID_MAX_LENGTH and re.fullmatch(SLUG, item_id):
                problems.append(Problem(
                    Location(shown, 1, 1),
                    f"the file name '{file.name}' is {len(item_id)} characters before "
                    f"'.yml'; an id may have at most {ID_MAX_LENGTH}, so that other items can "
                    f"refer to it: shorten it, e.g. to '{_shorten(item_id)}{file.suffix}'",
                    "bad-id"))
                continue
            if item_id in RESERVED_IDS:
                problems.append(Problem(
                    Location(shown, 1, 1),
                    f"'{file.name}' cannot be used as a file name: '{item_id}' is "
                    + ("the name of the page that lists every item of this kind"
                       if item_id == "index" else "a name Windows keeps for a device, so "
                       "the file could not be opened there")
                    + f"; rename it, e.g. to 'our-{item_id}{file.suffix}'", "bad-id"))
                continue
            if not is_id(item_id):
                problems.append(Problem(
                    Location(shown, 1, 1),
                    f"the file name '{file.name}' is not a valid id: rename it using lowercase "
                    f"letters, digits and hyphens, like '{_slugify(item_id)}{file.suffix}'",
                    "bad-id"))
                continue
            if item_id in first_file:
                problems.append(Problem(
                    Location(shown, 1, 1),
                    f"{label} '{item_id}' is defined twice (also in {first_file[item_id]}); "
                    "delete or rename one of the files", "duplicate-id"))
                continue
            first_file[item_id] = shown
            item = validate(loaded, model, f"{label} '{item_id}'", problems)
            if item is not None:
                items[folder][item_id] = item
                sources[(label, item_id)] = loaded
            else:
                broken.add((label, item_id))
    return items, sources, broken


def _slugify(text: str) -> str:
    return _shorten(re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-item")


def _shorten(item_id: str) -> str:
    """An id cut to the longest allowed, at a hyphen where one is near."""
    if len(item_id) <= ID_MAX_LENGTH:
        return item_id
    cut = item_id[:ID_MAX_LENGTH]
    return cut.rsplit("-", 1)[0] if "-" in cut[ID_MAX_LENGTH // 2:] else cut


def _load_single(data_dir: Path, name: str, problems: list[Problem]):
    file = data_dir / name
    if file.is_symlink():
        return None, None  # reported by _report_links, never read
    if not file.is_file():
        problems.append(Problem(
            Location(display_path(file, data_dir), 1, 1),
            f"the file {name} is missing from the data folder; create it", "missing-field"))
        return None, None
    loaded = load_file(file, display_path(file, data_dir), problems)
    return validate(loaded, SINGLE_FILES[name], name, problems), loaded


def read_roadmap(data_dir: Path | str, *, partial: bool = False
                 ) -> tuple[Roadmap | None, list[Problem]]:
    """Read, validate and cross-reference ``data_dir``.

    Returns the road map and every problem found, sorted by file and line.  The road
    map is None when roadmap.yml could not be read, unless ``partial`` is set: then it
    is returned with ``info`` None, so that the whole-road-map checks can still run on
    everything that did load (every problem at once).
    """
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        problems.append(Problem(Location(str(data_dir), 1, 1),
                                f"the data folder '{data_dir}' does not exist", "missing-field"))
        return None, problems
    _report_links(data_dir, problems)
    unknown = sorted(
        p.name for p in data_dir.iterdir()
        if not p.name.startswith(".") and p.name not in ITEM_KINDS and p.name not in SINGLE_FILES
        and p.name != "README.md"
    )
    for name in unknown:
        hint = suggest(name, list(ITEM_KINDS) + list(SINGLE_FILES))
        problems.append(Problem(
            Location(display_path(data_dir / name, data_dir), 1, 1),
            f"'{name}' is not part of the road map's data{hint}; the data folder holds "
            f"{', '.join(SINGLE_FILES)} and the folders {', '.join(ITEM_KINDS)}", "unknown-key"))
    items, sources, broken = _load_items(data_dir, problems)
    info, info_src = _load_single(data_dir, "roadmap.yml", problems)
    accs, accs_src = _load_single(data_dir, "accountabilities.yml", problems)
    gloss, gloss_src = _load_single(data_dir, "glossary.yml", problems)
    for name, src in (("roadmap.yml", info_src), ("accountabilities.yml", accs_src),
                      ("glossary.yml", gloss_src)):
        if src is not None:
            sources[("file", name)] = src
    learning = read_learning(data_dir, items, sources, problems)
    roadmap = Roadmap(
        info=info,  # type: ignore[arg-type]  # checked below, after references
        goals=_sorted_items(items["goals"]),
        priorities=_sorted_items(items["priorities"]),
        indicators=_sorted_items(items["indicators"]),
        services=_sorted_items(items["services"]),
        actions=_sorted_items(items["actions"]),
        partner_plans=_sorted_items(items["partner-plans"]),
        accountabilities=tuple(accs.accountabilities) if isinstance(accs, Accountabilities) else (),
        glossary=tuple(gloss.terms) if isinstance(gloss, Glossary) else (),
        sources=sources,
        broken=frozenset(broken),
        **learning,
    )
    problems.extend(check_references(roadmap))
    return (roadmap if info is not None or partial else None), sorted(problems)


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
