"""Versions for every reader (issue 16): easy read, young people, councillors.

The models and checks (goldenthread.check.reader_versions), which items have which
version (goldenthread.derive.reader_versions), the pages' views and templates
(goldenthread.render.reader_versions), the health page's coverage and the open data.
Dates come from the fixture's own as_at (or a given today), never the clock.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from goldenthread.check.reader_versions import joined_ideas
from goldenthread.derive.reader_versions import (
    VERSIONS,
    compared_with,
    coverage,
    has_version,
    item_versions,
    version_items,
)
from goldenthread.publish.open_data import open_data_files
from goldenthread.publish.open_data_json import OpenRoadmap, ReaderVersions
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render import reader_versions as pages
from goldenthread.render.health import health, page_grades
from goldenthread.render.index_views import home
from goldenthread.render.pages import render
from goldenthread.render.site_meta import has_data
from goldenthread.render.views import RoadmapViews

from .check_helpers import append, messages
from .conftest import MINIMAL
from .git_repo import edit

EASY = "Children should be safe at home. We act fast when we are worried."


def _add(path, key: str, text: str) -> int:
    """Append ``key: text`` to a data file; the line it is on."""
    return append(path, f"{key}: {text}\n")


# -- the checks -------------------------------------------------------------------------
def test_an_easy_read_sentence_over_15_words_is_reported_with_its_file_and_line(data_copy):
    data = data_copy()
    path = data / "goals/safe-at-home.yml"
    fifteen = "Children " + " ".join(["safe"] * 13) + " home."
    line = _add(path, "easy_read", f"{fifteen} Children live safely with their families today.")
    assert messages(data, "easy-read-long") == []  # 15 words is allowed
    edit(path, fifteen, "Children " + " ".join(["safe"] * 14) + " home.")
    assert messages(data, "easy-read-long") == [
        f"roadmap_data/goals/safe-at-home.yml:{line}:12: goal 'safe-at-home': an easy-read "
        "sentence in 'easy_read' has 16 words ('Children safe safe safe safe safe …'); easy "
        "read keeps each sentence to 15 words or fewer, so split it (warning) "
        "[easy-read-long]"]
    # The general 25-word rule does not report easy-read text a second time.
    edit(path, "home.", " ".join(["more"] * 12) + " home.")
    assert len(messages(data, "easy-read-long")) == 1
    assert messages(data, "long-sentence") == []


def test_an_easy_read_sentence_with_two_ideas_is_reported_with_where_to_split_it(data_copy):
    data = data_copy()
    path = data / "roadmap.yml"
    line = _add(path, "easy_read", "Children and families get help. We listen to you and we "
                "act, but it takes time.")
    assert messages(data, "easy-read-one-idea") == [
        f"roadmap_data/roadmap.yml:{line}:12: roadmap.yml: an easy-read sentence in "
        "'easy_read' holds 2 ideas ('We listen to you and we …'); easy read has one idea in "
        "each sentence, so make a new sentence at 'but' (warning) [easy-read-one-idea]"]


def test_one_joining_word_is_one_idea_and_a_semicolon_or_a_second_one_is_two():
    assert joined_ideas("Children and families get help.") == []
    assert joined_ideas("We help because we care.") == []
    assert joined_ideas("We help children and families because we care.") == ["because"]
    assert joined_ideas("We help; we care.") == [";"]
    # Whole words only: 'band', 'sort' and 'Andover' join nothing.
    assert joined_ideas("The band in Andover sorts it out and plays.") == []


def test_easy_read_text_on_an_internal_item_is_checked_for_the_intranet_only(data_copy):
    data = data_copy()
    path = data / "goals/help-early.yml"
    edit(path, "visibility: public", "visibility: internal")
    _add(path, "easy_read", "We help families early; we help them close to home.")
    assert messages(data, "easy-read-one-idea") == []
    assert len(messages(data, "easy-read-one-idea", audience="internal")) == 1


def test_text_for_young_people_above_grade_5_is_reported_with_its_file_and_line(data_copy):
    data = data_copy()
    path = data / "services/early-help.yml"
    line = _add(path, "for_young_people", "If things are hard at home, a team near you can "
                "help your family.")
    assert messages(data, "young-people-grade") == []
    edit(path, "If things are hard at home, a team near you can help your family.",
         "Multidisciplinary safeguarding professionals collaboratively coordinate "
         "comprehensive interventions.")
    found = messages(data, "young-people-grade")
    assert len(found) == 1
    assert found[0].startswith(
        f"roadmap_data/services/early-help.yml:{line}:19: service 'early-help': the text for "
        "young people in 'for_young_people' reads at school grade ")
    assert found[0].endswith(
        "('Multidisciplinary safeguarding professionals collaboratively coordinate "
        "comprehensive …'); write it for grade 5 or below, with shorter sentences and "
        "shorter words (warning) [young-people-grade]")


def test_a_goal_with_one_scrutiny_question_or_more_than_three_is_a_warning(data_copy):
    data = data_copy()
    path = data / "goals/safe-at-home.yml"
    line = append(path, "scrutiny_questions:\n  - Are plans reviewed on time?\n")
    assert messages(data, "scrutiny-questions") == [
        # Where the list starts: its first question.
        f"roadmap_data/goals/safe-at-home.yml:{line + 1}:3: goal 'safe-at-home': "
        "'scrutiny_questions' has 1 question; give 2 or 3, so that the briefing for "
        "councillors stays short enough to read before a meeting (warning) "
        "[scrutiny-questions]"]
    append(path, "  - Do the police come to strategy meetings?\n")
    assert messages(data, "scrutiny-questions") == []
    append(path, "  - Who checks the plans?\n  - What do families say?\n")
    assert "has 4 questions" in messages(data, "scrutiny-questions")[0]


# -- which items have which version -----------------------------------------------------
def _with_versions(data_copy):
    """The minimal fixture with every version: the vision, a goal, a service and the
    measure in easy read; the goal and service for young people; the goal's questions."""
    data = data_copy()
    _add(data / "roadmap.yml", "easy_read", "We want every child to be safe.")
    goal = data / "goals/safe-at-home.yml"
    _add(goal, "easy_read", EASY)
    _add(goal, "for_young_people", "We will keep you safe at home.")
    append(goal, "scrutiny_questions:\n  - Are plans reviewed on time?\n"
           "  - Do the police come to strategy meetings?\n")
    _add(data / "services/early-help.yml", "easy_read", "Teams help families early.")
    _add(data / "services/early-help.yml", "for_young_people", "We help your family early.")
    _add(data / "indicators/re-referrals.yml", "easy_read",
         "We count children who need help again. Fewer is better.")
    return data


