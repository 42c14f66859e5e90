"""Tests that kill mutants which survived the rest of the suite (see README, "Mutation
testing").  Each docstring names the mutation it kills; every one was checked by applying
that mutation by hand and seeing the test fail.  No test depends on today's date."""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Literal, Optional

import pytest
from pydantic import Field

from goldenthread.check.personal_data import contacts_in
from goldenthread.derive.escalation import blockage_state, blockage_states, escalation_rules
from goldenthread.derive.public_filter import model_classes, public_only, unfilterable_fields
from goldenthread.derive.trend import (
    current_target,
    direction,
    england_comparison,
    meets,
    shown_value,
    status,
    suppressed,
    trend_sentence,
)
from goldenthread.history.changes import Version, markdown_escape, summary
from goldenthread.history.compare import compare
from goldenthread.publish import swap
from goldenthread.publish.link_check import check_site
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.field_types import Strict
from goldenthread.read.loader import INVALID, load_text
from goldenthread.read.models import Indicator
from goldenthread.read.staff_models import Blockage
from goldenthread.read.vocabulary import shipped
from goldenthread.site import load_site_data

from .check_helpers import append, messages
from .conftest import MINIMAL
from .publish_helpers import refuse_internal, site_folder

TODAY = date(2026, 11, 20)  # the minimal fixture's as_at


def _minimal():
    roadmap, problems = read_roadmap(MINIMAL)
    assert roadmap is not None, problems
    return roadmap


# -- loading ------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["0x1A", "0o17", "0X1a", "-0x1A", "0b101"])
def test_hex_octal_and_binary_scalars_are_flagged_not_read_as_text(written):
    """Kills the mutants of the ambiguous-number pattern in read/yaml_rules.py (the pattern
    upper- or lower-cased, or wrapped in 'XX'), under which ``0x1A`` and ``0o17`` no longer
    match and are read as the text '0x1A' / '0o17'."""
    problems: list = []
    loaded = load_text("data/x.yml", f"code: {written}\n", problems)
    assert loaded.data["code"] is INVALID
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("ambiguous-value", 1, 7)]
    assert f"'{written}' could be read as a number in two ways" in problems[0].message


# -- the public filter ---------------------------------------------------------------------

class _Leaf(Strict):
    text: str
    visibility: Literal["public", "internal"]


class _InAnnotated(Strict):
    text: str


class _InList(Strict):
    text: str


class _InDict(Strict):
    text: str


class _InOptional(Strict):
    text: str


class _InTuple(Strict):
    text: str


class _InNested(Strict):
    text: str


class _Shapes(Strict):
    required: Annotated[_Leaf, Field(description="a single record, required")]
    optional: _Leaf | None = None
    listed: list[_Leaf]
    either: _Leaf | _InAnnotated
    a: Annotated[_InAnnotated, Field(description="x")]
    b: list[_InList]
    c: dict[str, _InDict]
    d: _InOptional | None = None
    e: Optional[tuple[_InTuple, ...]] = None  # noqa: UP045 (typing.Union on purpose)
    # pydantic unwraps a field's own Annotated, but not one inside a list or a union.
    g: list[Annotated[_InNested, "a note"]]
    h: Annotated[_Leaf, "a note"] | _InList


def test_model_classes_follow_annotated_union_and_container_fields():
    """Kills the mutants of public_filter._inner_types (``origin = None``, ``get_args(None)``,
    ``get_args(annotation)[1]`` for Annotated, ``_inner_types(None)`` in a union or a
    container) and of model_classes (``_inner_types(None)``): every model reachable through
    any shape of field is found, so none escapes the public filter's tests."""
    assert [m.__name__ for m in model_classes([_Shapes])] == [
        "_InAnnotated", "_InDict", "_InList", "_InNested", "_InOptional", "_InTuple", "_Leaf",
        "_Shapes"]


def test_unfilterable_fields_are_the_required_single_records_only():
    """Kills ``inside or optional`` -> ``inside and optional`` and the other _inner_types
    mutants as unfilterable_fields sees them: a required record with its own visibility,
    written plainly, through Annotated or in a union without None, cannot be dropped; an
    optional one or one in a list can."""
    assert unfilterable_fields([_Shapes]) == ["_Shapes.required", "_Shapes.either", "_Shapes.h"]


def test_the_public_road_map_keeps_the_sources_of_its_files_and_public_items():
    """Kills ``kind == "file"`` -> ``kind == "XXfileXX"`` / ``"FILE"`` in
    public_filter._public_sources: the single files' locations stay (so checks of the
    public road map still point at roadmap.yml), an internal item's go, raw data goes."""
    roadmap = _minimal()
    goal = roadmap.goals["help-early"].model_copy(update={"visibility": "internal"})
    public = public_only(replace(roadmap, goals={**roadmap.goals, "help-early": goal}))
    assert set(public.sources) == set(roadmap.sources) - {("goal", "help-early")}
    assert {k for k in public.sources if k[0] == "file"} == {
        ("file", "roadmap.yml"), ("file", "accountabilities.yml"), ("file", "glossary.yml")}
    assert all(loaded.data is None and loaded.text is None for loaded in public.sources.values())
    # ... and still point where the full road map does.
    assert public.where("file", "roadmap.yml", "title") == roadmap.where("file", "roadmap.yml",
                                                                       "title")
    assert public.where("file", "roadmap.yml", "title").line > 1


