"""An internal item's title pasted into public text: a warning in the public build, naming
the public text's file and line and the internal item's."""

from __future__ import annotations

from pathlib import Path

from goldenthread.check.internal_titles import internal_titles
from goldenthread.check.pipeline import check_roadmap
from goldenthread.problems import CODES

from .check_helpers import line_of, messages
from .conftest import EXAMPLE_DATA

INTERNAL_ACTION = """\
title: Close the Smith Road children's home
priority: simple-road-map
owner: Head of Communications
due: "2013-Q1"
status: not-started
visibility: internal
"""

FIX = ("so the public site would show it; reword the public text, or make that item public if "
       "it may be shown (warning) [internal-title]")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _data(data_copy) -> Path:
    data = data_copy()
    (data / "actions" / "close-home.yml").write_text(INTERNAL_ACTION, encoding="utf-8")
    return data


def test_an_internal_title_in_public_text_is_a_warning_naming_both_places(data_copy):
    data = _data(data_copy)
    goal = data / "goals" / "help-early.yml"
    # Another case and other spacing, as pasted: still the same words to a reader.
    _edit(goal, "summary: Families get help before problems grow.",
          "summary: Families get help before problems grow, as agreed in CLOSE THE SMITH "
          "ROAD\u00a0children's   home.")
    assert messages(data, "internal-title") == [
        f"roadmap_data/goals/help-early.yml:{line_of(goal, 'summary:')}:10: goal 'help-early': "
        "'summary' repeats the title of the internal action 'close-home', 'Close the Smith "
        "Road children's home' (roadmap_data/actions/close-home.yml:1:8), " + FIX]
    assert CODES["internal-title"][0] == "warning"
    # The intranet shows the internal action anyway.
    assert messages(data, "internal-title", audience="internal") == []


def test_an_internal_entry_inside_a_public_file_counts_too(data_copy):
    data = data_copy()
    _edit(data / "roadmap.yml", "achievements:\n",
          "achievements:\n  - title: Staff awards celebrate new ideas\n    detail: Awards.\n"
          "    visibility: internal\n")
    glossary = data / "glossary.yml"
    _edit(glossary, "meaning: The partners' shared plan.",
          "meaning: The partners' shared plan. Staff awards celebrate new ideas.")
    assert messages(data, "internal-title") == [
        f"roadmap_data/glossary.yml:{line_of(glossary, 'shared plan')}:14: glossary.yml: "
        "'meaning' repeats the title of the internal roadmap.yml (achievement), 'Staff awards "
        "celebrate new ideas' (roadmap_data/roadmap.yml:"
        f"{line_of(data / 'roadmap.yml', 'title: Staff awards')}:12), " + FIX]


def test_short_titles_and_parts_of_words_are_not_reported(data_copy):
    data = data_copy()
    (data / "actions" / "plan.yml").write_text(
        INTERNAL_ACTION.replace("Close the Smith Road children's home", "Agree the plan"),
        encoding="utf-8")
    (data / "actions" / "close-home.yml").write_text(INTERNAL_ACTION, encoding="utf-8")
    _edit(data / "goals" / "help-early.yml",
          "summary: Families get help before problems grow.",
          "summary: We agree the plan; we will not close the Smith Road children's homes.")
    assert [t.title for t in internal_titles(check_roadmap(data)[0])] == [
        "Close the Smith Road children's home"]  # 'Agree the plan' is too short to count
    assert messages(data, "internal-title") == []  # 'homes' is another word


def test_the_example_data_has_no_internal_titles_in_public_text():
    assert messages(EXAMPLE_DATA, "internal-title") == []
