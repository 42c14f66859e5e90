"""goldenthread.derive.memo: results remembered for this run and the one before, no more;
and the checks that use it give the same problems after an edit as on a first run."""

from __future__ import annotations

from datetime import date

import pytest

from goldenthread.check.pipeline import check_roadmap
from goldenthread.derive import reader_text
from goldenthread.derive.memo import IdentityMemo, Memo, forget_all, keep_results, keeping
from goldenthread.publish.open_data import document_bytes, json_bytes
from goldenthread.publish.open_data_json import roadmap_document
from goldenthread.site import load_site_data

from .conftest import EXAMPLE_DATA


@pytest.fixture(autouse=True)
def _kept():
    """Memos on, as the preview turns them on; off again after."""
    keep_results(True)
    yield
    keep_results(False)


def test_memos_are_off_unless_turned_on_and_then_keep_nothing_from_run_to_run():
    calls: list[str] = []
    memo = Memo(lambda text: calls.append(text) or text)
    keep_results(False)  # one build or one check: each text worked out once per run
    memo.new_run()
    assert not keeping() and memo("a") == "a" and memo("a") == "a" and calls == ["a"]
    memo.new_run()  # nothing carried into the next run
    assert len(memo) == 0 and memo("a") == "a" and calls == ["a", "a"]
    forget_all()  # as the end of a check does
    assert len(memo) == 0
    keep_results(True)
    memo("a")
    memo("a")
    assert calls == ["a", "a", "a"] and len(memo) == 1
    memo.new_run()
    assert memo("a") == "a" and calls == ["a", "a", "a"]  # on: carried into the next run
    keep_results(False)  # and what was kept is forgotten
    assert len(memo) == 0


def test_a_memo_works_a_key_out_once_and_forgets_what_a_run_did_not_use():
    calls: list[str] = []
    memo = Memo(lambda text: calls.append(text) or text.upper())
    assert memo("a") == "A" and memo("a") == "A" and memo("b") == "B"
    assert calls == ["a", "b"]
    memo.new_run()
    assert memo("a") == "A" and calls == ["a", "b"]  # from the run before
    memo.new_run()
    assert memo("a") == "A" and calls == ["a", "b"]
    assert memo("b") == "B" and calls == ["a", "b", "b"]  # not used last run: forgotten
    assert len(memo) == 2


def test_a_memo_forgets_everything_when_what_its_results_depend_on_changes():
    """The internal titles and the words to avoid: a text's result depends on them too,
    so a run with others forgets every result (kept or not, the function is given them)."""
    calls: list[tuple[str, str]] = []
    memo = Memo(lambda text, suffix: calls.append((text, suffix)) or text + suffix)
    memo.new_run("!")
    assert memo("a") == "a!" and memo("a") == "a!" and calls == [("a", "!")]
    memo.new_run("!")
    assert memo("a") == "a!" and calls == [("a", "!")]  # the same: kept
    memo.new_run("?")
    assert memo("a") == "a?" and calls == [("a", "!"), ("a", "?")]  # other: worked out again
    memo.new_run("!")
    assert memo("a") == "a!" and len(calls) == 3  # the run before "?" is forgotten too
    keep_results(False)
    assert memo("b") == "b!" and calls[-1] == ("b", "!")


def test_an_identity_memo_knows_an_object_only_while_it_is_the_same_object():
    calls: list[object] = []

    def texts(value: list, label: str) -> str:
        calls.append(value)
        return f"{label}: {len(value)}"

    memo = IdentityMemo(texts)
    one, other = ["x"], ["x"]  # equal, but not the same object
    assert memo(one, "a") == "a: 1" and memo(one, "a") == "a: 1" and calls == [one]
    assert memo(other, "a") == "a: 1" and len(calls) == 2
    assert memo(one, "b") == "b: 1" and len(calls) == 3  # other arguments, another result


