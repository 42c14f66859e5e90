"""Placeholders ('TO DO', 'TBC', 'to-do-...' ids...) are errors for the public site and
warnings on the intranet, each at its file and line, and never also an abbreviation."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from goldenthread.check.pipeline import check_roadmap
from goldenthread.check.placeholders import placeholder_in

from .conftest import MINIMAL

TODAY = date(2026, 5, 1)


@pytest.fixture
def data(tmp_path):
    target = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, target)
    return target


def _first_goal(data):
    return sorted((data / "goals").glob("*.yml"))[0]


def _set(file, field, value):
    text = file.read_text("utf-8")
    new = re.sub(rf"(?m)^{field}:.*(\n  .*)*$", f"{field}: {value}", text, count=1)
    assert new != text, field
    file.write_text(new, "utf-8")


def _line_of(file, start):
    return next(i for i, line in enumerate(file.read_text("utf-8").splitlines(), 1)
                if line.startswith(start))


@pytest.mark.parametrize("value", ["TO DO", "TODO", "TBC", "TBA", "XXX",
                                   "Lorem ipsum dolor sit amet", "Help families TO DO"])
def test_a_placeholder_in_public_text_is_an_error_at_its_line(data, value):
    goal = _first_goal(data)
    _set(goal, "summary", value)
    _, problems = check_roadmap(data, audience="public", today=TODAY)
    found = [p for p in problems if p.code == "placeholder"]
    assert len(found) == 1, [str(p) for p in problems]
    assert found[0].severity == "error"
    assert found[0].location.path.endswith(f"goals/{goal.name}")
    assert found[0].location.line == _line_of(goal, "summary:")
    assert "'summary'" in found[0].message
    # The plain-language check does not also call 'TO', 'DO', 'TBC'... abbreviations.
    assert not [p for p in problems if p.code == "undefined-acronym"
                and goal.name in p.location.path], [str(p) for p in problems]


def test_on_the_intranet_a_placeholder_is_a_warning(data):
    _set(_first_goal(data), "summary", "TO DO")
    roadmap, problems = check_roadmap(data, audience="internal", today=TODAY)
    found = [p for p in problems if p.code == "placeholder"]
    assert roadmap is not None and found and all(p.severity == "warning" for p in found)


def test_an_owner_that_is_to_do_is_reported_like_tbc(data):
    service = sorted((data / "services").glob("*.yml"))[0]
    _set(service, "owner", "TO DO")
    _, problems = check_roadmap(data, audience="public", today=TODAY)
    assert [p.code for p in problems if p.severity == "error"] == ["placeholder"]
    _set(service, "owner", "TBC")
    _, problems = check_roadmap(data, audience="public", today=TODAY)
    # 'TBC' is reported once, by the owners check.
    assert [p.code for p in problems if p.severity == "error"] == ["placeholder-owner"]


def test_a_placeholder_id_is_reported_and_ordinary_words_are_not(data):
    goal = _first_goal(data)
    renamed = goal.with_name("to-do-goal.yml")
    shutil.copy(goal, renamed)
    _, problems = check_roadmap(data, audience="public", today=TODAY)
    found = [p for p in problems if p.code == "placeholder"]
    assert any("'to-do-goal' is a placeholder id" in p.message for p in found)
    assert placeholder_in("We have a lot to do, and a todo list.") is None
    assert placeholder_in("Photo: tbc.example") is None
    assert placeholder_in("TBC") == "TBC"


def test_an_internal_item_with_a_placeholder_does_not_stop_the_public_build(data):
    goal = _first_goal(data)
    _set(goal, "summary", "TO DO")
    _set(goal, "visibility", "internal")
    _, problems = check_roadmap(data, audience="public", today=TODAY)
    assert not [p for p in problems if p.code == "placeholder"]
