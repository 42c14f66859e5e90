"""Put freshly built sites into place, each in one atomic step (used by ``scripts/build``).

``scripts/build`` builds both sites into a staging folder inside the output folder
(so on the same file system, even when the output folder is a mount of its own),
checks them, and only then calls :func:`install`, which publishes both or neither.  Each site
folder is swapped with the new one by a single ``renameat2(RENAME_EXCHANGE)`` call, so
at every instant ``site/public`` is either the complete old site or the complete new
one; the old site ends up in the staging folder, which the build then deletes.  Where
the kernel or file system cannot exchange (``RENAME_EXCHANGE`` is Linux-only), the old
folder is renamed aside and the new one renamed in: two renames, a moment apart.

**One version of the data.**  Each site is built by a MkDocs run of its own, each reading
the data folder, so an edit saved during a build could give the two sites different
versions of it.  So the build notes the data folder's version as it starts
(:func:`record_version`: every file with its size, time of change and content digest)
and :func:`install` publishes nothing unless the data is still that version, just
before the sites move: both sites (and the checks) come from one version of the data.
(The data is not copied aside for the builds: the pages' review dates and the "What
has changed" page come from the data folder's git history, and every message must name
the file the editor edits.)
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import stat
import sys
from pathlib import Path

from goldenthread.read.messages import display_path

SITES = ("public", "internal")
#: The data folder's version as the build started, in the staging folder.
VERSION_FILE = "data-version.json"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False when the system cannot (nothing changed)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


class PublishError(OSError):
    """Publishing failed; the message says, in one sentence, what is now in place."""


class DataChanged(PublishError):
    """The data changed during the build; the message names each file, one a line."""


def _swap_in(new: Path, target: Path, aside: Path) -> list[tuple[Path, Path, bool]]:
    """Put ``new`` at ``target``; return the moves that undo it, in order."""
    if not target.exists():
        os.rename(new, target)
        return [(target, new, False)]
    if exchange(new, target):
        return [(new, target, True)]
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(aside, target)  # put the previous site back
        raise
    return [(target, new, False), (aside, target, False)]


def _undo(moves: list[tuple[Path, Path, bool]]) -> None:
    for first, second, swapped in moves:
        if swapped:
            if not exchange(first, second):
                raise OSError(errno.ENOTSUP, "cannot exchange", str(second))
        else:
            os.rename(first, second)


def data_version(data_dir: Path) -> dict[str, list]:
    """Every file in the data folder -> its size, time of change and content digest (a
    link: where it points).  An edit gives another value, also one saved and then
    undone: its time of change has moved.  Hidden files and folders (a name starting
    with '.': the git folder, an editor's swap file) are left out, as the reader
    leaves them."""
    version: dict[str, list] = {}
    for folder, folders, names in os.walk(data_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):
                    content = "link " + os.readlink(path)
                elif not stat.S_ISREG(info.st_mode):
                    content = "not a file"  # a pipe, say: opening it could wait forever
                else:
                    with open(path, "rb") as file:
                        content = hashlib.file_digest(file, "sha256").hexdigest()
            except OSError:
                continue  # gone since the walk: not in this version
            version[os.path.relpath(path, data_dir)] = [info.st_size, info.st_mtime_ns,
                                                        content]
    return version


def record_version(data_dir: Path, stage: Path) -> None:
    """Note the data folder's version in ``stage`` as the build starts."""
    (Path(stage) / VERSION_FILE).write_text(json.dumps(data_version(data_dir)), "utf-8")


def changed_files(data_dir: Path, stage: Path) -> list[str]:
    """The data files (as the messages show them) edited, added or removed since the
    build started."""
    before = json.loads((Path(stage) / VERSION_FILE).read_text("utf-8"))
    now = data_version(data_dir)
    return [display_path(Path(data_dir) / name, Path(data_dir))
            for name in sorted(set(before) | set(now)) if before.get(name) != now.get(name)]


def install(stage: Path, out: Path, names: tuple[str, ...] = SITES,
            data_dir: Path | None = None) -> None:
    """Replace ``out/<name>`` with ``stage/<name>`` for every name, all or none.

    Each site is swapped in by one atomic exchange; if any swap fails, the ones already
    made are swapped back, so the output folder ends as it was.  The old sites are left
    in ``stage`` for the caller to delete.  Every new site must exist before anything
    moves, and, given ``data_dir``, the data must be the version :func:`record_version`
    noted.  Raises :class:`PublishError` saying what is in place."""
    stage, out = Path(stage), Path(out)
    missing = [name for name in names if not (stage / name / "index.html").is_file()]
    if missing:
        raise PublishError(f"no built site in {stage} for: {', '.join(missing)}; "
                           "nothing was published")
    if data_dir is not None and (changed := changed_files(data_dir, stage)):
        raise DataChanged("\n".join(
            f"{name}: this file changed while the sites were being built, so the two "
            "sites could show different versions of the data" for name in changed)
            + "\nNothing was published (the previous sites are still in place): run the "
            "build again once the edit is saved.")
    out.mkdir(parents=True, exist_ok=True)
    done: list[tuple[str, list[tuple[Path, Path, bool]]]] = []
    for name in names:
        try:
            done.append((name, _swap_in(stage / name, out / name,
                                        stage / f"{name}.previous")))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            try:
                for _name, moves in reversed(done):
                    _undo(moves)
            except OSError as undo_exc:
                published = ", ".join(n for n, _ in done)
                raise PublishError(
                    f"could not publish the {name} site ({reason}: {out / name}), and the "
                    f"{published} site could not be put back ({undo_exc.strerror}); "
                    f"{published} is new and {name} is old — run the build again") from exc
            raise PublishError(
                f"could not publish the {name} site ({reason}: {out / name}); nothing "
                "was published: the previous sites are still in place") from exc


USAGE = ("usage: python -m goldenthread.publish.swap STAGE_DIR OUTPUT_DIR [--data DATA_DIR]\n"
         "       python -m goldenthread.publish.swap --record STAGE_DIR --data DATA_DIR")


def main(argv: list[str] | None = None) -> int:
    """``python -m goldenthread.publish.swap STAGE OUT [--data DATA]``: install both sites
    from STAGE (if the data is still the version noted); ``--record STAGE --data DATA``:
    note the data's version as the build starts."""
    args = list(sys.argv[1:] if argv is None else argv)
    data_dir = None
    if len(args) >= 2 and args[-2] == "--data":
        data_dir, args = Path(args[-1]), args[:-2]
    if args[:1] == ["--record"] and len(args) == 2 and data_dir is not None:
        record_version(data_dir, Path(args[1]))
        return 0
    if len(args) != 2 or "--record" in args:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        install(Path(args[0]), Path(args[1]), data_dir=data_dir)
    except PublishError as exc:
        print(exc if isinstance(exc, DataChanged) else f"publish: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"publish: {exc.strerror or exc}; nothing was published", file=sys.stderr)
        return 1
    print(f"Published {', '.join(SITES)} into {args[1]}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
