"""A partnership's words are data: a vocabulary (goldenthread/vocabularies/NAME.yml) gives
every word the pages say about whom the road map is for, its duties and its laws;
roadmap.yml names one and may override any part.  Adding a vocabulary is one file."""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from goldenthread.cli import main
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.vocabulary import WORD_KEYS, names, shipped

from .check_helpers import append
from .conftest import EXAMPLE_DATA, MINIMAL, run_build

SHIPPED = sorted(p.name.removesuffix(".yml")
                 for p in resources.files("goldenthread.vocabularies").iterdir()
                 if p.name.endswith(".yml"))


def _copy(tmp_path: Path, source: Path = MINIMAL) -> Path:
    return Path(shutil.copytree(source, tmp_path / "roadmap_data"))


def _set(data: Path, line: str, new: str) -> None:
    """Replace the line starting ``line`` in roadmap.yml with ``new``."""
    file = data / "roadmap.yml"
    text = file.read_text("utf-8")
    assert re.search(rf"^{re.escape(line)}.*$", text, flags=re.M)
    file.write_text(re.sub(rf"^{re.escape(line)}.*$", new, text, count=1, flags=re.M), "utf-8")


def _check(data: Path, capsys) -> tuple[int, str]:
    code = main(["check", str(data), "--audience", "internal"])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_the_three_vocabularies_ship_and_each_file_loads_with_every_word():
    assert {"plain", "children", "adult-social-care"} <= set(SHIPPED)
    assert names() == SHIPPED
    for name in SHIPPED:
        vocabulary = shipped(name)
        assert vocabulary.name == name
        assert set(vocabulary.words) == set(WORD_KEYS), name
        assert vocabulary.accountability_levels and vocabulary.escalation, name
        assert vocabulary.stages and vocabulary.comparators, name


def test_every_vocabulary_file_is_offered_by_init_and_named_by_its_errors(tmp_path, capsys):
    # Adding a vocabulary is adding its file: init's help and both errors list it.
    assert main(["init", "--help"]) == 0
    helped = " ".join(capsys.readouterr().out.split())
    assert main(["init", str(tmp_path / "new"), "--for", "adult-social-car"]) == 1
    refused = capsys.readouterr().err
    assert "'adult-social-car' is not a vocabulary — did you mean 'adult-social-care'?" in refused
    assert not (tmp_path / "new").exists()
    data = _copy(tmp_path)
    _set(data, "vocabulary:", "vocabulary: childrens")
    code, checked = _check(data, capsys)
    assert code == 1
    for name in SHIPPED:
        assert name in helped and f"{name}" in refused and name in checked, name


def test_an_unknown_vocabulary_or_word_is_an_error_at_its_line_with_the_fix(tmp_path, capsys):
    data = _copy(tmp_path)
    _set(data, "vocabulary:", "vocabulary: childern")
    append(data / "roadmap.yml", "words:\n  peple: older people\n")
    lines = (data / "roadmap.yml").read_text("utf-8").splitlines()
    name_line = lines.index("vocabulary: childern") + 1
    word_line = lines.index("  peple: older people") + 1
    code, out = _check(data, capsys)
    assert code == 1
    assert re.search(rf"roadmap\.yml:{name_line}:13: .*'vocabulary' must be one of: "
                     r"adult-social-care, children, plain \(not 'childern'\) — did you mean "
                     r"'children'\? \[bad-choice\]", out), out
    assert re.search(rf"roadmap\.yml:{word_line}:3: .*'peple' is not a field the road map "
                     r"knows — did you mean 'people'\? \[unknown-key\]", out), out


def test_an_override_replaces_one_word_and_a_list_replaces_the_vocabularys(tmp_path):
    data = _copy(tmp_path)
    append(data / "roadmap.yml", "words:\n  people: foster carers and the children they "
           "look after\ncomparators:\n  - id: wales\n    name: Wales\n")
    roadmap, problems = read_roadmap(data, remember=False)
    assert roadmap is not None and problems == []
    words, children = roadmap.vocabulary.words, shipped("children").words
    assert words["people"] == "foster carers and the children they look after"
    assert {k: v for k, v in words.items() if k != "people"} == {
        k: v for k, v in children.items() if k != "people"}
    assert [c.name for c in roadmap.vocabulary.comparators] == ["Wales"]
    assert roadmap.vocabulary.briefing == shipped("children").briefing
    # A road map that names no vocabulary has the plain one.
    _set(data, "vocabulary:", "")
    roadmap, _ = read_roadmap(data, remember=False)
    assert roadmap is not None and roadmap.vocabulary.name == "plain"


def test_the_example_names_the_childrens_vocabulary():
    roadmap, _ = read_roadmap(EXAMPLE_DATA, remember=False)
    assert roadmap is not None and roadmap.vocabulary.name == "children"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The small fixture built as it is (children's safeguarding), and again with the
    plain vocabulary and one word of its own."""
    out = tmp_path_factory.mktemp("vocabulary")
    sites = {}
    for name in ("children", "plain"):
        data = Path(shutil.copytree(MINIMAL, out / f"data-{name}"))
        append(data / "roadmap.yml", "easy_read: We want everyone to be safe.\n")
        append(data / "goals/safe-at-home.yml",
               "scrutiny_questions:\n  - Are plans reviewed on time?\n")
        if name == "plain":
            _set(data, "vocabulary:", "vocabulary: plain")
            append(data / "roadmap.yml", "words:\n  service_change: What changes for tenants\n")
        run_build(out / name, data)
        sites[name] = out / name
    return sites


def _page(site: Path, *parts: str) -> str:
    return (site.joinpath(*parts) / "index.html").read_text("utf-8")


def _service_page(site: Path) -> str:
    return next(p.read_text("utf-8") for p in (site / "services").glob("*/index.html"))


@pytest.mark.build
def test_the_childrens_vocabulary_says_what_the_pages_said_before(built):
    site = built["children"]
    assert "<h2>What changes for families</h2>" in _service_page(site)
    assert "<p>It tells you what we want for children and families.</p>" in _page(
        site, "easy-read")
    brief = _page(site, "councillors")
    assert "<dt>You are a corporate parent</dt>" in brief
    assert "Set in law by the Children Act 1989 and the Children Act 2004." in brief


@pytest.mark.build
def test_a_plain_road_map_says_its_own_words_and_no_duties_it_did_not_write(built):
    site = built["plain"]
    assert "<h2>What changes for tenants</h2>" in _service_page(site)
    assert "<p>It tells you what we want for people.</p>" in _page(site, "easy-read")
    brief = _page(site, "councillors")
    assert "Your duties" not in brief and "corporate parent" not in brief
    assert "Children Act" not in brief and "At the meeting" in brief


@pytest.mark.build
def test_the_example_site_reads_as_it_did_with_the_childrens_words(example_site):
    assert "<h2>What changes for families</h2>" in _service_page(example_site)
    assert "<p>It tells you what we want for children and families.</p>" in _page(
        example_site, "easy-read")
    assert "These accounts, told by families and young people, show what changed for them." \
        in _page(example_site, "stories")
    brief = _page(example_site, "councillors")
    assert "<dt>You are a corporate parent</dt>" in brief
    assert "<dt>Keeping children safe</dt>" in brief
    assert "<p>Children, young people and families told us their stories." in _page(
        example_site, "young-people")