def test_each_version_lists_its_items_in_order_and_leaves_out_items_without_the_field(
        data_copy):
    roadmap = read_roadmap(_with_versions(data_copy))[0]
    easy = version_items(roadmap, "easy_read")
    assert [(i.kind, i.item_id) for i in easy] == [
        ("vision", "roadmap.yml"), ("goal", "safe-at-home"), ("service", "early-help"),
        ("measure", "re-referrals")]
    assert easy[1].text == EASY and easy[1].title == "Children are safe at home"
    # help-early has none of the fields, so it is in no version.
    assert all(i.item_id != "help-early" for v in VERSIONS
               for i in version_items(roadmap, v.field))
    assert [i.item_id for i in version_items(roadmap, "scrutiny_questions")] == ["safe-at-home"]
    assert {v.field: has_version(roadmap, v.field) for v in VERSIONS} == {
        "easy_read": True, "for_young_people": True, "scrutiny_questions": True}


def test_a_road_map_without_the_fields_has_no_version_and_its_pages_are_dropped(data_copy):
    roadmap = read_roadmap(MINIMAL)[0]
    for version in VERSIONS:
        assert not has_version(roadmap, version.field)
        assert has_data(roadmap, version.field) is False
    with_them = read_roadmap(_with_versions(data_copy))[0]
    assert has_data(with_them, ["easy_read", "goals"]) is True
    with pytest.raises(ValueError, match="names no kind of the road map and no version"):
        has_data(roadmap, "easy_reed")


def test_coverage_counts_each_kind_and_says_which_kinds_cannot_have_a_version(data_copy):
    roadmap = read_roadmap(_with_versions(data_copy))[0]
    rows = {c.kind: (c.total, c.counts) for c in coverage(roadmap)}
    assert rows == {
        "vision": (1, {"easy_read": 1, "for_young_people": None, "scrutiny_questions": None}),
        "goal": (2, {"easy_read": 1, "for_young_people": 1, "scrutiny_questions": 1}),
        "service": (1, {"easy_read": 1, "for_young_people": 1, "scrutiny_questions": None}),
        "measure": (1, {"easy_read": 1, "for_young_people": None, "scrutiny_questions": None}),
    }