class _Holder(Strict):
    title: str
    note: _Leaf | None = None
    notes: list[_Leaf] = []
    visibility: Literal["public", "internal"]


class _Defaulted(Strict):
    note: _Leaf = _Leaf(text="default", visibility="public")
    visibility: Literal["public", "internal"]


def _public_goals(**goals):
    return public_only(replace(_minimal(), goals=goals)).goals


def test_a_public_single_nested_record_is_kept():
    """Kills ``not is_public(value)`` -> ``not is_public(None)`` in public_filter._filter_record:
    a nested single record that says public stays."""
    public = _Leaf(text="p", visibility="public")
    kept = _public_goals(x=_Holder(title="t", note=public, visibility="public"))
    assert kept["x"].note == public


def test_unchanged_public_records_are_shared_not_copied():
    """Kills ``filtered is not value and filtered != value`` -> ``or`` and ``if updates`` ->
    ``if updates or True`` in public_filter._filter_record: a public record with nothing
    internal inside is passed on as it is (the public road map copies only what changed)."""
    public = _Leaf(text="p", visibility="public")
    item = _Holder(title="t", note=public, notes=[public], visibility="public")
    assert _public_goals(x=item)["x"] is item
    internal = _Leaf(text="i", visibility="internal")
    changed = _public_goals(x=item.model_copy(update={"notes": [public, internal]}))["x"]
    assert changed.notes == [public] and changed.note is public


def test_a_non_public_record_in_a_field_with_a_default_cannot_be_removed():
    """Kills ``not field.is_required() and field.default is None`` -> ``or`` and the mutants
    of the error's wording in public_filter._filter_record: a field whose default is a
    record cannot be emptied, so the filter refuses rather than guess."""
    item = _Defaulted(note=_Leaf(text="i", visibility="internal"), visibility="public")
    with pytest.raises(TypeError) as caught:
        _public_goals(x=item)
    assert str(caught.value) == (
        "_Defaulted.note holds a non-public record that cannot be removed: make the field "
        "optional or a list")


def test_the_invalid_marker_says_what_it_is():
    """Kills the mutants of ``_Invalid.__repr__`` in read/yaml_rules ('INVALID' changed), which
    no other test called: a value the loader already reported reads as INVALID in a
    failing test's output, and there is only one of it."""
    assert repr(INVALID) == "INVALID"
    assert type(INVALID)() is INVALID


# -- trend: targets and small numbers -----------------------------------------------------

def _indicator(series: dict[str, float], **changes) -> Indicator:
    base = _minimal().indicators["re-referrals"].model_dump(
        exclude={"england", "statistical_neighbours"})
    base.update(series=series, baseline=min(series))
    base.update(changes)
    return Indicator.model_validate(base)


def test_a_target_due_in_the_latest_period_is_the_current_target():
    """Kills ``target.by >= period`` -> ``target.by > period`` in trend.current_target: the
    target due in the latest period itself must be the one used, not the next one."""
    indicator = _indicator({"2010-11": 20.0, "2011-12": 19.0},
                           targets=[{"value": 18.0, "by": "2011-12"},
                                    {"value": 15.0, "by": "2013-14"},
                                    {"value": 10.0, "by": "2015-16"}])
    target = current_target(indicator)
    assert (target.by, target.value) == ("2011-12", 18.0)
    # One period earlier the same target is still the first not yet due.
    earlier = _indicator({"2010-11": 20.0},
                         targets=[{"value": 18.0, "by": "2011-12"},
                                  {"value": 15.0, "by": "2013-14"}])
    assert current_target(earlier).by == "2011-12"
    # Once every target has passed, the last one applies.
    later = _indicator({"2016-17": 9.0}, targets=[{"value": 18.0, "by": "2011-12"},
                                                   {"value": 15.0, "by": "2013-14"}])
    assert current_target(later).by == "2013-14"


def _counts(series: dict[str, float], **changes) -> Indicator:
    fields = {"unit": "count", "decimals": 0, "suppress_small_numbers": True, "targets": []}
    return _indicator(series, **{**fields, **changes})


@pytest.mark.parametrize(("value", "hidden"), [
    (0.0, False), (1.0, True), (5.0, True), (6.0, False), (5.5, True), (0.5, True),
])
def test_small_numbers_are_hidden_from_1_to_5_and_shown_at_0_and_6(value, hidden):
    """Kills ``0 < value < 6`` -> ``0 < value <= 6``, ``0 <= value < 6``, ``1 < value`` or
    ``value < 5`` in trend.suppressed: 6 and 0 are published, 1 and 5 are not."""
    indicator = _counts({"2010-11": 12.0, "2011-12": value})
    assert suppressed(indicator, value) is hidden
    assert (shown_value(indicator, value) == "fewer than 6") is hidden
    assert (status(indicator).sentence.startswith("Fewer than 6 in 2011-12")) is hidden


