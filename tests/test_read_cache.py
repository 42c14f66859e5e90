"""The data folder is read once per build, and a rebuild reads only what changed.

The "What has changed" macro uses the road map the build already read, not a second read
of the data folder; and a second read of a folder loads and validates only the files
edited since the first (:func:`goldenthread.read.data_folder.read_roadmap`), with the same
road map and problems as a fresh read."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import goldenthread.read.data_folder as data_folder
from goldenthread.history.changes import change_log, withheld_names
from goldenthread.history.compare import SECTION_TITLES, SECTIONS
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.contexts import ChangesContext
from goldenthread.site import load_site_data, settings

from .conftest import MINIMAL, ROOT
from .git_repo import commit_all, edit, make_repo

ACTION = "actions/publish-road-map.yml"
TARGET = 'targets:\n  - value: 20\n    by: "2013-14"\n'


def _macros():
    spec = importlib.util.spec_from_file_location("gt_macros_under_test", ROOT / "macros.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _history(tmp_path: Path) -> Path:
    """Data in git: an action public at first, made internal and renamed in a later
    commit, beside a public change to a target."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-03-01")
    edit(data / ACTION, "title: Publish the one-page road map", "title: Secret internal step")
    edit(data / ACTION, "visibility: public", "visibility: internal")
    edit(data / "indicators/re-referrals.yml", TARGET, TARGET.replace("value: 20", "value: 18"))
    commit_all(data, "make the action internal; lower a target", day="2026-03-02")
    return data


def test_the_changes_macro_uses_the_road_map_the_build_read(tmp_path, monkeypatch):
    data = _history(tmp_path)
    env = SimpleNamespace(page=None, conf=SimpleNamespace(
        extra={"goldenthread": {"data": str(data), "audience": "public"}},
        config_file_path=str(tmp_path / "mkdocs.yml")))
    macros = _macros()
    site = macros.Site(env)
    built = load_site_data(**settings(env.conf.extra, env.conf.config_file_path))
    assert built.roadmap.actions["publish-road-map"].visibility == "internal"

    # What the macro showed before: the working tree read again for the current side.
    fresh = read_roadmap(data)[0]
    log = change_log(data, "public", withhold=withheld_names(fresh), current=fresh)
    expected = site.page(lambda views: ChangesContext(
        log=log, limit=20, SECTIONS=SECTIONS, SECTION_TITLES=SECTION_TITLES))

    folders: list[Path] = []
    real = data_folder._load_items  # every read of a data folder loads its items

    def counted(folder, *args, **kwargs):
        folders.append(Path(folder).resolve())
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(data_folder, "_load_items", counted)
    shown = macros.changes(site)
    assert shown == expected
    assert "target for 2013-14 changed from 20% to 18%" in shown
    assert "Secret internal step" not in shown and "one-page road map" not in shown
    assert data.resolve() not in folders  # the working tree was not read again
    loaded = _count_loads(monkeypatch)
    read_roadmap(data)
    assert loaded == []  # reading the commits' copies kept the working tree's files


SERVICE = "services/early-help.yml"
GOAL = "goals/help-early.yml"


def _count_loads(monkeypatch) -> list[Path]:
    """Every file the later reads load (parse), in order."""
    loaded: list[Path] = []
    real = data_folder.load_file

    def counted(file, shown, problems):
        loaded.append(Path(file))
        return real(file, shown, problems)

    monkeypatch.setattr(data_folder, "load_file", counted)
    return loaded


def _loaded_names(loaded: list[Path]) -> list[str]:
    return sorted(path.name for path in loaded)


def _same_as_fresh(data: Path, result) -> None:
    fresh = read_roadmap(data, remember=False)
    assert result == fresh
    assert result[0].sources == fresh[0].sources


def test_a_second_read_loads_only_the_edited_file(data_copy, monkeypatch):
    data = data_copy()
    first = read_roadmap(data)
    loaded = _count_loads(monkeypatch)
    again = read_roadmap(data)
    assert loaded == []  # nothing changed: nothing loaded
    assert again == first

    edit(data / SERVICE, "name: Early help in neighbourhoods", "name: Early help near you")
    edited = read_roadmap(data)
    assert _loaded_names(loaded) == ["early-help.yml"]
    assert edited[0].services["early-help"].name == "Early help near you"
    _same_as_fresh(data, edited)


