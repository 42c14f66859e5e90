"""Reading a data file's bytes safely: never through a link, never a pipe or device, never
more than :data:`MAX_BYTES`.  The loader (:mod:`goldenthread.read.loader`) parses what this
returns."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from goldenthread.problems import Location, Problem

MAX_BYTES = 1_000_000


def symlink_problem(display: str, folder: bool = False) -> Problem:
    """The problem for a link (symbolic link) found in the data folder."""
    what, thing = ("folder", "folder") if folder else ("file", "file")
    return Problem(
        Location(display, 1, 1),
        f"this {what} is a link (a symbolic link) to another {thing}; the road map never "
        f"follows links, so nothing in it was read: replace the link with the {thing} itself",
        "symlink",
    )


_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


def _read_no_follow(file: Path, display: str, problems: list[Problem]) -> bytes | None:
    """The bytes of ``file``; None (with a problem) when it is a link, not an ordinary
    file, or over :data:`MAX_BYTES`.  A link is refused without opening its target."""
    if file.is_symlink():
        problems.append(symlink_problem(display))
        return None
    try:
        fd = os.open(file, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link after the check above
            problems.append(symlink_problem(display))
            return None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(
                Location(display, 1, 1),
                "this is not an ordinary file (it may be a pipe or a device), so it cannot "
                "be read as text; replace it with an ordinary file", "bad-encoding"))
            return None
        size = info.st_size
        if size <= MAX_BYTES:
            raw = handle.read(MAX_BYTES + 1)
            size = max(size, len(raw))
    if size > MAX_BYTES:
        problems.append(
            Problem(
                Location(display, 1, 1),
                f"this file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; split it "
                "into smaller files",
                "file-too-large",
            )
        )
        return None
    return raw