@pytest.mark.parametrize(("series", "expected"), [
    ({"2009-10": 12.0, "2010-11": 2.0, "2011-12": 4.0},
     ("same", "still fewer than 6, as in 2010-11")),
    ({"2009-10": 12.0, "2010-11": 2.0, "2011-12": 7.0},
     ("worse", "got worse (rose) since 2010-11")),
    ({"2009-10": 1.0, "2010-11": 12.0, "2011-12": 3.0},
     ("better", "improved (fell) since 2010-11")),
    ({"2010-11": 3.0, "2011-12": 3.0}, ("same", "still fewer than 6, as in 2010-11")),
    ({"2010-11": 12.0, "2011-12": 12.0}, ("same", "no real change since 2010-11")),
    ({"2011-12": 3.0}, ("single", "only one figure so far")),
])
def test_the_direction_of_hidden_small_counts(series, expected):
    """Kills, in trend.direction, ``suppressed(indicator, after)`` -> ``(indicator, None)``,
    the 'same' key mutated and ``ordered[-2]`` -> ``ordered[+2]`` / ``ordered[-3]`` in the
    'still fewer than 6' sentence: two hidden counts in a row say so, naming the period
    before the latest."""
    assert direction(_counts(series)) == expected


def test_a_context_measure_with_a_target_still_has_no_target_status():
    """Kills, in trend.status, ``polarity == "context"`` mutated and the 'no-target' label
    or symbol set to None: a context measure is never judged against a target."""
    indicator = _indicator({"2010-11": 20.0, "2011-12": 19.0}, polarity="context",
                           targets=[{"value": 25.0, "by": "2013-14"}])
    found = status(indicator)
    assert (found.key, found.label, found.symbol) == (
        "no-target", "No target: shown for context", "○")
    assert found.sentence == "19.0% in 2011-12. This measure has no target; it gives context."


def test_a_change_of_exactly_half_the_last_decimal_is_a_real_change():
    """Kills ``abs(change) < tolerance`` -> ``<=`` in trend.direction: only changes smaller
    than half the last shown decimal are 'no real change'."""
    exact = _indicator({"2010-11": 20.0, "2011-12": 20.5}, decimals=0)
    assert direction(exact) == ("worse", "got worse (rose) since 2010-11")
    within = _indicator({"2010-11": 20.0, "2011-12": 20.25}, decimals=0)
    assert direction(within) == ("same", "no real change since 2010-11")


def test_small_numbers_are_shown_when_the_indicator_does_not_ask_for_suppression():
    """Kills ``suppress_small_numbers and ...`` -> ``or`` in trend.suppressed."""
    indicator = _counts({"2011-12": 3.0}, suppress_small_numbers=False)
    assert suppressed(indicator, 3.0) is False and suppressed(indicator, None) is False
    assert shown_value(indicator, 3.0) == "3"
    assert suppressed(_counts({"2011-12": 3.0}), None) is False


def test_a_figure_meets_its_target_up_to_a_tenth_of_the_rounding_tolerance():
    """Kills, in trend.meets, ``<=`` -> ``<`` and ``>=`` -> ``>`` at the edge, ``/ 10`` ->
    ``/ 11`` and ``target - tolerance`` -> ``target + tolerance``: a figure a hair past the
    target (a tenth of half its last decimal) still meets it, and no further."""
    for decimals in (0, 1, 2):
        edge = 0.5 * 10 ** (-decimals) / 10
        lower = _indicator({"2011-12": 19.0}, decimals=decimals, polarity="lower-is-better")
        assert meets(lower, 18.0 + edge, 18.0) is True
        assert meets(lower, 18.0 + edge * 1.5, 18.0) is False
        higher = _indicator({"2011-12": 19.0}, decimals=decimals, polarity="higher-is-better")
        assert meets(higher, 18.0 - edge, 18.0) is True
        assert meets(higher, 18.0 - edge * 1.5, 18.0) is False
        assert meets(higher, 18.0, 18.0) is True and meets(lower, 18.0, 18.0) is True


@pytest.mark.parametrize(("polarity", "ours", "england", "words"), [
    # Within twice the rounding tolerance (0.05 at one decimal): about the same.
    ("lower-is-better", 19.0, 19.0, "about the same as England (19.0%) in 2011-12"),
    ("lower-is-better", 19.0, 19.075, "about the same as England (19.1%) in 2011-12"),
    ("lower-is-better", 19.0, 19.1, "better than England (19.1%) in 2011-12"),
    ("lower-is-better", 19.1, 19.0, "worse than England (19.0%) in 2011-12"),
    ("higher-is-better", 19.0, 19.1, "worse than England (19.1%) in 2011-12"),
    ("higher-is-better", 19.1, 19.0, "better than England (19.0%) in 2011-12"),
    ("context", 19.1, 19.0, "higher than England (19.0%) in 2011-12"),
    ("context", 19.0, 19.1, "lower than England (19.1%) in 2011-12"),
    ("context", 19.0, 19.02, "about the same as England (19.0%) in 2011-12"),
])
def test_the_comparison_with_england_in_words(polarity, ours, england, words):
    """Kills, in trend.england_comparison, ``abs(ours - england)`` -> ``abs(ours + england)``,
    ``< tolerance * 2`` -> ``<=``, ``/ 2`` or ``* 3``, the 'context', 'higher-is-better',
    'higher' and 'lower' strings mutated, and ``"higher" if ours > england`` inverted."""
    indicator = _indicator({"2010-11": 20.0, "2011-12": ours}, polarity=polarity,
                           england={"2011-12": england}, targets=[])
    assert england_comparison(indicator) == words


