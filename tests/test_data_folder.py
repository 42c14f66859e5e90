"""Every file in the data folder is read or named: nothing vanishes silently."""

from __future__ import annotations

import shutil

import pytest

from goldenthread.read.data_folder import read_roadmap


@pytest.mark.parametrize(("name", "fix"), [
    ("new-goal.YML", "new-goal.yml"),
    ("new-goal.yaml", "new-goal.yml"),
    ("new-goal.yml.txt", "new-goal.yml"),
    ("new-goal.yml~", "new-goal.yml"),
    ("new-goal", "new-goal.yml"),
    ("New Goal.Yml", "new-goal.yml"),
])
def test_a_near_miss_file_name_is_named_with_its_fix(data_copy, name, fix):
    data = data_copy()
    shutil.copy(data / "goals" / "help-early.yml", data / "goals" / name)
    roadmap, problems = read_roadmap(data)
    assert [str(p) for p in problems if p.code == "bad-id"] == [
        f"roadmap_data/goals/{name}:1:1: '{name}' is a file the road map will not read: each "
        f"item is one file whose name ends in '.yml' (lower case); rename it to '{fix}', or "
        "remove it [bad-id]"]
    assert sorted(roadmap.goals) == ["help-early", "safe-at-home"]


def test_hidden_files_and_a_readme_in_a_kind_folder_are_left_alone(data_copy):
    data = data_copy()
    (data / "goals" / ".gitkeep").write_text("", encoding="utf-8")
    (data / "goals" / "README.md").write_text("# Goals\n", encoding="utf-8")
    _, problems = read_roadmap(data)
    assert [p for p in problems if p.code == "bad-id"] == []


def test_a_folder_inside_a_kind_folder_is_named(data_copy):
    data = data_copy()
    (data / "goals" / "old").mkdir()
    _, problems = read_roadmap(data)
    assert [p.message for p in problems if p.code == "bad-id"] == [
        "'old' is a folder the road map will not read: each item is one file whose name ends "
        "in '.yml' (lower case); rename it to 'old.yml', or remove it"]


def test_one_id_rule_for_file_names_and_references(data_copy):
    # An id may have at most 80 characters, so a file name that no reference could name
    # is refused where it is, with a shorter name to use.
    from goldenthread.read.field_types import ID_MAX_LENGTH, is_id

    data = data_copy()
    long_id = "-".join(["families-get-help-early"] * 4)  # 95 characters
    assert len(long_id) > ID_MAX_LENGTH and not is_id(long_id)
    assert is_id(long_id[:ID_MAX_LENGTH].rstrip("-"))
    shutil.copy(data / "goals" / "help-early.yml", data / "goals" / f"{long_id}.yml")
    _, problems = read_roadmap(data)
    assert [p.message for p in problems if p.code == "bad-id"] == [
        f"the file name '{long_id}.yml' is 95 characters before '.yml'; an id may have at "
        "most 80, so that other items can refer to it: shorten it, e.g. to "
        "'families-get-help-early-families-get-help-early-families-get-help-early.yml'"]


@pytest.mark.parametrize(("name", "why"), [
    ("index", "the name of the page that lists every item of this kind"),
    ("con", "a name Windows keeps for a device, so the file could not be opened there"),
    ("lpt1", "a name Windows keeps for a device, so the file could not be opened there"),
])
def test_reserved_names_are_refused(data_copy, name, why):
    # goals/index.yml would silently replace the page listing every goal.
    data = data_copy()
    shutil.copy(data / "goals" / "help-early.yml", data / "goals" / f"{name}.yml")
    roadmap, problems = read_roadmap(data)
    assert [p.message for p in problems if p.code == "bad-id"] == [
        f"'{name}.yml' cannot be used as a file name: '{name}' is {why}; rename it, e.g. to "
        f"'our-{name}.yml'"]
    assert name not in roadmap.goals
