"""The one path from a data folder to a checked road map, shared by the CLI and the site."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from goldenthread.check import rules  # noqa: F401 - every rule registers its checks
from goldenthread.check.registry import CheckContext, forget_word_lists, run_checks
from goldenthread.derive.memo import forget_all, keeping
from goldenthread.derive.reader_text import forget_texts
from goldenthread.problems import Problem
from goldenthread.read.collector import fewer_passes
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.roadmap import Roadmap


def today_for(roadmap: Roadmap | None, today: date | None = None) -> date:
    """The date the checks and pages treat as today: ``today`` when given (``--today``,
    ``GOLDENTHREAD_TODAY``), else the road map's own ``as_at`` date, else the clock."""
    if today is not None:
        return today
    as_at = getattr(getattr(roadmap, "info", None), "as_at", None)
    return as_at or date.today()


def check_roadmap(data_dir: Path | str, *, audience: str = "public", today: date | None = None,
                  options: dict[str, Any] | None = None) -> tuple[Roadmap | None, list[Problem]]:
    """Read, validate, cross-reference and check ``data_dir`` for ``audience``.

    Returns the full (unfiltered) road map, or None when it could not be built, and
    every problem, sorted by location.  ``today`` defaults to :func:`today_for`.
    """
    # Read whatever can be read, and check it: a broken roadmap.yml must not hide the
    # problems of every other file.
    with fewer_passes():  # nearly every object made here lives on: see read.collector
        roadmap, problems = read_roadmap(data_dir, partial=True)
        if roadmap is not None:
            context = CheckContext(roadmap, today_for(roadmap, today), audience,
                                   dict(options or {}), Path(data_dir))
            problems = problems + run_checks(context)
            if not keeping():
                forget_all()  # a check's results per text are kept for its run only
                forget_texts()  # and the texts walked for them
                forget_word_lists()  # and the dictionaries: the pages rarely need them
            if roadmap.info is None:
                roadmap = None  # nothing can be built without roadmap.yml
    return roadmap, sorted(problems)