def test_a_difference_of_exactly_twice_the_tolerance_is_not_about_the_same():
    """Kills ``abs(ours - england) < tolerance * 2`` -> ``<=`` in trend.england_comparison
    (whole numbers, so the difference is exact: 1 is twice the tolerance of 0.5)."""
    indicator = _indicator({"2011-12": 19.0}, decimals=0, england={"2011-12": 20.0})
    assert england_comparison(indicator) == "better than England (20%) in 2011-12"
    indicator = _indicator({"2011-12": 19.0}, decimals=0, england={"2011-12": 19.99})
    assert england_comparison(indicator) == "about the same as England (20%) in 2011-12"


@pytest.mark.parametrize(("series", "polarity", "targets", "sentence"), [
    ({"2011-12": 19.0}, "lower-is-better", [],
     "Re-referrals within 12 months was 19.0% in 2011-12; lower is better."),
    ({"2010-11": 20.0, "2011-12": 19.0}, "lower-is-better", [{"value": 18.0, "by": "2013-14"}],
     "Re-referrals within 12 months fell from 20.0% in 2010-11 to 19.0% in 2011-12; lower is "
     "better; the target is 18.0% by 2013-14."),
    ({"2010-11": 18.0, "2011-12": 19.0}, "higher-is-better", [],
     "Re-referrals within 12 months rose from 18.0% in 2010-11 to 19.0% in 2011-12; higher "
     "is better."),
    ({"2010-11": 19.0, "2011-12": 19.0}, "context", [],
     "Re-referrals within 12 months stayed at 19.0% from 2010-11 to 2011-12."),
    ({"2009-10": 19.0, "2010-11": 25.0, "2011-12": 19.0}, "higher-is-better", [],
     "Re-referrals within 12 months stayed at 19.0% from 2009-10 to 2011-12; higher is better."),
])
def test_the_trend_sentence_for_each_shape_of_line(series, polarity, targets, sentence):
    """Kills the mutants of trend.trend_sentence: the single-figure sentence (``text = None``),
    'rose' / 'fell' / 'stayed' and their comparisons (``b >= a``, ``b <= a``, ``or True``),
    the polarity words ('; higher is better', the context entry) and the empty 'aim'."""
    indicator = _indicator(series, polarity=polarity, targets=targets)
    assert trend_sentence(indicator) == sentence


# -- escalation: blockage reviews and the order of closed blockages -------------------------

def _blockage(**changes) -> Blockage:
    fields = {"title": "x", "description": "y", "raised": date(2026, 9, 1),
              "raised_by": "A role", "owner": "A role", "level": "informal",
              "next_review": date(2026, 12, 1), "status": "open", "visibility": "internal"}
    fields.update(changes)
    return Blockage(**fields)


def test_a_blockage_review_due_today_is_not_overdue_until_the_day_after():
    """Kills ``blockage.next_review < today`` -> ``<=`` in escalation.blockage_state (and
    ``is_open and ...`` -> ``or``: a closed blockage's review is never overdue)."""
    rules = escalation_rules(None)
    review = date(2026, 12, 1)
    assert blockage_state("b", _blockage(), review, rules).review_overdue is False
    assert blockage_state("b", _blockage(), review + timedelta(days=1), rules).review_overdue
    assert blockage_state("b", _blockage(), review - timedelta(days=1),
                          rules).review_overdue is False
    closed = _blockage(status="resolved", closed=date(2026, 9, 11), resolution="Fixed.")
    assert blockage_state("c", closed, review + timedelta(days=9), rules).review_overdue is False


def test_blockage_ages_and_levels_at_the_edges():
    """Kills, in escalation.blockage_state, ``max(0, ...)`` -> ``max(1, ...)`` for the age,
    ``if is_open else 0`` -> ``or True`` for the days at level, and ``position + 1 <
    len(LEVELS)`` -> ``position + 2``: a blockage raised today is 0 days old, a closed one
    has 0 days at its level, and the partnership level escalates to the board (the
    children's safeguarding vocabulary's steps)."""
    rules = escalation_rules(None, shipped("children").escalation)
    today = date(2026, 9, 1)
    raised_today = blockage_state("b", _blockage(raised=today), today, rules)
    assert (raised_today.age_days, raised_today.days_at_level) == (0, 0)
    closed = _blockage(status="resolved", closed=date(2026, 9, 11), resolution="Fixed.")
    state = blockage_state("c", closed, TODAY, rules)
    assert (state.age_days, state.days_at_level, state.overdue) == (10, 0, False)
    assert state.advice == "Resolved."
    levels = [blockage_state("b", _blockage(level=level), TODAY, rules).next_level
              for level in ("informal", "service", "partnership", "safeguarding-board")]
    assert levels == ["service", "partnership", "safeguarding-board", None]


