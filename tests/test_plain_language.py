"""Plain language: jargon to avoid, abbreviations, long sentences, readability
(goldenthread.check.plain_language, goldenthread.render.safe_text.abbreviate,
goldenthread.render.health)."""

from __future__ import annotations

import re

import textstat

from goldenthread.derive.reader_text import text_fields
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.health import MIN_WORDS, TARGET_GRADE, band, page_grades, readability
from goldenthread.render.safe_text import abbreviate

from .check_helpers import line_of, messages
from .conftest import EXAMPLE_DATA, ROOT
from .git_repo import edit


def test_new_operating_model_in_public_text_is_an_error_with_the_plain_term(data_copy):
    data = data_copy()
    path = data / "goals/help-early.yml"
    edit(path, "summary: Families get help before problems grow.",
         "summary: Families get help from the New Operating Model before problems grow.")
    line = line_of(path, "summary:")
    assert messages(data, "avoid-term") == [
        f"roadmap_data/goals/help-early.yml:{line}:10: goal 'help-early': 'New Operating "
        "Model' in 'summary' is jargon readers will not know; write 'Early help in "
        "neighbourhoods' instead (glossary.yml lists it as a term to avoid) [avoid-term]"]


def test_phrases_match_in_any_case_and_across_lines_abbreviations_in_exact_case(data_copy):
    data = data_copy()
    path = data / "services/early-help.yml"
    edit(path, "description: Teams in each area help families before problems grow.",
         "description: >-\n  Part of the new operating\n  model. Nom nom.")
    edit(path, "before: Families waited until problems were serious.",
         "before: Families waited for the NOM.")
    found = messages(data, "avoid-term")
    assert [m.split(": ", 2)[2].split(" is jargon")[0] for m in found] == [
        "'new operating model' in 'description'", "'NOM' in 'what_changes.before'"]
    assert [m.split(":")[1] for m in found] == [
        str(line_of(path, "description:")), str(line_of(path, "before:"))]
    # The ordinary word 'Nom' is not the abbreviation 'NOM'.
    assert not any("'Nom'" in m for m in found)


def test_a_glossary_entry_may_name_the_jargon_it_replaces_but_others_may_not(data_copy):
    data = data_copy()
    path = data / "glossary.yml"
    edit(path, "meaning: Local teams that help families early.",
         "meaning: Local teams that help families early, once called the NOM.")
    assert messages(data, "avoid-term") == []
    edit(path, "meaning: The partners' shared plan.",
         "meaning: The partners' shared plan, including the NOM.")
    assert [m.split(": ", 1)[0] for m in messages(data, "avoid-term")] == [
        f"roadmap_data/glossary.yml:{line_of(path, 'including the NOM')}:14"]


def test_internal_text_is_only_checked_for_the_intranet(data_copy):
    data = data_copy()
    path = data / "actions/publish-road-map.yml"
    edit(path, "visibility: public", "visibility: internal")
    edit(path, "evidence: Published on the council website.",
         "evidence: Published as part of the NOM.")
    assert messages(data, "avoid-term") == []
    assert len(messages(data, "avoid-term", audience="internal")) == 1


def test_undefined_abbreviation_is_a_warning_and_defined_ones_are_not(data_copy):
    data = data_copy()
    path = data / "services/early-help.yml"
    edit(path, "description: Teams in each area help families before problems grow.",
         "description: Teams in each area deliver the CYPP with GP practices.")
    line = line_of(path, "partners:")
    found = messages(data, "undefined-acronym")
    assert found == [
        f"roadmap_data/services/early-help.yml:{line_of(path, 'description:')}:14: service "
        "'early-help': the abbreviation 'GP' in 'description' is not in the glossary; write "
        "it out in full, or add a glossary entry with 'term: GP' and 'stands_for:' (warning) "
        "[undefined-acronym]",
        f"roadmap_data/services/early-help.yml:{line}:12: service 'early-help': the "
        "abbreviation 'NHS' in 'partners[1]' is not in the glossary; write it out in full, or "
        "add a glossary entry with 'term: NHS' and 'stands_for:' (warning) "
        "[undefined-acronym]"]


def test_sentence_over_25_words_is_a_warning(data_copy):
    data = data_copy()
    path = data / "goals/safe-at-home.yml"
    words = " ".join(["word"] * 24)
    edit(path, "summary: Children live safely with their families.",
         f"summary: Children {words}. Short one.")
    assert messages(data, "long-sentence") == []  # 25 words is allowed
    edit(path, f"summary: Children {words}.", f"summary: Children live {words}.")
    assert messages(data, "long-sentence") == [
        f"roadmap_data/goals/safe-at-home.yml:{line_of(path, 'summary:')}:10: goal "
        "'safe-at-home': a sentence in 'summary' has 26 words ('Children live word word "
        "word word …'); split it into sentences of 25 words or fewer (warning) "
        "[long-sentence]"]


def test_vision_over_35_words_is_a_warning(data_copy):
    data = data_copy()
    path = data / "roadmap.yml"
    vision = "Every child grows up safe, healthy and supported by people who work together."
    longer = vision[:-1] + ", " + " ".join(["and"] * 24) + "."
    edit(path, f"vision: {vision}", f"vision: {longer}")
    assert messages(data, "long-vision") == [
        f"roadmap_data/roadmap.yml:{line_of(path, 'vision:')}:9: roadmap.yml: the vision has "
        "37 words; say it in one sentence of 35 words or fewer (warning) [long-vision]"]
    assert messages(data, "long-sentence") == []  # the vision has its own limit


