"""The model and reference passes: one small invalid-data case per problem code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.messages import suggest

from .conftest import EXAMPLE_DATA, MINIMAL


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in a data file; return the line where ``new`` starts.

    Tests compute line numbers this way so that header comments in the fixture files
    (such as the editor's schema line) do not matter.
    """
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def problems_of(data_dir: Path) -> list[str]:
    _, problems = read_roadmap(data_dir)
    return [str(p) for p in problems]


def test_minimal_fixture_and_example_data_are_valid():
    for folder in (MINIMAL, EXAMPLE_DATA):
        roadmap, problems = read_roadmap(folder)
        assert roadmap is not None
        assert [str(p) for p in problems if p.severity == "error"] == []


def test_example_data_is_as_large_as_the_road_map_needs():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    assert len(roadmap.priorities) == 5
    assert len(roadmap.indicators) >= 10
    assert len(roadmap.services) >= 8
    assert len(roadmap.partner_plans) == 3
    assert {a.level for a in roadmap.accountabilities} == {"service", "partnership",
                                                            "inter-agency"}


def test_missing_field_names_the_field_and_what_goes_in_it(data_copy):
    data = data_copy()
    edit(data / "goals/help-early.yml", "summary: Families get help before problems grow.\n", "")
    assert problems_of(data) == [
        "roadmap_data/goals/help-early.yml:2:1: goal 'help-early': 'summary' is missing: add a "
        "line 'summary: …' (One or two sentences on what the goal means for the people it "
        "serves.) [missing-field]"
    ]


def test_unknown_key_suggests_the_field(data_copy):
    data = data_copy()
    line = edit(data / "services/early-help.yml", "owner:", "ownr:")
    assert problems_of(data) == [
        "roadmap_data/services/early-help.yml:2:1: service 'early-help': 'owner' is missing: add "
        "a line 'owner: …' (The role that runs the service.) [missing-field]",
        f"roadmap_data/services/early-help.yml:{line}:1: service 'early-help': 'ownr' is not a "
        "field the road map knows — did you mean 'owner'? [unknown-key]",
    ]


def test_text_where_a_number_belongs(data_copy):
    data = data_copy()
    line = edit(data / "indicators/re-referrals.yml", "  2010-11: 24.5", '  2010-11: "24.5%"')
    assert problems_of(data) == [
        f"roadmap_data/indicators/re-referrals.yml:{line}:12: indicator 're-referrals': '2010-11' "
        "should be a number, without quotes or units (found '24.5%') [wrong-type]"
    ]


def test_a_number_where_text_belongs_must_be_quoted(data_copy):
    data = data_copy()
    line = edit(data / "goals/help-early.yml", "title: Families get help early", "title: 2012")
    assert problems_of(data) == [
        f"roadmap_data/goals/help-early.yml:{line}:8: goal 'help-early': 'title' should be "
        "text; 2012 "
        "is read as a number — put it in quotes: \"2012\" [wrong-type]"
    ]


def test_yes_is_not_a_boolean(data_copy):
    data = data_copy()
    line = edit(data / "indicators/re-referrals.yml", "key_measure: true", "key_measure: yes")
    assert problems_of(data) == [
        f"roadmap_data/indicators/re-referrals.yml:{line}:14: indicator 're-referrals': "
        "'key_measure' "
        "should be true or false (found 'yes') [wrong-type]"
    ]


def test_bad_choice_suggests_the_nearest(data_copy):
    data = data_copy()
    line = edit(data / "actions/publish-road-map.yml", "status: done", "status: on track")
    assert problems_of(data) == [
        f"roadmap_data/actions/publish-road-map.yml:{line}:9: action 'publish-road-map': "
        "'status' must "
        "be one of: not-started, on-track, at-risk, off-track, done (not 'on track') — did you "
        "mean 'on-track'? [bad-choice]"
    ]


def test_nan_in_a_series(data_copy):
    data = data_copy()
    line = edit(data / "indicators/re-referrals.yml", "  2010-11: 24.5", "  2010-11: .nan")
    assert problems_of(data) == [
        f"roadmap_data/indicators/re-referrals.yml:{line}:12: indicator 're-referrals': '2010-11' "
        "must be a real number, not .nan; give the value, or leave the period out if there is "
        "no figure [not-finite]"
    ]


def test_periods_must_be_of_one_kind(data_copy):
    data = data_copy()
    edit(data / "indicators/re-referrals.yml", "    by: \"2013-14\"", "    by: \"2014\"")
    assert problems_of(data) == [
        "roadmap_data/indicators/re-referrals.yml:2:1: indicator 're-referrals': the periods "
        "2014 (in england, statistical_neighbours, compare or targets) are not the same kind of "
        "period as the series (range); write them the same way [invalid-value]"
    ]


