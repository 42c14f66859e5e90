"""The benchmark's one generator of road maps: S, M and L from the example data.

Deterministic: the same size always gives the same files, byte for byte (no clock, no
random numbers; every varying value is a function of the item's number).  The generated
items are shaped like the example's (several goals per service, partners, comparison
figures for indicators, actions that name services) so that their pages are as heavy as
real ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "roadmap_data"

#: Size name -> generated items (a third each services, indicators, actions) on top of
#: the example data.  M is the issue's 6,000 items (4,059 pages); L is 4x M.
SIZES: dict[str, int] = {"S": 0, "M": 6000, "L": 24000}
#: ``--quick`` uses S and this small M.
QUICK_M = 600

#: The kinds of item the data folder holds one file each, and the page folder of those
#: that get a page of their own (actions are listed on one page).
FOLDERS = ("goals", "priorities", "indicators", "services", "actions", "partner-plans",
           "stories", "blockages")
PAGED_FOLDERS = ("goals", "priorities", "indicators", "services")

PARTNERS = ("West Midlands Police", "NHS Walsall", "Walsall schools and colleges",
            "Voluntary and community organisations", "Walsall Housing Group",
            "Probation service")
STATUSES = ("not-started", "on-track", "at-risk", "off-track", "done")
UNITS = ("percent", "per-10000", "count", "days")
POLARITIES = ("lower-is-better", "higher-is-better", "context")
RBA = ("how-much", "how-well", "better-off")


def _ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yml"))


def _service(i: int, goals: list[str]) -> str:
    contributes = "".join(
        f"  - goal: {goals[(i + k) % len(goals)]}\n"
        f"    how: It helps families in area {i % 17 + 1} in a planned way, step {k + 1}.\n"
        for k in range(1 + i % 3))
    partners = "".join(f"  - {PARTNERS[(i + k) % len(PARTNERS)]}\n" for k in range(i % 4))
    return (
        "# yaml-language-server: $schema=../../schema/service.schema.json\n"
        f"# Service: benchmark service {i}.\n"
        f"name: Benchmark service {i}\n"
        "description: >-\n"
        f"  A generated service for families in area {i % 17 + 1}.\n"
        "  It gives help early, close to home, and agrees with partners who will lead.\n"
        "what_changes:\n"
        "  before: Families waited for help and were passed between services.\n"
        "  after: Families get help sooner from one worker they know.\n"
        f"contributes_to:\n{contributes}"
        "owner: Head of Service\n"
        + (f"partners:\n{partners}" if partners else "")
        + "visibility: public\n")


def _figures(i: int, offset: float, whole: bool = False) -> str:
    """Six years of figures; whole numbers for a count."""
    values = [20 + (i + y) % 7 + offset for y in range(6)]
    return "".join(f"  {2005 + y}-{(6 + y) % 100:02d}: "
                   + (f"{round(v)}\n" if whole else f"{v:.1f}\n")
                   for y, v in enumerate(values))


def _indicator(i: int, goals: list[str]) -> str:
    linked = ", ".join(goals[(i + k) % len(goals)] for k in range(1 + i % 2))
    unit = UNITS[i % len(UNITS)]
    whole = unit == "count"
    comparisons = ("" if i % 4 == 3 else f"england:\n{_figures(i, 1.5, whole)}"
                   f"statistical_neighbours:\n{_figures(i, 0.8, whole)}")
    return (
        "# yaml-language-server: $schema=../../schema/indicator.schema.json\n"
        f"# Indicator: benchmark measure {i}.\n"
        f"name: Benchmark measure {i}\n"
        "description: Shows how many families get the help they need, when they need it.\n"
        "definition: >-\n"
        f"  A generated measure for area {i % 17 + 1}, counted at the end of each year.\n"
        f"unit: {unit}\n"
        f"decimals: {0 if whole else i % 2}\n"
        f"polarity: {POLARITIES[i % len(POLARITIES)]}\n"
        f"kind: {'hard' if i % 5 else 'soft'}\n"
        f"rba: {RBA[i % len(RBA)]}\n"
        f"goals: [{linked}]\n"
        f"series:\n{_figures(i, 0.5, whole)}"
        "baseline: \"2005-06\"\n"
        "targets:\n  - value: 18\n    by: \"2012-13\"\n"
        f"{comparisons}"
        "source: Generated for the benchmark.\n"
        "owner: Head of Performance\n"
        "next_update: 2027-06-30\n"
        "visibility: public\n")


def _action(i: int, priorities: list[str], services: int) -> str:
    named = "".join(f"  - bench-service-{(i + k * 7) % services}\n"
                    for k in range(i % 3)) if services else ""
    return (
        "# yaml-language-server: $schema=../../schema/action.schema.json\n"
        f"# Action: benchmark action {i}.\n"
        f"title: Benchmark action {i}, agreed with partners in area {i % 17 + 1}\n"
        f"priority: {priorities[i % len(priorities)]}\n"
        + (f"services:\n{named}" if named else "")
        + "owner: Head of Service\n"
        f"due: \"{2013 + i % 3}-Q{1 + i % 4}\"\n"
        f"status: {STATUSES[i % len(STATUSES)]}\n"
        "visibility: public\n")


def counts_for(items: int) -> dict[str, int]:
    """Generated items per kind for ``items`` in all."""
    third = items // 3
    return {"services": third, "indicators": third, "actions": items - 2 * third}


def synthesise(target: Path, items: int, example: Path = EXAMPLE) -> dict[str, int]:
    """Copy the example data to ``target`` and add ``items`` generated items (a third
    each services, indicators and actions).  Returns the generated counts per kind."""
    shutil.copytree(example, target)
    goals, priorities = _ids(target / "goals"), _ids(target / "priorities")
    counts = counts_for(items)
    for i in range(counts["services"]):
        (target / "services" / f"bench-service-{i}.yml").write_text(
            _service(i, goals), encoding="utf-8")
    for i in range(counts["indicators"]):
        (target / "indicators" / f"bench-indicator-{i}.yml").write_text(
            _indicator(i, goals), encoding="utf-8")
    for i in range(counts["actions"]):
        (target / "actions" / f"bench-action-{i}.yml").write_text(
            _action(i, priorities, counts["services"]), encoding="utf-8")
    return counts


def describe(data: Path) -> dict[str, int]:
    """Items per kind in a data folder (one file each), YAML files and bytes in all."""
    held = {kind: len(list((data / kind).glob("*.yml"))) for kind in FOLDERS
            if (data / kind).is_dir()}
    files = sorted(data.rglob("*.yml"))
    held["yaml files"] = len(files)
    held["yaml bytes"] = sum(f.stat().st_size for f in files)
    return held