def _edit(path, old: str, new: str) -> None:  # noqa: ANN001
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_after_edits_the_checks_find_what_a_first_run_finds(data_copy, monkeypatch):
    # A preview runs the checks again after each edit with what the last run remembered.
    data = data_copy(EXAMPLE_DATA)
    check_roadmap(data)
    _edit(data / "services" / "care-panel.yml", "name: CARE panel",
          "name: CARE panel, ring 07700 900123, New Operating Model, Move social care teams "
          "to new offices without disrupting work with families, and QQX")
    check_roadmap(data)
    # The same text, but what it is checked against changed: the glossary's terms to
    # avoid, and the internal title it repeated.
    _edit(data / "glossary.yml", "      - NOM\n", "      - NOM\n      - CARE panel\n")
    _edit(data / "actions" / "office-moves-without-disruption.yml", "title: Move social care",
          "title: Relocate social care")
    warm = [str(p) for p in check_roadmap(data)[1]]
    # The same data, nothing remembered.
    forget_all()
    monkeypatch.setattr(reader_text, "_walked", {})
    cold = [str(p) for p in check_roadmap(data)[1]]
    assert warm == cold
    found = "\n".join(warm)
    assert "phone number '07700 900123'" in found
    assert "'CARE panel' in 'name' is jargon" in found and "'New Operating Model'" in found
    assert "[internal-title]" not in found  # that action's title is no longer repeated
    assert "the abbreviation 'QQX' in 'name'" in found


def test_forget_all_forgets_every_memo():
    calls: list[str] = []
    memo = Memo(lambda text: calls.append(text) or text)
    memo("a")
    forget_all()
    memo("a")
    assert calls == ["a", "a"]


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_checks_of_each_audience_do_not_mix(data_copy, audience):
    data = data_copy(EXAMPLE_DATA)
    _edit(data / "services" / "care-panel.yml", "name: CARE panel", "name: CARE panel TBC")
    other = "internal" if audience == "public" else "public"
    first = [str(p) for p in check_roadmap(data, audience=audience)[1]]
    check_roadmap(data, audience=other)
    assert [str(p) for p in check_roadmap(data, audience=audience)[1]] == first
    assert any("still says 'TBC'" in line for line in first)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_roadmap_json_from_remembered_items_is_json_dumps_byte_for_byte(data_copy, audience):
    data = data_copy(EXAMPLE_DATA)
    built = date(2012, 12, 31)

    def both() -> tuple[bytes, bytes]:
        roadmap = load_site_data(data, audience).views.roadmap
        return (json_bytes(roadmap_document(roadmap, audience, built)),
                document_bytes(roadmap_document(roadmap, audience, built, encoded=True)))

    plain, remembered = both()
    assert plain == remembered and b'"indicators": [' in plain
    # An edit: the item's text is written again, the others' are remembered.
    _edit(data / "indicators" / "agency-social-workers.yml", "2011-12: 11.4", "2011-12: 9.4")
    plain, remembered = both()
    assert plain == remembered and b"9.4" in plain


def test_a_check_with_memos_off_keeps_no_result_after_it_ends():
    """Off (one build, one check), a text's result is kept only while its check runs: a
    full build's memory is not spent on results no later run will read."""
    from goldenthread.derive import memo as memo_module

    keep_results(False)
    check_roadmap(EXAMPLE_DATA, audience="public")
    assert {type(m).__name__: len(m) for m in memo_module._ALL if len(m)} == {}
    assert reader_text._walked == {}  # nor the texts walked
    from goldenthread.check.registry import _WORD_LISTS

    # CMUdict's syllables; the names dictionary, its frequencies and the everyday names;
    # the familiar, English and dictionary words (the name guard reads a name in capitals
    # or lower case only when it is not an everyday word)
    assert sorted(f.__name__ for f in _WORD_LISTS) == [
        "_syllable_shapes", "dictionary_names", "dictionary_words", "english_words",
        "everyday_names", "familiar_words", "name_frequencies"]
    assert [f.cache_info().currsize for f in _WORD_LISTS] == [0] * 7  # nor dictionaries
    keep_results(True)
    check_roadmap(EXAMPLE_DATA, audience="public")
    assert any(len(m) for m in memo_module._ALL if type(m) is Memo)  # on: kept
    assert reader_text._walked != {}
    assert sum(f.cache_info().currsize for f in _WORD_LISTS) > 0  # the example loads some
