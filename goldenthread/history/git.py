"""The data folder's git history: when each file last changed, and the data at a revision.

Every function degrades gracefully: without git, outside a repository (a build from a
tarball) or for a revision git does not know, it returns nothing rather than failing,
and callers say so in words.  Git runs with its own arguments only (no shell).
"""

from __future__ import annotations

import copy
import io
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

GIT_TIMEOUT = 60
_DAY = "day:"  # marks a commit's date among the file names git lists


class GitError(Exception):
    """Git could not do what was asked (message in plain words)."""


def git(data_dir: Path, *args: str, binary: bool = False) -> str | bytes | None:
    """Run git in ``data_dir``; its output, or None when git or the repository is missing."""
    try:
        result = subprocess.run(["git", *args], cwd=data_dir, capture_output=True,
                                timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout if binary else result.stdout.decode("utf-8", "replace")


def in_repository(data_dir: Path) -> bool:
    """True when ``data_dir`` is inside a git working tree and git is installed."""
    return (git(Path(data_dir), "rev-parse", "--is-inside-work-tree") or "").strip() == "true"


def last_changed(data_dir: Path | str) -> dict[str, date]:
    """Path inside the data folder ('goals/x.yml') -> the date of the last commit changing it.

    One ``git log`` over the whole folder (not one per file), newest first, so the
    first date seen for a file is its latest.  Empty without git or history.
    """
    data_dir = Path(data_dir).resolve()
    out = git(data_dir, "log", f"--format=%x00{_DAY}%cs", "--name-only", "--relative",
              "--no-renames", "-z", "--", ".")
    if not isinstance(out, str):
        return {}
    dates: dict[str, date] = {}
    current: date | None = None
    for token in out.split("\0"):
        token = token.strip("\n")
        if token.startswith(_DAY) and _is_date(token[len(_DAY):]):
            current = date.fromisoformat(token[len(_DAY):])
        elif token and current is not None:
            dates.setdefault(token, current)
    return dates


#: data folder -> last_changed() of it, for the build under way (see forget_last_changed).
_this_build: dict[str, dict[str, date]] = {}


def last_changed_this_build(data_dir: Path | str) -> dict[str, date]:
    """:func:`last_changed`, run once per build and shared by the hook and the macros."""
    key = str(Path(data_dir).resolve())
    if key not in _this_build:
        _this_build.clear()
        _this_build[key] = last_changed(key)
    return _this_build[key]


def forget_last_changed() -> None:
    """Start of a build: git history may have moved on since the last one."""
    _this_build.clear()


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


@dataclass(frozen=True)
class Commit:
    """A commit that changed the data folder."""

    sha: str
    day: date


def data_commits(data_dir: Path | str, limit: int) -> list[Commit]:
    """The latest ``limit`` commits that changed the data folder, newest first.

    Follows the first parent only, so a merged pull request counts as one change.
    """
    out = git(Path(data_dir), "log", "--first-parent", f"--max-count={int(limit)}",
              "--format=%H %cs", "--", ".")
    if not isinstance(out, str):
        return []
    commits = []
    for line in out.splitlines():
        sha, _, day = line.partition(" ")
        if sha and _is_date(day):
            commits.append(Commit(sha, date.fromisoformat(day)))
    return commits


def resolve(data_dir: Path | str, revision: str) -> str:
    """The full commit id of ``revision``; :class:`GitError` when git does not know it."""
    data_dir = Path(data_dir)
    if not in_repository(data_dir):
        raise GitError(f"the data folder '{data_dir}' is not in a git repository, so there "
                       "are no revisions to compare")
    if revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision")
    out = git(data_dir, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if not isinstance(out, str) or not out.strip():
        raise GitError(f"'{revision}' is not a revision git knows in this repository "
                       "(try a branch name, a tag or a commit id)")
    return out.strip()


def extract(data_dir: Path | str, commit: str, target: Path) -> Path | None:
    """Write the data folder as it was at ``commit`` under ``target``; its path, or None
    when the folder did not exist then.  The copy keeps the folder's name, so messages
    name files as they are named in the working tree."""
    data_dir = Path(data_dir).resolve()
    prefix = git(data_dir, "rev-parse", "--show-prefix")
    top = git(data_dir, "rev-parse", "--show-toplevel")
    if not isinstance(prefix, str) or not isinstance(top, str):
        return None
    tree = f"{commit}:{prefix.strip().rstrip('/')}" if prefix.strip() else commit
    # Run from the top of the repository: in a subfolder, git archive limits itself to it.
    archive = git(Path(top.strip()), "archive", "--format=tar", tree, binary=True)
    if not isinstance(archive, bytes):
        return None
    out = Path(target) / data_dir.name
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter=_links_unfollowed)
    return out


def _links_unfollowed(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo:
    """The tar "data" filter, with every link pointed at nothing first.

    A link committed to the data folder is refused by the reader (``[symlink]``); here
    it must neither be followed nor stop the history (the data filter raises on a link
    that leaves the folder), so it is kept as a link to a name that does not exist."""
    if member.issym() or member.islnk():
        member = copy.copy(member)
        member.type, member.linkname = tarfile.SYMTYPE, "link-not-followed"
    return tarfile.data_filter(member, dest)
