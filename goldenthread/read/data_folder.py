"""Read a whole data folder into one :class:`~goldenthread.read.roadmap.Roadmap`.

Reading happens in two passes, as in sphinx-needs: first every file the kinds table
(:mod:`goldenthread.read.kinds`) names is loaded and validated on its own; then
references between items are resolved and unknown and duplicate ids are reported
(:func:`goldenthread.read.roadmap.check_references`).  Nothing is skipped silently: a
link, a file with a near-miss name or an unknown entry is a problem with its fix.
Every problem is collected; the caller decides whether to stop.

Under ``mkdocs serve`` the same folder is read again after every edit, so each file's
loaded and validated result (with the problems it gave) is remembered, keyed on the
file's path, inode, size and modification and change times (:func:`_remembered`): a
second read of the folder loads and validates only the files that changed.  Everything
across files (links, unknown entries, references, and every later check) runs on every
read.  A file rewritten with the same size within one tick of the file system's clock
would not be seen as changed; the site's fingerprint of the data folder
(:mod:`goldenthread.site`) has the same limit.  Only the last folder read is remembered,
and only the files it held, so memory does not grow under a long preview.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from goldenthread.problems import Location, Problem
from goldenthread.read.field_types import ID_MAX_LENGTH, RESERVED_IDS, SLUG, is_id
from goldenthread.read.kinds import FILES, ITEMS, KINDS, Kind
from goldenthread.read.loader import LoadedFile, load_file, symlink_problem
from goldenthread.read.messages import display_path, suggest, validate
from goldenthread.read.roadmap import Roadmap, check_references
from goldenthread.read.units import with_populations

#: Files a kind folder may hold besides its data files, never read.
IGNORED_NAMES = ("README.md",)
#: Image files the data folder's top level may hold: the organisation's logo and icon,
#: named in roadmap.yml ('logo', 'favicon') and published as they are, never read here.
ASSET_SUFFIXES = (".svg", ".png")


def _sorted_items(items: dict[str, Any]) -> dict[str, Any]:
    """Items in display order: by ``order`` where the kind has one, then by id."""
    return dict(sorted(items.items(), key=lambda kv: (getattr(kv[1], "order", 0), kv[0])))




T = TypeVar("T")
#: (data folder, {file key: (result, problems)}) of the last folder read with ``remember``.
_remembered_folder: list = [None, {}]


def forget_files() -> None:
    """Forget every remembered file, so that the next read reads every file: for timing
    a first read (``goldenthread check`` run once), and for tests."""
    _remembered_folder[:] = [None, {}]


def _remembered(file: Path, shown: str, what: str, step: Callable[[list[Problem]], T],
                problems: list[Problem], seen: dict | None) -> T:
    """``step(problems)`` for one data file, or its remembered result and problems when the
    file has not changed since the last read of the folder (``seen`` None: not remembered).
    The file is looked at before it is read, so an edit made while it is read is seen
    next time."""
    if seen is None:
        return step(problems)
    try:
        info = os.lstat(file)
    except OSError:
        return step(problems)
    key = (str(file.absolute()), shown, what, info.st_ino, info.st_size, info.st_mtime_ns,
           info.st_ctime_ns)
    known = _remembered_folder[1].get(key)
    if known is None:
        found: list[Problem] = []
        known = (step(found), tuple(found))
    seen[key] = known
    problems.extend(known[1])
    return known[0]


def _entries(folder: Path) -> list[os.DirEntry]:
    """What ``folder`` holds, by name.  A ``DirEntry`` says whether it is a link, a file
    or a folder without asking the file system again, which matters with thousands of
    files."""
    with os.scandir(folder) as found:
        return sorted(found, key=lambda entry: entry.name)


def _is_yml(name: str) -> bool:
    """Whether a file named ``name`` has the suffix '.yml', as ``Path.suffix`` reads it
    (so '..yml' does, with the id '.', and '.yml' does not)."""
    return len(name) > 4 and name.endswith(".yml")


def _data_files(entries: list[os.DirEntry]) -> list[Path]:
    """The data files of a kind folder (its ``entries``): every ``*.yml`` file.  Links are
    left out (:func:`_report_links` reports them), so nothing outside the data folder is
    read."""
    return [Path(entry.path) for entry in entries
            if _is_yml(entry.name) and not entry.is_symlink() and entry.is_file()]


def _near_misses(entries: list[os.DirEntry], data_dir: Path, problems: list[Problem]) -> None:
    """A problem for every other file or folder in a kind folder (``goal.YML``,
    ``goal.yaml``, ``goal.yml.txt``, ``goal``), which would otherwise vanish unread."""
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in IGNORED_NAMES or entry.is_symlink():
            continue
        if entry.is_file() and _is_yml(name):
            continue
        stem = name.split(".")[0] or "my-item"
        fix = f"rename it to '{_slugify(stem)}.yml'"
        what = "a folder" if entry.is_dir() else "a file"
        problems.append(Problem(
            Location(display_path(Path(entry.path), data_dir), 1, 1),
            f"'{name}' is {what} the road map will not read: each item is one file "
            f"whose name ends in '.yml' (lower case); {fix}, or remove it", "bad-id"))


def _report_links(data_dir: Path, problems: list[Problem]) -> None:
    """A problem for every link (symbolic link) anywhere inside the data folder.

    A link could publish a file from outside the data folder (or quote it in a message),
    and a committed one breaks reading the folder's history, so none is ever followed:
    each is reported here and skipped by the readers.  The data folder itself may be a
    link (it is chosen by whoever runs the build); only what is inside it is checked.
    """
    def walk(folder: str) -> None:
        try:
            entries = _entries(Path(folder))
        except OSError:
            return  # unreadable: as os.walk, passed over here (reading it reports it)
        for entry in entries:
            if entry.is_symlink():
                problems.append(symlink_problem(display_path(Path(entry.path), data_dir),
                                                folder=entry.is_dir()))
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path)

    walk(str(data_dir))


def _load_items(data_dir: Path, problems: list[Problem], seen: dict | None = None):
    items: dict[str, dict[str, Any]] = {kind.attribute: {} for kind in ITEMS}
    sources: dict[tuple[str, str], LoadedFile] = {}
    broken: set[tuple[str, str]] = set()
    for kind in ITEMS:
        path = data_dir / kind.path
        if path.is_symlink() or not path.is_dir():
            continue  # a link is reported by _report_links
        # A linked file is reported as a link; references to its id are not also
        # reported as unknown (replacing the link with the file fixes both).
        entries = _entries(path)
        broken.update((kind.label, Path(e.name).stem) for e in entries
                      if e.is_symlink() and Path(e.name).suffix in (".yml", ".yaml"))
        _near_misses(entries, data_dir, problems)
        for file in _data_files(entries):
            shown = display_path(file, data_dir)
            loaded, item, named = _remembered(
                file, shown, kind.path, lambda found, f=file, s=shown, k=kind:
                _load_item(f, s, k, found), problems, seen)
            if not named:
                continue
            if item is not None:
                items[kind.attribute][file.stem] = item
                sources[(kind.label, file.stem)] = loaded
            else:
                broken.add((kind.label, file.stem))
    return items, sources, broken


def _load_item(file: Path, shown: str, kind: Kind, problems: list[Problem]):
    """(loaded file, its item or None, whether its name is a valid id) for one item file."""
    loaded = load_file(file, shown, problems)
    if not _valid_file_name(file, shown, problems):
        return loaded, None, False
    item = validate(loaded, kind.model, f"{kind.label} '{file.stem}'", problems)
    return _validated(loaded), item, True


def _validated(loaded: LoadedFile) -> LoadedFile:
    """``loaded`` without its values, once validated: its record holds them, and a large
    road map's values held twice cost memory (about 26 MiB at M)."""
    loaded.data = None
    return loaded


