"""The link checker (goldenthread.publish.link_check), and 0 broken links in both real builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from goldenthread.publish.link_check import SiteLinks, check_site, main, parse_page, resolve

HOME = """<!doctype html><html><body>
<h1 id="here">Home</h1>
<a href="goals/">ok</a> <a href="goals/#top">ok</a> <a href="goals">ok, a folder</a>
<a href="goals/#missing">bad anchor</a>
<a href="nowhere/">bad page</a>
<a href="https://example.org/">external</a> <a href="mailto:team@example.org">mail</a>
<a href="#here">ok</a> <a href="#gone">bad anchor here</a> <a href="#">top</a>
<link rel="stylesheet" href="assets/app.css"><img src="assets/missing.png" alt="">
<a href="?q=early+help">search</a> <a href="goals/index.html#top">ok</a>
<a href="../../../../escape/">climbs out</a>
</body></html>
"""
GOALS = """<html><body><p id="top">Goals</p>
<a href="../">home</a>
<a href="../index.html#here">home, anchored</a>
<a href="../goals/%23odd/">encoded</a>
</body></html>
"""


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "goals").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(HOME, encoding="utf-8")
    (tmp_path / "goals" / "index.html").write_text(GOALS, encoding="utf-8")
    (tmp_path / "assets" / "app.css").write_text("body {}", encoding="utf-8")
    return tmp_path


def test_every_broken_link_and_anchor_is_reported_with_its_place_and_fix(tiny_site: Path):
    assert [str(p) for p in check_site(tiny_site)] == [
        "goals/index.html:4:1: link '../goals/%23odd/' goes to 'goals/#odd/index.html', which "
        "is not in the built site — correct the address or add the missing page [broken-link]",
        "index.html:4:1: link 'goals/#missing' points at '#missing', but 'goals/index.html' "
        "has no element with that id — point it at a heading that exists, or drop the '#' "
        "part [broken-anchor]",
        "index.html:5:1: link 'nowhere/' goes to 'nowhere/index.html', which is not in the "
        "built site — correct the address or add the missing page [broken-link]",
        "index.html:7:24: link '#gone' points at '#gone', but 'index.html' has no element with "
        "that id — point it at a heading that exists, or drop the '#' part [broken-anchor]",
        "index.html:8:46: link 'assets/missing.png' goes to 'assets/missing.png', which is not "
        "in the built site — correct the address or add the missing page [broken-link]",
        "index.html:10:1: link '../../../../escape/' goes to 'escape/index.html', which is not "
        "in the built site — correct the address or add the missing page [broken-link]",
    ]


@pytest.mark.parametrize(("page", "href", "expected"), [
    ("index.html", "goals/", ("goals/index.html", "")),
    ("goals/x/index.html", "../../road-map/#the-table", ("road-map/index.html", "the-table")),
    ("goals/x/index.html", "#a%20b", ("goals/x/index.html", "a b")),
    ("404.html", "/assets/app.css", ("assets/app.css", "")),
    ("goals/x/index.html", "./", ("goals/x/index.html", "")),
    ("index.html", "?q=child", ("index.html", "")),
])
def test_links_resolve_against_the_page_url_as_a_browser_would(page, href, expected):
    assert resolve(page, href) == expected


def test_ids_and_links_are_collected_with_positions():
    page = parse_page('<p>\n  <a id="x" href="y/">a</a><img srcset="a.png 1x, b.png 2x">\n'
                      '<a name="old-style"></a><svg><use href="#i"/></svg></p>')
    assert page.ids == {"x", "old-style"}
    assert page.links == [(2, 3, "y/"), (2, 28, "a.png"), (2, 28, "b.png")]


def test_links_with_the_sites_own_address_or_path_are_checked_as_internal(tmp_path: Path):
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals" / "index.html").write_text('<p id="top"></p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://intranet.example.org/roadmap/">\n'
        '<a href="https://intranet.example.org/roadmap/goals/#top">ok</a>\n'
        '<a href="/roadmap/goals/">ok</a> <a href="/roadmap">ok</a>\n'
        '<a href="https://intranet.example.org/roadmap/gone/">bad</a>\n'
        '<a href="/elsewhere/">bad</a> <a href="https://intranet.example.org/other/">away</a>\n',
        encoding="utf-8")
    site = SiteLinks(tmp_path)
    assert site.site_url == "https://intranet.example.org/roadmap/"
    assert [(p.location.line, p.location.column, p.code) for p in site.problems()] == [
        (4, 1, "broken-link"), (5, 1, "broken-link")]
    assert str(site.problems()[1]).startswith(
        "index.html:5:1: link '/elsewhere/' goes to 'elsewhere/index.html', which is not")


def test_command_line_prints_problems_and_fails(tiny_site: Path, capsys):
    assert main([str(tiny_site)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith(f"{tiny_site}/goals/index.html:4:1: link ")
    assert err == f"{tiny_site}: 2 pages, 6 broken link(s).\n"
    assert main([]) == 2


@pytest.mark.build
@pytest.mark.parametrize("build", ["example_site", "internal_site"])
def test_built_sites_have_no_broken_internal_links_or_anchors(build: str, request):
    site = SiteLinks(request.getfixturevalue(build))
    links = sum(len(page.links) for page in site.pages.values())
    # Guard against a vacuous pass: the example road map has dozens of pages and links.
    assert len(site.pages) >= 40 and links >= 1000
    assert [str(p) for p in site.problems()] == []
