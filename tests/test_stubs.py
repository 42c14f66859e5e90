"""`goldenthread new KIND ID`: a stub with every field explained, valid once its marked
placeholders are filled in, that never overwrites an existing file."""

from __future__ import annotations

import json
import re
import typing
from datetime import date

import pytest
from jsonschema import Draft7Validator

from goldenthread.check.pipeline import check_roadmap
from goldenthread.cli import main
from goldenthread.editor.schema import as_json, expected_schemas, schema_line
from goldenthread.editor.stubs import REFERENCES, file_kinds, stub_kinds
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.kinds import ITEM_KINDS
from goldenthread.read.loader import load_file
from goldenthread.read.messages import validate

from .conftest import ROOT

TODAY = "2026-05-01"
#: Each placeholder, and an id of the minimal fixture to put in its place (the new goal
#: serves the new partner plan's priority, whose id the stub gives as 'to-do').
FILL = {"to-do-plan-id/to-do-priority-id": "brand-new/priority-one",
        "to-do-goal-id": "help-early", "to-do-priority-id": "simple-road-map",
        "to-do-service-id": "early-help", "to-do-indicator-id": "re-referrals",
        "to-do-action-id": "publish-road-map", "id: to-do": "id: priority-one"}


def _numbers(node, found=None):
    """The names of every number field in a JSON Schema."""
    found = set() if found is None else found
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            options = [child, *child.get("anyOf", [])]
            if any(o.get("type") in ("number", "integer") for o in options):
                found.add(name)
        for child in node.values():
            _numbers(child, found)
    elif isinstance(node, list):
        for child in node:
            _numbers(child, found)
    return found


NUMBERS = "|".join(sorted(_numbers([json.loads(s) for s in expected_schemas().values()])))


def _chosen(text):
    """The stub as an editor fills it: each choice left TO DO takes the first choice its
    note lists, and each number left TO DO becomes 1."""
    lines, note = [], ""
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            note += " " + line.lstrip("# ")
        elif line.endswith(": TO DO") and "Choose one of: " in note:
            first = note.split("Choose one of: ")[1].split(",")[0].split(".")[0]
            line, note = line.replace("TO DO", first), ""
        else:
            note = ""
        lines.append(re.sub(rf"^(\s*(?:- )?(?:{NUMBERS}|\d{{4}}-\d\d)): TO DO$", r"\1: 1",
                            line))
    return "\n".join(lines) + "\n"


def new(data, kind, item_id, capsys=None):
    code = main(["new", kind, item_id, "--data-dir", str(data), "--schema-dir",
                 str(ROOT / "schema"), "--today", TODAY])
    return code, (capsys.readouterr() if capsys else None)


@pytest.fixture(scope="module")
def stubs(tmp_path_factory):
    """One stub of every kind, written into a copy of the minimal fixture."""
    import shutil

    from .conftest import MINIMAL
    data = tmp_path_factory.mktemp("stubs") / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    for kind in stub_kinds():
        assert new(data, kind, "brand-new")[0] == 0
    return data


def test_every_one_per_file_kind_has_a_stub_that_the_reader_reads_as_that_kind(stubs):
    # Written out by hand, not derived from the table the stubs come from: a kind left
    # out of the stubs, or a stub written into the wrong folder, fails here.
    assert sorted(stub_kinds()) == ["action", "blockage", "budget", "goal", "indicator",
                                    "partner-plan", "priority", "service", "social-return",
                                    "story"]
    roadmap, _ = read_roadmap(stubs)
    # Each stub is read back into its own kind's collection (stubs have TO DO references,
    # so some are reported broken rather than read: both prove the folder is right).
    for kind, attribute in (("goal", "goals"), ("priority", "priorities"),
                            ("indicator", "indicators"), ("service", "services"),
                            ("action", "actions"), ("partner plan", "partner_plans"),
                            ("blockage", "blockages"), ("story", "stories"),
                            ("budget", "budgets"), ("social return", "social_returns")):
        assert ("brand-new" in getattr(roadmap, attribute)
                or (kind, "brand-new") in roadmap.broken), kind


@pytest.mark.parametrize("kind", stub_kinds())
def test_stub_has_every_field_with_its_description_and_is_valid_as_written(stubs, kind):
    folder = stub_kinds()[kind]
    model = ITEM_KINDS[folder][0]
    file = stubs / folder / "brand-new.yml"
    text = file.read_text()
    assert text.splitlines()[0] == schema_line(file, kind, ROOT / "schema")
    problems: list = []
    loaded = load_file(file, file.name, problems)
    assert problems == []
    assert set(loaded.data) == set(model.model_fields)
    comments = " ".join(line.lstrip("# ").strip() for line in text.splitlines()
                        if line.lstrip().startswith("#"))
    for name, field in model.model_fields.items():
        assert " ".join(field.description.split()) in comments, name
    # Nothing a reader would see, no choice without a default, no number is guessed:
    # each reads TO DO, and a choice's note lists the choices.
    for name in ("title", "name", "summary", "description"):
        assert loaded.data.get(name, "TO DO") == "TO DO", name
    for name, field in model.model_fields.items():
        annotation = field.annotation
        while typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        choices = (typing.get_args(annotation) if typing.get_origin(annotation)
                   is typing.Literal else ())
        if choices and field.is_required() and name != "visibility":
            assert loaded.data[name] == "TO DO", name
            assert "Choose one of: " + ", ".join(choices) + "." in comments, name
    assert not re.search(r":\s+0\s*$", text, re.M), "a number a hurried editor would keep"
    validate(loaded, model, kind, problems)
    # A choice among the ids of the road map's vocabulary (a blockage's step, a budget
    # line's stage) reads TO DO too, which is not an id (bad-id) until one is chosen.
    assert {p.code for p in problems} <= {"bad-choice", "wrong-type", "bad-id"}
    assert all("TO DO" in p.message for p in problems)
    assert loaded.data["visibility"] == "internal"
    schema = json.loads(expected_schemas()[f"{kind}.schema.json"])
    valid = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).is_valid(
        as_json(loaded.data))
    assert valid == (problems == [])