def test_accountability_needs_exactly_one_subject(data_copy):
    data = data_copy()
    line = edit(data / "accountabilities.yml", "  - role: Head of Early Help\n",
                "  - role: Head of Early Help\n    priority: simple-road-map\n")
    assert problems_of(data) == [
        f"roadmap_data/accountabilities.yml:{line}:5: accountabilities.yml: give exactly one of "
        "'goal', 'priority' or 'action' (found 2: goal, priority) [invalid-value]"
    ]


def test_file_name_must_be_a_slug(data_copy):
    data = data_copy()
    (data / "goals/help-early.yml").rename(data / "goals/Help_Early.yml")
    assert (
        "roadmap_data/goals/Help_Early.yml:1:1: the file name 'Help_Early.yml' is not a valid "
        "id: rename it using lowercase letters, digits and hyphens, like 'help-early.yml' [bad-id]"
    ) in problems_of(data)


def test_reference_must_be_a_slug(data_copy):
    data = data_copy()
    line = edit(data / "priorities/simple-road-map.yml", "goals: [safe-at-home, help-early]",
                "goals: [safe-at-home, Help Early]")
    assert problems_of(data) == [
        f"roadmap_data/priorities/simple-road-map.yml:{line}:23: priority 'simple-road-map': "
        "'Help Early' is not a valid id: use lowercase letters, digits and hyphens, like "
        "'help-at-home' [bad-id]"
    ]


def test_a_second_copy_under_another_ending_is_named_not_read(data_copy):
    # Only .yml files are read, so one id cannot come from two files; the .yaml copy is
    # named, never silently ignored.
    data = data_copy()
    (data / "goals/help-early.yaml").write_bytes((data / "goals/help-early.yml").read_bytes())
    assert problems_of(data) == [
        "roadmap_data/goals/help-early.yaml:1:1: 'help-early.yaml' is a file the road map will "
        "not read: each item is one file whose name ends in '.yml' (lower case); rename it to "
        "'help-early.yml', or remove it [bad-id]"
    ]


def test_unknown_reference_suggests_the_id(data_copy):
    data = data_copy()
    line = edit(data / "services/early-help.yml", "  - goal: help-early", "  - goal: help-earyl")
    assert problems_of(data) == [
        f"roadmap_data/services/early-help.yml:{line}:11: service 'early-help': unknown goal id "
        "'help-earyl' — did you mean 'help-early'? [unknown-ref]"
    ]


def test_unknown_plan_priority(data_copy):
    data = data_copy()
    line = edit(data / "goals/safe-at-home.yml", "  - cypp/stay-safe", "  - cypp/stay-saf")
    assert problems_of(data) == [
        f"roadmap_data/goals/safe-at-home.yml:{line}:5: goal 'safe-at-home': unknown plan "
        "priority id "
        "'cypp/stay-saf' — did you mean 'cypp/stay-safe'? [unknown-ref]"
    ]


def test_wrong_shape_of_a_file(data_copy):
    data = data_copy()
    (data / "goals/help-early.yml").write_text("- just\n- a list\n", encoding="utf-8")
    found = problems_of(data)
    assert found[0] == (
        "roadmap_data/goals/help-early.yml:1:1: goal 'help-early': the file should be a block of "
        "'field: value' lines, not a list [wrong-shape]"
    )


def test_unknown_entry_in_data_folder(data_copy):
    data = data_copy()
    (data / "service").mkdir()
    found = problems_of(data)
    assert found[0].startswith(
        "roadmap_data/service:1:1: 'service' is not part of the road map's data — did you mean "
        "'services'?")


def test_every_problem_is_reported_at_once(data_copy):
    """Many mistakes in many files: all reported in one run, none hiding another."""
    data = data_copy()
    edit(data / "goals/help-early.yml", "summary:", "sumary:")
    edit(data / "indicators/re-referrals.yml", "unit: percent", "unit: Percent")
    edit(data / "actions/publish-road-map.yml", "due: \"2012-Q3\"", "due: 2012-Q5")
    edit(data / "services/early-help.yml", "  - goal: safe-at-home", "  - goal: safe-at-hom")
    codes = [p.rsplit("[", 1)[1] for p in problems_of(data)]
    assert sorted(codes) == sorted(["bad-date]", "missing-field]", "unknown-key]",
                                    "bad-choice]", "unknown-ref]"])


def test_suggest_uses_a_close_match_only():
    assert suggest("servces", ["services", "goals"]) == " — did you mean 'services'?"
    assert suggest("zzz", ["services", "goals"]) == ""


# The command line -------------------------------------------------------------------------


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenthread", "check", *args],
                          capture_output=True, text=True, timeout=60)


