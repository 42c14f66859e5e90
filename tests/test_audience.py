"""The audience filter: public is an allow-list, applied to every kind by walking the model.

No site is built here (see test_leak.py for that): these tests read data in-process.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Literal

import pytest

from goldenthread.check.pipeline import check_roadmap
from goldenthread.derive.audience import for_audience
from goldenthread.derive.public_filter import (
    has_visibility,
    is_public,
    model_classes,
    public_only,
    unfilterable_fields,
    walk_records,
)
from goldenthread.derive.reader_text import text_fields
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.field_types import Strict
from goldenthread.read.kinds import ITEM_KINDS, SINGLE_FILES

from .canary_data import TOKEN_RE, classify, generate, tokens_in
from .check_helpers import line_of
from .conftest import MINIMAL

ROOTS = [model for model, _ in ITEM_KINDS.values()] + list(SINGLE_FILES.values())
_EMPTY, _ = read_roadmap(MINIMAL)


def _errors(data: Path, audience: str = "public") -> list[str]:
    _, problems = check_roadmap(data, audience=audience)
    return [str(p) for p in problems if p.severity == "error"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- a missing or mistyped visibility is an error with file and line, in both builds ----

MISTYPED = {
    "Internal": (
        "visibility: Internal",
        ["roadmap_data/goals/help-early.yml:{vis}:13: goal 'help-early': 'visibility' must be one "
         "of: public, internal (not 'Internal') — did you mean 'internal'? [bad-choice]"]),
    "INTERNAL": (
        "visibility: INTERNAL",
        ["roadmap_data/goals/help-early.yml:{vis}:13: goal 'help-early': 'visibility' must be one "
         "of: public, internal (not 'INTERNAL') — did you mean 'internal'? [bad-choice]"]),
    "[internal]": (
        "visibility: [internal]",
        ["roadmap_data/goals/help-early.yml:{vis}:13: goal 'help-early': 'visibility' must be one "
         "of: public, internal (not a list): write it without brackets, as 'internal' "
         "[bad-choice]"]),
    "visiblity:": (
        "visiblity: internal",
        ["roadmap_data/goals/help-early.yml:{start}:1: goal 'help-early': 'visibility' is missing: "
         "add a line 'visibility: …' (Who may read this: 'public' (published on the public "
         "site and the intranet) or 'internal' (intranet only). Only items marked public are "
         "ever published.) [missing-field]",
         "roadmap_data/goals/help-early.yml:{vis}:1: goal 'help-early': 'visiblity' is not a field "
         "the road map knows — did you mean 'visibility'? [unknown-key]"]),
    "missing": (
        "",
        ["roadmap_data/goals/help-early.yml:{start}:1: goal 'help-early': 'visibility' is missing: "
         "add a line 'visibility: …' (Who may read this: 'public' (published on the public "
         "site and the intranet) or 'internal' (intranet only). Only items marked public are "
         "ever published.) [missing-field]"]),
}


def _first_line(path: Path, text: str) -> int:
    """The 1-based number of the first line of ``path`` that starts with ``text``."""
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(text))


def _read_errors(data: Path) -> list[str]:
    """Errors from reading and validating (the same for both audiences: they stop both)."""
    _, problems = read_roadmap(data)
    return [str(p) for p in problems if p.severity == "error"]


@pytest.mark.parametrize("form", list(MISTYPED))
def test_a_mistyped_visibility_on_an_item_is_an_error(data_copy, form):
    data = data_copy()
    line, expected = MISTYPED[form]
    goal = data / "goals" / "help-early.yml"
    # Where the lines are in the fixture, found rather than written in.
    where = {"vis": line_of(goal, "visibility: public"), "start": line_of(goal, "title:")}
    _edit(goal, "visibility: public", line)
    assert _read_errors(data) == [e.format(**where) for e in expected]


def test_a_mistyped_visibility_on_an_entry_is_an_error(data_copy):
    data = data_copy()
    glossary_line = _first_line(data / "glossary.yml", "    visibility: public")
    entry_line = _first_line(data / "roadmap.yml", "  - title:")
    visibility_line = _first_line(data / "roadmap.yml", "    visibility: public")
    _edit(data / "glossary.yml", "    visibility: public", "    visibility: Internal")
    _edit(data / "roadmap.yml", "    visibility: public", "    visiblity: internal")
    assert _read_errors(data) == [
        f"roadmap_data/glossary.yml:{glossary_line}:17: glossary.yml: 'visibility' must be one "
        "of: public, internal (not 'Internal') — did you mean 'internal'? [bad-choice]",
        f"roadmap_data/roadmap.yml:{entry_line}:5: roadmap.yml: 'visibility' is missing: add a "
        "line "
        "'visibility: …' (Who may read this: 'public' (published on the public site and the "
        "intranet) or 'internal' (intranet only). Only items marked public are ever "
        "published.) [missing-field]",
        f"roadmap_data/roadmap.yml:{visibility_line}:5: roadmap.yml: 'visiblity' is not a field "
        "the road map "
        "knows — did you mean 'visibility'? [unknown-key]",
    ]


# -- the filter covers every kind by construction -------------------------------------

def test_every_item_kind_must_say_who_may_read_it():
    for model in (model for model, _ in ITEM_KINDS.values()):
        field = model.model_fields.get("visibility")
        assert field is not None and field.is_required(), model.__name__
        assert set(typing.get_args(field.annotation)) == {"public", "internal"}, model.__name__


def test_every_visibility_field_is_required_and_only_public_or_internal():
    with_visibility = [m for m in model_classes(ROOTS) if "visibility" in m.model_fields]
    assert len(with_visibility) >= len(ITEM_KINDS)
    for model in with_visibility:
        field = model.model_fields["visibility"]
        assert field.is_required(), f"{model.__name__}.visibility has a default"
        assert set(typing.get_args(field.annotation)) <= {"public", "internal"}


def test_every_record_with_a_visibility_can_be_dropped_by_the_filter():
    """A single required record with its own visibility could not be removed: forbidden."""
    assert unfilterable_fields(ROOTS) == []


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The canary road map (see canary_data.py), read in-process."""
    data = tmp_path_factory.mktemp("planted") / "roadmap_data"
    generate(MINIMAL, data)
    roadmap, problems = read_roadmap(data)
    assert roadmap is not None and not [p for p in problems if p.severity == "error"]
    return roadmap


