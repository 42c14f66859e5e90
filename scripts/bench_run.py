"""Measuring one child process (CPU, wall, peak memory), the check, and the preview.

``python scripts/bench_run.py check-probe DATA ROUNDS`` is run as a child by the
benchmark: it imports everything first, then alternates Golden Thread's check with a
bare ``yaml.CSafeLoader`` load of the same files, and prints the timings as JSON.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: The project files that a build reads (mkdocs.yml, hooks, macros, docs/, the
#: package): a snapshot of the last commit, so that other work in progress in the working
#: tree can neither break nor change the run (see :func:`snapshot`).
PROJECT_FILES = ("mkdocs.yml", "hooks.py", "macros.py", "docs", "overrides", "goldenthread",
                 "roadmap_data")


def snapshot(target: Path) -> str:
    """Extract the committed project files into ``target``; return the commit."""
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", commit, "--", *PROJECT_FILES], cwd=ROOT,
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return commit


@dataclass(frozen=True)
class Run:
    """One child process: CPU seconds (user + sys), wall seconds, peak RSS in MiB."""

    cpu: float
    wall: float
    rss_mib: float
    returncode: int
    output: str


def run(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """Run ``cmd`` to the end and measure it with ``wait4`` (its own rusage, not the
    maximum over every child so far as RUSAGE_CHILDREN's ru_maxrss would be)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, env=env, cwd=cwd or env["GT_BENCH_PROJECT"], stdout=out,
                                 stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024,
               child.returncode, text)


def build_env(data: Path, project: Path) -> dict[str, str]:
    """The environment of every measured command: the data, and the project snapshot
    ahead of the editable install on the import path."""
    return dict(os.environ, GOLDENTHREAD_DATA=str(data), NO_MKDOCS_2_WARNING="1",
                PYTHONPATH=str(project), GT_BENCH_PROJECT=str(project))


def check_timings(env: dict[str, str], rounds: int) -> dict[str, float]:
    """Median seconds of the check and of a bare load, alternated in one child process."""
    done = subprocess.run([sys.executable, __file__, "check-probe", env["GOLDENTHREAD_DATA"],
                           str(rounds)], cwd=env["GT_BENCH_PROJECT"], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _probe(data: Path, rounds: int) -> None:
    import yaml

    from goldenthread.cli import main as goldenthread
    from goldenthread.derive.memo import forget_all
    from goldenthread.read.data_folder import forget_files

    files = sorted(data.rglob("*.yml"))

    def bare() -> None:
        for file in files:
            yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def check() -> None:
        # As `goldenthread check` run once: no file, and no check's result for a text,
        # remembered from the round before (a preview's rebuild is timed by the preview).
        forget_files()
        forget_all()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = goldenthread(["check", str(data)])
        if code != 0:
            raise SystemExit(f"goldenthread check failed on {data} (exit {code})")

    times: dict[str, list[float]] = {"check": [], "bare": []}
    check(), bare()  # warm up: file cache, lazily built validators
    for _ in range(rounds):
        for name, step in (("check", check), ("bare", bare)):
            started = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - started)
    print(json.dumps({name: statistics.median(t) for name, t in times.items()}))


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


#: The edits the preview is timed on: (what, old text, new text), each on the page of
#: bench-service-1 and undone after.  A title shows on other pages too (its goals, the
#: services' A to Z); a description only on its own page.
PREVIEW_EDITS = (
    ("one service's name", "name: Benchmark service 1\n", "name: Benchmark service one\n"),
    ("the same service's description", "A generated service for families in area 2.",
     "A generated service, edited, for families in area 2."),
)


def preview_latency(env: dict[str, str], port: int = 8765,
                    timeout: float = 600.0) -> dict[str, Any]:
    """Start the preview as the README gives it (``mkdocs serve --dirty``); after its first
    build, make each of :data:`PREVIEW_EDITS` in turn and time how long until the page
    shows it, in wall time and in CPU time of the server.  The data is changed (the file
    is put back afterwards)."""
    service = Path(env["GOLDENTHREAD_DATA"]) / "services" / "bench-service-1.yml"
    original = service.read_text(encoding="utf-8")
    page = f"http://127.0.0.1:{port}/services/bench-service-1/"
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=env["GT_BENCH_PROJECT"], env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        while _get(page) is None:
            if server.poll() is not None or time.perf_counter() - started > timeout:
                log.seek(0)
                raise RuntimeError("mkdocs serve did not start:\n"
                                   + log.read().decode("utf-8", "replace")[-2000:])
            time.sleep(0.2)
        result: dict[str, Any] = {"command": "mkdocs serve --dirty",
                                  "first build": time.perf_counter() - started, "edits": []}
        time.sleep(2)  # let the server settle after its first build
        text = original
        for what, old, new in PREVIEW_EDITS:
            if old not in text:
                raise RuntimeError(f"the benchmark's service has no {old!r} to edit")
            text = text.replace(old, new)
            shown = new.strip().removeprefix("name: ")
            cpu, edited = _cpu_seconds(server.pid), time.perf_counter()
            service.write_text(text, encoding="utf-8")
            while shown not in (_get(page) or ""):
                if server.poll() is not None or time.perf_counter() - edited > timeout:
                    raise RuntimeError(f"mkdocs serve did not show the edit of {what}")
                time.sleep(0.05)
            result["edits"].append({"what": what, "wall": time.perf_counter() - edited,
                                    "cpu": _cpu_seconds(server.pid) - cpu})
            time.sleep(2)
        result["edit shown"] = result["edits"][0]["wall"]
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        service.write_text(original, encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:2] == ["check-probe"]:
    # Run in the project snapshot (on PYTHONPATH): the check reads its options from its
    # mkdocs.yml, as on the command line.
    os.chdir(os.environ.get("GT_BENCH_PROJECT", ROOT))
    _probe(Path(sys.argv[2]), int(sys.argv[3]))
