"""Change summaries from git: ``goldenthread diff`` and the "What has changed" page.

Both read the data folder as it was at a revision (``git archive`` into a temporary
folder), read it with the same strict reader as everything else, and compare with
:func:`goldenthread.diff.compare`.  A version with data errors is never compared
silently: the summary says so, because items with errors are left out of a road map
and would otherwise look removed.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import change_cache
from .diff import Change, as_markdown, compare, title_of
from .history import data_commits, extract, git, in_repository, resolve
from .model import ITEM_KINDS
from .problems import Problem, has_errors
from .roadmap import Roadmap, read_roadmap

#: How many of the latest changes the "What has changed" page lists.
DEFAULT_LIMIT = 20
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def markdown_escape(text: str) -> str:
    """Editor text made literal in Markdown (a pull-request comment renders Markdown)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass
class Version:
    """The road map at one revision (or the working tree), with its problems."""

    name: str
    roadmap: Roadmap | None
    problems: list[Problem] = field(default_factory=list)
    missing: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _read(data_dir: Path, commit: str | None, name: str, workdir: Path) -> Version:
    if commit is None:
        roadmap, problems = read_roadmap(data_dir)
        return Version(name, roadmap, problems)
    folder = extract(data_dir, commit, workdir / commit)
    if folder is None:
        return Version(name, None, missing=True)
    roadmap, problems = read_roadmap(folder)
    return Version(name, roadmap, problems)


def _short(data_dir: Path, revision: str, commit: str) -> str:
    short = git(data_dir, "rev-parse", "--short", commit)
    short = short.strip() if isinstance(short, str) else commit[:7]
    return revision if short.startswith(revision) else f"{revision} ({short})"


def diff_revisions(data_dir: Path | str, base: str, head: str | None = None,
                   audience: str = "internal") -> str:
    """A Markdown summary of what changed in the data from ``base`` to ``head`` (the
    working tree when None).  Raises :class:`goldenthread.history.GitError` for a
    revision git does not know."""
    data_dir = Path(data_dir)
    base_commit = resolve(data_dir, base)
    head_commit = resolve(data_dir, head) if head is not None else None
    with tempfile.TemporaryDirectory(prefix="goldenthread-diff-") as tmp:
        old = _read(data_dir, base_commit, _short(data_dir, base, base_commit), Path(tmp))
        new = _read(data_dir, head_commit,
                    _short(data_dir, head, head_commit) if head and head_commit
                    else "the working tree", Path(tmp))
    lines = [f"## Changes to the road map: {markdown_escape(old.name)} → "
             f"{markdown_escape(new.name)}\n"]
    for version in (old, new):
        if version.missing:
            lines.append(f"The data folder '{data_dir.name}' did not exist at "
                         f"{markdown_escape(version.name)}.\n")
        elif version.errors or version.roadmap is None:
            lines.append(_errors_text(version))
    changes = compare(old.roadmap, new.roadmap, audience) if new.roadmap is not None else []
    lines.append(as_markdown(changes, line=markdown_escape))
    return "\n".join(lines)


def _errors_text(version: Version) -> str:
    errors = version.errors
    shown = "\n".join(f"- `{p}`" for p in errors[:20])
    more = f"\n- … and {len(errors) - 20} more" if len(errors) > 20 else ""
    return (f"**The road map at {markdown_escape(version.name)} has {len(errors)} data "
            f"error(s).** Items with errors are left out below, so they may look removed "
            f"or unchanged. Fix these first (run `goldenthread check`):\n\n{shown}{more}\n")


@dataclass(frozen=True)
class DatedChanges:
    """The changes made on one day."""

    day: date
    changes: tuple[Change, ...]
    unreadable: bool = False  # the data had errors then, so the changes are not listed


@dataclass(frozen=True)
class ChangeLog:
    """What the "What has changed" page shows."""

    available: bool  # False without git or history (e.g. a build from a tarball)
    entries: tuple[DatedChanges, ...] = ()
    capped: bool = False  # more, older changes exist than were read
    first_recorded: date | None = None
    seconds: float = 0.0


def withheld_names(current: Roadmap | None) -> frozenset[str]:
    """Titles and ids of the items that are not public *now*.

    An item once public and since made internal must vanish from the public site, its
    past changes included: each version is filtered for the public on its own, so an
    old change could otherwise still name it.  Such changes are left out.
    """
    if current is None:
        return frozenset()
    names: set[str] = set()
    for folder in ITEM_KINDS:
        for item_id, item in (getattr(current, folder.replace("-", "_"), {}) or {}).items():
            if getattr(item, "visibility", None) != "public":
                names.add(item_id)
                names.add(title_of(item))
    return frozenset(n.casefold() for n in names if n)


def change_log(data_dir: Path | str, audience: str = "public",
               limit: int = DEFAULT_LIMIT, withhold: frozenset[str] = frozenset()) -> ChangeLog:
    """The dated changes to the road map from the data folder's git history, newest first,
    as ``audience`` may see them; the latest ``limit`` commits only.  A change whose
    text names anything in ``withhold`` (see :func:`withheld_names`) is left out.

    Each pair of consecutive commits is compared once and remembered
    (:mod:`goldenthread.change_cache`), so later builds only read new commits.
    """
    started = time.perf_counter()
    data_dir = Path(data_dir).resolve()
    if not data_dir.is_dir() or not in_repository(data_dir):
        return ChangeLog(available=False)
    commits = data_commits(data_dir, limit + 1)
    if not commits:
        return ChangeLog(available=False)
    capped = len(commits) > limit
    cache = change_cache.cache_folder(data_dir)
    entries: dict[date, list[Change]] = {}
    unreadable: set[date] = set()
    with tempfile.TemporaryDirectory(prefix="goldenthread-history-") as tmp:
        versions: dict[str, Version] = {}

        def version(sha: str) -> Version:
            if sha not in versions:
                versions[sha] = _read(data_dir, sha, sha, Path(tmp))
            return versions[sha]

        for new_commit, old_commit in zip(commits, commits[1:], strict=False):
            found = change_cache.load(cache, old_commit.sha, new_commit.sha, audience)
            if found is None:
                found = _compare_versions(version(old_commit.sha), version(new_commit.sha),
                                          audience)
                change_cache.store(cache, old_commit.sha, new_commit.sha, audience,
                                   None if found is False else found)
            if found is False:
                unreadable.add(new_commit.day)
                continue
            day = entries.setdefault(new_commit.day, [])
            day += [c for c in found if c not in day and not _names_any(c, withhold)]
    dated = [DatedChanges(day, tuple(changes)) for day, changes in entries.items() if changes]
    dated += [DatedChanges(day, (), unreadable=True) for day in sorted(unreadable)
              if not entries.get(day)]
    return ChangeLog(
        available=True,
        entries=tuple(sorted(dated, key=lambda e: e.day, reverse=True)),
        capped=capped,
        first_recorded=None if capped else commits[-1].day,
        seconds=time.perf_counter() - started,
    )


def _names_any(change: Change, withhold: frozenset[str]) -> bool:
    text = change.text.casefold()
    return any(name in text for name in withhold)


def _compare_versions(old: Version, new: Version, audience: str) -> tuple[Change, ...] | bool:
    """The changes between two versions, or False when either had data errors."""
    if old.roadmap is None or new.roadmap is None or has_errors(old.problems) \
            or has_errors(new.problems):
        return False
    return tuple(compare(old.roadmap, new.roadmap, audience))