def test_closed_blockages_come_newest_closed_first_after_the_open_ones():
    """Kills, in escalation.blockage_states, ``reverse=True`` -> ``reverse=False`` and
    ``closed or raised`` -> ``closed and raised`` (which would sort by the date raised):
    the intranet's blockages view lists closed blockages by the day they closed, newest
    first (render/staff_views.blockages_view keeps this order)."""
    def closed(raised: date, on: date, status: str = "resolved") -> Blockage:
        return _blockage(raised=raised, status=status, closed=on, resolution="Done.")

    blockages = {
        # raised first, closed last
        "a-long": closed(date(2026, 1, 10), date(2026, 11, 1)),
        # raised last, closed first
        "b-quick": closed(date(2026, 8, 1), date(2026, 8, 5), "withdrawn"),
        "c-middle": closed(date(2026, 5, 1), date(2026, 9, 30)),
        "d-same-day": closed(date(2026, 6, 1), date(2026, 9, 30)),
        "open-new": _blockage(raised=date(2026, 11, 1)),
        "open-old": _blockage(raised=date(2026, 2, 1)),
    }
    order = [s.id for s in blockage_states(blockages, TODAY, escalation_rules(None))]
    assert order == ["open-old", "open-new", "a-long", "d-same-day", "c-middle", "b-quick"]


# -- staleness ------------------------------------------------------------------------------

def test_an_item_on_its_review_date_is_due_not_stale_and_stale_the_day_after(data_copy):
    """Kills ``review_by < today`` -> ``review_by <= today`` in check/staleness.review_dates
    (an item on its own review date is still in date)."""
    data = data_copy()
    append(data / "goals/help-early.yml", "review_by: 2026-12-15\n")
    on_the_day = date(2026, 12, 15)
    assert messages(data, "stale", today=on_the_day) == []
    assert [m for m in messages(data, "review-due", today=on_the_day)
            if "help-early" in m] == [
        "roadmap_data/goals/help-early.yml:10:12: goal 'help-early': due for review by "
        "2026-12-15 (in 0 days); review it soon, then set a new 'review_by' (warning) "
        "[review-due]"]
    after = messages(data, "stale", today=on_the_day + timedelta(days=1))
    assert len(after) == 1 and "'help-early': its review date (2026-12-15) has passed" in after[0]


def test_a_review_due_tomorrow_says_1_day_and_the_day_after_2_days(data_copy):
    """Kills the mutants of check/staleness._days ('1 day' changed, ``n == 1`` -> ``n == 2``
    or ``and False``)."""
    data = data_copy()
    append(data / "goals/help-early.yml", "review_by: 2026-12-15\n")
    for today, words in ((date(2026, 12, 14), "(in 1 day)"), (date(2026, 12, 13), "(in 2 days)")):
        due = [m for m in messages(data, "review-due", today=today) if "help-early" in m]
        assert len(due) == 1 and words in due[0], due


def test_the_road_map_on_its_own_review_date_is_due_not_stale(data_copy):
    """Kills ``info.review_by < today`` -> ``<=`` in check/staleness._road_map_review."""
    data = data_copy()
    review = date(2027, 4, 1)  # the minimal fixture's review_by
    assert [m for m in messages(data, "stale", today=review) if "roadmap.yml" in m] == []
    due = [m for m in messages(data, "review-due", today=review) if "roadmap.yml" in m]
    assert len(due) == 1 and "(in 0 days)" in due[0]
    stale = [m for m in messages(data, "stale", today=review + timedelta(days=1))
             if "roadmap.yml" in m]
    assert len(stale) == 1 and "review date (2027-04-01) has passed" in stale[0]


# -- publishing -----------------------------------------------------------------------------

def test_without_an_exchange_a_failed_rename_puts_the_old_site_back(tmp_path, monkeypatch):
    """Kills the mutants of the fallback in publish/swap._swap_in (the ``os.rename(aside,
    target)`` that restores the previous site removed or given other paths): when the
    system cannot exchange and the new site cannot be renamed in, the old site is back at
    its place and nothing is published."""
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)
    out, stage = tmp_path / "site", tmp_path / "stage"
    for name in ("public", "internal"):
        site_folder(out / name, f"old {name}")
        site_folder(stage / name, f"new {name}")
    real_rename = os.rename

    def rename(first, second):
        # The intranet's old site moves aside, but the new one cannot be moved in.
        if Path(first) == stage / "internal" and Path(second) == out / "internal":
            raise PermissionError(1, "Operation not permitted", str(second))
        return real_rename(first, second)

    monkeypatch.setattr(swap.os, "rename", rename)
    with pytest.raises(swap.PublishError) as caught:
        swap.install(stage, out)
    assert str(caught.value) == (
        f"could not publish the internal site (Operation not permitted: {out}/internal); "
        "nothing was published: the previous sites are still in place")
    assert (out / "public" / "index.html").read_text() == "old public"
    assert (out / "internal" / "index.html").read_text() == "old internal"
    assert sorted(p.name for p in out.iterdir()) == ["internal", "public"]
    assert not (stage / "internal.previous").exists()
    assert (stage / "public" / "index.html").read_text() == "new public"


def test_without_an_exchange_the_old_site_is_left_aside_in_the_stage(tmp_path, monkeypatch):
    """Kills the mutants of the undo list ``[(target, new, False), (aside, target, False)]``
    in publish/swap._swap_in that change its order or paths: when the intranet fails after
    the public site went in by two renames, the public site is put back exactly."""
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)
    out, stage = tmp_path / "site", tmp_path / "stage"
    for name in ("public", "internal"):
        site_folder(out / name, f"old {name}")
        site_folder(stage / name, f"new {name}")
    real_rename = os.rename

    def rename(first, second):
        if Path(first) == out / "internal":
            raise PermissionError(1, "Operation not permitted", str(first))
        return real_rename(first, second)

    monkeypatch.setattr(swap.os, "rename", rename)
    with pytest.raises(swap.PublishError, match="nothing was published"):
        swap.install(stage, out)
    assert (out / "public" / "index.html").read_text() == "old public"
    assert (stage / "public" / "index.html").read_text() == "new public"
    assert not (stage / "public.previous").exists()