def _valid_file_name(file: Path, shown: str, problems: list[Problem]) -> bool:
    """True when the file's name is a valid id; else a problem saying how to rename it."""
    item_id = file.stem
    if len(item_id) > ID_MAX_LENGTH and re.fullmatch(SLUG, item_id):
        message = (f"the file name '{file.name}' is {len(item_id)} characters before "
                   f"'.yml'; an id may have at most {ID_MAX_LENGTH}, so that other items can "
                   f"refer to it: shorten it, e.g. to '{_shorten(item_id)}{file.suffix}'")
    elif item_id in RESERVED_IDS:
        why = ("the name of the page that lists every item of this kind" if item_id == "index"
               else "a name Windows keeps for a device, so the file could not be opened there")
        message = (f"'{file.name}' cannot be used as a file name: '{item_id}' is {why}; "
                   f"rename it, e.g. to 'our-{item_id}{file.suffix}'")
    elif not is_id(item_id):
        message = (f"the file name '{file.name}' is not a valid id: rename it using lowercase "
                   f"letters, digits and hyphens, like '{_slugify(item_id)}{file.suffix}'")
    else:
        return True
    problems.append(Problem(Location(shown, 1, 1), message, "bad-id"))
    return False


def _slugify(text: str) -> str:
    return _shorten(re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-item")


def _shorten(item_id: str) -> str:
    """An id cut to the longest allowed, at a hyphen where one is near."""
    if len(item_id) <= ID_MAX_LENGTH:
        return item_id
    cut = item_id[:ID_MAX_LENGTH]
    return cut.rsplit("-", 1)[0] if "-" in cut[ID_MAX_LENGTH // 2:] else cut


def _load_single(data_dir: Path, kind: Kind, problems: list[Problem], seen: dict | None = None):
    """(the file's model, its loaded file); (None, None) when it is absent or a link."""
    file = data_dir / kind.path
    if file.is_symlink():
        return None, None  # reported by _report_links, never read
    if not file.is_file():
        if kind.required:
            problems.append(Problem(
                Location(display_path(file, data_dir), 1, 1),
                f"the file {kind.path} is missing from the data folder; create it "
                "(goldenthread init starts a whole road map)", "missing-field"))
        return None, None
    shown = display_path(file, data_dir)

    def step(found: list[Problem]):
        loaded = load_file(file, shown, found)
        return validate(loaded, kind.model, kind.path, found), _validated(loaded)

    return _remembered(file, shown, kind.path, step, problems, seen)


def _unknown_entries(data_dir: Path, problems: list[Problem]) -> None:
    known = {kind.path for kind in KINDS}
    for name in sorted(p.name for p in data_dir.iterdir()
                       if not p.name.startswith(".") and p.name not in known
                       and p.name not in IGNORED_NAMES
                       and not (p.suffix in ASSET_SUFFIXES and p.is_file()
                                and not p.is_symlink())):
        files = ", ".join(k.path for k in FILES)
        folders = ", ".join(k.path for k in ITEMS)
        problems.append(Problem(
            Location(display_path(data_dir / name, data_dir), 1, 1),
            f"'{name}' is not part of the road map's data{suggest(name, sorted(known))}; the "
            f"data folder holds {files} and the folders {folders}", "unknown-key"))


def read_roadmap(data_dir: Path | str, *, partial: bool = False, remember: bool = True
                 ) -> tuple[Roadmap | None, list[Problem]]:
    """Read, validate and cross-reference ``data_dir``.

    Returns the road map and every problem found, sorted by file and line.  The road
    map is None when roadmap.yml could not be read, unless ``partial`` is set: then it
    is returned with ``info`` None, so that the whole-road-map checks can still run on
    everything that did load (every problem at once).

    With ``remember`` (the default) unchanged files are not read again if this folder
    was the last one read, and this folder's files are remembered in place of the last
    folder's; without it (a past revision unpacked for the history, read once) nothing
    is looked up or kept.
    """
    data_dir = Path(data_dir)
    seen: dict | None = None
    if remember:
        seen = {}
        folder = str(data_dir.absolute())
        if _remembered_folder[0] != folder:
            _remembered_folder[:] = [folder, {}]
    problems: list[Problem] = []
    if not data_dir.is_dir():
        problems.append(Problem(Location(str(data_dir), 1, 1),
                                f"the data folder '{data_dir}' does not exist", "missing-field"))
        return None, problems
    _report_links(data_dir, problems)
    _unknown_entries(data_dir, problems)
    items, sources, broken = _load_items(data_dir, problems, seen)
    fields: dict[str, Any] = {k.attribute: _sorted_items(items[k.attribute]) for k in ITEMS}
    for kind in FILES:
        value, loaded = _load_single(data_dir, kind, problems, seen)
        if loaded is not None:
            sources[("file", kind.path)] = loaded
        if kind.entries is None:
            fields[kind.attribute] = value
        else:
            fields[kind.attribute] = (tuple(getattr(value, kind.entries))
                                      if isinstance(value, kind.model) else ())
    if seen is not None:  # only the files this read found: a deleted file is forgotten
        _remembered_folder[1] = seen
    # A rate that names no population counts the road map's people (its vocabulary's).
    fields["indicators"] = with_populations(fields["indicators"], fields.get("info"))
    roadmap = Roadmap(**fields, sources=sources, broken=frozenset(broken))
    problems.extend(check_references(roadmap))
    return (roadmap if roadmap.info is not None or partial else None), sorted(problems)
