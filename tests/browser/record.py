"""The accessibility record: what the last full, passing browser-test run tested.

The accessibility statement (:mod:`goldenthread.render.accessibility`) says when the
site was last tested and against what.  It reads ``accessibility_tested.json``, which
this module writes at the end of a pytest session in which every browser test ran and
passed (nothing failed, skipped, xfailed or deselected), and only when
``GOLDENTHREAD_RECORD_ACCESSIBILITY=1`` is set: ``scripts/test`` sets it outside CI, so a
developer's full run updates the tracked file (commit it with the change), while a CI
run or a plain ``pytest`` run leaves it alone.

Every field comes from the run or from the browser tests' own constants: the axe-core
rule tags they check (:data:`support.WCAG_TAGS`), the colour schemes and widths every
page is surveyed in (:data:`survey.VARIANTS`), the number of browser tests and the
date the run ended.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .support import WCAG_TAGS
from .survey import VARIANTS

#: Set to 1 to write the record after a full, passing run (scripts/test does, outside CI).
ENV = "GOLDENTHREAD_RECORD_ACCESSIBILITY"
BROWSER_TESTS = Path(__file__).parent
NOTE = ("Written by the browser tests (tests/browser/record.py) after a full run in which "
        "every browser test passed; the accessibility statement reads it.")
_TAG = re.compile(r"wcag(\d)(\d?)(a{1,3})")


def standard(tags: Sequence[str]) -> str:
    """The WCAG version and level the axe-core tags check: 'wcag22aa' -> 'WCAG 2.2 AA'.

    The level is the highest one checked at every version's level below it, so that
    ['wcag2a', 'wcag2aa', 'wcag22aa'] is 'WCAG 2.2 AA' and ['wcag2a'] is 'WCAG 2.0 A'.
    """
    parsed = []
    for tag in tags:
        match = _TAG.fullmatch(tag)
        if match is None:
            raise ValueError(f"'{tag}' is not an axe-core WCAG tag such as 'wcag21aa'")
        major, minor, level = match.groups()
        parsed.append((f"{major}.{minor or 0}", len(level)))
    version = max(v for v, _ in parsed)
    level = max(n for _, n in parsed)
    if {n for _, n in parsed} != set(range(1, level + 1)):
        raise ValueError(f"the tags {list(tags)} skip a level below {'A' * level}")
    return f"WCAG {version} {'A' * level}"


def tested_record(run_date: date, browser_tests: int,
                  tags: Sequence[str] = WCAG_TAGS,
                  variants: Iterable[tuple[str, int]] = VARIANTS) -> dict[str, Any]:
    """The record of one full, passing run, in the layout the statement reads."""
    variants = list(variants)
    return {
        "note": NOTE,
        "tested_on": run_date.isoformat(),
        "standard": standard(tags),
        "axe_rules": list(tags),
        "schemes": sorted({scheme for scheme, _ in variants}),
        "widths": sorted({width for _, width in variants}),
        "browser_tests": browser_tests,
    }


def write_record(path: Path, record: dict[str, Any]) -> None:
    """Write the record as the committed file is laid out (one field a line)."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
             for key, value in record.items()]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def in_browser_folder(path: Path) -> bool:
    return Path(path).resolve().is_relative_to(BROWSER_TESTS)


@dataclass
class BrowserRun:
    """What a pytest session did with the browser tests, for deciding whether to record.

    ``args`` are the paths pytest was asked to run; ``collected`` the browser tests it
    collected (node ids); the outcomes arrive one report at a time.
    """

    args: list[str] = field(default_factory=list)
    collected: set[str] = field(default_factory=set)
    modules: set[Path] = field(default_factory=set)
    deselected: int = 0
    passed: set[str] = field(default_factory=set)
    not_passed: dict[str, str] = field(default_factory=dict)

    def report(self, nodeid: str, when: str, outcome: str, xfail: bool) -> None:
        """One phase (setup, call, teardown) of one test ended with ``outcome``."""
        if outcome != "passed" or xfail:
            self.not_passed.setdefault(nodeid, "xfailed" if xfail else outcome)
        elif when == "call":
            self.passed.add(nodeid)

    def why_not_complete(self) -> str | None:
        """Why this run may not be recorded, or None when every browser test ran and passed."""
        asked = [Path(arg.split("::")[0]).resolve() for arg in self.args]
        whole = [a for a in asked if BROWSER_TESTS.is_relative_to(a) and a.is_dir()]
        if not self.collected:
            return "no browser test ran"
        if any("::" in arg for arg in self.args) or not whole:
            return "only some of the browser tests were asked for"
        missing = sorted(p.name for p in BROWSER_TESTS.glob("test_*.py") if p not in self.modules)
        if self.deselected:
            return f"{self.deselected} browser tests were deselected"
        if missing:
            return f"no test of {', '.join(missing)} was collected"
        if self.not_passed:
            nodeid, outcome = sorted(self.not_passed.items())[0]
            return f"{len(self.not_passed)} browser tests did not pass (first: {nodeid} {outcome})"
        if self.passed != self.collected:
            return f"{len(self.collected - self.passed)} browser tests did not run"
        return None
