"""Tests that kill mutants which survived the rest of the suite, third round (see README,
"Mutation testing"; earlier rounds are in test_mutants_killed.py and
test_mutants_killed_2.py).  Each docstring names the mutation it kills; each was checked
with `scripts/mutation --survivors MODULE` or by applying the mutation by hand.  No test
depends on today's date."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel

from goldenthread.derive.public_filter import _filter_collection, is_public
from goldenthread.problems import Location, Problem
from goldenthread.read.loader import INVALID, YFloat, YInt, load_text
from goldenthread.read.text_screen import (
    binary_problem,
    hidden_characters,
    is_invisible,
    replace_tabs,
)


class _NoVisibility(BaseModel):
    name: str


class _Visible(BaseModel):
    name: str
    visibility: str


def test_a_record_without_a_visibility_field_is_not_public_and_is_dropped():
    """Kills ``getattr(record, "visibility", None)`` -> ``getattr(record, "visibility")``
    in public_filter.is_public: a record with no visibility field is simply not public
    (public is an allow-list), not an AttributeError that stops the build."""
    assert is_public(_NoVisibility(name="x")) is False
    assert is_public("plain text") is False
    kept = _filter_collection({"a": _NoVisibility(name="a"),
                               "b": _Visible(name="b", visibility="public"),
                               "c": _Visible(name="c", visibility="internal")})
    assert list(kept) == ["b"]
    assert _filter_collection((_NoVisibility(name="a"), _Visible(name="b", visibility="public"))) \
        == (_Visible(name="b", visibility="public"),)


# -- loading (read/loader.py, read/text_screen.py) -------------------------------------------


def _load(text: str):
    problems: list[Problem] = []
    loaded = load_text("data/x.yml", text, problems)
    return loaded, [str(p) for p in problems]


def test_a_field_name_that_hides_something_is_dropped_and_the_fields_after_it_are_read():
    """Kills ``_Constructor.mapping``: ``continue`` -> ``break`` after a field name that
    could not be read (an escaped control character in it): the fields after it dropped."""
    loaded, problems = _load('"a\\e": 1\nb: 2\n')
    assert loaded.data == {"b": 2}
    assert problems == [
        "data/x.yml:1:1: a field name holds a hidden control character (\\x1b); delete it "
        "and retype the text [control-character]"]


def test_after_a_repeated_field_name_the_next_fields_are_still_read():
    """Kills ``_Constructor.mapping``: ``continue`` -> ``break`` after a duplicate key
    (the fields after the second copy dropped)."""
    loaded, problems = _load("a: 1\na: 2\nb: 3\n")
    assert loaded.data == {"a": 1, "b": 3}
    assert problems == ["data/x.yml:2:1: 'a' appears twice in this block (lines 1 and 2); "
                        "keep one and delete the other [duplicate-key]"]


def test_text_with_a_null_character_is_refused_as_binary_under_its_own_name():
    """Kills ``load_text``: the binary check skipped (``binary = None``: the null read as
    a hidden control character and the file read on), given no path, its problem
    replaced by None, ``out.data = INVALID`` -> ``None``, and ``LoadedFile(path)`` ->
    ``LoadedFile(None)``."""
    loaded, problems = _load("title: ab\x00c\nowner: x\n")
    assert loaded.path == "data/x.yml"
    assert loaded.data is INVALID
    assert problems == [
        "data/x.yml:1:10: this file holds binary data (a null character), not text, so it is "
        "not a road-map data file; move it out of the data folder, or save it again as UTF-8 "
        "text [bad-encoding]"]


@pytest.mark.parametrize("text, code", [
    ("title: [a\n", "yaml-syntax"),  # an unclosed list
    ("just some words\n", "wrong-shape"),  # one piece of text, not fields
    ("# only a comment\n", "empty-file"),
])
def test_a_file_that_cannot_be_read_as_fields_is_invalid_not_empty(text, code):
    """Kills ``load_text``: ``out.data = INVALID`` -> ``None`` after a syntax error, for
    an empty file and for a file that is one piece of plain text (None would read as a
    file with no fields, not one already reported)."""
    loaded, problems = _load(text)
    assert loaded.data is INVALID
    assert [p.rsplit(" [", 1)[1] for p in problems] == [f"{code}]"]


@pytest.mark.parametrize("text, invisible", [
    ("\u3164", True),  # Hangul filler: listed, though a letter (Lo), not a format character
    ("\u2800 \u115f", True),  # braille blank (So) and Hangul choseong filler (Lo)
    ("\U000e0020", True),  # tag space: a format character (Cf) not in the list
    ("\ufff9\u00ad", True),  # interlinear annotation anchor (Cf, unlisted), soft hyphen
    ("\u3164x", False), ("\u00e9", False), (" ", False), ("", False),
])
def test_a_listed_invisible_character_or_any_format_character_shows_nothing(text, invisible):
    """Kills ``is_invisible``: ``or`` -> ``and`` (a listed character that is not a format
    character, such as the Hangul filler, taken as visible) and the category ``"Cf"``
    changed (``"cf"``, ``"CF"``, ``"XXCfXX"``: an unlisted format character taken as
    visible)."""
    assert is_invisible(text) is invisible


def test_each_line_with_a_tab_is_reported_at_its_first_tab_and_every_tab_becomes_a_space():
    """Kills ``replace_tabs``: ``find`` -> ``rfind`` (the last tab of a line reported),
    ``column >= 0`` -> ``> 0`` or ``>= 1`` (a tab at the start of a line not reported),
    and the tab that is replaced changed (``"XX\tXX"``: the tabs left in the text)."""
    problems: list[Problem] = []
    text = replace_tabs("data/x.yml", "\ta: 1\nb: x\ty\tz\nc: 2\n", problems)
    assert text == " a: 1\nb: x y z\nc: 2\n"
    message = "a tab character; YAML needs spaces: replace the tab with spaces"
    assert problems == [Problem(Location("data/x.yml", 1, 1), message, "tab"),
                        Problem(Location("data/x.yml", 2, 5), message, "tab")]


def test_hidden_characters_after_a_clean_line_are_reported_and_replaced_by_spaces():
    """Kills ``hidden_characters``: ``continue`` -> ``break`` at a line with nothing
    hidden (every later line skipped), and what a control or direction character is
    replaced by changed (``"XX XX"``: the columns after it moved)."""
    problems: list[Problem] = []
    text = hidden_characters("data/x.yml", "a: 1\nb: x\x07y\nc: \u202ez\n", problems)
    assert text == "a: 1\nb: x y\nc:  z\n"
    assert [str(p) for p in problems] == [
        "data/x.yml:2:5: this line holds a hidden control character (\\x07); delete it and "
        "retype the text [control-character]",
        "data/x.yml:3:4: this line holds a hidden character that changes the direction of "
        "the text (\\u202e, right-to-left override), so it can read differently from what is "
        "stored; delete it and retype the text (right-to-left writing such as Arabic or Urdu "
        "needs no such character) [bidi-text]"]


@pytest.mark.parametrize("text, where", [
    ("\x00abc", (1, 1)),  # the very first character
    ("ab\x00c\nd\n", (1, 3)),  # line breaks after it do not count
    ("\n\x00", (2, 1)),  # a line break as the very first character
    ("a\nbc\x00\n\n", (2, 3)),
])
def test_a_null_character_is_reported_at_its_own_line_and_column(text, where):
    """Kills ``binary_problem``: ``at < 0`` -> ``<= 0`` or ``< 1`` (a null as the first
    character missed), the line breaks counted to the end of the text (``count`` or
    ``rfind`` without ``at``) or from the second character (a first line break missed),
    and the column left out of the location (always 1)."""
    found = binary_problem("data/x.yml", text)
    assert found is not None
    assert (found.location, found.code) == (Location("data/x.yml", *where), "bad-encoding")
    assert binary_problem("data/x.yml", "no null here\n") is None


@pytest.mark.parametrize("value, tag", [
    ("!!int abc", "!!int"),  # was a crash: int('abc')
    ("!!float 1e", "!!float"),  # was a crash: float('1e')
    ("!!int 010", "!!int"),  # a leading zero: ambiguous as plain text, so as an int too
    ("!!int 1_000", "!!int"),
    ('!!int "12\\n"', "!!int"),  # a number and a line break is not a number as written
    ("!!bool yes", "!!bool"),  # was read as false
    ("!!bool 1", "!!bool"),
    ("!!null none", "!!null"),  # was read as nothing: the text lost
    ("!!map text", "!!map"),  # was read as text
    ("!<tag:goldenthread,2026:ambiguous-number> abc", "tag:goldenthread,2026:ambiguous-number"),
])
def test_a_tag_written_by_hand_that_the_value_does_not_fit_is_refused(value, tag):
    """Bug fixed: a tag written by hand on a value was trusted, so ``!!int abc`` or
    ``!!float 1e`` stopped the build with a Python error and ``!!bool yes`` or ``!!null
    none`` silently became false or nothing.  Kills ``_Constructor.scalar``: the text
    branch's tag changed (``"XXstrXX"``, ``"STR"``; every text then refused)."""
    loaded, problems = _load(f"owner: {value}\ntitle: Plain text\n")
    assert loaded.data == {"owner": INVALID, "title": "Plain text"}
    assert problems == [
        f"data/x.yml:1:8: the tag '{tag}' does not match how the owner is written; remove "
        "the tag and write a plain value [bad-tag]"]


