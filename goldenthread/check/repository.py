"""Who can read the repository: nothing only staff may read is kept in a public one.

The data folder lives in a git repository.  On a public repository everything in it
can be read by anyone, whatever the road map calls internal: the files in git, the
build's artifacts, the pull-request comments and the issues.  So the road map says who
can read its repository, in ``roadmap.yml``::

    repository: private

Without that line the repository is treated as public (the safe default).  When it is
public, this check reports an error, at its file and line, for every route by which
something only staff may read would sit in it:

* each item, and each entry inside a file or item, not marked ``visibility: public``
  (the outermost one: an internal item is one error, not one per field inside it);
* each file of a kind that is never published (blockages; the named officers' file,
  once, at its first officer), found from the kinds table, so a kind added later with
  ``internal_only`` is covered too;
* the blockage issue form (``.github/ISSUE_TEMPLATE/blockage.yml``) of the site's
  repository: an issue on a public repository is public.

The declaration alone is not trusted where GitHub can be asked: the workflow passes
GitHub's own answer (``github.event.repository.visibility``) in the environment
variable :data:`ENVIRONMENT`.  A repository GitHub says is public is treated as public
whatever ``roadmap.yml`` says, and a road map that says ``private`` there is an error in
itself.  Without the variable (a check on an editor's own computer) the declaration
stands.  GitHub's ``internal`` (readable by the members of an enterprise only) counts
as private.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.reader_text import hidden_records, records
from goldenthread.problems import Location, Problem
from goldenthread.read.kinds import KINDS, ROADMAP_FILE
from goldenthread.read.messages import display_path
from goldenthread.read.roadmap import Roadmap

#: The environment variable that carries GitHub's answer: public, private or internal.
ENVIRONMENT = "GOLDENTHREAD_REPOSITORY_VISIBILITY"
#: GitHub's answers, and whether each means the public can read the repository.
GITHUB_ANSWERS = {"public": True, "private": False, "internal": False}
#: The issue forms through which staff would raise a blockage, in the site's repository.
ISSUE_FORMS = (".github/ISSUE_TEMPLATE/blockage.yml", ".github/ISSUE_TEMPLATE/blockage.yaml")
#: The remedy every message ends with.
FIX = ("keep the road map in a private repository and write 'repository: private' in "
       f"{ROADMAP_FILE}, or remove what only staff may read")


def github_answer() -> str | None:
    """GitHub's answer as the workflow passed it (lowercase), or None when not told."""
    answer = os.environ.get(ENVIRONMENT, "").strip().lower()
    return answer or None


def _why_public(roadmap: Roadmap, answer: str | None) -> str | None:
    """Why the repository counts as public (for the messages), or None when it is private."""
    if answer is not None and GITHUB_ANSWERS.get(answer):
        return "GitHub says this repository is public"
    info = roadmap.info
    if info is None or info.repository == "private":
        return None
    if "repository" in info.model_fields_set:
        return f"{ROADMAP_FILE} says 'repository: public'"
    return (f"{ROADMAP_FILE} does not say who can read the repository (so it is treated as "
            "public)")



def _entry_label(label: str, loc: tuple[Any, ...]) -> str:
    """How a message names an item, or an entry inside a file or item: "goal 'x'",
    "roadmap.yml: entry 2 of 'achievements'"."""
    if not loc:
        return label
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    index = next((p for p in reversed(loc) if isinstance(p, int)), None)
    entry = f"entry {index + 1} of '{field}'" if index is not None else f"'{field}'"
    return f"{label}: {entry}"


def _internal_records(roadmap: Roadmap, why: str) -> Iterator[Problem]:
    """An error for each item or entry not marked public (kinds never published apart)."""
    for place in records(roadmap):
        if place.kind.internal_only:
            continue
        for loc, record in hidden_records(place.value, outermost=True):
            yield Problem(
                roadmap.where(place.kind_label, place.item_id, *place.loc, *loc, "visibility"),
                f"{_entry_label(place.label, place.loc + loc)} is marked "
                f"'{record.visibility}', but {why}, so anyone "
                f"can read it in git; {FIX} (or mark it public if it may be published)",
                "public-repository")


