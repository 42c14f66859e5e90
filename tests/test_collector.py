"""goldenthread.read.collector: the garbage collector waits longer between passes while a
road map is read and checked, and is as it was afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from goldenthread.check.pipeline import check_roadmap
from goldenthread.read.collector import THRESHOLDS, fewer_passes

from .conftest import EXAMPLE_DATA


@pytest.fixture()
def thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults
    yield
    gc.set_threshold(*before)


def test_fewer_passes_inside_and_the_settings_back_after(thresholds):
    with fewer_passes():
        assert gc.get_threshold() == THRESHOLDS
        assert THRESHOLDS[0] > 700
    assert gc.get_threshold() == (700, 10, 10)
    with pytest.raises(RuntimeError), fewer_passes():
        raise RuntimeError("a failed read")
    assert gc.get_threshold() == (700, 10, 10)  # back after a failure too


def test_a_setting_already_as_sparing_is_left_alone(thresholds):
    gc.set_threshold(THRESHOLDS[0] * 2, 5, 5)  # as a site build may set it
    with fewer_passes():
        assert gc.get_threshold() == (THRESHOLDS[0] * 2, 5, 5)
    assert gc.get_threshold() == (THRESHOLDS[0] * 2, 5, 5)


def test_a_check_reads_with_fewer_passes_and_restores_them(thresholds, monkeypatch):
    seen = []
    from goldenthread.check import pipeline

    real = pipeline.read_roadmap
    monkeypatch.setattr(pipeline, "read_roadmap",
                        lambda *a, **k: seen.append(gc.get_threshold()) or real(*a, **k))
    roadmap, _ = check_roadmap(EXAMPLE_DATA)
    assert roadmap is not None and seen == [THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_site_build_runs_with_fewer_passes_and_restores_them(thresholds, tmp_path,
                                                               monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from goldenthread.publish import open_data

    from .conftest import ROOT

    monkeypatch.setenv("GOLDENTHREAD_DATA", str(EXAMPLE_DATA))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    hooks = config.plugins["hooks.py"]
    seen = []
    real = hooks.site_data
    monkeypatch.setattr(hooks, "site_data",
                        lambda *a, **k: seen.append(gc.get_threshold()) or real(*a, **k))
    made = []
    real_mkdtemp = open_data.tempfile.mkdtemp
    monkeypatch.setattr(open_data.tempfile, "mkdtemp",
                        lambda *a, **k: made.append(real_mkdtemp(*a, **k)) or made[-1])
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert seen == [THRESHOLDS]
    assert (tmp_path / "site" / "index.html").is_file()
    assert gc.get_threshold() == (700, 10, 10)
    # The open data is written to a folder of the build's own, copied from there into the
    # site (not held in memory), and the folder is gone when the build ends.
    made = [m for m in made if "open-data" in m]
    assert len(made) == 1 and not Path(made[0]).exists()
    assert (tmp_path / "site" / "data" / "roadmap.json").stat().st_size > 1000