def test_exchange_swaps_two_folders_named_relative_to_the_working_folder(tmp_path, monkeypatch):
    """Kills ``renameat2(_AT_FDCWD, ...)`` -> ``renameat2(None, ...)`` (either folder) in
    publish/swap.exchange: relative paths are read from the working folder."""
    monkeypatch.chdir(tmp_path)
    site_folder(tmp_path / "a", "A")
    site_folder(tmp_path / "b", "B")
    assert swap.exchange(Path("a"), Path("b")) is True
    assert (tmp_path / "a" / "index.html").read_text() == "B"
    assert (tmp_path / "b" / "index.html").read_text() == "A"


def test_exchange_reports_a_real_failure_with_its_error_and_path(tmp_path):
    """Kills, in publish/swap.exchange, ``use_errno=True`` changed or dropped, ``code =
    None``, ``code in (...)`` -> ``not in``, and every change to ``OSError(code,
    os.strerror(code), str(second))``: a missing folder is an error, said precisely."""
    site_folder(tmp_path / "a", "A")
    missing = tmp_path / "missing"
    ctypes.set_errno(0)  # so a mutant that stops reading errno cannot see a stale one
    with pytest.raises(OSError) as caught:
        swap.exchange(tmp_path / "a", missing)
    assert (caught.value.errno, caught.value.strerror, caught.value.filename) == (
        errno.ENOENT, os.strerror(errno.ENOENT), str(missing))
    assert (tmp_path / "a" / "index.html").read_text() == "A"


class _FakeLibc:
    def __init__(self, code: int):
        self.code = code

    def renameat2(self, *args):
        return -1


@pytest.mark.parametrize("code", [errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV])
def test_exchange_says_false_where_the_system_cannot_exchange(tmp_path, monkeypatch, code):
    """Kills ``return False`` -> ``return True`` after the errno test in publish/swap.exchange:
    a kernel or file system without RENAME_EXCHANGE means "use two renames"."""
    monkeypatch.setattr(swap.ctypes, "CDLL", lambda *a, **k: _FakeLibc(code))
    monkeypatch.setattr(swap.ctypes, "get_errno", lambda: code)
    assert swap.exchange(tmp_path / "a", tmp_path / "b") is False


def test_exchange_says_false_without_a_c_library(tmp_path, monkeypatch):
    """Kills ``return False`` -> ``return True`` when loading libc fails (publish/swap.exchange)."""
    def no_libc(*args, **kwargs):
        raise OSError("no libc")

    monkeypatch.setattr(swap.ctypes, "CDLL", no_libc)
    assert swap.exchange(tmp_path / "a", tmp_path / "b") is False


def test_an_undo_that_cannot_exchange_says_so(tmp_path, monkeypatch):
    """Kills the mutants of ``OSError(errno.ENOTSUP, "cannot exchange", str(second))`` in
    publish/swap._undo: the message says why the public site could not be put back."""
    out, stage = tmp_path / "site", tmp_path / "stage"
    for name in ("public", "internal"):
        site_folder(out / name, f"old {name}")
        site_folder(stage / name, f"new {name}")
    calls = []

    def exchange(first, second):
        calls.append(Path(second).name)
        if len(calls) == 1:  # the public site goes in (a stand-in for the exchange)
            aside = Path(f"{first}.aside")
            os.rename(second, aside)
            os.rename(first, second)
            os.rename(aside, first)
            return True
        if len(calls) == 2:  # the intranet fails
            raise PermissionError(1, "Operation not permitted", str(second))
        return False  # and the exchange back is no longer possible

    monkeypatch.setattr(swap, "exchange", exchange)
    with pytest.raises(swap.PublishError) as caught:
        swap.install(stage, out)
    assert str(caught.value) == (
        f"could not publish the internal site (Operation not permitted: {out}/internal), and "
        "the public site could not be put back (cannot exchange); public is new and internal "
        "is old — run the build again")
    undo = caught.value.__context__
    assert (undo.errno, undo.filename) == (errno.ENOTSUP, str(out / "public"))


def test_a_first_publish_that_fails_takes_the_new_site_back_out(tmp_path, monkeypatch):
    """Kills ``[(target, new, False)]`` -> ``[(target, new, True)]`` in publish/swap._swap_in:
    a site published where there was none is moved back by a rename (there is nothing to
    exchange it with), so nothing is left published."""
    out, stage = tmp_path / "site", tmp_path / "stage"
    site_folder(out / "internal", "old internal")
    for name in ("public", "internal"):
        site_folder(stage / name, f"new {name}")
    refuse_internal(out, monkeypatch, PermissionError(1, "Operation not permitted"))
    with pytest.raises(swap.PublishError, match="nothing was published"):
        swap.install(stage, out)
    assert not (out / "public").exists()
    assert (stage / "public" / "index.html").read_text() == "new public"