def test_an_edit_of_the_same_size_is_seen_by_its_time(data_copy, monkeypatch):
    data = data_copy()
    read_roadmap(data)
    path = data / SERVICE
    before = os.stat(path)
    edit(path, "name: Early help in neighbourhoods", "name: Early help in neighbourhoodz")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    loaded = _count_loads(monkeypatch)
    edited = read_roadmap(data)
    assert _loaded_names(loaded) == ["early-help.yml"]
    assert edited[0].services["early-help"].name == "Early help in neighbourhoodz"


def test_problems_of_an_unchanged_file_are_reported_again(data_copy, monkeypatch):
    data = data_copy()
    edit(data / GOAL, "title:", "titel:")
    first = read_roadmap(data)
    assert any(p.location.path.endswith(GOAL) for p in first[1])
    loaded = _count_loads(monkeypatch)
    edit(data / SERVICE, "name: Early help in neighbourhoods", "name: Early help near you")
    again = read_roadmap(data)
    assert _loaded_names(loaded) == ["early-help.yml"]
    assert [p for p in again[1] if p.location.path.endswith(GOAL)] == [
        p for p in first[1] if p.location.path.endswith(GOAL)]
    _same_as_fresh(data, again)


def test_an_added_or_deleted_file_is_read_or_forgotten(data_copy, monkeypatch):
    data = data_copy()
    read_roadmap(data)
    loaded = _count_loads(monkeypatch)
    (data / "services/early-help-too.yml").write_text(
        (data / SERVICE).read_text("utf-8"), "utf-8")
    added = read_roadmap(data)
    assert _loaded_names(loaded) == ["early-help-too.yml"]
    assert set(added[0].services) == {"early-help", "early-help-too"}
    (data / "services/early-help-too.yml").unlink()
    removed = read_roadmap(data)
    assert set(removed[0].services) == {"early-help"}
    _same_as_fresh(data, removed)
    remembered = data_folder._remembered_folder[1]
    assert not any("early-help-too" in key[0] for key in remembered)


def test_only_the_last_folder_is_remembered(data_copy, tmp_path, monkeypatch):
    data = data_copy()
    other = tmp_path / "other" / "roadmap_data"
    shutil.copytree(MINIMAL, other)
    read_roadmap(data)
    count = len(data_folder._remembered_folder[1])
    assert count > 0
    read_roadmap(other)
    assert len(data_folder._remembered_folder[1]) == count  # not twice as many
    assert all(key[0].startswith(str(other.absolute()))
               for key in data_folder._remembered_folder[1])
    loaded = _count_loads(monkeypatch)
    read_roadmap(data)
    assert len(loaded) == count  # the first folder was forgotten: read again in full


def test_a_read_without_remember_neither_uses_nor_replaces_what_is_remembered(
        data_copy, tmp_path, monkeypatch):
    data = data_copy()
    read_roadmap(data)
    kept = dict(data_folder._remembered_folder[1])
    loaded = _count_loads(monkeypatch)
    read_roadmap(data, remember=False)
    assert loaded  # read in full
    loaded.clear()
    shutil.copytree(MINIMAL, tmp_path / "past" / "roadmap_data")
    read_roadmap(tmp_path / "past" / "roadmap_data", remember=False)  # as the history does
    assert data_folder._remembered_folder[1] == kept
    loaded.clear()
    read_roadmap(data)
    assert loaded == []


def test_forget_files_makes_the_next_read_a_first_read(data_copy, monkeypatch):
    """What the benchmark's check timing relies on: each round reads every file."""
    data = data_copy()
    first = read_roadmap(data)
    data_folder.forget_files()
    loaded = _count_loads(monkeypatch)
    again = read_roadmap(data)
    assert len(loaded) == len(first[0].sources) and again == first