def test_only_the_marked_placeholders_are_problems_until_filled_in(stubs, tmp_path):
    import shutil
    _, problems = read_roadmap(stubs)
    in_stubs = [p for p in problems if "brand-new" in p.location.path]
    assert in_stubs, "the stubs link to placeholder ids, which must be reported"
    assert {p.code for p in in_stubs} == {"unknown-ref", "bad-choice", "wrong-type", "bad-id"}
    # The blockage's step is a choice among the steps of the fixture's vocabulary.
    blockage = " ".join((stubs / "blockages" / "brand-new.yml").read_text().split())
    assert ("Choose one of: informal, service, partnership, safeguarding-board. level: TO DO"
            in blockage.replace("# ", ""))
    assert all("'to-do-" in p.message or "TO DO" in p.message for p in in_stubs)
    assert {p for p in problems if p not in in_stubs} == set()

    filled = tmp_path / "roadmap_data"
    shutil.copytree(stubs, filled)
    for file in filled.rglob("brand-new.yml"):
        text = file.read_text()
        for placeholder, real in FILL.items():
            text = text.replace(placeholder, real)
        text = _chosen(text)
        # A budget's totals are the sum of its lines: the stub's two example lines, 1 each.
        text = re.sub(r"^(total_(?:money|staff)): 1$", r"\1: 2", text, flags=re.M)
        assert not re.search(r":\s+to-do-|- to-do-", text)
        file.write_text(text)
    roadmap, problems = check_roadmap(filled, audience="internal",
                                      today=date.fromisoformat(TODAY))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert roadmap is not None and errors == []
    # The text left as TO DO is a warning on the intranet, an error for the public site.
    assert {p.code for p in problems if "brand-new" in p.location.path
            and "TO DO" in p.message} == {"placeholder"}


def test_reference_placeholders_cover_every_reference_field():
    # Every field named like a link to another kind of item gets a marked placeholder.
    assert set(REFERENCES) >= {"goal", "goals", "priority", "services", "serves"}


def test_new_refuses_to_overwrite(data_copy, capsys):
    data = data_copy()
    code, out = new(data, "service", "early-help", capsys)
    assert code == 1
    assert out.err == (f"goldenthread new: {data.as_posix()}/services/early-help.yml already "
                       "exists; edit that file, or choose another id\n")


@pytest.mark.parametrize("item_id, hint", [("Early Help", "early-help"),
                                           ("early_help", "early-help"),
                                           ("x_", "x")])
def test_new_refuses_an_id_that_is_not_a_slug(data_copy, capsys, item_id, hint):
    data = data_copy()
    code, out = new(data, "service", item_id, capsys)
    assert code == 1
    assert out.err == (f"goldenthread new: '{item_id}' is not a valid id: use lowercase "
                       f"letters, digits and hyphens, like '{hint}'\n")
    assert not list((data / "services").glob("*[A-Z_ ]*"))


def test_new_names_the_kinds_it_knows(data_copy, capsys):
    code, out = new(data_copy(), "servise", "x", capsys)
    assert code == 1
    assert out.err == ("goldenthread new: 'servise' is not a kind of item or file; choose "
                       f"one of: {', '.join([*stub_kinds(), *file_kinds()])}\n")


def test_new_accepts_the_folder_name_and_says_what_it_wrote(data_copy, capsys, monkeypatch):
    data = data_copy()
    monkeypatch.chdir(data.parent)
    code, out = new(data, "services", "family-hubs", capsys)
    assert code == 0
    # The path is the one to open from where the command runs.
    assert out.out == ("wrote roadmap_data/services/family-hubs.yml: fill in each TO DO, "
                       "then run 'goldenthread check'\n")
    assert "name: TO DO\n" in (data / "services" / "family-hubs.yml").read_text()


@pytest.mark.parametrize("kind", ["roadmap", "glossary", "accountabilities", "munro",
                                  "officers"])
def test_new_writes_each_single_file_once_and_never_overwrites_it(tmp_path, capsys, kind):
    data = tmp_path / "roadmap_data"
    code, _ = new(data, kind, None, capsys) if False else (main(
        ["new", kind, "--data-dir", str(data), "--schema-dir", str(ROOT / "schema"),
         "--today", TODAY]), None)
    assert code == 0
    file = data / f"{kind}.yml"
    text = file.read_text()
    assert text.splitlines()[0] == schema_line(file, kind, ROOT / "schema")
    assert "TO DO" in text
    file.write_text(text + "# kept\n")
    assert main(["new", kind, "--data-dir", str(data), "--today", TODAY]) == 1
    assert "already exists" in capsys.readouterr().err
    assert file.read_text().endswith("# kept\n")


def test_a_staff_only_stub_does_not_say_change_it_to_public(stubs):
    text = (stubs / "blockages" / "brand-new.yml").read_text()
    assert "Always 'internal'" in text
    assert "change to public" not in text
    assert "change to public" in (stubs / "goals" / "brand-new.yml").read_text()