def test_a_failure_without_an_error_text_is_still_said(tmp_path, monkeypatch):
    """Kills ``exc.strerror or str(exc)`` -> ``str(None)`` in publish/swap.install."""
    out, stage = tmp_path / "site", tmp_path / "stage"
    for name in ("public", "internal"):
        site_folder(out / name, f"old {name}")
        site_folder(stage / name, f"new {name}")
    refuse_internal(out, monkeypatch, OSError("the disk went away"))
    with pytest.raises(swap.PublishError) as caught:
        swap.install(stage, out)
    assert str(caught.value).startswith(
        f"could not publish the internal site (the disk went away: {out}/internal); nothing")


def test_the_sites_that_could_not_be_put_back_are_listed_with_commas(tmp_path, monkeypatch):
    """Kills ``", ".join(...)`` -> ``"XX, XX".join(...)`` in publish/swap.install (only
    visible with three sites or more: two went in and could not be put back)."""
    out, stage = tmp_path / "site", tmp_path / "stage"
    names = ("public", "extra", "internal")
    for name in names:
        site_folder(out / name, f"old {name}")
        site_folder(stage / name, f"new {name}")
    calls = []

    def exchange(first, second):
        calls.append(Path(second).name)
        if len(calls) <= 2:
            aside = Path(f"{first}.aside")
            os.rename(second, aside)
            os.rename(first, second)
            os.rename(aside, first)
            return True
        raise PermissionError(1, "Operation not permitted", str(second))

    monkeypatch.setattr(swap, "exchange", exchange)
    with pytest.raises(swap.PublishError, match="public, extra is new and internal is old"):
        swap.install(stage, out, names)


def test_the_publish_command_says_what_it_did_on_the_right_stream(tmp_path, monkeypatch,
                                                                   capsys):
    """Kills the mutants of publish/swap.main: the usage line (its text, stream and exit code
    2), the arguments read from ``sys.argv[1:]``, the 'publish:' messages on stderr, and
    the 'Published public, internal into OUT.' line."""
    assert swap.main(["only-one"]) == 2
    assert capsys.readouterr() == ("", swap.USAGE + "\n")
    assert swap.USAGE.startswith(
        "usage: python -m goldenthread.publish.swap STAGE_DIR OUTPUT_DIR [--data DATA_DIR]\n")

    stage, out = tmp_path / "stage", tmp_path / "out"
    site_folder(stage / "public", "p")
    site_folder(stage / "internal", "i")
    monkeypatch.setattr(sys, "argv", ["swap", str(stage), str(out)])
    assert swap.main() == 0
    assert capsys.readouterr() == (f"Published public, internal into {out}.\n", "")

    assert swap.main([str(tmp_path / "empty"), str(out)]) == 1
    assert capsys.readouterr() == (
        "", f"publish: no built site in {tmp_path / 'empty'} for: public, internal; nothing "
        "was published\n")

    def refuse(errno_value, strerror):
        def install(stage, out, data_dir=None):
            raise OSError(errno_value, strerror) if strerror else OSError("disk on fire")
        return install

    monkeypatch.setattr(swap, "install", refuse(errno.EACCES, "Permission denied"))
    assert swap.main([str(stage), str(out)]) == 1
    assert capsys.readouterr() == ("", "publish: Permission denied; nothing was published\n")
    monkeypatch.setattr(swap, "install", refuse(None, None))
    assert swap.main([str(stage), str(out)]) == 1
    assert capsys.readouterr() == ("", "publish: disk on fire; nothing was published\n")


# -- the change summary ---------------------------------------------------------------------

def _with_glossary(roadmap, **changes):
    first, *rest = roadmap.glossary
    return replace(roadmap, glossary=(first.model_copy(update=changes), *rest))


@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("changes", [
    {"meaning": "Teams near families that help early."},
    {"stands_for": "Early Help In Neighbourhoods"},
    {"term": "Early Help in Neighbourhoods"},  # the same term (by case), written anew
])
def test_a_changed_glossary_meaning_is_in_the_change_summary(audience, changes):
    """Kills, in history/compare._glossary_changes, the comparison of (meaning, stands_for,
    term) mutated to ``==`` or dropped, and the 'its meaning was updated' change removed."""
    old = _minimal()
    new = _with_glossary(old, **changes)
    term = changes.get("term", "Early help in neighbourhoods")
    assert [(c.section, c.text) for c in compare(old, new, audience)] == [
        ("changed", f"Glossary term '{term}': its meaning was updated.")]
    assert compare(old, old, audience) == []


def test_a_glossary_term_that_replaces_a_new_word_says_so_once():
    """Kills mutants of the 'now used instead of' branch in history/compare._glossary_changes
    (a new word to avoid is named; the meaning line is not added when only that changed)."""
    old = _minimal()
    new = _with_glossary(old, avoid=["New Operating Model", "NOM", "the front door"])
    assert [c.text for c in compare(old, new, "internal")] == [
        "Glossary term 'Early help in neighbourhoods': now used instead of 'the front door'."]


