"""Real builds: the "What has changed" page, the review line on item pages, <abbr> for
glossary abbreviations and the intranet's "Health of the road map" page."""

from __future__ import annotations

import re
import shutil

import pytest

from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.health import goal_coverage

from .conftest import EXAMPLE_DATA, MINIMAL, run_build, run_script_build
from .git_repo import commit_all, edit, make_repo
from .test_reference_docs import page_text

pytestmark = pytest.mark.build

TARGET = 'targets:\n  - value: 20\n    by: "2013-14"\n'


@pytest.fixture(scope="session")
def history_site(tmp_path_factory):
    """A public build of data in a git repository with two dated versions; the second
    lowers a target and changes an internal action."""
    root = tmp_path_factory.mktemp("history")
    source = root / "source"
    shutil.copytree(MINIMAL, source)
    edit(source / "actions/publish-road-map.yml", "visibility: public", "visibility: internal")
    data = make_repo(root / "repo", source, day="2026-03-01")
    edit(data / "indicators/re-referrals.yml", TARGET, TARGET.replace("value: 20", "value: 18"))
    edit(data / "actions/publish-road-map.yml", "title: Publish the one-page road map",
         "title: Secret internal step")
    commit_all(data, "Lower the target; rename an internal action", day="2026-03-02")
    # By scripts/build: past versions are read in its staging folder, and the data's
    # git folder is not part of the version both sites must come from.
    return run_script_build(root / "site", data)["public"]


def test_changes_page_lists_dated_public_changes_only(history_site):
    text = page_text((history_site / "changes/index.html").read_text("utf-8"))
    assert ("2 March 2026 Changed Indicator 'Re-referrals within 12 months': target for "
            "2013-14 changed from 20% to 18%.") in text
    assert "first recorded on 1 March 2026" in text
    for secret in ("Secret internal step", "publish-road-map", "one-page road map"):
        assert secret not in text


def test_item_pages_show_review_dates_and_when_the_data_changed(history_site):
    indicator = page_text((history_site / "indicators/re-referrals/index.html").read_text())
    assert ("Last reviewed 1 October 2026. Next review by 1 April 2027. The data on this page "
            "last changed on 2 March 2026.") in indicator
    goal = page_text((history_site / "goals/help-early/index.html").read_text())
    assert "The data on this page last changed on 1 March 2026." in goal


def test_build_without_git_says_the_history_is_not_available(tmp_path, data_copy):
    out = tmp_path / "site"
    run_build(out, data_copy())
    text = page_text((out / "changes/index.html").read_text("utf-8"))
    assert "built without its change history" in text
    goal = page_text((out / "goals/help-early/index.html").read_text())
    assert "Last reviewed 1 October 2026. Next review by 1 April 2027." in goal
    assert "last changed" not in goal


def test_glossary_abbreviations_are_expanded_on_pages(example_site):
    html = (example_site / "services/care-panel/index.html").read_text("utf-8")
    assert '<abbr title="National Health Service">NHS</abbr>' in html
    assert html.count('<abbr title="National Health Service">') == 1  # the first use only


def test_health_page_is_on_the_intranet_only(example_site, internal_site):
    assert not (example_site / "internal/health/index.html").exists()
    text = page_text((internal_site / "internal/health/index.html").read_text("utf-8"))
    assert "Coverage of each goal" in text
    roadmap, _problems = read_roadmap(EXAMPLE_DATA)
    for row in goal_coverage(roadmap):
        assert (f"{row.title} {row.plan_priorities} {row.services} "
                f"{row.measures_with_target} of {row.measures}") in text
    assert "Out of scope: Street cleaning and parks are outside this road map." in text
    assert "Reading ease of the 25 hardest public texts" in text
    assert re.search(r"\d+ more texts, all easier to read than these, are not listed", text)
    assert "The average is" in text


def test_every_page_says_when_it_was_reviewed(example_site):
    """Pages about the whole road map carry its review dates, printed by the theme."""
    from goldenthread.read.data_folder import read_roadmap

    from .conftest import EXAMPLE_DATA

    info = read_roadmap(EXAMPLE_DATA)[0].info
    expected = (f"Last reviewed {info.last_reviewed.day} {info.last_reviewed:%B %Y}. "
                f"Next review by {info.review_by.day} {info.review_by:%B %Y}.")
    for page in ("glossary", "accountability", "partner-plans", "accessibility", "data"):
        html = (example_site / page / "index.html").read_text(encoding="utf-8")
        assert html.count('class="gt-review"') == 1, page
        assert expected in html, page


def test_the_changes_page_is_one_entry_per_change_whatever_a_title_holds(tmp_path):
    """A title with line breaks, HTML and Markdown stays inside its one list entry, in
    the HTML the macro returns and after Markdown (which the page passes through)."""
    import markdown

    from goldenthread.history.changes import change_log
    from goldenthread.history.compare import SECTION_TITLES, SECTIONS
    from goldenthread.render.contexts import ChangesContext
    from goldenthread.render.pages import render
    from goldenthread.render.views import RoadmapViews

    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-03-01")
    edit(data / "goals/help-early.yml", "title: Families get help early",
         'title: "Help\\n\\n- Goal \'Safe\' removed.\\n\\n<li>fake</li><!-- x --> `c` [a](b)"')
    edit(data / "indicators/re-referrals.yml", TARGET, TARGET.replace("value: 20", "value: 18"))
    commit_all(data, "retitle a goal, lower a target", day="2026-03-02")
    roadmap = read_roadmap(data)[0]
    log = change_log(data, "public", current=roadmap)
    count = sum(len(e.changes) for e in log.entries)
    assert count == 2
    context = ChangesContext(log=log, limit=20, SECTIONS=SECTIONS, SECTION_TITLES=SECTION_TITLES)
    html = render(context, RoadmapViews(roadmap), "changes/")
    for page in (html, markdown.markdown(html, extensions=["attr_list", "toc"])):
        assert page.count("<li>") == count
        assert "<li>fake" not in page and "<!--" not in page
        assert "&lt;li&gt;fake&lt;/li&gt;&lt;!-- x --&gt; `c` [a](b)" in page
    assert "\n\n" not in html
