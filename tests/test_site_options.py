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


def test_the_real_configs_give_the_check_its_escalation_limits():
    for name in ("mkdocs.yml", "mkdocs.internal.yml"):
        options = check_options(ROOT / name)
        assert options["escalation"] == {"informal": 30, "service": 60, "partnership": 90}


def test_check_command_uses_the_config(tmp_path: Path):
    config = tmp_path / "strict.yml"
    config.write_text(BASE.replace("informal: 10", "informal: 1"), encoding="utf-8")
    args = [sys.executable, "-m", "goldenthread", "check", str(ROOT / "roadmap_data"),
            "--audience", "internal", "--today", "2026-11-26"]
    default = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=60)
    strict = subprocess.run([*args, "--config", str(config)], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert default.returncode == strict.returncode == 0
    count = lambda out: out.count("[escalation-due]")  # noqa: E731
    assert count(strict.stdout) > count(default.stdout)
    assert "over the limit of 1;" in strict.stdout
