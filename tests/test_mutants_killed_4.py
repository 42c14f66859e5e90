"""Tests written to kill the mutants that survived the lazy locations of the loader
(``LoadedFile.where`` works out where each value was written only when first asked).

Each docstring names the mutations it kills."""

from __future__ import annotations

from goldenthread.problems import Location, Problem
from goldenthread.read.loader import MAX_DEPTH, load_text


def _load(text: str):
    problems: list[Problem] = []
    return load_text("data/x.yml", text, problems), problems


def test_a_copy_for_the_public_keeps_its_path_and_asks_the_original_with_prefer_key():
    """Kills ``locations_only``: the copy's path dropped (``None``); and ``where`` on such
    a copy: ``prefer_key`` not passed on (``None``, or left out): the copy answers as the
    original does, for a value and for its field name, which are in different places."""
    loaded, problems = _load("block:\n  inner: 5\n")
    assert problems == []
    copy = loaded.locations_only()
    assert copy.path == "data/x.yml" and copy.data is None and copy.text is None
    assert copy.where(("block", "inner")) == Location("data/x.yml", 2, 10)
    assert copy.where(("block", "inner"), True) == Location("data/x.yml", 2, 3)
    assert copy.where(("block", "inner"), prefer_key=True) == loaded.where(
        ("block", "inner"), prefer_key=True)


def test_locations_are_found_in_a_file_with_problems():
    """Kills ``_locate``: the list the second walk reports into replaced by ``None`` (a
    file whose first read found problems finds them again while locating, and must
    not fail): here a repeated field name and an alias."""
    loaded, problems = _load("title: &a One\nsummary: *a\ntitle: Two\nnote: x\n")
    assert {p.code for p in problems} == {"alias", "duplicate-key"}
    assert loaded.where(("note",)) == Location("data/x.yml", 4, 7)
    assert loaded.where(("title",)) == Location("data/x.yml", 1, 8)


def test_a_value_written_as_an_alias_is_located_where_its_problem_is():
    """Kills ``_locate``: aliases not looked for in the second walk (``aliases=None``,
    ``"XX&XX" in``, ``"&" not in``), which would build the repeated value again and
    point at the value it repeats: the alias's place is its own line, as its problem
    says."""
    loaded, problems = _load("title: &a One\nsummary: *a\n")
    assert [p.code for p in problems] == ["alias", "alias"]  # the anchor, and its use
    alias = next(p for p in problems if "repeats another part" in p.message)
    assert alias.location == Location("data/x.yml", 2, 1)
    assert loaded.where(("summary",)) == alias.location


def test_locations_reach_as_deep_as_the_first_read():
    """Kills ``_locate``: the second walk starting one level deeper (``build(node, (),
    1)``), which stops recording one level short of the first read: a value nested one
    level deeper than :data:`MAX_DEPTH` (reported as too deep, but its place recorded by
    the first read) is still found at its own line, not at its field name's."""
    lines = [f"{'  ' * depth}k{depth}:" for depth in range(MAX_DEPTH)]
    lines.append(f"{'  ' * MAX_DEPTH}leaf: 1")
    loaded, problems = _load("\n".join(lines) + "\n")
    path = tuple(f"k{depth}" for depth in range(MAX_DEPTH))
    deepest = path + ("leaf",)
    assert [p.code for p in problems] == ["too-deep"]
    assert loaded.where(deepest) == Location("data/x.yml", MAX_DEPTH + 1, 2 * MAX_DEPTH + 7)