def test_abbreviations_get_their_expansion_on_escaped_text_only():
    html = ('<p title="NHS &amp; WSCB">The NHS, the NHS &amp; &lt;WSCB&gt;</p>'
            '<svg><text>WSCB</text></svg><code>NHS</code>')
    out = abbreviate(html, {"NHS": "National Health Service", "WSCB": 'A "board" <b>'})
    assert out == (
        '<p title="NHS &amp; WSCB">The <abbr title="National Health Service">NHS</abbr>, '
        'the NHS &amp; &lt;<abbr title="A &quot;board&quot; &lt;b&gt;">WSCB</abbr>&gt;</p>'
        '<svg><text>WSCB</text></svg><code>NHS</code>')


def test_readability_scores_are_textstats_hardest_first(data_copy):
    data = data_copy()
    roadmap, _problems = read_roadmap(data)
    rows = readability(roadmap)
    assert rows and [r.score for r in rows] == sorted(r.score for r in rows)
    first = rows[0]
    assert all(r.words >= 8 for r in rows)
    texts = {f.text for f in text_fields(roadmap)
             if f.label == first.label and f.field == first.field}
    assert first.score == round(textstat.flesch_reading_ease(texts.pop()), 1)
    assert (band(90), band(65), band(55), band(10)) == (
        "very easy", "plain English", "fairly difficult", "very difficult")


# -- Plain words on every public page (issue 13) -------------------------------------------
def _hand_written_prose(markdown: str) -> str:
    """The prose of a hand-written page: front matter, macros, HTML and Markdown marks
    taken out, and each line ended as a sentence, as the health page ends each text."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]+>", " ", text, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*\*|__|[*`]", "", text)
    lines = (re.sub(r"^\s*(#+|[-*+]|\d+\.|>)\s*", "", line).strip(" *_`|")
             for line in text.splitlines())
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines if line)


def test_every_public_page_of_the_example_reads_at_the_target_grade_or_below():
    roadmap, problems = read_roadmap(EXAMPLE_DATA)
    assert roadmap is not None and not [p for p in problems if p.severity == "error"]
    grades = page_grades(roadmap)
    # Every kind of public page is measured, not only a few.
    measured = {label.split(" '")[0] for label, _, _ in grades}
    assert {"goal", "priority", "service", "indicator", "action", "story"} <= measured
    assert {"roadmap.yml", "glossary.yml", "munro.yml"} <= measured
    assert [(label, grade) for label, _, grade in grades if grade > TARGET_GRADE] == []


def test_a_hard_sentence_on_a_page_takes_it_above_the_target(data_copy):
    data = data_copy(EXAMPLE_DATA)
    path = data / "actions/training-needs-analysis.yml"
    before = dict((label, grade) for label, _, grade in page_grades(read_roadmap(data)[0]))
    edit(path, "title: Find out what training staff in each agency need,",
         "title: Undertake a comprehensive multi-agency training needs analysis, evaluating "
         "organisational effectiveness of interventions,")
    after = dict((label, grade) for label, _, grade in page_grades(read_roadmap(data)[0]))
    page = "action 'training-needs-analysis'"
    assert before[page] <= TARGET_GRADE < after[page]


def test_a_page_grade_leaves_out_names_of_roles_and_organisations(data_copy):
    data = data_copy(EXAMPLE_DATA)
    page = "action 'training-needs-analysis'"

    def grade() -> float:
        return next(g for label, _, g in page_grades(read_roadmap(data)[0]) if label == page)

    first = grade()
    edit(data / "actions/training-needs-analysis.yml", "owner: Multi-agency Training Coordinator",
         "owner: Multi-agency Safeguarding Training and Professional Development Coordinator")
    assert grade() == first
    # A role's or an organisation's name is text the public sees, and still checked there.
    assert "accountabilities.yml" not in {label for label, _, _ in
                                          page_grades(read_roadmap(data)[0])}
    assert any(f.item_id == "accountabilities.yml" and f.name == "role"
               for f in text_fields(read_roadmap(data)[0]))


def test_hand_written_public_pages_read_at_the_target_grade_or_below():
    graded = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if "internal" in path.relative_to(ROOT / "docs").parts:
            continue
        prose = _hand_written_prose(path.read_text("utf-8"))
        if len(prose.split()) >= MIN_WORDS:
            graded[path.relative_to(ROOT).as_posix()] = textstat.flesch_kincaid_grade(prose)
    assert "docs/money.md" in graded  # the pages with prose of their own are measured
    assert {page: grade for page, grade in graded.items() if grade > TARGET_GRADE} == {}


def test_hand_written_prose_leaves_out_macros_and_markup():
    page = ("---\nrender_macros: true\n---\n\n# Money\n\nWhat we spend, [by year](a.md).\n\n"
            "{{ money_index() }}\n\n- **One** item\n<div class=\"x\">Kept</div>\n")
    assert _hand_written_prose(page) == "Money. What we spend, by year. One item. Kept."


def test_the_health_page_lists_every_public_page_with_its_grade():
    from goldenthread.render.health import health
    from goldenthread.render.pages import render
    from goldenthread.render.views import RoadmapViews

    roadmap = read_roadmap(EXAMPLE_DATA)[0]
    html = render(health(roadmap), RoadmapViews(roadmap), "internal/health/")
    table = html[html.index('id="page-grades"'):]
    grades = page_grades(roadmap)
    assert f"0 of {len(grades)} pages read above grade {TARGET_GRADE}." in table
    for label, words, grade in grades:
        shown = label.replace("'", "&#39;")
        assert f"<tr><td>{shown}</td><td>{words}</td><td>{grade}</td></tr>" in table
