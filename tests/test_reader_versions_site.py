"""Versions for every reader in real builds (``mkdocs build --strict``) of both sites.

A road map with easy-read text, text for young people and scrutiny questions gets three
pages, menu entries and home-page links in both builds; a road map without them (the
second partnership) gets none of these; and a version whose only text is on an internal
item is on the intranet only.  The example road map has all three, keeping their rules.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import textstat

from goldenthread.derive.reader_versions import coverage
from goldenthread.read.data_folder import read_roadmap

from .check_helpers import append, messages
from .conftest import EXAMPLE_DATA, FIXTURES, MINIMAL, run_build, run_script_build

pytestmark = pytest.mark.build

ANOTHER = FIXTURES / "another-partnership"
#: page folder -> its menu label and heading.
PAGES = {"easy-read": ("Easy read", "Easy read"),
         "young-people": ("For children and young people", "Our promises to you"),
         "councillors": ("For councillors", "Briefing for councillors")}


def _with_versions(data: Path) -> Path:
    append(data / "roadmap.yml", "easy_read: We want every child to be safe.\n")
    append(data / "goals/safe-at-home.yml",
           "easy_read: Children should be safe at home.\n"
           "for_young_people: We will keep you safe at home.\n"
           "scrutiny_questions:\n  - Are plans reviewed on time?\n"
           "  - Do the police come to strategy meetings?\n")
    return data


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The minimal road map with every version, and the second partnership without any,
    each built for both audiences."""
    out = tmp_path_factory.mktemp("reader-versions")
    data = _with_versions(Path(shutil.copytree(MINIMAL, out / "data")))
    built = {}
    for name, source in (("with", data), ("without", ANOTHER)):
        # By scripts/build: the versions' pages, and their absence, pass the link and
        # site checks (no page left without a link to it, no link to a page not built).
        for audience, site in run_script_build(out / name, source).items():
            built[f"{name}-{audience}"] = site
    return built


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_a_road_map_with_the_fields_has_each_version_in_the_menu_and_on_the_home_page(
        sites, audience):
    site = sites[f"with-{audience}"]
    home = (site / "index.html").read_text(encoding="utf-8")
    for folder, (label, heading) in PAGES.items():
        page = (site / folder / "index.html").read_text(encoding="utf-8")
        assert f">{heading}</h1>" in page, folder
        # In the menu of another page, and linked from the home page's list of versions.
        assert f'href="{folder}/"' in home, folder
        assert f'<a href="{folder}/"><strong>{label}</strong></a>' in home
    easy = (site / "easy-read" / "index.html").read_text(encoding="utf-8")
    assert easy.count('<svg class="gt-picture" role="img" aria-label="') == 2
    assert "Children should be safe at home." in easy
    brief = (site / "councillors" / "index.html").read_text(encoding="utf-8")
    assert "<li>Are plans reviewed on time?</li>" in brief and "corporate parent" in brief
    promises = (site / "young-people" / "index.html").read_text(encoding="utf-8")
    assert "We will keep you safe at home." in promises
    rows = (site / "data" / "reader-versions.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "kind,id,easy_read,for_young_people,scrutiny_questions"
    assert "goal,safe-at-home,true,true,true" in rows


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_a_road_map_without_the_fields_has_no_page_no_menu_entry_and_no_home_link(
        sites, audience):
    site = sites[f"without-{audience}"]
    for folder, (label, _heading) in PAGES.items():
        assert not (site / folder).exists(), folder
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert f"{folder}/" not in text, (folder, page)
            menu = text.partition('<nav class="md-nav md-nav--primary"')[2].partition("</nav>")[0]
            assert menu and label not in menu and "Other versions" not in menu, (label, page)
    assert "Other versions of this road map" not in (site / "index.html").read_text()
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in search["docs"]
                if d["location"].split("/")[0] in PAGES]
    # The open data still says, item by item, that there is no version.
    rows = (site / "data" / "reader-versions.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) > 3 and all(",true" not in row for row in rows)


def test_a_version_whose_only_text_is_internal_is_on_the_intranet_only(tmp_path, data_copy):
    data = data_copy()
    (data / "services" / "staff-drop-in.yml").write_text(
        "name: Staff drop-in\n"
        "description: A weekly session where staff can ask for advice.\n"
        "what_changes:\n  before: Staff waited for advice.\n  after: Staff get advice weekly.\n"
        "contributes_to:\n  - goal: safe-at-home\n    how: Staff spot risks sooner.\n"
        "owner: Head of Early Help\n"
        "for_young_people: The people who help you get advice every week.\n"
        "visibility: internal\n", encoding="utf-8")
    run_build(tmp_path / "public", data)
    run_build(tmp_path / "internal", data, config="mkdocs.internal.yml")
    assert not (tmp_path / "public" / "young-people").exists()
    assert "young-people/" not in (tmp_path / "public" / "index.html").read_text()
    page = (tmp_path / "internal" / "young-people" / "index.html").read_text(encoding="utf-8")
    assert "The people who help you get advice every week." in page
    assert "young-people/" in (tmp_path / "internal" / "index.html").read_text()
    # Easy read and the briefing have no text anywhere, so no page in either build.
    for site in ("public", "internal"):
        assert not (tmp_path / site / "easy-read").exists()
        assert not (tmp_path / site / "councillors").exists()


# -- the example road map -------------------------------------------------------------------
def test_the_example_road_map_has_every_version_and_keeps_their_rules():
    roadmap = read_roadmap(EXAMPLE_DATA)[0]
    assert roadmap.info.easy_read
    for goal_id, goal in roadmap.goals.items():
        assert goal.easy_read and goal.for_young_people, goal_id
        assert 2 <= len(goal.scrutiny_questions) <= 3, goal_id
    shares = {c.kind: c.counts["easy_read"] / c.total for c in coverage(roadmap)}
    assert shares["service"] >= 0.5 and shares["measure"] >= 0.5
    for code in ("easy-read-long", "easy-read-one-idea", "young-people-grade",
                 "scrutiny-questions"):
        assert messages(EXAMPLE_DATA, code, today=roadmap.info.as_at) == [], code


@pytest.mark.parametrize("site_fixture", ["example_site", "internal_site"])
def test_the_example_sites_have_the_three_pages_and_the_young_peoples_reads_at_grade_5(
        request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    home = (site / "index.html").read_text(encoding="utf-8")
    for folder, (label, heading) in PAGES.items():
        assert f">{heading}</h1>" in (site / folder / "index.html").read_text("utf-8")
        assert f'<a href="{folder}/"><strong>{label}</strong></a>' in home
    page = (site / "young-people" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    text = re.sub(r"</(p|li|h[1-6])>", ".\n", article)
    text = re.sub(r"(\s*\.)+", ".", " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()))
    assert len(text.split()) > 150
    assert textstat.flesch_kincaid_grade(text) <= 5
    brief = (site / "councillors" / "index.html").read_text(encoding="utf-8")
    assert brief.count('class="gt-brief__goal"') == 6
    assert "Walsall Council and Walsall Safeguarding Children Board" in brief
