"""Benchmark: check and build a synthetic road map of N items (see scripts/bench)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from goldenthread.check.pipeline import check_roadmap  # noqa: E402


def synthesise(target: Path, items: int) -> dict[str, int]:
    """Copy the example data, then add generated services, indicators and actions."""
    shutil.copytree(ROOT / "roadmap_data", target)
    goals = sorted(p.stem for p in (target / "goals").glob("*.yml"))
    priorities = sorted(p.stem for p in (target / "priorities").glob("*.yml"))
    counts = {"services": items // 3, "indicators": items // 3, "actions": items - 2 * (items // 3)}
    for i in range(counts["services"]):
        goal = goals[i % len(goals)]
        (target / "services" / f"bench-service-{i}.yml").write_text(
            f"name: Benchmark service {i}\ndescription: A generated service.\n"
            "what_changes:\n  before: Families waited.\n  after: Families get help sooner.\n"
            f"contributes_to:\n  - goal: {goal}\n    how: It helps in a generated way.\n"
            "owner: Head of Service\nvisibility: public\n", encoding="utf-8")
    for i in range(counts["indicators"]):
        goal = goals[i % len(goals)]
        series = "".join(f"  {2005 + y}-{(6 + y) % 100:02d}: {20 + (i + y) % 7}.5\n"
                         for y in range(6))
        (target / "indicators" / f"bench-indicator-{i}.yml").write_text(
            f"name: Benchmark measure {i}\ndescription: A generated measure.\n"
            "definition: Generated.\nunit: percent\npolarity: lower-is-better\nkind: hard\n"
            f"rba: better-off\ngoals: [{goal}]\nseries:\n{series}"
            "targets:\n  - value: 18\n    by: \"2012-13\"\n"
            "source: Generated.\nowner: Head of Performance\nnext_update: 2027-06-30\n"
            "visibility: public\n", encoding="utf-8")
    for i in range(counts["actions"]):
        priority = priorities[i % len(priorities)]
        (target / "actions" / f"bench-action-{i}.yml").write_text(
            f"title: Benchmark action {i}\npriority: {priority}\nowner: Head of Service\n"
            "due: \"2013-Q2\"\nstatus: on-track\nvisibility: public\n", encoding="utf-8")
    return counts


def main() -> int:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "roadmap_data"
        counts = synthesise(data, items)
        total = sum(len(list((data / k).glob("*.yml"))) for k in
                    ("goals", "priorities", "indicators", "services", "actions"))
        print(f"Synthetic road map: {total} items ({counts})")
        started = time.perf_counter()
        roadmap, problems = check_roadmap(data)
        check_seconds = time.perf_counter() - started
        errors = [p for p in problems if p.severity == "error"]
        print(f"check: {check_seconds:.2f} s, {len(problems)} problems ({len(errors)} errors)")
        for problem in errors[:5]:
            print(f"  {problem}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"check: peak memory {peak:.0f} MiB (this process)")
        if "--no-build" in sys.argv:
            return 0
        env = dict(os.environ, GOLDENTHREAD_DATA=str(data), NO_MKDOCS_2_WARNING="1")
        out = Path(tmp) / "site"
        started = time.perf_counter()
        result = subprocess.run(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", str(out)],
            cwd=ROOT, env=env, capture_output=True, text=True)
        build_seconds = time.perf_counter() - started
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        pages = len(list(out.rglob("index.html")))
        size = sum(p.stat().st_size for p in out.rglob("*.html")) / len(list(out.rglob("*.html")))
        print(f"build: {build_seconds:.1f} s, exit {result.returncode}, {pages} pages, "
              f"average page {size / 1024:.0f} KB, peak memory {child:.0f} MiB")
        if result.returncode:
            print(result.stderr[-2000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
