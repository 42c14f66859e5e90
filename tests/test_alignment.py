"""Alignment: the golden thread from partner plans to goals, services, measures and roles
(goldenthread.check.alignment)."""

from __future__ import annotations

from .check_helpers import line_of, messages
from .git_repo import edit


def test_goal_serving_no_plan_priority(data_copy):
    data = data_copy()
    path = data / "goals/help-early.yml"
    edit(path, "serves:\n  - cypp/early-help\n", "serves: []\n")
    edit(data / "partner-plans/cypp.yml", "  - id: early-help\n    title: Help early\n",
         "  - id: early-help\n    title: Help early\n    out_of_scope: Not covered here.\n")
    line = line_of(path, "serves:")
    assert messages(data, "goal-serves-no-plan") == [
        f"roadmap_data/goals/help-early.yml:{line}:9: goal 'help-early' serves no "
        "partner-plan priority: under 'serves', list at least one priority from a partner "
        "plan, written like 'cypp/stay-safe' [goal-serves-no-plan]"]


def test_plan_priority_served_by_no_goal(data_copy):
    data = data_copy()
    path = data / "partner-plans/cypp.yml"
    edit(path, "  - id: early-help\n",
         "  - id: learning\n    title: Do well at school\n  - id: early-help\n")
    line = line_of(path, "id: learning")
    assert messages(data, "plan-priority-unserved") == [
        f"roadmap_data/partner-plans/cypp.yml:{line}:9: partner plan 'cypp': no goal serves "
        "its priority 'learning' (Do well at school); add 'cypp/learning' to the 'serves' "
        "list of the goal that serves it, or add 'out_of_scope:' to this priority with the "
        "reason the road map does not cover it [plan-priority-unserved]"]
    edit(path, "    title: Do well at school\n",
         "    title: Do well at school\n    out_of_scope: The schools plan covers this.\n")
    assert messages(data, "plan-priority-unserved") == []


def test_plan_priority_served_only_by_an_internal_goal_is_unserved_in_public(data_copy):
    data = data_copy()
    edit(data / "goals/help-early.yml", "visibility: public", "visibility: internal")
    assert len(messages(data, "plan-priority-unserved")) == 1
    assert messages(data, "plan-priority-unserved", audience="internal") == []


def test_service_linked_to_no_goal(data_copy):
    data = data_copy()
    path = data / "services/early-help.yml"
    text = path.read_text("utf-8")
    start = text.index("contributes_to:")
    end = text.index("owner:")
    path.write_text(text[:start] + "contributes_to: []\n" + text[end:], "utf-8")
    line = line_of(path, "contributes_to:")
    assert messages(data, "service-no-goal") == [
        f"roadmap_data/services/early-help.yml:{line}:17: service 'early-help' contributes to "
        "no goal, so its page cannot show how it serves the vision: under 'contributes_to', "
        "add at least one goal, with a '- goal: <goal id>' line and a 'how:' line saying how "
        "the service helps [service-no-goal]"]
    # Leaving the field out altogether is the same problem, at the start of the item.
    path.write_text(text[:start] + text[end:], "utf-8")
    assert [m.split(": ", 1)[0] for m in messages(data, "service-no-goal")] == [
        f"roadmap_data/services/early-help.yml:{line_of(path, 'name:')}:1"]


def test_goal_with_no_measure_with_a_target(data_copy):
    data = data_copy()
    help_line = line_of(data / "goals/help-early.yml", "title:")
    path = data / "indicators/re-referrals.yml"
    edit(path, 'targets:\n  - value: 20\n    by: "2013-14"\n', "")
    assert messages(data, "goal-no-target") == [
        f"roadmap_data/goals/help-early.yml:{help_line}:8: goal 'help-early' has no measure "
        "with a target, so readers cannot see what success looks like in numbers: add "
        "'help-early' to the 'goals' list of an indicator that has a target (warning) "
        "[goal-no-target]",
        f"roadmap_data/goals/safe-at-home.yml:{help_line}:8: goal 'safe-at-home' has no "
        "measure with a target, so readers cannot see what success looks like in numbers: "
        "give one of its measures a target (under 'targets', a 'value' and a 'by' period) "
        "(warning) [goal-no-target]"]


def test_goal_without_a_role_at_each_level(data_copy):
    data = data_copy()
    line = line_of(data / "goals/safe-at-home.yml", "title:")
    found = [m for m in messages(data, "goal-level-unnamed") if "safe-at-home" in m]
    assert found == [
        f"roadmap_data/goals/safe-at-home.yml:{line}:8: goal 'safe-at-home': no role is named "
        f"at the {level} level; add an entry to accountabilities.yml with 'goal: "
        f"safe-at-home' and 'level: {level}' (warning) [goal-level-unnamed]"
        for level in ("partnership", "service")]  # sorted by location, then message


def test_action_owner_must_be_a_role_not_a_placeholder(data_copy):
    data = data_copy()
    path = data / "actions/publish-road-map.yml"
    edit(path, "owner: Head of Communications", "owner: TBC")
    line = line_of(path, "owner:")
    assert messages(data, "placeholder-owner") == [
        f"roadmap_data/actions/publish-road-map.yml:{line}:8: action 'publish-road-map': "
        "'TBC' is not an owner; name the role that answers for it, such as 'Head of Early "
        "Help' [placeholder-owner]"]


def test_action_without_owner_or_due_date_is_a_missing_field(data_copy):
    data = data_copy()
    path = data / "actions/publish-road-map.yml"
    edit(path, "owner: Head of Communications\n", "")
    edit(path, 'due: "2012-Q3"\n', "")
    found = messages(data, "missing-field")
    assert len(found) == 2
    assert all(m.startswith("roadmap_data/actions/publish-road-map.yml:") for m in found)
    assert {m.split(": ", 2)[2].split("'")[1] for m in found} == {"owner", "due"}


def test_example_data_has_no_alignment_errors():
    from goldenthread.check.pipeline import check_roadmap

    from .conftest import EXAMPLE_DATA
    for audience in ("public", "internal"):
        _roadmap, problems = check_roadmap(EXAMPLE_DATA, audience=audience)
        assert [str(p) for p in problems if p.severity == "error"] == []


def test_a_goal_that_cannot_be_read_is_reported_once_not_for_each_priority(data_copy):
    # A syntax error in the goal that serves 'cypp/early-help' used to add "no goal serves
    # its priority" as well: the editor fixes the one cause, and both go.
    data = data_copy()
    goal = data / "goals" / "help-early.yml"
    goal.write_text(goal.read_text("utf-8").replace("title: Families", 'title: "Families'),
                    "utf-8")
    assert messages(data, "plan-priority-unserved") == []
    assert len(messages(data, "yaml-syntax")) == 1
