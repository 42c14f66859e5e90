"""The strict loader: one case per problem code, asserting the exact message and location."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goldenthread.problems import Problem
from goldenthread.read.loader import INVALID, MAX_BYTES, YFloat, YInt, load_file, load_text


def load(text: str):
    problems: list[Problem] = []
    loaded = load_text("data/x.yml", text, problems)
    return loaded, [str(p) for p in problems]


def test_plain_values_follow_yaml_1_2_not_1_1():
    loaded, problems = load(
        "a: NO\nb: yes\nc: on\nd: off\ne: 12:30\nf: 1.10\ng: true\nh: False\ni: ~\nj: 2012\n"
    )
    assert problems == []
    data = loaded.data
    assert data["a"] == "NO" and data["b"] == "yes" and data["c"] == "on" and data["d"] == "off"
    assert data["e"] == "12:30"
    assert isinstance(data["f"], YFloat) and data["f"].raw == "1.10"
    assert data["g"] is True and data["h"] is False and data["i"] is None
    assert isinstance(data["j"], YInt) and data["j"] == 2012 and data["j"].raw == "2012"


def test_numbers_as_keys_keep_how_they_were_written():
    loaded, problems = load("series:\n  1.10: 4\n  2011: 5\n")
    assert problems == []
    assert list(loaded.data["series"]) == ["1.10", "2011"]


def test_dates_only_as_yyyy_mm_dd():
    loaded, problems = load("a: 2026-02-03\nb: 2026-2-3\nc: 2026-02-03T10:00:00\n")
    assert problems == []
    assert loaded.data == {"a": date(2026, 2, 3), "b": "2026-2-3", "c": "2026-02-03T10:00:00"}


def test_text_is_normalised_to_nfc():
    decomposed = "cafe\u0301"
    loaded, _ = load(f"a: {decomposed}\n")
    assert loaded.data["a"] == "caf\u00e9"


def test_every_value_and_key_keeps_its_line_and_column():
    loaded, _ = load("title: Hello\nlist:\n  - one\n  - two\nblock:\n  inner: 5\n")
    assert str(loaded.values[("title",)]) == "data/x.yml:1:8"
    assert str(loaded.values[("list", 1)]) == "data/x.yml:4:5"
    assert str(loaded.keys[("block", "inner")]) == "data/x.yml:6:3"
    assert str(loaded.where(("block", "inner", "missing"))) == "data/x.yml:6:3"


def test_duplicate_key_cites_both_lines():
    _, problems = load("title: One\nsummary: x\ntitle: Two\n")
    assert problems == [
        "data/x.yml:3:1: 'title' appears twice in this block (lines 1 and 3); keep one and "
        "delete the other [duplicate-key]"
    ]


def test_impossible_date():
    loaded, problems = load("review_by: 2026-02-30\n")
    assert problems == [
        "data/x.yml:1:12: '2026-02-30' is not a real date; write a date that exists, as "
        "YYYY-MM-DD [bad-date]"
    ]
    assert loaded.data["review_by"] is INVALID


def test_leading_zero_number_is_ambiguous():
    _, problems = load("code: 010\n")
    assert problems == [
        "data/x.yml:1:7: '010' could be read as a number in two ways; write it without the "
        "leading zero, or in quotes (\"010\") if it is text [ambiguous-value]"
    ]


def test_anchor_and_alias_are_rejected():
    _, problems = load("a: &name [1, 2]\nb: *name\n")
    assert problems == [
        "data/x.yml:1:4: anchors (&name) are not allowed; write each value out in full [alias]",
        "data/x.yml:2:1: this value repeats another part of the file with an alias (*name); "
        "write it out in full instead [alias]",
    ]


def test_alias_bomb_is_rejected_without_expanding():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    loaded, problems = load("\n".join(lines) + "\n")
    assert all(p.endswith("[alias]") for p in problems)
    assert len(problems) == 9 + 8 * 9  # each anchor, each alias use; nothing expanded
    assert loaded.data["a8"] == [INVALID] * 9


def test_merge_key_is_rejected():
    _, problems = load("base:\n  a: 1\nitem:\n  <<: {a: 2}\n")
    assert problems == [
        "data/x.yml:4:3: merge keys (<<) are not allowed; write the fields out in full [alias]"
    ]


def test_python_tag_is_rejected():
    loaded, problems = load("a: !!python/object/apply:os.system [echo hi]\n")
    assert problems == [
        "data/x.yml:1:4: the tag '!!python/object/apply:os.system' is not allowed; remove it "
        "and write a plain value [bad-tag]"
    ]
    assert loaded.data["a"] is INVALID


def test_nesting_deeper_than_50_is_rejected():
    text = "a: " + "[" * 60 + "]" * 60 + "\n"
    _, problems = load(text)
    assert problems == [
        "data/x.yml:1:54: blocks are nested more than 50 levels deep; flatten the data [too-deep]"
    ]


def test_empty_file():
    _, problems = load("# only a comment\n")
    assert problems == ["data/x.yml:1:1: this file is empty; add its fields or delete it "
                        "[empty-file]"]


def test_tab_is_reported_and_the_rest_still_read():
    loaded, problems = load("title: ok\nowner:\tHead of Service\nwhen: 2026-13-01\n")
    assert problems == [
        "data/x.yml:2:7: a tab character; YAML needs spaces: replace the tab with spaces [tab]",
        "data/x.yml:3:7: '2026-13-01' is not a real date; write a date that exists, as "
        "YYYY-MM-DD [bad-date]",
    ]
    assert loaded.data["owner"] == "Head of Service"


def test_syntax_error_has_line_column_and_hint():
    _, problems = load("title: Safety: our first goal\n")
    assert problems == [
        "data/x.yml:1:14: this is not valid YAML (mapping values are not allowed in this "
        "context): put text containing ': ' in quotes [yaml-syntax]"
    ]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_shown_where_it_opened(quote):
    # Not at the end of the file, where the YAML reader noticed it.
    _, problems = load(f"summary: x\ntitle: {quote}Safe at home\nowner: y\norder: 1\n")
    assert problems == [
        "data/x.yml:2:8: this is not valid YAML: the quote opened here is not closed; add the "
        "same quote mark at the end of the text [yaml-syntax]"]


def test_two_documents_in_one_file():
    _, problems = load("a: 1\n---\nb: 2\n")
    assert problems == [
        "data/x.yml:2:1: this is not valid YAML (but found another document): a file holds "
        "one document: remove the extra '---' [yaml-syntax]"
    ]


def test_non_finite_numbers_are_read_as_numbers_for_the_model_to_refuse():
    loaded, problems = load("a: .nan\nb: -.inf\n")
    assert problems == []
    assert loaded.data["a"] != loaded.data["a"]  # NaN
    assert loaded.data["b"] == float("-inf")


def test_invalid_utf8_gives_line_and_column(tmp_path: Path):
    file = tmp_path / "x.yml"
    file.write_bytes("title: Caf\u00e9 one\nsummary: caf".encode() + b"\xe9 two\n")
    problems: list[Problem] = []
    loaded = load_file(file, "data/x.yml", problems)
    assert [str(p) for p in problems] == [
        "data/x.yml:2:13: this file is not UTF-8 text (a character here cannot be read, often "
        "a curly quote or dash pasted from Word); retype it, or save the file as UTF-8 "
        "[bad-encoding]"
    ]
    assert loaded.data["title"] == "Caf\u00e9 one"


def test_byte_order_mark_is_ignored(tmp_path: Path):
    file = tmp_path / "x.yml"
    file.write_bytes(b"\xef\xbb\xbftitle: ok\n")
    problems: list[Problem] = []
    assert load_file(file, "data/x.yml", problems).data == {"title": "ok"}
    assert problems == []


def test_file_over_one_megabyte(tmp_path: Path):
    file = tmp_path / "x.yml"
    file.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    problems: list[Problem] = []
    assert load_file(file, "data/x.yml", problems).data is INVALID
    assert [str(p) for p in problems] == [
        "data/x.yml:1:1: this file is 1,000,004 bytes, over the 1,000,000-byte limit; split "
        "it into smaller files [file-too-large]"
    ]


def _codes_in_source() -> set[str]:
    """Every problem code the core can report: the third argument of each Problem(...)
    and each '[code] ' prefix a model rule names, read from the source, not from CODES."""
    import ast
    import re

    from .conftest import ROOT

    found: set[str] = set()
    for path in (ROOT / "goldenthread").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem":
                found.update(a.value for a in node.args[2:3]
                             if isinstance(a, ast.Constant) and isinstance(a.value, str))
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "problem":
                found.update(a.value for a in node.args[-1:]
                             if isinstance(a, ast.Constant) and isinstance(a.value, str))
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named = re.match(r"\[([a-z]+(?:-[a-z]+)*)\] ", node.value)
                if named:
                    found.add(named.group(1))
    return found


def test_every_code_the_core_reports_is_in_the_closed_list_with_a_meaning():
    from goldenthread.problems import CODES

    used = _codes_in_source()
    assert {"duplicate-key", "bad-date", "alias", "tab", "yaml-syntax", "symlink",
            "control-character", "bidi-text", "invisible-text"} <= used
    assert sorted(used - set(CODES)) == []
    assert all(CODES[code][1] for code in used)


@pytest.mark.parametrize("value", [
    "", "~", "null", "Null", "NULL", "nil", "true", "True", "TRUE", "tRUE", "false", "yes",
    "0", "-0", "+12", "007", "0x1F", "0o17", "0b1", "1_000", "12", "1.5", ".5", "-.5", "1e3",
    "1.2e-3", ".inf", "-.Inf", ".NaN", "2012-12-31", "2012-1-3", "12:30", "<<", "<", "abc",
    "- x", ".", "-", "+", "1.2.3", "0.", "1.10"])
@pytest.mark.parametrize("plain", [True, False])
def test_the_quick_resolver_gives_the_tags_of_pyyamls_own(value, plain):
    """StrictLoader.resolve skips PyYAML's path and catch-all resolvers, which it never
    has: it must give the tag PyYAML's own resolver would, for every kind of value, plain
    or quoted."""
    from yaml import MappingNode, ScalarNode, SequenceNode
    from yaml.resolver import BaseResolver

    from goldenthread.read.yaml_rules import StrictLoader

    loader = StrictLoader("")
    try:
        for kind in (ScalarNode, SequenceNode, MappingNode):
            ours = loader.resolve(kind, value, (plain, not plain))
            assert ours == BaseResolver.resolve(loader, kind, value, (plain, not plain))
    finally:
        loader.dispose()


def test_locations_are_found_when_asked_for_and_agree_with_the_text():
    """Where each value was written is worked out on the first question, from the text
    read (a clean file never asks); it must give the same lines and columns as the
    text, for values, list entries and field names, in a file with an anchor (aliases
    looked for) and without."""
    for anchor in ("", "&a "):
        loaded, problems = load(f"title: {anchor}Hello\nlist:\n  - one\n  - two\n"
                                "block:\n  inner: 3\n")
        # An anchor is refused, but the file is still read, and its locations found.
        assert [p.endswith("[alias]") for p in problems] == ([True] if anchor else [])
        assert loaded._values is None  # nothing worked out before the first question
        assert str(loaded.where(("title",))) == "data/x.yml:1:8"
        assert str(loaded.where(("list", 1))) == "data/x.yml:4:5"
        assert str(loaded.where(("block", "inner"), prefer_key=True)) == "data/x.yml:6:3"
        assert str(loaded.where(("block", "inner"))) == "data/x.yml:6:10"


def test_numbers_python_would_show_otherwise_keep_how_they_were_written():
    """The values are dropped once validated (the records hold them); what the checks on
    figures quote is kept: how a number was written, where Python would show it
    otherwise.  A number that is a field name is text, not noted."""
    loaded, problems = load("a: 1.10\nb: 5\nc: 123456789012345678901\nd: [2.5, 1e3]\n"
                            "series:\n  2011: 4.0\n")
    assert problems == []
    assert loaded.numbers == {("a",): "1.10", ("c",): "123456789012345678901",
                              ("d", 1): "1e3", ("series", "2011"): "4.0"}


def test_a_road_map_read_keeps_no_values_twice():
    """Read from a folder, each file's values are dropped once validated (the records
    hold them); where each value was written can still be found."""
    from goldenthread.read.data_folder import read_roadmap

    from .conftest import EXAMPLE_DATA

    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    assert roadmap is not None and roadmap.sources
    assert all(loaded.data is None for loaded in roadmap.sources.values())
    assert roadmap.where("file", "roadmap.yml", "title").line > 1