def test_check_command_exits_0_on_the_example_data():
    # As at the moment the example is shown at (its as_at date), not the clock's today.
    as_at = read_roadmap(EXAMPLE_DATA)[0].info.as_at
    result = run_check(str(EXAMPLE_DATA), "--today", as_at.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The road map is valid" in result.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "column"),
    [
        ("goals/help-early.yml", "order: 2", "order: 2\norder: 3", 1),
        ("roadmap.yml", "review_by: 2027-04-01", "review_by: 2027-02-30", 12),
        ("services/early-help.yml", "owner: Head", "owner:\tHead", 7),
        ("priorities/simple-road-map.yml", "lead: Director", "lead: &x Director", 7),
        ("goals/help-early.yml", "summary:", "sumary:", 1),
        ("services/early-help.yml", "  - goal: help-early", "  - goal: nowhere", 11),
        ("indicators/re-referrals.yml", "  2010-11: 24.5", "  2010-11: .nan", 12),
    ],
    ids=["duplicate-key", "impossible-date", "tab", "alias", "unknown-key", "unknown-id", "nan"],
)
def test_check_command_exits_1_with_file_line_column(data_copy, file, old, new, column):
    data = data_copy()
    line = edit(data / file, old, new) + new.count("\n")
    result = run_check(str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"roadmap_data/{file}:{line}:{column}: " in result.stdout, result.stdout


def test_check_command_reports_invalid_utf8(data_copy):
    data = data_copy()
    path = data / "goals/help-early.yml"
    line = edit(path, "title: Families get help early", "title: Families get help early")
    path.write_bytes(path.read_bytes().replace(b"Families get help early", b"Families \xe9"))
    result = run_check(str(data))
    assert result.returncode == 1
    assert f"roadmap_data/goals/help-early.yml:{line}:17: this file is not UTF-8 text" \
        in result.stdout
    assert "Traceback" not in result.stderr


def test_check_command_bad_usage_exits_2():
    result = run_check("--today", "tomorrow")
    assert result.returncode == 2
    assert "'tomorrow' is not a date written YYYY-MM-DD" in result.stderr


def test_check_command_missing_folder(tmp_path):
    result = run_check(str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "does not exist" in result.stdout


def test_a_quoted_date_is_a_date_as_in_the_editor(data_copy):
    """YAML 1.2 editors read "2027-04-01" and 2027-04-01 alike; so does the check."""
    data = data_copy()
    edit(data / "roadmap.yml", "review_by: 2027-04-01", 'review_by: "2027-04-01"')
    roadmap, problems = read_roadmap(data)
    assert [str(p) for p in problems] == []
    assert roadmap.info.review_by.isoformat() == "2027-04-01"


PYTHON_WORDING = ("datetime", "Input should", "pydantic", "[key]", "function-after",
                  "constrained-str", "NoneType", "dict_type", "<class")


def test_no_message_uses_python_or_pydantic_wording(tmp_path):
    # Every top-level field of every example file, replaced in turn by a date, a list, a
    # block, true, a number and text, as a hurried editor might; and a date as a key.
    from goldenthread.read.kinds import ITEM_KINDS
    from goldenthread.read.loader import load_file
    from goldenthread.read.messages import validate

    from .conftest import EXAMPLE_DATA

    wrong = ["2011-12-01", "[a, b]", "{a: 1}", "true", "1.5", "some text", "", "{2011-12-01: 3}"]
    seen = 0
    for folder, (model, label) in ITEM_KINDS.items():
        source = sorted((EXAMPLE_DATA / folder).glob("*.yml"))[0]
        lines = source.read_text("utf-8").splitlines()
        for number, line in enumerate(lines):
            if not line or line[0] in " #-":
                continue
            key = line.split(":", 1)[0]
            # the field's own block (indented or list lines below it) goes with it
            end = number + 1
            while end < len(lines) and lines[end][:1] in (" ", "-"):
                end += 1
            for value in wrong:
                text = "\n".join(lines[:number] + [f"{key}: {value}"] + lines[end:]) + "\n"
                path = tmp_path / f"{folder}.yml"
                path.write_text(text, "utf-8")
                problems = []
                validate(load_file(path, path.name, problems), model, label, problems)
                for problem in problems:
                    seen += 1
                    assert not any(w in problem.message for w in PYTHON_WORDING), \
                        (folder, key, value, problem.message)
    assert seen > 200


def test_a_date_where_a_period_is_wanted_is_told_once_at_its_own_line(data_copy):
    data = data_copy()
    path = data / "indicators" / "re-referrals.yml"
    text = path.read_text("utf-8").replace("  2011-12: 22.0\n", "  2011-12-01: 22.0\n", 1)
    text = text.replace('    by: "2013-14"', "    by: 2013-03-31")
    path.write_text(text, "utf-8")
    lines = text.splitlines()
    key_line = lines.index("  2011-12-01: 22.0") + 1
    by_line = lines.index("    by: 2013-03-31") + 1
    hint = "use a period such as '2011-12' (a year range), '2012' (a year) or '2012-Q3' (a quarter)"
    _, problems = read_roadmap(data)
    assert [str(p) for p in problems if p.severity == "error"] == [
        f"roadmap_data/indicators/re-referrals.yml:{key_line}:3: indicator 're-referrals': "
        f"'2011-12-01' under 'series' is not a period: {hint} [invalid-value]",
        f"roadmap_data/indicators/re-referrals.yml:{by_line}:9: indicator 're-referrals': "
        f"'by' should be a period, not the date 2013-03-31: {hint} [invalid-value]",
    ]