def test_the_public_road_map_holds_only_public_records(planted):
    public = for_audience(planted, "public")
    records = list(walk_records(public))
    assert records, "the filter kept nothing"
    assert [r for r in records if has_visibility(r) and not is_public(r)] == []
    assert all(loaded.data is None for loaded in public.sources.values())
    assert {key for key in public.sources if key[0] != "file"} == {
        (label, item_id) for folder, (_, label) in ITEM_KINDS.items()
        for item_id in getattr(public, folder.replace("-", "_"))}
    for name in ("goals", "priorities", "services", "indicators", "actions", "partner_plans"):
        assert getattr(public, name), f"the public {name} were dropped"
        assert all(is_public(r) for r in getattr(public, name).values())


def test_no_internal_token_survives_the_public_filter(planted):
    internal = {t for t, public in classify(planted).items() if not public}
    assert len(internal) >= 60
    left = tokens_in(repr(for_audience(planted, "public")))
    assert sorted(left & internal) == []


def test_the_intranet_road_map_is_the_whole_road_map(planted):
    assert for_audience(planted, "internal") is planted
    assert set(TOKEN_RE.findall(repr(planted))) >= set(classify(planted))


def test_the_public_text_walked_is_exactly_the_text_of_the_public_road_map(planted):
    from_walk = {piece.text for piece in text_fields(planted, "public", prose_only=False)}
    filtered = for_audience(planted, "public")
    from_filter = set()
    for record in walk_records(filtered):
        for name in type(record).model_fields:
            value = getattr(record, name)
            values = value if isinstance(value, list | tuple) else [value]
            from_filter |= {v for v in values if isinstance(v, str)}
    assert from_walk == from_filter


def test_an_unknown_audience_is_refused(planted):
    with pytest.raises(ValueError, match="unknown audience 'everyone'"):
        for_audience(planted, "everyone")  # type: ignore[arg-type]


# -- a public item may not refer to an internal one ------------------------------------

