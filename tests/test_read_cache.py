"""The data folder is read once per build: the "What has changed" macro uses the road map
the build already read, not a second read of the data folder."""

from __future__ import annotations

import importlib.util
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