def test_the_pull_request_summary_escapes_names_and_every_change_line():
    """Kills, in history/changes.summary, ``as_markdown(changes, line=markdown_escape)`` with
    the escaping dropped, and ``markdown_escape(old.name)`` / ``(new.name)`` / the folder
    name mutated (None or removed): editor text and revision names stay literal."""
    old_roadmap = _minimal()
    goal = old_roadmap.goals["help-early"]
    new_roadmap = replace(old_roadmap, goals={
        **old_roadmap.goals,
        "help-early": goal.model_copy(update={"title": "Help @everyone *now* <b>#12</b>"})})
    text = summary(Version("main~1 [x]", old_roadmap), Version("feature/*b*", new_roadmap))
    assert text.splitlines()[0] == (
        "## Changes to the road map: main\\~1 \\[x\\] → feature/\\*b\\*")
    changed = [line for line in text.splitlines() if line.startswith("- ")]
    assert changed == [
        "- Goal 'Help @\u200deveryone \\*now\\* &lt;b&gt;\\#\u206012&lt;/b&gt;': title changed "
        "from 'Families get help early' to 'Help @\u200deveryone \\*now\\* "
        "&lt;b&gt;\\#\u206012&lt;/b&gt;'."]
    missing = summary(Version("v_1", None, missing=True), Version("v*2", old_roadmap),
                      folder="road_map")
    assert ("The data folder 'road\\_map' did not exist at v\\_1.\n") in missing


def test_markdown_escape_breaks_lower_case_links_and_block_starts_after_spaces():
    """Kills mutants of history/changes.markdown_escape's case-insensitive patterns and of
    its strip (a line that starts with spaces then '-' is still not a list item)."""
    assert markdown_escape("  - item") == "\\- item"
    assert markdown_escape("see gh-7 or Gh-8") == "see gh-\u20607 or Gh-\u20608"
    assert markdown_escape("HTTPS://x.example WWW.y.example") == (
        "HTTPS:\u2060//x.example www\u2060.y.example")


# -- the data cache under `mkdocs serve` ----------------------------------------------------

def test_the_site_data_cache_rereads_a_changed_file_only_when_asked(data_copy):
    """Kills the mutants of site.load_site_data's cache: ``not refresh and ...`` -> ``or`` /
    ``refresh and``, the fingerprint dropped from the key or from its size or time, and
    ``_current[settings_key] = data`` removed: after an edit, refresh=False returns the
    road map already read (the macros, once per page) and refresh=True re-reads it (the
    hook, once per build, so `mkdocs serve` shows the edit)."""
    data = data_copy()
    goal = data / "goals/help-early.yml"
    original = goal.read_text("utf-8")
    first = load_site_data(data, "public", today=TODAY)
    # A longer title, written with the file's old modification time: only the size differs.
    times = goal.stat()
    goal.write_text(original.replace("title: Families get help early",
                                     "title: Families get help early and often"), "utf-8")
    os.utime(goal, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert load_site_data(data, "public", today=TODAY, refresh=False) is first
    second = load_site_data(data, "public", today=TODAY)
    assert second is not first
    assert second.views.roadmap.goals["help-early"].title == "Families get help early and often"
    assert load_site_data(data, "public", today=TODAY, refresh=False) is second
    assert load_site_data(data, "public", today=TODAY) is second  # nothing changed
    # A title of the same length, a second later: only the time differs.
    goal.write_text(original.replace("title: Families get help early",
                                     "title: Families get help EARLY and often"), "utf-8")
    later = times.st_mtime_ns + 1_000_000_000
    os.utime(goal, ns=(later, later))
    assert load_site_data(data, "public", today=TODAY, refresh=False) is second
    third = load_site_data(data, "public", today=TODAY)
    assert third.views.roadmap.goals["help-early"].title == "Families get help EARLY and often"
    # Other settings are a road map of their own.
    internal = load_site_data(data, "internal", today=TODAY, refresh=False)
    assert internal.audience == "internal" and internal is not third


# -- the link checker -----------------------------------------------------------------------

def test_a_link_to_a_folder_without_index_html_is_broken(tmp_path):
    """Kills ``candidate.is_dir() and (candidate / 'index.html').is_file()`` -> ``or`` in
    publish/link_check.SiteLinks.target_file: a folder is only a page with its index.html."""
    (tmp_path / "index.html").write_text(
        '<a href="empty">no page</a>\n<a href="full">a page</a>\n', encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    assert [str(p) for p in check_site(tmp_path)] == [
        "index.html:1:1: link 'empty' goes to 'empty', which is not in the built site — "
        "correct the address or add the missing page [broken-link]"]


# -- the personal-data guard ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "found"), [
    # libphonenumber does not know these 03 ranges, but they have the full UK length.
    ("ring 0390 123 4567 today", [("phone number", "0390 123 4567")]),
    ("ring 0310 123 4567 today", [("phone number", "0310 123 4567")]),
    ("ring 0360 123 4567 today", [("phone number", "0360 123 4567")]),
    ("ring 0300 123 4567 today", [("phone number", "0300 123 4567")]),
    # One digit short, or no UK range (04, 06): not a phone number.
    ("ring 0390 123 456 today", []),
    ("code 0400 123 4567 here", []),
    ("code 0600 123 4567 here", []),
    ("code 0410 123 4567 here", []),
])
def test_03_numbers_are_phone_numbers_even_where_libphonenumber_does_not_know_them(text, found):
    """Kills, in check/personal_data._is_phone, ``len(national) == 10`` -> ``!= 10`` / ``== 11``,
    ``national[0]`` -> ``national[1]``, ``in _UK_LEADING`` -> ``not in`` and ``and`` -> ``or``:
    a full-length 03xx number libphonenumber calls invalid is still a phone number."""
    assert list(contacts_in(text)) == found