def test_comparisons_follow_the_measures_polarity_and_skip_what_cannot_be_compared(
        data_copy):
    indicator = read_roadmap(data_copy())[0].indicators["re-referrals"]
    # 22.0 in 2011-12, lower is better: England 23.0, similar councils 24.0.
    assert compared_with(indicator, indicator.england) == "better"
    assert compared_with(indicator, {"2011-12": 21.0}) == "worse"
    assert compared_with(indicator, {"2011-12": 22.04}) == "same"  # equal as shown
    assert compared_with(indicator, {"2010-11": 30.0}) is None  # not the latest period
    context = indicator.model_copy(update={"polarity": "context"})
    assert compared_with(context, indicator.england) is None


# -- the pages --------------------------------------------------------------------------
def test_the_easy_read_page_gives_each_point_a_picture_with_a_text_alternative(data_copy):
    data = _with_versions(data_copy)
    edit(data / "services/early-help.yml", "easy_read: Teams help families early.",
         "easy_read: Teams help <script>alert(1)</script> families early.")
    views = RoadmapViews(read_roadmap(data)[0])
    context = pages.easy_read(views)
    assert [s["kind"] for s in context.sections] == ["vision", "goal", "service", "measure"]
    goal = context.sections[1]["points"][0]
    assert goal["sentences"] == ["Children should be safe at home.",
                                 "We act fast when we are worried."]
    html = render(context, views, "easy-read/")
    # A house for a goal about home, the kind's own picture for the vision and a measure.
    assert 'role="img" aria-label="A house"' in html
    assert 'aria-label="An eye"' in html and 'aria-label="A chart going up"' in html
    assert html.count('<svg class="gt-picture" role="img"') == 4
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="../goals/safe-at-home/">More about Children are safe at home</a>' in html


def test_pictures_come_from_the_themes_own_icons_and_only_plain_paths_are_used():
    house = pages.picture("home", 'A "house" <b>')
    assert house.startswith('<svg class="gt-picture" role="img" aria-label="A &#34;house&#34; '
                            '&lt;b&gt;" viewBox="0 0 24 24" focusable="false"><path d="M10')
    with pytest.raises(FileNotFoundError):
        pages.picture("no-such-icon-anywhere", "Nothing")


def test_the_young_peoples_page_lists_the_promises_and_the_stories_behind_them(data_copy):
    data = _with_versions(data_copy)
    views = RoadmapViews(read_roadmap(data)[0])
    context = pages.young_people(views)
    assert [i.item_id for i in context.goals] == ["safe-at-home"]
    assert [i.item_id for i in context.services] == ["early-help"]
    assert context.stories == [] and context.all_stories is False  # no stories here
    html = render(context, views, "young-people/")
    assert "We will keep you safe at home." in html and "We help your family early." in html
    assert "stories/" not in html  # no stories page to link to


def test_the_councillors_briefing_computes_what_is_off_track_on_the_builds_today(data_copy):
    data = _with_versions(data_copy)
    edit(data / "actions/publish-road-map.yml", "status: done", "status: on-track")
    roadmap = read_roadmap(data)[0]  # the action is due in 2012-Q3 and serves both goals
    context = pages.councillors(RoadmapViews(roadmap, today=date(2012, 10, 1)))
    (row,) = context.goals  # only the goal with scrutiny questions
    assert row["item"].item_id == "safe-at-home"
    # The day after its quarter ends, it is overdue, whatever its typed status says.
    assert [(a["id"], a["progress"].label) for a in row["actions"]] == [
        ("publish-road-map", "Overdue by 1 day")]
    assert context.actions_off_track == 1
    # On its last day it is on track, so not off track.
    assert pages.councillors(RoadmapViews(roadmap, today=date(2012, 9, 30))).goals[0][
        "actions"] == []
    # Re-referrals: 22.0 against a target of 20 (lower is better), falling: improving,
    # so short of target but not off track; better than England and similar councils.
    assert [s.id for s in row["improving"]] == ["re-referrals"] and row["measures"] == []
    # Each comparator by the name the vocabulary gives it (the example's: children).
    comparisons = dict(row["comparisons"])
    assert list(comparisons) == ["England", "similar councils"]
    assert comparisons["England"] == {"compared": 1, "better": 1, "same": 0, "worse": []}
    assert comparisons["similar councils"]["better"] == 1
    assert [(level, a.role) for level, a in row["accountable"]] == [
        (a.level, a.role) for a in roadmap.accountabilities
        if a.goal == "safe-at-home" and a.responsibility == "accountable"]
    views = RoadmapViews(roadmap, today=date(2012, 10, 1))
    html = render(context, views, "councillors/")
    assert "<li>Are plans reviewed on time?</li>" in html
    # The duties and their laws come from the vocabulary (the example's: children).
    assert "Set in law by the Children Act 1989 and the Children Act 2004." in html
    assert "the road map of Example Council. On 1 October 2012, 0 of their measures" in html
    assert "Overdue by 1 day" in html