def _staff_only_files(roadmap: Roadmap, data_dir: Path | None, why: str
                      ) -> Iterator[Problem]:
    """An error for each file of a kind that is never published (a single file such as
    officers.yml once, also when it is empty or could not be read)."""
    folder = Path(os.path.abspath(data_dir)) if data_dir is not None else None
    for kind in KINDS:
        if not kind.internal_only:
            continue
        held = getattr(roadmap, kind.attribute)
        if kind.single_file:
            where = roadmap.where("file", kind.path, kind.entries, 0) if held else None
            if where is None and folder is not None and (folder / kind.path).is_file():
                where = Location(display_path(folder / kind.path, folder), 1, 1)
            if where is not None:
                count = (f" (it holds {len(held)} entr{'y' if len(held) == 1 else 'ies'} "
                         f"under '{kind.entries}')" if held else "")
                yield Problem(
                    where, f"{kind.path} is for staff only{count}, but {why}, so anyone can "
                    f"read it in git; {FIX} (delete {kind.path})", "public-repository")
            continue
        for item_id in held:
            yield Problem(
                roadmap.where(kind.label, item_id),
                f"{kind.label} '{item_id}' is for staff only, but {why}, so anyone can read "
                f"it in git; {FIX} (delete this file)", "public-repository")


def _broken_staff_only_files(roadmap: Roadmap, data_dir: Path | None, why: str
                             ) -> Iterator[Problem]:
    """An error for each file of a kind never published that exists but could not be read
    (its own problems are reported too; it is in git all the same)."""
    for label, item_id in sorted(roadmap.broken):
        kind = next((k for k in KINDS if k.label == label and not k.single_file), None)
        if kind is None or not kind.internal_only:
            continue
        where = roadmap.where(label, item_id)
        if data_dir is not None:
            folder = Path(os.path.abspath(data_dir))
            file = next(iter(sorted((folder / kind.path).glob(f"{item_id}.y*ml"))), None)
            if file is not None:
                where = Location(display_path(file, folder), 1, 1)
        yield Problem(
            where, f"{label} '{item_id}' is for staff only, but {why}, so anyone can read it "
            f"in git; {FIX} (delete this file)", "public-repository")


def repository_folders(data_dir: Path) -> list[Path]:
    """The folders that may be the site's repository: the data folder's git top level
    (the nearest folder above it holding ``.git``) and the folder above the data folder."""
    data_dir = Path(os.path.abspath(data_dir))
    folders = [data_dir.parent]
    for folder in (data_dir, *data_dir.parents):
        if (folder / ".git").exists():
            if folder not in folders:
                folders.insert(0, folder)
            break
    return folders


def _issue_forms(data_dir: Path, why: str) -> Iterator[Problem]:
    """An error for each blockage issue form in the site's repository."""
    for folder in repository_folders(data_dir):
        for name in ISSUE_FORMS:
            form = folder / name
            if form.is_file():
                shown = display_path(form, Path(os.path.abspath(data_dir)))
                if os.path.isabs(shown):  # above the data folder's parent: '../.github/...'
                    shown = Path(os.path.relpath(form, os.path.abspath(data_dir) + "/..")
                                 ).as_posix()
                yield Problem(
                    Location(shown, 1, 1),
                    f"the blockage issue form {name} is here, but {why}, and every issue on "
                    "a public repository is public; delete this file and raise blockages "
                    "by the private route (a blockage file in a private repository, or your "
                    "organisation's own channel), or keep the road map in a private "
                    f"repository and write 'repository: private' in {ROADMAP_FILE}",
                    "public-repository")


@check
def repository_visibility(context: CheckContext) -> Iterable[Problem]:
    """In a public repository, an error for everything only staff may read (every build)."""
    roadmap = context.roadmap
    if roadmap.info is None:
        return  # roadmap.yml could not be read: its own problems come first
    answer = github_answer()
    if answer is not None and answer not in GITHUB_ANSWERS:
        yield Problem(
            roadmap.where("file", ROADMAP_FILE, "repository"),
            f"the environment variable {ENVIRONMENT} is '{answer}', which is not one of "
            "GitHub's answers (public, private or internal); pass "
            "github.event.repository.visibility to it in the workflow", "public-repository")
        why: str | None = (f"{ENVIRONMENT} does not say who can read the repository (so it "
                           "is treated as public)")
    else:
        if answer == "public" and roadmap.info.repository == "private":
            yield Problem(
                roadmap.where("file", ROADMAP_FILE, "repository"),
                f"{ROADMAP_FILE} says 'repository: private', but GitHub says this repository "
                "is public, so everything in it can be read by anyone; make the repository "
                "private on GitHub, or write 'repository: public' and remove what only "
                "staff may read", "public-repository")
        why = _why_public(roadmap, answer)
    if why is None:
        return
    yield from _internal_records(roadmap, why)
    yield from _staff_only_files(roadmap, context.data_dir, why)
    yield from _broken_staff_only_files(roadmap, context.data_dir, why)
    if context.data_dir is not None:
        yield from _issue_forms(context.data_dir, why)
