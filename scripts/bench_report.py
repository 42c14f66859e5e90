"""BENCHMARKS.md from the benchmark's results: the machine, tables, and the goals."""

from __future__ import annotations

import os
import platform
import statistics
from importlib import metadata
from pathlib import Path

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "Jinja2",
            "pydantic", "PyYAML", "nh3")
KINDS = ("goals", "priorities", "indicators", "services", "actions")


def machine() -> dict[str, str]:
    """nproc, memory, CPU model, load, Python and package versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return {"nproc": str(os.cpu_count()), "memory": f"{int(mem) / 1024 / 1024:.1f} GiB",
            "cpu": cpu, "load": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
            "python": platform.python_version(), "packages": ", ".join(versions),
            "kernel": platform.release(), "nice": str(os.nice(0))}


def _nice_prefix(m: dict[str, str]) -> str:
    """``nice -n N `` as the run was started (results older than the record: 10)."""
    nice = int(m.get("nice", "10"))
    return f"nice -n {nice} " if nice else ""


def _load_words(m: dict[str, str]) -> str:
    """What the load average and niceness say about the run's wall times."""
    busy = float(m["load"].split()[0]) >= 1.0
    niced = int(m.get("nice", "10")) > 0
    if busy or niced:
        return ("**other work was running on the same 2 cores** (other sessions' builds and "
                "tests)" if busy else "the machine was otherwise quiet") + (
                f", and the benchmark ran under `nice -n {m.get('nice', '10')}`" if niced
                else "") + ", so wall times are noisy;"
    return "the machine was otherwise quiet and the benchmark not niced;"


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _goal(name: str, measured: float, limit: float, unit: str = "x",
          why: str = "") -> list[str]:
    met = measured <= limit
    if unit == "x":
        said, target = f"{measured:.2f}x", f"<= {limit:.2f}x"
    else:
        said, target = f"{measured:.2f} {unit}", f"< {limit:g} {unit}"
    verdict = "**met**" if met else (
        f"**missed**, {measured / limit - 1:.0%} over" + (f"; {why}" if why else ""))
    return [f"| {name} | {target} | {said} | {verdict} |"]


def goals(results: dict) -> list[str]:
    """The issue's goals, each marked met or missed, from what was measured."""
    sizes = results["sizes"]
    lines = ["| Goal | Target | Measured | Verdict |", "|---|---|---|---|"]
    why = results.get("why", {})
    if "M" in sizes:
        m = sizes["M"]
        ratio = med(m["gt"]["cpu"]) / med(m["plain"]["cpu"])
        lines += _goal("Build CPU time, M: Golden Thread / plain", ratio, 1.0,
                       why=why.get("build", ""))
        lines += _goal("Build CPU time, M (stretch)", ratio, 0.8, why=why.get("build", ""))
        lines += _goal("Build wall time, M: Golden Thread / plain (for reference)",
                       med(m["gt"]["wall"]) / med(m["plain"]["wall"]), 1.0)
        lines += _goal("Peak memory, M: Golden Thread / plain",
                       med(m["gt"]["rss"]) / med(m["plain"]["rss"]), 1.2,
                       why=why.get("memory", ""))
        lines += _goal("Check / bare CSafeLoader load, M (same process, after imports)",
                       m["check"]["check"] / m["check"]["bare"], 1.5, why=why.get("check", ""))
        lines += _goal("`goldenthread check` command with imports, M (wall)",
                       med(m["command"]["wall"]), 1.0, "s")
        if "preview" in m:
            p = m["preview"]
            command = p.get("command", "mkdocs serve")
            for edit in p.get("edits", []):
                lines += _goal(f"Preview: {edit['what']} edited, shown by `{command}`, M (wall)",
                               edit["wall"], 3.0, "s",
                               why=f"{edit['cpu']:.1f} s of the server's CPU (see Notes)")
            if not p.get("edits"):
                lines += _goal(f"Preview: edit shown by `{command}`, M", p["edit shown"],
                               3.0, "s", why=why.get("preview", ""))
    if "L" in sizes:
        lines += _goal("Peak memory of the Golden Thread build, L",
                       med(sizes["L"]["gt"]["rss"]) / 1024, 1.0, "GiB")
    if "L" in sizes and "M" in sizes:
        lines += _goal("Linear growth: L / M Golden Thread build CPU time",
                       med(sizes["L"]["gt"]["cpu"]) / med(sizes["M"]["gt"]["cpu"]), 4.4)
    return lines


