"""The Munro plan: one entry per principle of the Munro review."""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.problems import Problem
from goldenthread.read.kinds import single_file
from goldenthread.read.staff_models import MUNRO_PRINCIPLES

#: The Munro plan's file.
MUNRO = single_file("munro")


@check
def one_munro_entry_per_principle(context: CheckContext) -> Iterable[Problem]:
    """Each Munro principle is assessed once."""
    roadmap = context.roadmap
    seen: dict[str, int] = {}
    for i, entry in enumerate(roadmap.munro):
        if entry.principle in seen:
            yield Problem(
                roadmap.where("file", MUNRO.path, MUNRO.entries, i, "principle"),
                f"{MUNRO.path}: the principle '{entry.principle}' "
                f"({MUNRO_PRINCIPLES[entry.principle]}) is assessed twice (also entry "
                f"{seen[entry.principle] + 1}); keep one entry per principle", "duplicate-id")
        seen.setdefault(entry.principle, i)