def test_a_tag_written_by_hand_that_the_value_fits_is_read():
    """A tag that agrees with the text is read as before (``!!float 1`` is the number one
    as a float; ``!!str 010`` keeps the text)."""
    loaded, problems = _load("a: !!float 1\nb: !!int '7'\nc: !!bool True\nd: !!null\n"
                             "e: !!str 010\nf: !!timestamp 2012-12-31\n")
    assert problems == []
    assert loaded.data == {"a": 1.0, "b": 7, "c": True, "d": None, "e": "010",
                           "f": date(2012, 12, 31)}
    assert type(loaded.data["a"]) is YFloat and loaded.data["a"].raw == "1"
    assert type(loaded.data["b"]) is YInt and type(loaded.data["e"]) is str


def test_a_field_name_with_a_tag_it_does_not_fit_is_refused_and_the_rest_is_read():
    """Bug fixed: a field name's tag was never checked (only a value's is, in build), so
    ``!!python/object:os.system x`` was read as the field 'x' and ``!!int 0x1F`` stopped
    the build with a Python error."""
    loaded, problems = _load("!!python/object:os.system x: 1\n? !!int 0x1F\n: 2\ny: 3\n")
    assert loaded.data == {"y": 3}
    assert problems == [
        "data/x.yml:1:1: the tag '!!python/object:os.system' does not match how a field name "
        "is written; remove the tag and write a plain value [bad-tag]",
        "data/x.yml:2:3: the tag '!!int' does not match how a field name is written; remove "
        "the tag and write a plain value [bad-tag]"]
