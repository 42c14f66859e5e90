"""The incremental preview (``mkdocs serve --dirty``): after an edit, the site it leaves is
the site a full build makes from the same data, byte for byte.

The builds run in this process through MkDocs' own ``build`` function, as ``mkdocs
serve --dirty`` runs them: one process, the same site folder rebuilt after each edit,
``dirty=True``, the serve address as site_url.  The full build of the same data goes
to a fresh folder with ``dirty=False``, as ``mkdocs build`` does.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from .conftest import EXAMPLE_DATA, ROOT
from .serve_helpers import serving

pytestmark = pytest.mark.build

SERVE_URL = "http://127.0.0.1:8000/"


def _build(config_file: Path, site: Path, *, dirty: bool) -> None:
    config = load_config(str(config_file), site_dir=str(site))
    config.site_url = SERVE_URL  # as mkdocs serve sets it
    # mkdocs serve tells the plugins once, at start; a plain build says 'build'.
    config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
    build(config, serve_url=SERVE_URL, dirty=dirty)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("index.html")}


class Preview:
    """A preview's site folder, rebuilt after each edit, and full builds to compare."""

    def __init__(self, config_file: Path, work: Path):
        self.config_file, self.work = config_file, work
        self.site = work / "preview"
        self.fulls = 0
        _build(config_file, self.site, dirty=True)  # the preview's first build

    def rebuild(self) -> list[str]:
        """Rebuild incrementally; return the pages written again (their index.html)."""
        before = _times(self.site)
        _build(self.config_file, self.site, dirty=True)
        after = _times(self.site)
        return sorted(page for page, time in after.items() if before.get(page) != time)

    def assert_same_as_a_full_build(self) -> dict[str, bytes]:
        self.fulls += 1
        full = self.work / f"full-{self.fulls}"
        _build(self.config_file, full, dirty=False)
        preview, fresh = _files(self.site), _files(full)
        assert sorted(preview) == sorted(fresh)
        differ = [name for name in fresh if preview[name] != fresh[name]]
        assert differ == []
        return preview


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "roadmap_data"
    shutil.copytree(EXAMPLE_DATA, copy)
    monkeypatch.setenv("GOLDENTHREAD_DATA", str(copy))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy


@pytest.fixture
def preview(tmp_path: Path, data: Path) -> Iterator[Callable[[Path], Preview]]:
    yield lambda config_file=ROOT / "mkdocs.yml": Preview(config_file, tmp_path)
    # Leave the process as a plain build would find it (one MkDocs process per command
    # outside the tests).
    load_config(str(ROOT / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_after_each_edit_the_preview_is_the_full_build_byte_for_byte(data, preview):
    site = preview()

    # A text edit: one service's description.  Its page is rebuilt, and the pages that
    # show that text; not the rest of the site.
    _edit(data / "services" / "care-panel.yml", "A regular meeting where partners",
          "A monthly meeting where partners")
    rebuilt = site.rebuild()
    assert "services/care-panel/index.html" in rebuilt
    item_pages = [p for p in _times(site.site) if p.count("/") == 2 and
                  p.split("/")[0] in ("goals", "priorities", "services", "indicators")]
    assert len(item_pages) > 40 and len(rebuilt) < len(_times(site.site)) // 2
    assert "goals/partners-work-together/index.html" not in rebuilt  # shows no description
    pages = site.assert_same_as_a_full_build()
    assert b"A monthly meeting where partners" in pages["services/care-panel/index.html"]

    # A title edit: the service's name shows on the pages of the goals it serves, in the
    # services' A to Z and in the search index.
    _edit(data / "services" / "care-panel.yml", "name: CARE panel", "name: CARE panel (renamed)")
    rebuilt = site.rebuild()
    assert {"services/care-panel/index.html", "goals/partners-work-together/index.html",
            "services/index.html"} <= set(rebuilt)
    pages = site.assert_same_as_a_full_build()
    assert b"CARE panel (renamed)" in pages["goals/partners-work-together/index.html"]
    assert b"CARE panel (renamed)" in pages["search/search_index.json"]

    # A figure: one measure's latest value (its page, its goal's summary, the open data).
    _edit(data / "indicators" / "agency-social-workers.yml", "2011-12: 11.4", "2011-12: 9.4")
    rebuilt = site.rebuild()
    assert "indicators/agency-social-workers/index.html" in rebuilt
    pages = site.assert_same_as_a_full_build()
    assert b"9.4" in pages["indicators/agency-social-workers/index.html"]

    # An action (it has no page of its own): its title shows on its services' pages.
    _edit(data / "actions" / "act-on-online-bullying.yml",
          "title: Act on online bullying,", "title: Tackle online bullying,")
    rebuilt = site.rebuild()
    assert "services/schools-safeguarding-support/index.html" in rebuilt
    site.assert_same_as_a_full_build()

    # What every item page shares: an abbreviation's expansion in the glossary (an <abbr>
    # on each item page that uses it), and the vision (on every goal's page).
    _edit(data / "glossary.yml", "stands_for: National Health Service",
          "stands_for: The National Health Service")
    rebuilt = site.rebuild()
    pages = site.assert_same_as_a_full_build()
    assert any(b"The National Health Service" in pages[page] for page in rebuilt
               if page.startswith("services/"))
    _edit(data / "roadmap.yml", "vision: Every child in Walsall grows up safe and well",
          "vision: Every child in Walsall grows up safe and healthy")
    site.rebuild()
    pages = site.assert_same_as_a_full_build()
    assert b"grows up safe and healthy" in pages["goals/partners-work-together/index.html"]

    # An item made internal: its page leaves the public site, and every link to it.
    measure = data / "indicators" / "assessments-within-45-working-days.yml"
    _edit(measure, "visibility: public", "visibility: internal")
    site.rebuild()
    pages = site.assert_same_as_a_full_build()
    assert "indicators/assessments-within-45-working-days/index.html" not in pages
    assert not any(b"assessments-within-45-working-days" in page for page in pages.values())


def _project(tmp_path: Path) -> Path:
    """A copy of the project's configuration, hooks, pages and theme, to edit."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks.py", "macros.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("goldenthread", "roadmap_data"):  # in the config's watch list
        os.symlink(ROOT / name, project / name)
    return project


def test_a_template_or_configuration_change_rebuilds_every_page(tmp_path, data, preview):
    project = _project(tmp_path)
    site = preview(project / "mkdocs.yml")
    pages = len(_times(site.site))

    # A data edit first: only some pages are rebuilt.
    _edit(data / "services" / "care-panel.yml", "A regular meeting", "A monthly meeting")
    assert len(site.rebuild()) < pages // 2

    # A theme template: every page shows the footer.
    _edit(project / "overrides" / "partials" / "copyright.html",
          "Accessibility statement</a></li>",
          "Accessibility statement</a></li><li>Footer marker</li>")
    assert len(site.rebuild()) == pages
    built = site.assert_same_as_a_full_build()
    assert all(b"Footer marker" in built[page] for page in _times(site.site))

    # The configuration: a copyright line on every page.
    _edit(project / "mkdocs.yml", "site_dir: site/public\n",
          "site_dir: site/public\ncopyright: Configuration marker\n")
    assert len(site.rebuild()) == pages
    built = site.assert_same_as_a_full_build()
    assert all(b"Configuration marker" in built[page] for page in _times(site.site))


def test_after_a_failed_rebuild_the_preview_is_the_full_build_byte_for_byte(tmp_path, data,
                                                                           preview):
    # A broken link in a hand-written page fails the build under --strict (after MkDocs
    # has written its pages).  Whatever the edits made with it or after it, nothing of the
    # builds before the failure may stay in the preview once the link is fixed.
    project = _project(tmp_path)
    site = preview(project / "mkdocs.yml")
    statement = project / "docs" / "accessibility.md"
    good = statement.read_text("utf-8")
    broken = good + "\nSee [a page that is not there](not-there.md).\n"

    def published(item: str) -> bool:
        return (site.site / "indicators" / item / "index.html").is_file()

    # The link broken alone; fixed in the edit that makes a measure internal.
    first = "assessments-within-45-working-days"
    assert published(first)
    statement.write_text(broken, "utf-8")
    with pytest.raises(Abort):
        site.rebuild()
    statement.write_text(good, "utf-8")
    _edit(data / "indicators" / f"{first}.yml", "visibility: public", "visibility: internal")
    site.rebuild()
    pages = site.assert_same_as_a_full_build()
    assert not published(first)
    assert not any(first.encode() in page for page in pages.values())

    # A measure made internal in the edit that breaks the link; then the link fixed.
    second = "agency-social-workers"
    assert published(second)
    statement.write_text(broken, "utf-8")
    _edit(data / "indicators" / f"{second}.yml", "visibility: public", "visibility: internal")
    with pytest.raises(Abort):
        site.rebuild()
    statement.write_text(good, "utf-8")
    site.rebuild()
    pages = site.assert_same_as_a_full_build()
    assert not published(second)

    # And the preview goes on being incremental from there.
    _edit(data / "services" / "care-panel.yml", "name: CARE panel", "name: CARE panel (renamed)")
    assert len(site.rebuild()) < len(_times(site.site)) // 2
    site.assert_same_as_a_full_build()


@pytest.mark.skipif("faketime" in os.environ.get("LD_PRELOAD", ""),
                    reason="mkdocs serve's watcher cannot see edits under faketime")
def test_mkdocs_serve_dirty_shows_an_edit_a_data_error_and_the_fix(data_copy):
    # The real command, as the README gives it: the watcher, the rebuilds, --strict.
    data = data_copy()
    goal = data / "goals" / "help-early.yml"
    good = goal.read_text("utf-8")
    with serving(data, args=("--dirty",)) as server:
        server.wait_for("goals/help-early/", "Families get help early")
        _edit(goal, "title: Families get help early", "title: Families get help sooner")
        server.wait_for("goals/help-early/", "Families get help sooner")
        assert "Families get help sooner" in server.wait_for("search/search_index.json",
                                                            "Families get help sooner")
        goal.write_text(good.replace("visibility: public", "visibility: publik"), "utf-8")
        server.wait_for("", "The road map has problems to fix")
        goal.write_text(good, "utf-8")
        server.wait_for("goals/help-early/", "Families get help early")
        assert "problems to fix" not in server.wait_for("", "Families get help early")


def test_the_intranet_preview_is_its_full_build_after_an_edit(data, preview):
    # The intranet has pages of its own (blockages, health, Munro plan, references).
    site = preview(ROOT / "mkdocs.internal.yml")
    _edit(data / "services" / "care-panel.yml", "name: CARE panel", "name: CARE panel (renamed)")
    assert "services/care-panel/index.html" in site.rebuild()
    pages = site.assert_same_as_a_full_build()
    assert b"CARE panel (renamed)" in pages["services/care-panel/index.html"]
    # An officer's name shows beside their role on the item pages (with_officer).
    _edit(data / "officers.yml", "name: C. Example", "name: C. Example-Smith")
    rebuilt = site.rebuild()
    pages = site.assert_same_as_a_full_build()
    assert any(b"C. Example-Smith" in pages[page] for page in rebuilt if page.startswith("goals/"))


def test_without_a_search_index_to_carry_over_every_page_is_rebuilt(data, preview, monkeypatch):
    site = preview()
    hooks = load_config(str(ROOT / "mkdocs.yml")).plugins["hooks.py"]  # as MkDocs loaded it
    monkeypatch.setattr(hooks, "_search_index", lambda config: None)
    _edit(data / "services" / "care-panel.yml", "name: CARE panel", "name: CARE panel (renamed)")
    assert len(site.rebuild()) == len(_times(site.site))
    pages = site.assert_same_as_a_full_build()
    assert b"CARE panel (renamed)" in pages["services/index.html"]