def test_a_public_item_referring_to_an_internal_one_is_an_error_in_the_public_build(data_copy):
    data = data_copy()
    _edit(data / "goals" / "safe-at-home.yml", "visibility: public", "visibility: internal")
    _edit(data / "partner-plans" / "cypp.yml", "visibility: public", "visibility: internal")
    refs = "which the public site does not show"
    at = {  # where each reference to the now-internal items is written in the fixture
        "acc": line_of(data / "accountabilities.yml", "goal: safe-at-home"),
        "goal": line_of(data / "goals" / "help-early.yml", "- cypp/"),
        "ind": line_of(data / "indicators" / "re-referrals.yml", "safe-at-home"),
        "pri": line_of(data / "priorities" / "simple-road-map.yml", "safe-at-home"),
        "svc": line_of(data / "services" / "early-help.yml", "goal: safe-at-home"),
    }
    assert [e for e in _errors(data) if refs in e] == [
        f"roadmap_data/accountabilities.yml:{at['acc']}:11: accountabilities.yml: this public "
        "item refers to the internal goal 'safe-at-home', which the public site does not "
        "show; make that goal public, or this item internal [internal-ref]",
        f"roadmap_data/goals/help-early.yml:{at['goal']}:5: goal 'help-early': this public "
        "item refers to the internal partner plan 'cypp', which the public site does not "
        "show; make that partner plan public, or this item internal [internal-ref]",
        f"roadmap_data/indicators/re-referrals.yml:{at['ind']}:9: indicator 're-referrals': "
        "this public item refers to the internal goal 'safe-at-home', which the public site "
        "does not show; make that goal public, or this item internal [internal-ref]",
        f"roadmap_data/priorities/simple-road-map.yml:{at['pri']}:9: priority "
        "'simple-road-map': this public item refers to the internal goal 'safe-at-home', "
        "which the public site does not show; make that goal public, or this item internal "
        "[internal-ref]",
        f"roadmap_data/services/early-help.yml:{at['svc']}:11: service 'early-help': this "
        "public item refers to the internal goal 'safe-at-home', which the public site does "
        "not show; make that goal public, or this item internal [internal-ref]",
    ]
    assert [e for e in _errors(data, "internal") if "[internal-ref]" in e] == []


def test_an_internal_item_may_refer_to_anything(data_copy):
    data = data_copy()
    _edit(data / "services" / "early-help.yml", "visibility: public", "visibility: internal")
    _edit(data / "actions" / "publish-road-map.yml", "visibility: public", "visibility: internal")
    assert [e for e in _errors(data) if "[internal-ref]" in e] == []


# -- kinds added later are covered: shown with made-up models --------------------------

class _Note(Strict):
    text: str
    visibility: Literal["public", "internal"]


class _Item(Strict):
    title: str
    note: _Note | None = None
    notes: list[_Note] = []
    by_id: dict[str, _Note] = {}
    visibility: Literal["public", "internal"]


class _Careless(Strict):
    note: _Note
    visibility: Literal["public", "internal"]


def test_nested_records_of_any_shape_are_filtered():
    public, internal = _Note(text="p", visibility="public"), _Note(text="i", visibility="internal")
    item = _Item(title="t", note=internal, notes=[public, internal],
                 by_id={"a": internal, "b": public}, visibility="public")
    kept = public_only(dataclasses.replace(_EMPTY, goals={"x": item, "y": item.model_copy(
        update={"visibility": "internal"})}))
    assert kept.goals == {"x": _Item(title="t", note=None, notes=[public], by_id={"b": public},
                                     visibility="public")}


def test_a_required_single_record_with_its_own_visibility_is_reported():
    assert unfilterable_fields([_Careless, _Item]) == ["_Careless.note"]
    with pytest.raises(TypeError, match="_Careless.note holds a non-public record"):
        public_only(dataclasses.replace(_EMPTY, goals={"x": _Careless(
            note=_Note(text="i", visibility="internal"), visibility="public")}))


def test_top_level_records_without_a_visibility_are_never_public():
    class _Officer(Strict):
        name: str

    kept = public_only(dataclasses.replace(_EMPTY, officers=(_Officer(name="A. Example"),)))
    assert kept.officers == ()


def test_blockages_and_officers_never_survive_the_public_filter_whatever_they_say():
    # The example's blockages with one set to public (an error, [public-blockage], but the
    # filter must not depend on that check) and its named officers.
    from .conftest import EXAMPLE_DATA

    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    blockage_id, blockage = next(iter(roadmap.blockages.items()))
    public_blockage = blockage.model_copy(update={"visibility": "public"})
    roadmap = dataclasses.replace(roadmap, blockages={blockage_id: public_blockage})
    assert roadmap.officers  # the example names officers, for the intranet only
    public = for_audience(roadmap, "public")
    assert public.blockages == {}
    assert public.officers == ()
    internal = for_audience(roadmap, "internal")
    assert internal.blockages == {blockage_id: public_blockage}
