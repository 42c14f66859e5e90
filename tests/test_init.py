"""`goldenthread init DIR`: a whole new road map, every file with every field explained,
valid at once (the intranet builds from it), with placeholders the public build refuses,
naming each one; it never overwrites a file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from goldenthread.check.pipeline import check_roadmap
from goldenthread.cli import main
from goldenthread.editor.schema import SCHEMA_LINE
from goldenthread.read.kinds import KINDS

from .conftest import ROOT, run_build

TODAY = "2026-05-01"


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    data = tmp_path_factory.mktemp("init") / "roadmap_data"
    assert main(["init", str(data), "--schema-dir", str(ROOT / "schema"),
                 "--today", TODAY, "--for", "children"]) == 0
    return data


#: Words of children's services (issue 23's list) a start for another field of work must
#: not say.
CHILDRENS_WORDS = re.compile(
    r"\b(children|child|childs|young (?:people|person)|families|corporate parent|"
    r"children act|safeguarding board|munro|looked after|care leavers?|early help|schools|"
    r"police)\b", re.IGNORECASE)


@pytest.fixture(scope="module", params=["default", "adult-social-care"])
def started_for(request, tmp_path_factory):
    """(vocabulary, data folder) of a road map started for another field of work."""
    data = tmp_path_factory.mktemp("init-for") / "roadmap_data"
    extra = [] if request.param == "default" else ["--for", request.param]
    assert main(["init", str(data), "--schema-dir", str(ROOT / "schema"),
                 "--today", TODAY, *extra]) == 0
    return ("plain" if request.param == "default" else request.param), data


def _values(file: Path) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(file.read_text("utf-8").splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def test_init_writes_every_file_of_the_road_map_with_every_field_explained(started):
    # The single files and the first kinds are written out by hand, not derived from the
    # kinds table; every kind the table adds gets its file too.
    written = {p.relative_to(started).as_posix() for p in started.rglob("*.yml")}
    assert written >= {
        "roadmap.yml", "glossary.yml", "accountabilities.yml", "munro.yml", "officers.yml",
        "goals/to-do-goal.yml", "priorities/to-do-priority.yml",
        "indicators/to-do-indicator.yml", "services/to-do-service.yml",
        "actions/to-do-action.yml", "partner-plans/to-do-partner-plan.yml",
        "blockages/to-do-blockage.yml", "stories/to-do-story.yml"}
    assert len(written) == len(KINDS)
    for kind in KINDS:
        file = started / (kind.path if kind.single_file else f"{kind.path}/to-do-{kind.name}.yml")
        text = file.read_text("utf-8")
        assert text.startswith(SCHEMA_LINE)
        comments = " ".join(line.strip().lstrip("#").strip() for line in text.splitlines()
                            if line.lstrip().startswith("#"))
        for name, field in kind.model.model_fields.items():
            assert " ".join(field.description.split()) in " ".join(comments.split()), (
                kind.path, name)


def test_the_new_road_map_is_valid_for_the_intranet_at_once(started):
    roadmap, problems = check_roadmap(started, audience="internal",
                                      today=date.fromisoformat(TODAY))
    assert roadmap is not None
    assert [str(p) for p in problems if p.severity == "error"] == []
    # The items link to each other: a goal serving the plan, a service working for it...
    assert roadmap.goals["to-do-goal"].serves
    assert roadmap.services["to-do-service"].contributes_to


def test_the_public_check_refuses_every_placeholder_naming_each_at_its_line(started):
    _, problems = check_roadmap(started, audience="public", today=date.fromisoformat(TODAY))
    errors = [p for p in problems if p.severity == "error"]
    assert errors and {p.code for p in errors} == {"placeholder"}
    roadmap_file = started / "roadmap.yml"
    # roadmap.yml is always public: each of its TO DO lines is named (the items start
    # internal, so they are not published until an editor makes them public).
    todo_lines = {n for n, line in _values(roadmap_file) if line.endswith(": TO DO")
                  or line.endswith("- TO DO")}
    named = {p.location.line for p in errors if p.location.path.endswith("/roadmap.yml")}
    assert todo_lines and named == todo_lines


def test_no_stub_value_is_a_plausible_number_or_left_unmarked_text(started):
    for file in started.rglob("*.yml"):
        for _, line in _values(file):
            key, _, value = line.strip().lstrip("- ").partition(":")
            value = value.strip()
            # Every text a reader would see is TO DO; titles are not made up from ids.
            if key in ("title", "name", "summary", "description", "vision") and value:
                assert value == "TO DO", (file.name, line)


def test_the_intranet_builds_from_the_new_road_map(started, tmp_path):
    result = run_build(tmp_path / "internal", started, "mkdocs.internal.yml")
    assert (tmp_path / "internal" / "index.html").is_file()
    public = run_build(tmp_path / "public", started, "mkdocs.yml", check=False)
    assert public.returncode != 0
    assert "[placeholder]" in public.stdout + public.stderr
    assert result.returncode == 0


def test_init_for_a_field_of_work_names_its_words_and_leaves_out_what_it_does_not_use(
        started_for, capsys):
    vocabulary, data = started_for
    roadmap = (data / "roadmap.yml").read_text("utf-8")
    assert f"\nvocabulary: {vocabulary}\n" in roadmap
    # The Munro plan and the page for young people belong to children's services.
    assert not (data / "munro.yml").exists()
    assert "for_young_people" not in " ".join(
        p.read_text("utf-8") for p in data.rglob("*.yml"))
    assert main(["check", str(data), "--audience", "internal", "--today", TODAY]) == 0, (
        capsys.readouterr())


def test_a_start_for_another_field_of_work_says_no_childrens_words(started_for):
    _, data = started_for
    said = []
    for file in sorted(data.rglob("*.yml")):
        # The note on 'vocabulary' lists the vocabularies by name: a name, not a sentence.
        text = re.sub(r"\b(adult-social-care|children|plain)\b(?=,| \()", "",
                      file.read_text("utf-8"))
        said += [f"{file.relative_to(data)}: {m.group(0)}"
                 for m in CHILDRENS_WORDS.finditer(text)]
    assert said == []


def test_a_new_item_offers_the_steps_and_levels_of_the_road_maps_own_vocabulary(tmp_path):
    data = tmp_path / "roadmap_data"
    assert main(["init", str(data), "--schema-dir", str(ROOT / "schema"), "--today", TODAY,
                 "--for", "adult-social-care"]) == 0
    assert main(["new", "blockage", "no-discharge-beds", "--data-dir", str(data),
                 "--schema-dir", str(ROOT / "schema")]) == 0
    text = " ".join((data / "blockages" / "no-discharge-beds.yml").read_text("utf-8").split())
    assert "Choose one of: informal, service, place, safeguarding-adults-board. level: TO DO" \
        in text.replace("# ", "")
    # init itself writes the vocabulary's first step and level, valid as written.
    assert "\nlevel: informal\n" in (data / "blockages" / "to-do-blockage.yml").read_text()
    accountabilities = (data / "accountabilities.yml").read_text("utf-8")
    assert "#    level: service" in accountabilities
    assert "Choose one of: service, place, system." in " ".join(
        accountabilities.replace("#", " ").split())


def test_init_never_overwrites_a_file(tmp_path, capsys):
    data = tmp_path / "mine"
    (data / "goals").mkdir(parents=True)
    (data / "glossary.yml").write_text("terms: []\n")
    assert main(["init", str(data), "--schema-dir", str(ROOT / "schema")]) == 1
    assert "glossary.yml already exists" in capsys.readouterr().err
    assert sorted(p.name for p in data.rglob("*")) == ["glossary.yml", "goals"]
    assert (data / "glossary.yml").read_text() == "terms: []\n"


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_the_check_of_an_empty_or_missing_folder_says_run_init(tmp_path, capsys, make):
    data = tmp_path / "roadmap_data"
    if make == "empty":
        data.mkdir()
    assert main(["check", str(data)]) == 1
    assert f"run 'goldenthread init {data.as_posix()}'" in capsys.readouterr().err


def test_schema_lines_reach_the_schemas_from_a_data_folder_kept_anywhere(tmp_path,
                                                                           monkeypatch):
    # Run from a folder with no schema/ of its own, for a data folder elsewhere: each
    # file's schema line, read from the file's own folder, names a schema that exists.
    elsewhere = tmp_path / "our-road-map"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["init", "roadmap_data", "--today", TODAY, "--for", "children"]) == 0
    assert main(["new", "goal", "keep-children-safe", "--data-dir", "roadmap_data"]) == 0
    files = list((elsewhere / "roadmap_data").rglob("*.yml"))
    assert len(files) == len(KINDS) + 1
    for file in files:
        first = file.read_text("utf-8").splitlines()[0]
        target = re.sub(re.escape(SCHEMA_LINE), "", first)
        assert (file.parent / target).resolve().is_file(), (file, target)


def test_check_messages_name_files_from_where_the_command_runs(started, monkeypatch, capsys):
    # From inside the data folder, a message's path opens from there ('goals/...'), not
    # from the data folder's parent ('roadmap_data/goals/...').
    monkeypatch.chdir(started)
    main(["check", ".", "--audience", "internal", "--today", TODAY])
    out = capsys.readouterr().out
    assert "\ngoals/to-do-goal.yml:" in out and "roadmap_data/" not in out


def test_schema_check_names_files_relative_to_where_it_runs(started, tmp_path, monkeypatch,
                                                            capsys):
    import shutil
    data = tmp_path / "elsewhere" / "roadmap_data"
    shutil.copytree(started, data)
    goal = data / "goals" / "to-do-goal.yml"
    goal.write_text(goal.read_text().split("\n", 1)[1])
    monkeypatch.chdir(ROOT)
    assert main(["schema", "--check", str(data)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and not any(line.startswith("/") for line in lines)
    shown = [line.split(":", 1)[0] for line in lines if "first line should be" in line]
    assert [(ROOT / s).resolve() for s in shown] == [goal.resolve()]
