"""A small cache for the "What has changed" page, kept inside the repository's .git folder.

Comparing two commits means extracting and reading the whole data folder twice (about
a tenth of a second each), and every build would repeat it for the same commits.  The
sentences for a pair of commits never change (commits are immutable), so they are kept
as JSON under ``.git/goldenthread-changes/``, which is never committed or published.
The key includes the audience and a fingerprint of this package's code, so a change to
the models or to the wording of the summary starts afresh.  JSON, not pickle: reading
the cache can never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from .diff import SECTIONS, Change
from .history import git

CACHE_FOLDER = "goldenthread-changes"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of this package's source: any code change gives new cache keys."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_folder(data_dir: Path) -> Path | None:
    """The cache folder inside the repository's git folder, or None without git."""
    out = git(data_dir, "rev-parse", "--git-path", CACHE_FOLDER)
    if not isinstance(out, str) or not out.strip():
        return None
    return (data_dir / out.strip()).resolve()


def _file(folder: Path, old: str, new: str, audience: str) -> Path:
    key = hashlib.sha256(f"{old} {new} {audience} {code_fingerprint()}".encode()).hexdigest()
    return folder / f"{key[:32]}.json"


def load(folder: Path | None, old: str, new: str, audience: str
         ) -> tuple[Change, ...] | None | bool:
    """The cached changes for a pair of commits; False when the data was unreadable then;
    None when not cached (or the cache file is damaged)."""
    if folder is None:
        return None
    try:
        record = json.loads(_file(folder, old, new, audience).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    if record.get("unreadable"):
        return False
    changes = record.get("changes")
    if not isinstance(changes, list) or not all(
            isinstance(c, list) and len(c) == 2 and c[0] in SECTIONS and isinstance(c[1], str)
            for c in changes):
        return None
    return tuple(Change(section, text) for section, text in changes)


def store(folder: Path | None, old: str, new: str, audience: str,
          changes: tuple[Change, ...] | None) -> None:
    """Remember the changes for a pair of commits (None: the data was unreadable then).
    Written atomically; a cache that cannot be written is simply skipped."""
    if folder is None:
        return
    record = ({"unreadable": True} if changes is None
              else {"changes": [[c.section, c.text] for c in changes]})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False,
                                         suffix=".tmp") as handle:
            json.dump(record, handle)
        os.replace(handle.name, _file(folder, old, new, audience))
    except OSError:
        return
