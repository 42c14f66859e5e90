"""`goldenthread blockage-from-issue`: a submitted issue form becomes a blockage file.

Each test runs the command as a member of the road-map team does (``python -m
goldenthread blockage-from-issue - --data-dir ...``, the issue's body on standard input)
against a copy of a data folder, and looks at what it printed and what it left on disk.
No test depends on today's date: the example road map's own as_at date is its today.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from goldenthread.editor.blockage_issue import LABELS
from goldenthread.read.data_folder import read_roadmap

from .conftest import EXAMPLE_DATA, MINIMAL, ROOT

#: The answers of a good form, by question, in the form's order.
ANSWERS = {
    "What is blocked": "Police do not come to strategy meetings",
    "What is happening": "Strategy meetings go ahead without the police.\nWe have asked twice.",
    "Priorities it holds up": "partners-challenge-each-other",
    "Actions it holds up": "_No response_",
    "Services involved": "- safeguarding-children-board",
    "When it was first raised": "2012-10-01",
    "Raised by (your role, not your name)": 'Team manager, "Initial Response" team',
    "Who should own it (a role)": "Head of Safeguarding",
    "How far it has been escalated": "service (heads of service)",
    "At this level since": "_No response_",
    "Next review": "2013-01-15",
}
NEW_FILE = Path("blockages") / "police-do-not-come-to-strategy-meetings.yml"


def body(**changes: str) -> str:
    """An issue body as GitHub writes it; ``changes``: question (spaces as '_', first
    word enough) -> a new answer."""
    answers = dict(ANSWERS)
    for key, value in changes.items():
        label = next(label for label in answers if label.lower().replace(" ", "_")
                     .startswith(key.lower()))
        answers[label] = value
    return "".join(f"### {label}\n\n{answer}\n\n" for label, answer in answers.items())


def raise_blockage(text: str, data: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "goldenthread", "blockage-from-issue", "-", "--data-dir",
         str(data), "--schema-dir", str(ROOT / "schema"), *extra],
        input=text, capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "roadmap_data"
    shutil.copytree(EXAMPLE_DATA, target)
    return target


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_labels_are_the_forms_own_in_the_forms_order():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "blockage.yml").read_text())
    questions = [(f["attributes"]["label"], f["id"]) for f in form["body"]
                 if f["type"] != "markdown"]
    assert questions == list(LABELS.items())


def test_an_answer_keeps_every_line_even_its_own_headings(data):
    happening = ("Strategy meetings go ahead without the police.\n\n### Heading\n\n"
                 "Notes from the last meeting.\n### Next steps\nWe will ask again.")
    result = raise_blockage(body(what_is_h=happening), data)
    assert result.returncode == 0, result.stdout + result.stderr
    roadmap, _ = read_roadmap(data)
    description = roadmap.blockages[NEW_FILE.stem].description
    assert description == happening
    assert "Notes from the last meeting." in description and description.endswith("again.")


def test_a_missing_question_is_refused_by_name_and_nothing_is_written(data):
    text = body().replace("### Services involved\n\n- safeguarding-children-board\n\n", "")
    result = raise_blockage(text, data)
    assert result.returncode == 2
    assert "no '### Services involved' section after '### Actions it holds up'" in result.stderr
    assert not (data / NEW_FILE).exists()


def test_a_good_issue_is_written_checked_and_reported_as_written(data):
    result = raise_blockage(body(), data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Wrote {(data / NEW_FILE).as_posix()}; the check found no errors in it" in (
        result.stderr)
    check = subprocess.run(
        [sys.executable, "-m", "goldenthread", "check", str(data), "--audience", "internal"],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    errors = [line for line in check.stdout.splitlines()
              if NEW_FILE.name in line and "(warning)" not in line]
    assert errors == [] and NEW_FILE.name in check.stdout  # checked: it has a warning
    blockage = read_roadmap(data)[0].blockages[NEW_FILE.stem]
    assert blockage.services == ["safeguarding-children-board"] and blockage.level == "service"
    again = raise_blockage(body(), data)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_blockage_the_check_refuses_leaves_nothing_behind(data):
    before = files_under(data)
    result = raise_blockage(body(priorities="no-such-priority", when="2012-13-01"), data)
    assert result.returncode == 1
    assert "Nothing was written: the check refused the new blockage" in result.stderr
    # Each problem is given at the question that holds the wrong answer.
    assert "'When it was first raised': " in result.stdout and "[bad-date]" in result.stdout
    assert "Wrote" not in result.stdout + result.stderr
    assert files_under(data) == before


def test_a_refused_blockage_in_a_road_map_without_blockages_leaves_no_folder(tmp_path):
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    assert not (data / "blockages").exists()
    result = raise_blockage(body(), data)  # its priority and service are not in this map
    assert result.returncode == 1 and "[unknown-ref]" in result.stdout
    assert not (data / "blockages").exists()


def test_a_linked_blockages_folder_is_refused_and_nothing_is_written_outside(data, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.move(data / "blockages", outside)
    (data / "blockages").symlink_to(outside, target_is_directory=True)
    before = files_under(outside)
    result = raise_blockage(body(), data)
    assert result.returncode == 2
    assert "blockages is a link (a symbolic link)" in result.stderr
    assert "never writes through links" in result.stderr
    assert files_under(outside) == before


def test_a_link_in_place_of_the_new_file_is_refused_and_not_followed(data, tmp_path):
    target = tmp_path / "elsewhere.yml"  # does not exist: a dangling link
    (data / NEW_FILE).symlink_to(target)
    result = raise_blockage(body(), data)
    assert result.returncode == 2 and "is a link (a symbolic link)" in result.stderr
    assert not target.exists()


def test_personal_data_in_the_issue_is_refused_question_by_question(data):
    before = files_under(data)
    text = body(
        what_is_h="Amira Khan (aged 7) was not seen.\n### Contact\nRing 07700 900123 "
                  "or write to jane.smith at example dot org.",
        raised="Siobhan, the duty worker",
        who="The worker who visited 12 Acacia Road, WS1 1TP")
    result = raise_blockage(text, data)
    assert result.returncode == 1, result.stdout + result.stderr
    assert files_under(data) == before
    lines = [line for line in result.stdout.splitlines() if line.endswith("[personal-data]")]
    found = {line.split(": ", 1)[1].rsplit(" [", 1)[0] for line in lines}
    assert found == {
        "'What is happening' holds a person's name ('Amira Khan'): write the person's role "
        "instead of their name",
        "'What is happening' holds a person's age ('aged 7'): leave it out, or give an age "
        "group such as 'aged 5 to 11'",
        "'What is happening' holds a phone number ('07700 900123'): leave it out of the issue",
        "'What is happening' holds an email address ('jane.smith at example dot org'): leave "
        "it out of the issue",
        "'Raised by (your role, not your name)' holds a person's name ('Siobhan'): write the "
        "person's role instead of their name",
        "'Who should own it (a role)' holds a street address ('12 Acacia Road'): leave it "
        "out of the issue",
        "'Who should own it (a role)' holds a postcode ('WS1 1TP'): leave it out of the issue",
    }
    # Each is placed at its line and column in the issue's body.
    numbered = text.splitlines()
    for line in lines:
        place = re.match(r"standard input:(\d+):(\d+): .*? \('(.+?)'\): ", line)
        assert place, line
        row, column, shown = int(place[1]), int(place[2]), place[3]
        assert numbered[row - 1][column - 1:].startswith(shown), line
    assert lines[0].startswith("standard input:7:1: ")  # in body order: 'Amira Khan' first
    assert "Nothing was written: the issue holds personal data" in result.stderr
    assert "child" not in result.stdout + result.stderr  # no field of work assumed


def test_age_groups_and_the_road_maps_own_names_are_not_personal_data(data):
    roadmap = read_roadmap(data)[0]
    service = roadmap.services["initial-response-service"].name
    text = body(what_is_h=f"Young people aged 16 to 25 wait longer for the {service}, "
                "which helps care leavers up to age 25.\n"
                "Children aged under 5 are seen within a week; 1 in 5 Section 47 enquiries "
                "take more than 15 working days.")
    result = raise_blockage(text, data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[personal-data]" not in result.stdout


def test_a_body_saved_on_windows_is_read_the_same(data, tmp_path):
    saved = tmp_path / "issue.md"
    saved.write_bytes(b"\xef\xbb\xbf" + body().replace("\n", "\r\n").encode("utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "goldenthread", "blockage-from-issue", str(saved),
         "--data-dir", str(data), "--schema-dir", str(ROOT / "schema")],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    description = read_roadmap(data)[0].blockages[NEW_FILE.stem].description
    assert description == ANSWERS["What is happening"]


def test_a_declared_contact_may_be_given_but_a_title_with_a_surname_may_not(data):
    roadmap_file = data / "roadmap.yml"
    roadmap_file.write_text(roadmap_file.read_text(encoding="utf-8")
                            + "public_contacts:\n  - 01632 960999\n", encoding="utf-8")
    text = body(what_is_h="The front door (01632 960999) did not pass it on.\n"
                "MRS KHAN was not told.")
    result = raise_blockage(text, data)
    assert result.returncode == 1, result.stdout + result.stderr
    found = [line for line in result.stdout.splitlines() if "[personal-data]" in line]
    assert len(found) == 1 and "holds a person's name ('MRS KHAN')" in found[0]
    assert not (data / NEW_FILE).exists()
