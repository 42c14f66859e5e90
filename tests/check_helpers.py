"""Helpers for the tests of whole-road-map checks: run the checks, find lines."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from goldenthread.check.pipeline import check_roadmap

TODAY = date(2026, 3, 1)


def messages(data: Path, code: str, audience: str = "public", today: date = TODAY,
             options: dict[str, Any] | None = None) -> list[str]:
    """Every problem with ``code``, as printed by ``goldenthread check``."""
    _roadmap, problems = check_roadmap(data, audience=audience, today=today, options=options)
    return [str(p) for p in problems if p.code == code]


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the only line of ``path`` containing ``text``."""
    found = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
             if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found} of {path}"
    return found[0]


def append(path: Path, text: str) -> int:
    """Add lines at the end of a data file; the number of the first added line."""
    current = path.read_text("utf-8")
    if not current.endswith("\n"):
        current += "\n"
    path.write_text(current + text, "utf-8")
    return current.count("\n") + 1


def check_command(data: Path, *args: str) -> tuple[int, str]:
    """``goldenthread check`` as an editor runs it: its exit code and all it printed."""
    result = subprocess.run([sys.executable, "-m", "goldenthread", "check", str(data), *args],
                            capture_output=True, text=True, cwd=data.parent, timeout=300)
    return result.returncode, result.stdout + result.stderr
