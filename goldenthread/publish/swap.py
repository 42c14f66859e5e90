"""Put freshly built sites into place, each in one atomic step (used by ``scripts/build``).

``scripts/build`` builds both sites into a staging folder inside the output folder
(so on the same file system, even when the output folder is a mount of its own),
checks them, and only then calls :func:`install`, which publishes both or neither.  Each site
folder is swapped with the new one by a single ``renameat2(RENAME_EXCHANGE)`` call, so
at every instant ``site/public`` is either the complete old site or the complete new
one; the old site ends up in the staging folder, which the build then deletes.  Where
the kernel or file system cannot exchange (``RENAME_EXCHANGE`` is Linux-only), the old
folder is renamed aside and the new one renamed in: two renames, a moment apart.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path

SITES = ("public", "internal")
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


def install(stage: Path, out: Path, names: tuple[str, ...] = SITES) -> None:
    """Replace ``out/<name>`` with ``stage/<name>`` for every name, all or none.

    Each site is swapped in by one atomic exchange; if any swap fails, the ones already
    made are swapped back, so the output folder ends as it was.  The old sites are left
    in ``stage`` for the caller to delete.  Every new site must exist before anything
    moves.  Raises :class:`PublishError` saying what is in place."""
    stage, out = Path(stage), Path(out)
    missing = [name for name in names if not (stage / name / "index.html").is_file()]
    if missing:
        raise PublishError(f"no built site in {stage} for: {', '.join(missing)}; "
                           "nothing was published")
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


def main(argv: list[str] | None = None) -> int:
    """``python -m goldenthread.publish.swap STAGE OUT``: install both sites from STAGE."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m goldenthread.publish.swap STAGE_DIR OUTPUT_DIR", file=sys.stderr)
        return 2
    try:
        install(Path(args[0]), Path(args[1]))
    except PublishError as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"publish: {exc.strerror or exc}; nothing was published", file=sys.stderr)
        return 1
    print(f"Published {', '.join(SITES)} into {args[1]}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