def _size_table(name: str, s: dict) -> list[str]:
    gt, plain = s["gt"], s["plain"]
    rows = [("CPU time, user+sys (s)", "cpu", "{:.1f}"), ("Wall time (s)", "wall", "{:.1f}"),
            ("Peak memory, max RSS (MiB)", "rss", "{:.0f}")]
    out = [f"### {name}: {s['pages']} pages, {s['pairs']} pair(s) of runs", "",
           "| Median of the runs | Golden Thread | Plain MkDocs | Ratio |", "|---|---|---|---|"]
    for label, key, fmt in rows:
        a, b = med(gt[key]), med(plain[key])
        out.append(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {a / b:.2f}x |")
    a, b = s["html"]["gt"], s["html"]["plain"]
    out.append(f"| HTML bytes per item page (mean) | {a:,.0f} | {b:,.0f} | {a / b:.2f}x |")
    out += ["", "Every run, in order (Golden Thread, then plain): " + "; ".join(
        f"{g:.1f}/{p:.1f} s CPU" for g, p in zip(gt["cpu"], plain["cpu"], strict=True))
        + ".", ""]
    c = s["check"]
    out += [f"Check, in one process after imports (median of {c['rounds']} alternated rounds): "
            f"Golden Thread's check {c['check'] * 1000:.0f} ms, a bare `yaml.CSafeLoader` load of "
            f"the same {s['held']['yaml files']} files {c['bare'] * 1000:.0f} ms: "
            f"**{c['check'] / c['bare']:.2f}x**. The whole `goldenthread check` command, with "
            f"imports: {med(s['command']['wall']):.2f} s wall, "
            f"{med(s['command']['cpu']):.2f} s CPU (median of {len(s['command']['wall'])})."]
    if "preview" in s:
        out += ["", _preview(s["preview"])]
    return out + [""]


def _preview(p: dict) -> str:
    command = p.get("command", "mkdocs serve")
    if not p.get("edits"):
        return (f"Preview: `{command}` first build {p['first build']:.1f} s; after one "
                f"service's name was edited, the page showed the new name after "
                f"**{p['edit shown']:.1f} s**.")
    edits = "; ".join(f"{e['what']} edited: the page showed it after **{e['wall']:.1f} s** "
                      f"({e['cpu']:.1f} s of the server's CPU)" for e in p["edits"])
    where = (f" (measured at commit `{p['commit'][:12]}`, load average {p['load']})"
             if "commit" in p else "")
    return f"Preview: `{command}`{where}: first build {p['first build']:.1f} s; {edits}."


def _merged(results: dict) -> str:
    """Which sizes come from earlier runs (``--merge``), and at which commit each."""
    if not results.get("merged_sizes"):
        return ""
    commits = results.get("merged_commits") or {
        size: results.get("merged", "") for size in results["merged_sizes"]}
    by_commit: dict[str, list[str]] = {}
    for size in results["merged_sizes"]:
        by_commit.setdefault(commits.get(size, results.get("merged", "")), []).append(size)
    parts = [f"{', '.join(sizes)} at commit `{commit[:12]}`"
             for commit, sizes in by_commit.items()]
    return f" From earlier runs (`--merge`): {'; '.join(parts)}."


def render(results: dict) -> str:
    m = results["machine"]
    sizes = results["sizes"]
    lines = [
        "# Benchmarks", "",
        "Golden Thread's build measured against a plain MkDocs build of the same pages, and "
        "its check against a bare YAML load. Written by `scripts/bench`; the goals are read "
        "here, never asserted in tests.", "",
        "## Machine", "",
        f"- {m['nproc']} CPUs (`nproc`), {m['memory']} memory, CPU model \"{m['cpu']}\" "
        f"(/proc/cpuinfo), Linux {m['kernel']}",
        f"- Python {m['python']}; {m['packages']}",
        f"- Load average when the run started: {m['load']}; {_load_words(m)} CPU time "
        "(user+sys of the child) is the steadier figure, and the goals on build time are "
        "judged on it. Runs alternate (Golden Thread, plain, Golden Thread, plain ...) so "
        "that both see the same load.", "",
        f"- Measured at commit `{results.get('commit', '?')[:12]}`: the build reads a snapshot of "
        "the committed project files (`git archive`), so that others' work in progress in the "
        "working tree can neither break nor change the run."
        + _merged(results),
        "",
        "## Commands", "",
        "```sh", "# this report:",
        f"{_nice_prefix(m)}scripts/bench {results['argv']}".rstrip(),
        "# others:",
        "scripts/bench --quick            # S and a small M, one pair: a sanity run",
        "scripts/bench --sizes S,M        # choose sizes; --pairs N, --no-preview, --profile",
        "scripts/bench --preview-only --merge RESULTS.json   # only the preview at M, into "
        "earlier results",
        "```", "",
        "Each Golden Thread run is `mkdocs build --strict -d DIR` with `GOLDENTHREAD_DATA` set "
        "(hooks, macros, check, open data, every page). The plain run is `mkdocs build` of a "
        "project made from the first Golden Thread build: every page's `<article>` written as "
        "a Markdown page of raw HTML at the same path, with mkdocs.yml's theme settings, "
        "Markdown extensions and nav, the search plugin only, no hooks and no macros. CPU time "
        "and peak memory are the child's own (`os.wait4`).", "",
        "## Sizes", "",
        "All from one deterministic generator (`scripts/bench_data.py`): the example data, "
        "plus generated services, indicators and actions in thirds. Each size is a copy in a "
        "temporary folder outside git (so the build finds no history of the data).", "",
        "| Size | Generated items | " + " | ".join(KINDS)
        + " | YAML files | YAML MiB | Pages built |",
        "|---|---|" + "---|" * len(KINDS) + "---|---|---|",
    ]
    for name, s in sizes.items():
        held = s["held"]
        lines.append(f"| {name} | {s['items']:,} | " + " | ".join(
            f"{held.get(k, 0):,}" for k in KINDS)
            + f" | {held['yaml files']:,} | {held['yaml bytes'] / 2**20:.1f} | {s['pages']:,} |")
    lines += ["", "## Results", ""]
    for name, s in sizes.items():
        lines += _size_table(name, s)
    lines += ["## Goals", ""] + goals(results) + [""]
    if results.get("profile"):
        lines += ["## Where the time goes (profile)", ""] + results["profile"] + [""]
    if results.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in results["notes"]] + [""]
    return "\n".join(lines)
