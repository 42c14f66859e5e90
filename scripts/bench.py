"""Benchmark: Golden Thread against a plain MkDocs build of the same pages (see scripts/bench).

    scripts/bench                    S, M and L; 3 pairs of builds (L: 1); writes BENCHMARKS.md
    scripts/bench --quick            S and a small M, 1 pair, no preview: a sanity run
    scripts/bench --sizes S,M        only these sizes
    options: --pairs N, --l-pairs N, --rounds N, --no-preview, --profile,
             --output FILE, --note TEXT, --merge RESULTS.json, --report-only RESULTS.json
    scripts/bench --preview-only --merge RESULTS.json
                                     only the preview at M, into earlier results

Prints as it goes; never asserts (the goals are read in BENCHMARKS.md, not in tests).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_data  # noqa: E402
import bench_plain  # noqa: E402
import bench_profile  # noqa: E402
import bench_report  # noqa: E402
from bench_run import (  # noqa: E402
    BIN,
    ROOT,
    Run,
    build_env,
    check_timings,
    preview_latency,
    run,
    snapshot,
)

RESULTS = Path(tempfile.gettempdir()) / "goldenthread-bench-results.json"


def say(text: str) -> None:
    print(text, flush=True)


def _item_pages(site: Path) -> list[Path]:
    return [p for kind in bench_data.PAGED_FOLDERS for p in (site / kind).glob("*/index.html")]


def _mean_bytes(pages: list[Path]) -> float:
    return sum(p.stat().st_size for p in pages) / len(pages) if pages else 0.0


def _record(into: dict, done: Run, what: str) -> None:
    if done.returncode:
        raise SystemExit(f"{what} failed (exit {done.returncode}):\n{done.output[-3000:]}")
    into["cpu"].append(done.cpu)
    into["wall"].append(done.wall)
    into["rss"].append(done.rss_mib)
    say(f"  {what}: {done.cpu:.1f} s CPU, {done.wall:.1f} s wall, {done.rss_mib:.0f} MiB")


def measure_size(name: str, items: int, work: Path, project: Path,
                 args: argparse.Namespace) -> dict:
    data = work / "roadmap_data"
    bench_data.synthesise(data, items, project / "roadmap_data")
    held = bench_data.describe(data)
    say(f"{name}: {items} generated items; holds {held}")
    env = build_env(data, project)
    gt_site, plain = work / "gt-site", work / "plain"
    gt_cmd = [str(BIN / "mkdocs"), "build", "--strict", "-d", str(gt_site)]
    plain_cmd = [str(BIN / "mkdocs"), "build", "-f", str(plain / "mkdocs.yml")]
    pairs = args.l_pairs if name == "L" else args.pairs
    result: dict = {"items": items, "held": held, "pairs": pairs,
                    "gt": {"cpu": [], "wall": [], "rss": []},
                    "plain": {"cpu": [], "wall": [], "rss": []}}
    for pair in range(pairs):
        _record(result["gt"], run(gt_cmd, env), f"Golden Thread build {pair + 1}")
        if pair == 0:
            pages = bench_plain.write_plain_project(gt_site, plain, project)
            result["pages"] = pages
            say(f"  plain project: {pages} pages written from the Golden Thread build")
        _record(result["plain"], run(plain_cmd, env, cwd=plain), f"plain build {pair + 1}")
    built_plain = len(list((plain / "site").rglob("index.html")))
    if built_plain != result["pages"]:
        raise SystemExit(f"plain build made {built_plain} pages, not {result['pages']}")
    result["html"] = {"gt": _mean_bytes(_item_pages(gt_site)),
                      "plain": _mean_bytes(_item_pages(plain / "site"))}
    rounds = min(args.rounds, 3) if name == "L" else args.rounds
    result["check"] = check_timings(env, rounds) | {"rounds": rounds}
    say(f"  check {result['check']['check']:.3f} s, bare load {result['check']['bare']:.3f} s")
    result["command"] = {"cpu": [], "wall": [], "rss": []}
    for i in range(3):
        _record(result["command"], run([str(BIN / "goldenthread"), "check", str(data)], env),
                f"goldenthread check {i + 1}")
    if name == "M" and args.preview:
        try:
            result["preview"] = preview_latency(env)
            say(f"  preview: {result['preview']}")
        except RuntimeError as exc:  # reported, not fatal: the rest is still worth having
            say(f"  preview not measured: {exc}")
            result["notes"] = [f"The preview was not measured: {str(exc).splitlines()[0]}"]
    if name == "M" and args.profile:
        try:
            result["profile"] = profiles(data, work, env)
        except subprocess.CalledProcessError as exc:
            say(f"  profile failed: {exc}")
    return result


def preview_only(args: argparse.Namespace) -> dict:
    """Measure the preview at M alone, into the results of an earlier run (--merge)."""
    if not args.merge:
        raise SystemExit("--preview-only needs --merge RESULTS.json: the earlier results "
                         "the rest of the report comes from")
    results = json.loads(args.merge.read_text(encoding="utf-8"))
    if "M" not in results["sizes"]:
        raise SystemExit(f"{args.merge} has no results for M to add the preview to")
    work = Path(tempfile.mkdtemp(prefix="goldenthread-bench-preview-"))
    try:
        project = work / "project"
        commit = snapshot(project)
        say(f"measuring the preview at commit {commit} (a snapshot in {project})")
        data = work / "roadmap_data"
        bench_data.synthesise(data, bench_data.SIZES["M"], project / "roadmap_data")
        preview = preview_latency(build_env(data, project))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say(f"  preview: {preview}")
    results["sizes"]["M"]["preview"] = preview | {"commit": commit,
                                                  "load": bench_report.machine()["load"]}
    _why(results)
    RESULTS.write_text(json.dumps(results, indent=1), encoding="utf-8")
    say(f"results saved in {RESULTS}")
    return results


def _commit_of(results: dict, size: str) -> str:
    """The commit ``size`` of ``results`` was measured at (itself merged or not)."""
    if size in results.get("merged_commits", {}):
        return results["merged_commits"][size]
    if size in results.get("merged_sizes", []):
        return results.get("merged", "")
    return results.get("commit", "")


def profiles(data: Path, work: Path, env: dict[str, str]) -> dict:
    say("  profiling the M build and the check once each")
    build = bench_profile.profile(["-m", "mkdocs", "build", "--strict", "-d",
                                   str(work / "profiled-site")], work / "build.prof", env)
    check = bench_profile.profile([str(BIN / "goldenthread"), "check", str(data)],
                                  work / "check.prof", env)
    return {
        "lines": bench_profile.summary(build, "The Golden Thread build at M")
        + bench_profile.summary(check, "`goldenthread check` at M"),
        "build_ours": bench_profile.share(build, "Golden Thread"),
        "build_pydantic": bench_profile.share(build, "pydantic"),
        "check_ours": bench_profile.share(check, "Golden Thread"),
        "check_pydantic": bench_profile.share(check, "pydantic"),
        "check_yaml": bench_profile.share(check, "PyYAML"),
    }


def _why(results: dict) -> None:
    prof = results["sizes"].get("M", {}).pop("profile", None)
    if not prof:
        return
    results["profile"] = prof["lines"]
    results["why"] = {
        "build": f"profile: {prof['build_ours']:.0%} of the build's self time is in Golden "
                 f"Thread's own code, {prof['build_pydantic']:.0%} in pydantic",
        "check": f"profile: {prof['check_ours']:.0%} of the check's self time is in Golden "
                 f"Thread's own code, {prof['check_pydantic']:.0%} in pydantic, "
                 f"{prof['check_yaml']:.0%} in PyYAML",
    }


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated: S, M, L")
    parser.add_argument("--quick", action="store_true", help="S and a small M, one pair")
    parser.add_argument("--pairs", type=int, default=3, help="pairs of builds for S and M")
    parser.add_argument("--l-pairs", type=int, default=1, help="pairs of builds for L")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the check timing")
    parser.add_argument("--no-preview", dest="preview", action="store_false")
    parser.add_argument("--preview-only", action="store_true",
                        help="measure only the preview at M; with --merge, the rest of the "
                             "report comes from those earlier results")
    parser.add_argument("--profile", action="store_true", help="profile the M build once")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--merge", type=Path, metavar="RESULTS.json",
                        help="also report the sizes of earlier results not measured now")
    parser.add_argument("--note", action="append", default=[],
                        help="a line for the report's notes (repeatable)")
    parser.add_argument("--report-only", type=Path, metavar="RESULTS.json",
                        help="write the report from saved results, measure nothing")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.pairs, args.rounds, args.preview = "S,M", 1, 3, False
    return args


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.report_only:
        results = json.loads(args.report_only.read_text(encoding="utf-8"))
        _why(results)
    elif args.preview_only:
        results = preview_only(args)
    else:
        sizes = {s.strip().upper(): bench_data.SIZES[s.strip().upper()]
                 for s in args.sizes.split(",") if s.strip()}
        if args.quick:
            sizes["M"] = bench_data.QUICK_M
        results = {"argv": " ".join(argv), "machine": bench_report.machine(), "sizes": {}}
        if args.merge:  # sizes measured earlier, for those not measured now
            earlier = json.loads(args.merge.read_text(encoding="utf-8"))
            results["sizes"] = {k: v for k, v in earlier["sizes"].items() if k not in sizes}
            results["merged"] = earlier.get("commit", "")
            results["merged_sizes"] = sorted(results["sizes"], key="SML".find)
            # Each merged size keeps the commit it was measured at, through merges of merges.
            results["merged_commits"] = {k: _commit_of(earlier, k) for k in results["sizes"]}
            if "M" in results["sizes"]:  # the profile of M's build goes with M's figures
                results |= {k: earlier[k] for k in ("profile", "why") if k in earlier}
        project = Path(tempfile.mkdtemp(prefix="goldenthread-bench-project-")) / "project"
        results["commit"] = snapshot(project)
        say(f"measuring commit {results['commit']} (a snapshot in {project})")
        try:
            for name, items in sizes.items():
                work = Path(tempfile.mkdtemp(prefix=f"goldenthread-bench-{name}-"))
                try:
                    results["sizes"][name] = measure_size(name, items, work, project, args)
                finally:
                    shutil.rmtree(work, ignore_errors=True)
                RESULTS.write_text(json.dumps(results, indent=1), encoding="utf-8")
        finally:
            shutil.rmtree(project.parent, ignore_errors=True)
        results["sizes"] = dict(sorted(results["sizes"].items(),
                                       key=lambda kv: "SML".find(kv[0])))
        if args.quick:
            results["notes"] = [f"A quick run: M here is {bench_data.QUICK_M} generated "
                                "items, not 6,000; the ratios are not the goals' figures."]
        _why(results)
        RESULTS.write_text(json.dumps(results, indent=1), encoding="utf-8")
        say(f"results saved in {RESULTS}")
    results["notes"] = results.get("notes", []) + [
        n for s in results["sizes"].values() for n in s.get("notes", [])] + args.note
    args.output.write_text(bench_report.render(results), encoding="utf-8")
    say(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
