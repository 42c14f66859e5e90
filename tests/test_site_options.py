"""`goldenthread check` reads the same options as the build, from mkdocs.yml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from goldenthread.site_options import check_options

from .conftest import ROOT

BASE = """\
site_name: x
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  goldenthread:
    data: !ENV [GT_TEST_DATA, roadmap_data]
    audience: public
    stale: !ENV [GT_TEST_STALE, error]
    escalation:
      informal: 10
"""


def test_options_come_from_extra_goldenthread_with_env_and_inherit(tmp_path: Path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "child.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  goldenthread:\n    audience: internal\n"
        "    escalation:\n      service: 20\n", encoding="utf-8")
    monkeypatch.delenv("GT_TEST_STALE", raising=False)
    assert check_options(tmp_path / "mkdocs.yml") == {
        "stale": "error", "escalation": {"informal": 10}}
    monkeypatch.setenv("GT_TEST_STALE", "warning")
    assert check_options(tmp_path / "child.yml") == {
        "stale": "warning", "escalation": {"informal": 10, "service": 20}}
    assert check_options(tmp_path / "missing.yml") == {}


def test_the_real_configs_leave_the_escalation_limits_to_the_vocabulary():
    """The configs fix no step of escalation (a road map of any vocabulary builds with
    them); the example's limits are its vocabulary's own."""
    from goldenthread.derive.escalation import escalation_rules
    from goldenthread.derive.vocabulary_lists import escalation_steps
    from goldenthread.read.data_folder import read_roadmap
    steps = escalation_steps(read_roadmap(ROOT / "roadmap_data")[0])
    for name in ("mkdocs.yml", "mkdocs.internal.yml"):
        options = check_options(ROOT / name)
        assert "escalation" not in options
        assert escalation_rules(options, steps) == {
            "informal": 30, "service": 60, "partnership": 90, "safeguarding-board": None}


def _example_as_at() -> str:
    """The date the example road map is shown as at (its as_at), as YYYY-MM-DD."""
    from goldenthread.read.data_folder import read_roadmap
    return read_roadmap(ROOT / "roadmap_data")[0].info.as_at.isoformat()


def test_check_command_uses_the_config(tmp_path: Path):
    config = tmp_path / "strict.yml"
    config.write_text(BASE.replace("informal: 10", "informal: 1"), encoding="utf-8")
    args = [sys.executable, "-m", "goldenthread", "check", str(ROOT / "roadmap_data"),
            "--audience", "internal", "--today", _example_as_at()]
    default = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=60)
    strict = subprocess.run([*args, "--config", str(config)], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert default.returncode == strict.returncode == 0
    count = lambda out: out.count("[escalation-due]")  # noqa: E731
    assert count(strict.stdout) > count(default.stdout)
    assert "over the limit of 1;" in strict.stdout


def _check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os
    return subprocess.run([sys.executable, "-m", "goldenthread", "check", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env=dict(os.environ, **(env or {})))


def test_config_mistakes_exit_2_with_what_to_write(tmp_path: Path):
    data = str(ROOT / "tests" / "fixtures" / "minimal")
    maybe = tmp_path / "maybe.yml"
    maybe.write_text(BASE.replace("!ENV [GT_TEST_STALE, error]", "maybe"), encoding="utf-8")
    broken = tmp_path / "broken.yml"
    broken.write_text("site_name: x\nextra:\n  goldenthread: [unclosed\n", encoding="utf-8")
    cases = {
        (data, "--config", str(maybe)): f"{maybe}: extra.goldenthread.stale must be 'error' "
        "(a passed review date stops the public build) or 'warning' (it is listed only), "
        "not 'maybe'",
        (data, "--config", str(broken)): f"{broken}:4:1: this is not valid YAML",
        (data, "--config", str(tmp_path / "missing.yml")):
            f"the configuration file '{tmp_path / 'missing.yml'}' does not exist",
    }
    for args, expected in cases.items():
        result = _check(*args)
        assert result.returncode == 2, result.stderr
        assert expected in result.stderr
        assert "internal error" not in result.stderr
    result = _check(data, env={"GOLDENTHREAD_TODAY": "2026-13-01"})
    assert result.returncode == 2
    assert ("mkdocs.yml: 'today' (GOLDENTHREAD_TODAY) must be a real date written YYYY-MM-DD, "
            "such as 2026-03-01, not '2026-13-01'") in result.stderr


def test_the_check_takes_audience_and_today_from_the_config():
    from datetime import date, timedelta
    data = str(ROOT / "roadmap_data")
    # A few weeks after the example's as_at, when staff-only blockages are overdue for
    # escalation: the intranet's check then says more than the public one.
    weeks_on = {"GOLDENTHREAD_TODAY": str(date.fromisoformat(_example_as_at())
                                          + timedelta(days=21))}
    internal = _check(data, "--config", "mkdocs.internal.yml", env=weeks_on)
    explicit = _check(data, "--audience", "internal", env=weeks_on)
    public = _check(data, env=weeks_on)
    assert internal.returncode == explicit.returncode == public.returncode == 0
    assert internal.stdout == explicit.stdout != public.stdout
    # GOLDENTHREAD_TODAY reaches the check as it reaches the build: past the road map's
    # review date, the check fails as the build would.
    late = _check(data, env={"GOLDENTHREAD_TODAY": "2030-01-01"})
    assert late.returncode == 1
    assert "[stale]" in late.stdout


def test_the_build_says_an_impossible_today_in_one_line(tmp_path: Path):
    import os

    from .conftest import MINIMAL, MKDOCS
    env = dict(os.environ, GOLDENTHREAD_DATA=str(MINIMAL), GOLDENTHREAD_TODAY="2026-13-01",
               NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("'today' (GOLDENTHREAD_TODAY) must be a real date written YYYY-MM-DD, such as "
            "2026-03-01, not '2026-13-01'") in result.stderr
    assert not (tmp_path / "out").exists()