def test_the_home_page_links_only_to_the_versions_the_road_map_has(data_copy):
    data = data_copy()
    _add(data / "goals/safe-at-home.yml", "for_young_people", "We will keep you safe.")
    views = RoadmapViews(read_roadmap(data)[0])
    assert [v["page"] for v in pages.version_links(views)] == ["young-people/"]
    html = render(home(views), views, "")
    assert '<a href="young-people/"><strong>For children and young people</strong></a>' in html
    assert "easy-read/" not in html and "councillors/" not in html


# -- the health page and the open data ------------------------------------------------------
def test_the_health_page_shows_easy_read_coverage_and_grades_item_pages_without_it(
        data_copy):
    roadmap = read_roadmap(_with_versions(data_copy))[0]
    context = health(roadmap)
    assert [(c.kind, c.counts["easy_read"], c.total) for c in context.versions] == [
        ("vision", 1, 1), ("goal", 1, 2), ("service", 1, 1), ("measure", 1, 1)]
    html = render(context, RoadmapViews(roadmap), "internal/health/")
    assert "How many items have each version" in html
    assert "<td>1 of 2</td>" in html and "<td>All 1</td>" in html
    # The item page's grade is of the item page's own text: the same with or without
    # text that only the versions show.
    plain = {label: words for label, words, _ in page_grades(read_roadmap(MINIMAL)[0])}
    assert {label: words for label, words, _ in page_grades(roadmap)} == plain


def test_the_open_data_says_which_items_have_which_version(data_copy):
    roadmap = read_roadmap(_with_versions(data_copy))[0]
    files = open_data_files(roadmap, "public", date(2012, 12, 31))
    rows = list(csv.DictReader(io.StringIO(files["data/reader-versions.csv"].decode())))
    assert [(r["kind"], r["id"], r["easy_read"], r["for_young_people"],
             r["scrutiny_questions"]) for r in rows] == [
        ("vision", "roadmap.yml", "true", "", ""),
        ("goal", "safe-at-home", "true", "true", "true"),
        ("goal", "help-early", "false", "false", "false"),
        ("service", "early-help", "true", "true", ""),
        ("measure", "re-referrals", "true", "", "")]
    document = json.loads(files["data/roadmap.json"])
    assert document["reader_versions"] == item_versions(roadmap)
    assert document["reader_versions"][2] == {
        "kind": "goal", "id": "help-early", "easy_read": False, "for_young_people": False,
        "scrutiny_questions": False}
    OpenRoadmap.model_validate_json(files["data/roadmap.json"])
    # The text itself is published with its item, and the JSON layout names every version.
    goals = list(csv.DictReader(io.StringIO(files["data/goals.csv"].decode())))
    assert goals[0]["easy_read"] == EASY
    assert set(ReaderVersions.model_fields) == {"kind", "id"} | {v.field for v in VERSIONS}


def test_every_picture_the_easy_read_page_can_choose_is_in_the_themes_icon_set():
    choices = [(icon, alt) for _, icon, alt in pages.PICTURES] + list(
        pages.KIND_PICTURES.values())
    assert len(choices) >= 12
    for icon, alternative in choices:
        assert f'aria-label="{alternative}"' in pages.picture(icon, alternative)


def test_the_lean_syllable_dictionary_counts_every_word_as_textstat_does():
    """lean_textstat() swaps textstat's pronouncing dictionary for syllable counts only
    (72 MiB -> 11 MiB): it must hold the same words, each with the syllables of the
    pronunciation textstat reads (the first), so every grade and score is unchanged."""
    import importlib

    from textstat.backend.utils._get_cmudict import get_cmudict

    from goldenthread.check.reader_versions import _syllable_shapes, lean_textstat

    def syllables(pronunciation):
        return sum(1 for phone in pronunciation if phone[-1].isdigit())

    full = get_cmudict("en_US")
    lean = _syllable_shapes("en_US")
    assert lean.keys() == full.keys()
    assert all(syllables(lean[word][0]) == syllables(full[word][0]) for word in full)
    assert syllables(lean["unbelievable"][0]) == 5
    assert _syllable_shapes("de_DE") is None
    textstat = lean_textstat()
    counts = importlib.import_module("textstat.backend.counts._count_syllables")
    assert counts.get_cmudict is _syllable_shapes  # textstat counts with the lean one
    text = ("The partnership agreed a simple road map. Families said the early help "
            "made a real difference to their children.")
    assert counts.count_syllables(text, "en_US") == sum(
        syllables(full[w][0]) if w in full else None for w in
        textstat.backend.selections._list_words.list_words(text, lowercase=True))
