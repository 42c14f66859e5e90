"""Put freshly built sites into place, each in one atomic step (used by ``scripts/build``).

``scripts/build`` builds both sites into a staging folder beside the output folder
(the same file system), checks them, and only then calls :func:`install`.  Each site
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


def install(stage: Path, out: Path, names: tuple[str, ...] = SITES) -> None:
    """Replace ``out/<name>`` with ``stage/<name>`` for each name; the old site is left in
    ``stage`` (for the caller to delete).  Every new site must exist before anything moves."""
    stage, out = Path(stage), Path(out)
    missing = [name for name in names if not (stage / name / "index.html").is_file()]
    if missing:
        raise FileNotFoundError(f"no built site in {stage} for: {', '.join(missing)}")
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        new, target = stage / name, out / name
        if not target.exists():
            os.rename(new, target)
        elif not exchange(new, target):
            aside = stage / f"{name}.previous"
            os.rename(target, aside)
            try:
                os.rename(new, target)
            except OSError:
                os.rename(aside, target)  # put the previous site back
                raise


def main(argv: list[str] | None = None) -> int:
    """``python -m goldenthread.publish STAGE OUT``: install both sites from STAGE."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m goldenthread.publish STAGE_DIR OUTPUT_DIR", file=sys.stderr)
        return 2
    try:
        install(Path(args[0]), Path(args[1]))
    except OSError as exc:
        print(f"publish: {exc}; the previous site was left in place", file=sys.stderr)
        return 1
    print(f"Published {', '.join(SITES)} into {args[1]}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
