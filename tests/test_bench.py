"""The benchmark's generator and plain-page extraction (scripts/bench_*.py).

No timing is asserted here: the speed goals are measured by scripts/bench and read in
BENCHMARKS.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench_data  # noqa: E402
import bench_plain  # noqa: E402

from goldenthread.cli import main as goldenthread  # noqa: E402

TINY = 30


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    counts = bench_data.synthesise(tmp_path / "one", TINY)
    bench_data.synthesise(tmp_path / "two", TINY)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert counts == {"services": 10, "indicators": 10, "actions": 10}
    held = bench_data.describe(tmp_path / "one")
    example = bench_data.describe(bench_data.EXAMPLE)
    for kind, added in counts.items():
        assert held[kind] == example[kind] + added


def test_generated_data_passes_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "roadmap_data"
    bench_data.synthesise(data, TINY)
    monkeypatch.chdir(ROOT)  # the check reads its options from mkdocs.yml, as in the bench
    assert goldenthread(["check", str(data)]) == 0
    out, err = capsys.readouterr()
    assert "The road map is valid" in err
    # No problem beyond the example's own, not even a warning: the example's warnings are
    # about its data (its budgets' hidden lines), the same in the copy the bench grows.
    assert goldenthread(["check", str(bench_data.EXAMPLE)]) == 0
    example_out, _ = capsys.readouterr()
    own = {line.replace(str(bench_data.EXAMPLE), "") for line in example_out.splitlines()}
    added = [line for line in out.splitlines() if line.replace(str(data), "") not in own]
    assert added == [], out
    assert all("[hidden-line-revealed]" in line for line in out.splitlines() if "[" in line)


def _built_page(title: str) -> str:
    """A page as mkdocs-material writes it: the content sits in <article>."""
    return (f"<!doctype html><html><head><title>{title} - Site</title></head><body>"
            "<nav>menu</nav><article class=\"md-content__inner md-typeset\">\n"
            f"<h1>{title}</h1><p>Text &amp; more</p>\n</article><footer>f</footer></body></html>")


def test_plain_extraction_writes_one_markdown_page_per_built_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    built = {"index.html": "Home", "goals/index.html": "Goals",
             "goals/families-get-help-early/index.html": "Families get help early",
             "services/bench-service-1/index.html": "Benchmark service 1",
             "road-map/index.html": "The road map on a page"}
    for path, title in built.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(_built_page(title), encoding="utf-8")
    (site / "404.html").write_text(_built_page("Page not found"), encoding="utf-8")

    pages = bench_plain.write_plain_project(site, tmp_path / "plain")

    docs = tmp_path / "plain" / "docs"
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    assert pages == len(built) == len(written)
    assert written == ["goals/families-get-help-early.md", "goals/index.md", "index.md",
                       "road-map.md", "services/bench-service-1.md"]
    page = (docs / "goals" / "families-get-help-early.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Families get help early"\n---\n')
    assert "<h1>Families get help early</h1><p>Text &amp; more</p>" in page
    assert "<nav>" not in page and "<footer>" not in page
    config = (tmp_path / "plain" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config and "macros" not in config and "search" in config


def test_a_merge_of_a_merge_keeps_each_sizes_commit() -> None:
    import bench
    import bench_report

    first = {"commit": "a" * 40, "sizes": {"S": {}, "M": {}}}
    second = {"commit": "b" * 40, "merged": "a" * 40, "merged_sizes": ["S", "M"],
              "sizes": {"S": {}, "M": {}, "L": {}}}
    assert [bench._commit_of(first, s) for s in ("S", "M")] == ["a" * 40] * 2
    assert [bench._commit_of(second, s) for s in ("S", "L")] == ["a" * 40, "b" * 40]
    third = {"commit": "c" * 40, "merged": "b" * 40, "merged_sizes": ["S", "L"],
             "merged_commits": {"S": bench._commit_of(second, "S"),
                                "L": bench._commit_of(second, "L")}}
    assert bench._commit_of(third, "S") == "a" * 40
    assert bench_report._merged(third) == (
        f" From earlier runs (`--merge`): S at commit `{'a' * 12}`; L at commit `{'b' * 12}`.")


def test_the_report_says_how_the_run_was_loaded_and_niced() -> None:
    """The report's machine line and command follow the run's recorded load and niceness:
    a quiet run started without nice is not said to be slowed by other work, and a busy,
    niced one is (results from before the niceness was recorded count as nice 10)."""
    import bench_report

    quiet = {"load": "0.15 0.61 1.55", "nice": "0"}
    assert "otherwise quiet and the benchmark not niced" in bench_report._load_words(quiet)
    assert bench_report._nice_prefix(quiet) == ""
    busy = {"load": "2.87 2.96 3.22", "nice": "10"}
    words = bench_report._load_words(busy)
    assert "other work was running" in words and "`nice -n 10`" in words
    assert bench_report._nice_prefix(busy) == "nice -n 10 "
    assert bench_report._nice_prefix({"load": "0.5 0.5 0.5"}) == "nice -n 10 "
    assert "otherwise quiet, and the benchmark ran under `nice -n 5`" in \
        bench_report._load_words({"load": "0.2 0.2 0.2", "nice": "5"})
