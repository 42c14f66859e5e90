"""Reading the review's internal content: blockages, stories, the Munro plan, officers.

Blockages and stories are folders of one item per file, read with every other kind by
:mod:`goldenthread.read.roadmap`; this module adds the two optional single files and hands
:class:`~goldenthread.read.roadmap.Roadmap` its extra fields.  A data folder without any of
them is still a valid road map.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from goldenthread.problems import Problem
from goldenthread.read.loader import LoadedFile, load_file
from goldenthread.read.messages import display_path, validate
from goldenthread.read.staff_models import LEARNING_SINGLE_FILES, MunroPlan, Officers


def _load_optional(data_dir: Path, name: str, sources: dict[tuple[str, str], LoadedFile],
                   problems: list[Problem]) -> Any:
    file = data_dir / name
    if file.is_symlink() or not file.is_file():
        return None  # a link is reported by goldenthread.read.roadmap, never read
    loaded = load_file(file, display_path(file, data_dir), problems)
    sources[("file", name)] = loaded
    return validate(loaded, LEARNING_SINGLE_FILES[name], name, problems)


def read_learning(data_dir: Path, items: dict[str, dict[str, Any]],
                  sources: dict[tuple[str, str], LoadedFile],
                  problems: list[Problem]) -> dict[str, Any]:
    """The Roadmap fields for blockages, stories, the Munro plan and officers.

    ``items`` are the folders already read (blockages and stories among them);
    ``sources`` gains the two single files so that checks can point into them.
    """
    munro = _load_optional(data_dir, "munro.yml", sources, problems)
    officers = _load_optional(data_dir, "officers.yml", sources, problems)
    return {
        "blockages": dict(sorted(items.get("blockages", {}).items())),
        "stories": dict(sorted(items.get("stories", {}).items())),
        "munro": tuple(munro.entries) if isinstance(munro, MunroPlan) else (),
        "officers": tuple(officers.officers) if isinstance(officers, Officers) else (),
    }
