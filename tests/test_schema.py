"""Editor schemas: generated, committed, current, named by every data file, and in agreement
with the strict loader and the models (the editor must never disagree with the check)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from ruamel.yaml import YAML

from goldenthread.cli import main
from goldenthread.editor.schema import (
    as_json,
    data_files,
    expected_schemas,
    schema_kinds,
    schema_line,
    stamp_data,
    stamped,
)
from goldenthread.editor.stubs import stub_kinds
from goldenthread.read.loader import load_file, load_text
from goldenthread.read.messages import validate

from .conftest import EXAMPLE_DATA, MINIMAL, ROOT

SCHEMAS = {name: json.loads(text) for name, text in expected_schemas().items()}


def test_committed_schemas_and_schema_lines_are_current(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = main(["schema", "--check", "roadmap_data", "tests/fixtures/minimal"])
    out = capsys.readouterr()
    assert out.out == "", "run: .venv/bin/goldenthread schema roadmap_data tests/fixtures/minimal"
    assert code == 0
    assert "up to date" in out.err


def test_one_schema_per_kind_of_file_named_from_the_models():
    # The expected names are written out, not derived from the tables the schemas come
    # from; and every data file of the example names a schema file that is committed.
    kinds = {"goal", "priority", "indicator", "service", "action", "partner-plan", "blockage",
             "story", "roadmap", "accountabilities", "glossary", "munro", "officers", "budget",
             "social-return"}
    assert set(schema_kinds()) == kinds
    assert set(SCHEMAS) == {f"{kind}.schema.json" for kind in kinds}
    assert {p.name for p in (ROOT / "schema").glob("*.schema.json")} == set(SCHEMAS)
    for path, kind in data_files(EXAMPLE_DATA):
        assert (ROOT / "schema" / f"{kind}.schema.json").is_file(), path
    for name, schema in SCHEMAS.items():
        Draft7Validator.check_schema(schema)
        assert schema["additionalProperties"] is False, name
        # One-per-file kinds take their id from the file name.
        if name.removesuffix(".schema.json") in stub_kinds():
            assert "id" not in schema["properties"], name


def test_stale_schema_and_missing_lines_are_each_reported(tmp_path, data_copy, monkeypatch,
                                                           capsys):
    data = data_copy()
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 0  # the copy's schema lines point elsewhere: corrected
    capsys.readouterr()
    assert main(["schema", "--check"]) == 0
    assert main(["schema"]) == 0 and "0 file(s) updated" in capsys.readouterr().err

    goal = data / "goals" / "help-early.yml"
    goal.write_bytes(goal.read_bytes().split(b"\n", 1)[1])
    (data / "services" / "early-help.yml").write_text(
        "# yaml-language-server: $schema=../../schema/goal.schema.json\nname: x\n")
    schema = tmp_path / "schema" / "goal.schema.json"
    schema.write_text(schema.read_text().replace("plain words", "simple words"))
    (tmp_path / "schema" / "gone.schema.json").write_text("{}\n")
    capsys.readouterr()
    assert main(["schema", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "roadmap_data/goals/help-early.yml:1:1: the first line should be '# yaml-language-server:"
        " $schema=../../schema/goal.schema.json', so that the editor checks this goal file as "
        "you type (run 'goldenthread schema' to add it) [schema-line]",
        "roadmap_data/services/early-help.yml:1:1: the first line names the wrong schema; it "
        "should be '# yaml-language-server: $schema=../../schema/service.schema.json' (run "
        "'goldenthread schema' to correct it) [schema-line]",
        "schema/goal.schema.json:1:1: this schema is out of date with the models: run "
        "'goldenthread schema' and commit the result [schema-stale]",
        "schema/gone.schema.json:1:1: no kind of file uses this schema any more: run "
        "'goldenthread schema' to delete it [schema-stale]",
    ]
    assert main(["schema"]) == 0
    assert main(["schema", "--check"]) == 0
    assert not (tmp_path / "schema" / "gone.schema.json").exists()
    assert goal.read_text().startswith("# yaml-language-server: $schema=../../schema/goal.")


@pytest.mark.parametrize("content, expected", [
    (b"title: x\n", b"LINE\ntitle: x\n"),
    (b"# note\r\ntitle: x\r\n", b"LINE\r\n# note\r\ntitle: x\r\n"),
    (b"\xef\xbb\xbftitle: x\n", b"\xef\xbb\xbfLINE\ntitle: x\n"),
    (b"# yaml-language-server: $schema=old.json\r\ntitle: x", b"LINE\r\ntitle: x"),
    (b"# yaml-language-server: $schema=old.json", b"LINE"),
    (b"", b"LINE\n"),
])
def test_stamping_changes_only_the_first_line(content, expected):
    line = "# yaml-language-server: $schema=new.json"
    expected = expected.replace(b"LINE", line.encode())
    assert stamped(content, line) == expected
    assert stamped(expected, line) == expected


def test_schema_line_is_relative_to_the_file():
    assert schema_line(ROOT / "roadmap_data/goals/x.yml", "goal", ROOT / "schema") == (
        "# yaml-language-server: $schema=../../schema/goal.schema.json")
    assert schema_line(MINIMAL / "roadmap.yml", "roadmap", ROOT / "schema") == (
        "# yaml-language-server: $schema=../../../schema/roadmap.schema.json")


@pytest.mark.parametrize("data_dir", [EXAMPLE_DATA, MINIMAL], ids=["example", "minimal"])
def test_every_data_file_passes_its_schema_as_the_editor_sees_it(data_dir):
    errors, checked = [], 0
    for file, kind in data_files(data_dir):
        problems: list = []
        loaded = load_file(file, file.name, problems)
        assert problems == []
        validator = Draft7Validator(SCHEMAS[f"{kind}.schema.json"],
                                    format_checker=Draft7Validator.FORMAT_CHECKER)
        for error in validator.iter_errors(as_json(loaded.data)):
            errors.append(f"{file.relative_to(ROOT)}: {error.json_path}: {error.message}")
        checked += 1
    assert errors == []
    assert checked == len(list(data_dir.rglob("*.yml")))


INDICATOR = """name: x
description: x
definition: x
unit: percent
polarity: lower-is-better
kind: hard
rba: better-off
goals: [help-early]
source: x
owner: x
next_update: 2027-03-31
visibility: public
"""


@pytest.mark.parametrize("kind, text, valid", [
    ("goal", "title: x\nsummary: x\nsuccess_looks_like: [x]\nvisibility: public\n", True),
    ("goal", "title: x\nsumary: x\nsuccess_looks_like: [x]\nvisibility: public\n", False),
    ("goal", "title: x\nsummary: x\nsuccess_looks_like: [x]\nvisibility: NO\n", False),
    ("goal", "title: x\nsummary: x\nsuccess_looks_like: []\nvisibility: public\n", False),
    ("goal", "title: x\nsummary: x\nsuccess_looks_like: [x]\norder: 1.5\n"
     "visibility: public\n", False),
    ("indicator", INDICATOR + "series:\n  2011: 1\n  2012: 2.5\n"
     "targets:\n  - value: 1\n    by: 2014\n", True),
    ("indicator", INDICATOR + "series:\n  2011-12: 1\nbaseline: '2011-12'\n", True),
    ("indicator", INDICATOR + "series:\n  1.10: 1\n", False),
    ("indicator", INDICATOR + "series:\n  2011-12: twelve\n", False),
    ("indicator", INDICATOR.replace("percent", "percentage") + "series:\n  2011: 1\n", False),
    ("indicator", INDICATOR.replace("2027-03-31", "31/03/2027") + "series:\n  2011: 1\n",
     False),
    ("action", "title: x\npriority: p\nowner: x\ndue: 2013-Q1\nstatus: done\n"
     "visibility: public\n", True),
    ("action", "title: x\npriority: p\nowner: x\ndue: 2013-06-30\nstatus: done\n"
     "visibility: public\n", True),
    ("action", "title: x\npriority: p\nowner: x\ndue: Q1 2013\nstatus: done\n"
     "visibility: public\n", False),
    ("action", "title: x\npriority: p\nowner: x\ndue: 2013-Q1\nstatus: finished\n"
     "visibility: public\n", False),
])
def test_the_editor_and_the_check_agree(kind, text, valid):
    problems: list = []
    loaded = load_text("x.yml", text, problems)
    assert problems == []
    model = schema_kinds()[kind]
    model_ok = validate(loaded, model, kind, problems) is not None and not problems
    validator = Draft7Validator(SCHEMAS[f"{kind}.schema.json"],
                                format_checker=Draft7Validator.FORMAT_CHECKER)
    schema_ok = validator.is_valid(as_json(loaded.data))
    assert (model_ok, schema_ok) == (valid, valid)


TEXT_IN_BOTH = ["NO", "no", "yes", "Yes", "on", "off", "y", "n", "12:30", "1:20:30",
                "2012-Q3", "2011-12", "early-help", "1.2.3", ".5."]
# Not listed: '1_000', which the strict loader and the editor's parser (the 'yaml' npm
# package, see scripts/editor-check) both read as text, but ruamel.yaml reads as 1000.


@pytest.mark.parametrize("value", TEXT_IN_BOTH)
def test_text_to_the_strict_loader_is_text_in_yaml_1_2(value):
    yaml12 = YAML(typ="safe", pure=True)  # ruamel.yaml reads YAML 1.2, as the editor does
    for text in (f"v: {value}\n", f"{value}: v\n"):
        problems: list = []
        ours = load_text("x.yml", text, problems).data
        theirs = yaml12.load(text)
        assert problems == []
        assert ours == theirs and all(isinstance(k, str) for k in ours), text
        assert all(isinstance(v, str) for v in ours.values()), text


@pytest.mark.parametrize("value, kind", [("true", bool), ("False", bool), ("12", int),
                                         ("-3", int), ("1.5", float), ("1e3", float),
                                         ("~", type(None)), ("null", type(None))])
def test_numbers_and_true_false_agree_with_yaml_1_2(value, kind):
    problems: list = []
    ours = load_text("x.yml", f"v: {value}\n", problems).data["v"]
    theirs = YAML(typ="safe", pure=True).load(f"v: {value}\n")["v"]
    assert problems == []
    assert type(as_json(ours)) is kind and type(theirs) is kind
    assert as_json(ours) == theirs


def test_a_number_written_as_a_key_keeps_its_text():
    # YAML 1.2 reads the key '1.10' as the number 1.1 (yaml-language-server names it
    # '1.1'); the strict loader keeps the text as written.  No valid key is affected: a
    # period key such as 2011 reads the same either way, and '1.10' and '1.1' are both
    # refused as periods by the model and by the schema.
    problems: list = []
    ours = load_text("x.yml", "1.10: a\n2011: b\n", problems).data
    assert problems == [] and list(ours) == ["1.10", "2011"]
    assert list(YAML(typ="safe", pure=True).load("1.10: a\n2011: b\n")) == [1.1, 2011]
    series = SCHEMAS["indicator.schema.json"]["properties"]["series"]
    validator = Draft7Validator(series)
    assert validator.is_valid({"2011": 1})
    assert not validator.is_valid({"1.10": 1}) and not validator.is_valid({"1.1": 1})


def test_vscode_maps_every_schema_and_recommends_the_yaml_extension():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = {Path(k).name for k in settings["yaml.schemas"]}
    assert mapped == set(SCHEMAS)
    assert settings["yaml.schemas"]["./schema/goal.schema.json"][0] == "roadmap_data/goals/*.yml"
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text())
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_stamping_never_writes_through_a_link(tmp_path, data_copy):
    # A committed goals/creds.yml pointing at a file outside the data folder: stamping the
    # schema lines must not write into the file the link points at.
    data = data_copy()
    outside = tmp_path / "credentials.yml"
    outside.write_text("secret: 1\n", encoding="utf-8")
    (data / "goals" / "creds.yml").symlink_to(outside)
    changed = stamp_data(data, ROOT / "schema")
    assert outside.read_text(encoding="utf-8") == "secret: 1\n"
    assert data / "goals" / "creds.yml" not in changed
    assert all(not path.is_symlink() for path, _ in data_files(data))
