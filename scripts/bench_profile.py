"""Where a command's time goes: cProfile's self time, summed by package."""

from __future__ import annotations

import pstats
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (label, a fragment of the file path), first match wins.
GROUPS = (
    ("Golden Thread (goldenthread/, hooks.py, macros.py)", ("/goldenthread/", "/hooks.py",
                                                          "/macros.py")),
    ("pydantic", ("/pydantic",)),
    ("PyYAML", ("/yaml/",)),
    ("MkDocs search plugin", ("/mkdocs/contrib/search",)),
    ("mkdocs-macros", ("/mkdocs_macros/",)),
    ("MkDocs", ("/mkdocs/",)),
    ("mkdocs-material", ("/material/",)),
    ("Python-Markdown", ("/markdown/",)),
    ("Jinja2 and compiled templates", ("/jinja2/", "<template>")),
    ("nh3", ("/nh3",)),
    ("Python's standard library", ("/lib/python3",)),
)


def _group(filename: str) -> str:
    for label, parts in GROUPS:
        if any(part in filename for part in parts):
            return label
    return "built-in (C) functions" if filename == "~" else "other"


def profile(cmd: list[str], out: Path, env: dict[str, str]) -> pstats.Stats:
    """Run ``cmd`` (a module and its arguments, e.g. ['-m', 'mkdocs', 'build']) under
    cProfile in a child process."""
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), *cmd],
                   cwd=env.get("GT_BENCH_PROJECT", ROOT), env=env, check=True,
                   capture_output=True)
    return pstats.Stats(str(out))


def summary(stats: pstats.Stats, title: str, top: int = 8) -> list[str]:
    """Self time by package, and Golden Thread's own heaviest functions (cumulative)."""
    by_group: dict[str, float] = {}
    ours: list[tuple[float, str]] = []
    total = 0.0
    for (filename, line, name), (_, _, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        group = _group(filename)
        by_group[group] = by_group.get(group, 0.0) + tottime
        total += tottime
        if group.startswith("Golden Thread"):
            short = filename.split("/project/")[-1].split("/main/")[-1]
            ours.append((cumtime, f"`{short}:{line} {name}`"))
    lines = [f"**{title}** (profiled once; {total:.1f} s under cProfile, which slows "
             "Python code more than C code):", "",
             "| Where (self time) | Seconds | Share |", "|---|---|---|"]
    for group, secs in sorted(by_group.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {group} | {secs:.1f} | {secs / total:.0%} |")
    lines += ["", "Golden Thread's heaviest functions, cumulative (time in them and in "
              "what they call):", ""]
    lines += [f"- {name}: {cum:.1f} s" for cum, name in sorted(ours, reverse=True)[:top]]
    return lines + [""]


def share(stats: pstats.Stats, label_start: str) -> float:
    """The share of self time in the groups whose label starts with ``label_start``."""
    total = part = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        total += tottime
        if _group(filename).startswith(label_start):
            part += tottime
    return part / total if total else 0.0
