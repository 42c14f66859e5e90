"""The accessibility statement's record of testing says what the browser tests check.

``goldenthread/render/accessibility_tested.json`` is written by ``tests/browser/record.py``
after a full, passing browser-test run (when ``GOLDENTHREAD_RECORD_ACCESSIBILITY=1``).
These tests read what the browser tests use from the tests themselves (their constants
and their collected parameters), never from a copy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from functools import cache

import pytest

from goldenthread.render import accessibility
from goldenthread.render.accessibility import TESTED_RECORD

from .browser import record as recorder
from .browser.support import WCAG_TAGS
from .conftest import ROOT

BROWSER = ROOT / "tests" / "browser"
AXE_TEST = "test_browser_axe.py::test_every_page_template_has_no_wcag_violations"


def _pytest(*args: str, record: bool = True) -> str:
    env = {k: v for k, v in os.environ.items() if k != recorder.ENV}
    if record:
        env[recorder.ENV] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout


@cache
def collected_browser_tests() -> tuple[str, ...]:
    out = _pytest("--collect-only", "-q", str(BROWSER), record=False)
    return tuple(line for line in out.splitlines() if "::" in line)


def test_the_record_says_what_the_browser_tests_check():
    record = json.loads(TESTED_RECORD.read_text(encoding="utf-8"))
    collected = collected_browser_tests()
    # The colour schemes and widths every page template is checked with axe-core in: the
    # parameters of the axe test as pytest collects it.
    variants = [re.search(r"\[\w+-(\w+)-(\d+)\]$", test).groups()
                for test in collected if AXE_TEST in test]
    assert len(variants) >= 4
    assert record["schemes"] == sorted({scheme for scheme, _ in variants})
    assert record["widths"] == sorted({int(width) for _, width in variants})
    # The rules axe-core runs (support.axe_violations passes these tags).
    assert record["axe_rules"] == WCAG_TAGS
    assert record["standard"] == "WCAG 2.2 AA"
    assert record["browser_tests"] == len(collected), (
        "the browser tests have changed since the record was written: run "
        "scripts/test tests/browser, then commit goldenthread/render/accessibility_tested.json")
    run = date.fromisoformat(record["tested_on"])
    assert record == recorder.tested_record(run, len(collected))
    # The statement reads it back as written.
    assert accessibility.tested_record()["tested_on"] == run


def test_the_record_is_written_as_it_is_read(tmp_path):
    path = tmp_path / "tested.json"
    recorder.write_record(path, recorder.tested_record(date(2027, 2, 3), 12))
    read = accessibility.tested_record(path)
    assert read["tested_on"] == date(2027, 2, 3)
    assert read["browser_tests"] == 12
    assert read["schemes"] == ["dark", "light"] and read["axe_rules"] == WCAG_TAGS
    assert path.read_text(encoding="utf-8").count("\n") == len(read) + 2  # one field a line


@pytest.mark.parametrize(("tags", "standard"), [
    (["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"], "WCAG 2.2 AA"),
    (["wcag2a", "wcag21a"], "WCAG 2.1 A"),
    (["wcag2a"], "WCAG 2.0 A"),
])
def test_the_standard_is_the_one_the_tags_check(tags, standard):
    assert recorder.standard(tags) == standard


@pytest.mark.parametrize("tags", [["wcag2aa"], ["best-practice"]])
def test_tags_that_do_not_make_a_standard_are_refused(tags):
    with pytest.raises(ValueError):
        recorder.standard(tags)


def _full_run(**changes) -> recorder.BrowserRun:
    modules = set(BROWSER.glob("test_*.py"))
    tests = {f"tests/browser/{m.name}::test_{i}" for i, m in enumerate(modules)}
    run = recorder.BrowserRun(args=[str(BROWSER)], collected=tests, modules=modules)
    for test in tests:
        for when in ("setup", "call", "teardown"):
            run.report(test, when, "passed", xfail=False)
    for name, value in changes.items():
        setattr(run, name, value)
    return run


def test_only_a_full_run_in_which_every_browser_test_passed_is_recorded():
    assert _full_run().why_not_complete() is None
    assert _full_run(args=[str(ROOT)]).why_not_complete() is None  # the whole suite
    one = next(iter(_full_run().collected))
    failed = _full_run()
    failed.report(one, "call", "failed", xfail=False)
    assert "1 browser tests did not pass" in failed.why_not_complete()
    for outcome, xfail in (("skipped", False), ("skipped", True), ("passed", True)):
        run = _full_run()
        run.report(one, "setup", outcome, xfail=xfail)
        assert "did not pass" in run.why_not_complete()
    unrun = _full_run()
    unrun.passed.discard(one)
    assert unrun.why_not_complete() == "1 browser tests did not run"
    assert "deselected" in _full_run(deselected=3).why_not_complete()
    assert "only some" in _full_run(args=[str(BROWSER / "test_browser_axe.py")]).why_not_complete()
    assert "only some" in _full_run(args=[f"{BROWSER}::x"]).why_not_complete()
    assert "only some" in _full_run(args=[str(ROOT / "tests" / "unit")]).why_not_complete()
    assert "was collected" in _full_run(modules=set()).why_not_complete()
    assert _full_run(collected=set()).why_not_complete() == "no browser test ran"


def test_a_run_that_is_not_full_leaves_the_record_alone():
    before = TESTED_RECORD.read_bytes()
    out = _pytest("--collect-only", "-q", str(BROWSER))
    assert (f"accessibility record not written: {len(collected_browser_tests())} browser "
            "tests did not run") in out
    out = _pytest("--collect-only", "-q", "-k", "wcag", str(BROWSER))
    assert "accessibility record not written:" in out and "were deselected" in out
    assert "accessibility record" not in _pytest("--collect-only", "-q", str(BROWSER),
                                                 record=False)
    assert TESTED_RECORD.read_bytes() == before


@pytest.mark.parametrize("content", ["", "{}", '{"tested_on": "26/11/2026", "standard": "x", '
                                     '"axe_rules": [], "schemes": [], "widths": []}'])
def test_a_broken_record_is_told_in_plain_english(tmp_path, content):
    path = tmp_path / "tested.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"tested\.json: the record of the browser tests .* "
                       r"cannot be read .*GOLDENTHREAD_RECORD_ACCESSIBILITY=1"):
        accessibility.tested_record(path)
    with pytest.raises(ValueError, match="No such file"):
        accessibility.tested_record(tmp_path / "missing.json")
