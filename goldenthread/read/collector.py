"""Python's garbage collector while a road map is read, checked and built.

Reading a road map makes a great many objects, nearly all of which live until the build
ends (the values read, the records, the texts the checks walk).  Python's collector
looks for unreachable cycles after every 700 new objects by default, and every so often
walks everything alive: at M (6,000 items) that took 0.7 s of a 2.4 s check, and found
almost nothing, since these objects are not garbage.  While a road map is read and
checked (:func:`fewer_passes`), and for the whole of a site build (the site hook), the
collector waits for :data:`THRESHOLDS` new objects between passes instead.  Garbage is
still freed at once when nothing refers to it (reference counting); only garbage held in
a cycle waits longer for its pass.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: (new objects before a young pass, young passes before a middle one, middle passes
#: before a full one): Python's defaults are (700, 10, 10).
THRESHOLDS = (50_000, 20, 20)


def spare() -> tuple[int, ...] | None:
    """Set the collector to :data:`THRESHOLDS`; the settings before, to give
    :func:`restore`, or None when they were already as sparing (and are left alone)."""
    before = gc.get_threshold()
    if before[0] >= THRESHOLDS[0]:
        return None
    gc.set_threshold(*THRESHOLDS)
    return before


def restore(before: tuple[int, ...] | None) -> None:
    """Put back the settings :func:`spare` changed (None: it changed nothing)."""
    if before is not None:
        gc.set_threshold(*before)


@contextmanager
def fewer_passes() -> Iterator[None]:
    """The collector at :data:`THRESHOLDS` inside the block, as it was after it; nothing
    changes when it is already as sparing (a build that reads the road map)."""
    before = spare()
    try:
        yield
    finally:
        restore(before)
