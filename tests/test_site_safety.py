"""Safety of the built sites: no HTML comments, no orphan pages, no raw data inside."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from goldenthread.publish.link_check import SiteLinks
from goldenthread.publish.site_check import (
    check_built_site,
    main,
    reachable_pages,
    strip_comments,
)

from .conftest import EXAMPLE_DATA, MINIMAL, ROOT


def test_the_public_example_site_is_safe_to_publish(example_site):
    assert check_built_site(example_site, EXAMPLE_DATA) == []
    links = SiteLinks(example_site)
    assert len(links.pages) >= 40
    assert set(links.pages) - reachable_pages(links) == {"404.html"}


def test_the_intranet_example_site_is_safe_to_publish(internal_site):
    assert check_built_site(internal_site, EXAMPLE_DATA) == []
    assert "internal/index.html" in reachable_pages(SiteLinks(internal_site))


def test_the_public_site_has_no_staff_pages(example_site):
    assert not (example_site / "internal").exists()


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>\n", encoding="utf-8")


def test_each_safety_problem_is_reported_with_its_place_and_fix(tmp_path):
    site = tmp_path / "public"
    _page(site / "index.html", '<a href="goals/">Goals</a>')
    _page(site / "goals" / "index.html", '<p>Goals</p>\n  <!-- note from an editor -->')
    _page(site / "old" / "index.html", "<p>Nobody links here</p>")
    _page(site / "404.html", "<p>Not found</p>")
    shutil.copy(MINIMAL / "roadmap.yml", site / "roadmap.yml")
    (site / "roadmap_data").mkdir()
    problems = [str(p) for p in check_built_site(site, MINIMAL)]
    assert problems == [
        "public/goals/index.html:2:3: the page contains an HTML comment, which anyone can read "
        "in the page source; remove the comment from the page or template it comes from "
        "[html-comment]",
        "public/old/index.html:1:1: no link from the home page, its navigation or its indexes "
        "leads to this page; link to it from an index or the navigation, or remove it "
        "[orphan-page]",
        "public/roadmap.yml:1:1: this file is a copy of the data file 'roadmap.yml'; the raw "
        "data must never be published — remove it from the docs folder [data-in-site]",
    ]
    # A data folder called roadmap_data: a folder of that name in the site is reported too.
    renamed = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, renamed)
    assert [str(p) for p in check_built_site(site, renamed)][2:] == [
        problems[2],
        "public/roadmap_data:1:1: the site contains a folder named like the data folder "
        "('roadmap_data'); remove it from the docs folder [data-in-site]",
    ]


def test_a_data_folder_named_data_can_be_published(tmp_path):
    # The site's own open-data folder, data/, is not the data folder called 'data'; a
    # data file copied into it, or a 'data' folder anywhere else, is still reported.
    site = tmp_path / "public"
    _page(site / "index.html", "<p>Home</p>")
    (site / "data").mkdir()
    (site / "data" / "roadmap.json").write_text("{}\n")
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    assert check_built_site(site, data) == []
    shutil.copy(MINIMAL / "glossary.yml", site / "data" / "glossary.yml")
    (site / "goals" / "data").mkdir(parents=True)
    assert [(p.location.path, p.code) for p in check_built_site(site, data)] == [
        ("public/data/glossary.yml", "data-in-site"), ("public/goals/data", "data-in-site")]


def test_the_command_fails_on_problems_and_on_a_missing_site(tmp_path, capsys):
    _page(tmp_path / "ok" / "index.html", "<p>Home</p>")
    _page(tmp_path / "bad" / "index.html", "<p>Home</p><!-- secret -->")
    assert main([str(tmp_path / "ok")]) == 0
    assert main([str(tmp_path / "bad")]) == 1
    assert main([str(tmp_path / "missing")]) == 2
    assert "nothing was published" in capsys.readouterr().err


def test_comments_are_stripped_from_page_content_by_the_hook():
    spec = importlib.util.spec_from_file_location("gt_hooks_under_test", ROOT / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    html = "<p>Shown</p><!-- an editor's note --><p>Also shown</p><!-- unterminated"
    assert hooks.on_page_content(html, page=None, config=None, files=None) == (
        "<p>Shown</p><p>Also shown</p>")
    assert strip_comments("<p>a</p><!--\nmulti\nline\n--><p>b</p>") == "<p>a</p><p>b</p>"
