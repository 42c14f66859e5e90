"""A small cache for the "What has changed" page, kept inside the repository's .git folder.

Comparing two commits means extracting and reading the whole data folder twice (about
a tenth of a second each), and every build would repeat it for the same commits.  The
sentences for a pair of commits never change (commits are immutable), so they are kept
as JSON under ``.git/goldenthread-changes/``, which is never committed or published.
The key includes the audience (for the public, with which indicators hide small counts
today: :func:`goldenthread.history.quotable.rules_key`) and a fingerprint of the code
(every ``.py`` file under ``goldenthread/``, the checks included, and the versions of the
packages whose word lists and rules the guards read: :data:`GUARD_PACKAGES`), so a change
to the models, to the wording of the summary or to the rules of what the public may be
shown (the audience filter, the personal-data and name guards) starts afresh;
:data:`RULES` is part of the key too, and is raised by hand when the rules change in a
way the code alone might not show.  The templates are not part of the key: they only
present the cached sentences.

Besides the changes of each pair of commits, the cache keeps for each commit which
subjects (items, achievements, glossary terms, accountabilities) existed and whether the
public could see them: :mod:`goldenthread.history.changes` needs that to leave out of the public
history everything that is no longer public.  JSON, not pickle: reading the cache can
never run code.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from goldenthread.history.compare import SECTIONS, Change
from goldenthread.history.git import git

CACHE_FOLDER = "goldenthread-changes"
#: The version of the public history's rules (what may be quoted, what is left out).
RULES = 3


#: Packages whose data the public guards read (phone-number rules, names, word lists):
#: a new version may find what an older one did not, so it starts the cache afresh.
GUARD_PACKAGES = ("phonenumbers", "gender-guesser", "textstat", "english-words",
                  "pyspellchecker", "confusable-homoglyphs", "confusables")


def fingerprinted_files() -> list[Path]:
    """Every ``.py`` file of the whole ``goldenthread`` package (not only the history's:
    the guards it calls live in ``check`` and ``derive``)."""
    package = Path(__file__).resolve().parent.parent
    return sorted(package.rglob("*.py"))


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's source and of the guards' packages' versions: any change
    gives new cache keys."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in fingerprinted_files():
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in GUARD_PACKAGES:
        digest.update(f"{name} {_version(name)}".encode())
    return digest.hexdigest()[:16]


def cache_folder(data_dir: Path) -> Path | None:
    """The cache folder inside the repository's git folder, or None without git."""
    out = git(data_dir, "rev-parse", "--git-path", CACHE_FOLDER)
    if not isinstance(out, str) or not out.strip():
        return None
    return (data_dir / out.strip()).resolve()


def _file(folder: Path, old: str, new: str, audience: str) -> Path:
    key = hashlib.sha256(
        f"{old} {new} {audience} {RULES} {code_fingerprint()}".encode()).hexdigest()
    return folder / f"{key[:32]}.json"


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _write(path: Path, record: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as handle:
            json.dump(record, handle)
        os.replace(handle.name, path)
    except OSError:
        return


def load(folder: Path | None, old: str, new: str, audience: str
         ) -> tuple[Change, ...] | None | bool:
    """The cached changes for a pair of commits; False when the data was unreadable then;
    None when not cached (or the cache file is damaged)."""
    if folder is None:
        return None
    record = _read(_file(folder, old, new, audience))
    if not isinstance(record, dict):
        return None
    if record.get("unreadable"):
        return False
    changes = record.get("changes")
    if not isinstance(changes, list) or not all(
            isinstance(c, list) and len(c) == 4 and c[0] in SECTIONS and isinstance(c[1], str)
            and isinstance(c[2], list) and all(isinstance(a, str) for a in c[2])
            and isinstance(c[3], str) for c in changes):
        return None
    return tuple(Change(section, text, tuple(about), plain)
                 for section, text, about, plain in changes)


def store(folder: Path | None, old: str, new: str, audience: str,
          changes: tuple[Change, ...] | None) -> None:
    """Remember the changes for a pair of commits (None: the data was unreadable then).
    Written atomically; a cache that cannot be written is simply skipped."""
    if folder is None:
        return
    record = ({"unreadable": True} if changes is None
              else {"changes": [[c.section, c.text, list(c.about), c.plain] for c in changes]})
    _write(_file(folder, old, new, audience), record)


def _states_file(folder: Path, commit: str) -> Path:
    key = hashlib.sha256(f"states {commit} {RULES} {code_fingerprint()}".encode()).hexdigest()
    return folder / "states" / f"{key[:32]}.json"


def load_states(folder: Path | None, commit: str) -> dict[str, bool] | None:
    """The cached subjects of a commit (key -> visible to the public), or None."""
    if folder is None:
        return None
    record = _read(_states_file(folder, commit))
    if not isinstance(record, dict) or not all(
            isinstance(k, str) and isinstance(v, bool) for k, v in record.items()):
        return None
    return record


def store_states(folder: Path | None, commit: str, states: dict[str, bool]) -> None:
    """Remember the subjects of a commit (see :func:`load_states`)."""
    if folder is not None:
        _write(_states_file(folder, commit), dict(states))
