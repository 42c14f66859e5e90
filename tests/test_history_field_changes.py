"""The field-by-field part of the change summary (goldenthread.history.field_changes),
through :func:`goldenthread.history.compare.compare`: each kind of change inside one
item, as the exact sentence a reviewer (or a member of the public) reads.

Written to kill the mutants that survived mutation testing (issue 11); each test's
docstring names the mutations it kills (``fc`` is goldenthread.history.field_changes,
``x_<function>__mutmut_<n>`` is mutmut's name).  The road maps are the minimal test
data, read once, with items changed on the model (no files, no git, no dates of today).
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import date

import pytest

from goldenthread.history.compare import compare
from goldenthread.history.field_changes import LINKS, field_changes
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.models import Contribution, PartnerPlan, PlanPriority, Target
from goldenthread.read.roadmap import Roadmap
from goldenthread.read.staff_models import Blockage, Story

from .conftest import MINIMAL

INDICATOR = "Indicator 'Re-referrals within 12 months'"
PLAN = "Partner plan 'Children and Young People Plan'"
PHONE = "01632 960123"


@functools.cache
def minimal() -> Roadmap:
    """The minimal road map (frozen, so one copy serves every test)."""
    roadmap, problems = read_roadmap(MINIMAL)
    assert not problems
    return roadmap


def edited(roadmap: Roadmap, attribute: str, item_id: str, **update) -> Roadmap:
    """``roadmap`` with one item's fields replaced."""
    items = getattr(roadmap, attribute)
    return dataclasses.replace(
        roadmap, **{attribute: {**items, item_id: items[item_id].model_copy(update=update)}})


def with_item(roadmap: Roadmap, attribute: str, item_id: str, item) -> Roadmap:
    """``roadmap`` with one more item."""
    return dataclasses.replace(roadmap, **{attribute: {**getattr(roadmap, attribute),
                                                       item_id: item}})


def said(old: Roadmap, new: Roadmap, audience: str = "internal") -> list[str]:
    return [change.text for change in compare(old, new, audience)]


def about(old: Roadmap, new: Roadmap, audience: str = "internal") -> list[tuple]:
    return [(change.text, change.about) for change in compare(old, new, audience)]


def indicator(roadmap: Roadmap | None = None, **update) -> Roadmap:
    return edited(roadmap or minimal(), "indicators", "re-referrals", **update)


# -- Titles and names ----------------------------------------------------------------------


def test_a_new_title_or_name_is_quoted_from_and_to():
    """Services and indicators are titled by 'name': kills fc.x_field_changes__mutmut_23
    and _24 (the 'name' field read as wording)."""
    old = minimal()
    new = edited(old, "services", "early-help", name="Early help nearer home")
    new = indicator(new, name="Children referred again within a year")
    new = edited(new, "goals", "help-early", title="Help comes early")
    assert said(old, new) == [
        "Goal 'Help comes early': title changed from 'Families get help early' to 'Help "
        "comes early'.",
        "Indicator 'Children referred again within a year': title changed from "
        "'Re-referrals within 12 months' to 'Children referred again within a year'.",
        "Service 'Early help nearer home': title changed from 'Early help in "
        "neighbourhoods' to 'Early help nearer home'."]


# -- Targets -------------------------------------------------------------------------------


def test_targets_added_removed_and_changed_each_period_once():
    """A target for a new period, one taken away (saying what it was) and one changed,
    in period order, with decimals only when the value has them.  Kills
    fc.x__differences__mutmut_2 (only periods in both versions compared),
    fc.x__targets__mutmut_8 to _16 (the new or old value shown wrongly or not at all) and
    fc.x__target_text__mutmut_3 (17.5 shown as 18%)."""
    old = indicator(targets=[Target(value=21, by="2012-13"), Target(value=20, by="2013-14")])
    new = indicator(targets=[Target(value=17.5, by="2013-14"), Target(value=15, by="2014-15")])
    assert said(old, new) == [
        f"{INDICATOR}: target for 2012-13 removed (it was 21%).",
        f"{INDICATOR}: target for 2013-14 changed from 20% to 17.5%.",
        f"{INDICATOR}: new target for 2014-15: 15%."]


@pytest.mark.parametrize(("unit", "decimals", "value", "shown"), [
    ("percent", 2, 17.25, "17.25%"),
    ("per-10000", 1, 333.5, "333.5 per 10,000 children"),
    ("rate", 1, 2080.0, "2,080 per 100,000 people aged 65 and over"),
    ("score", 1, 9.5, "9.5 on a score of 0 to 12"),
    ("count", 0, 1250, "1,250"),
    ("days", 1, 42.0, "42 days"),
    ("days", 1, 12.5, "12.5 days"),
])
def test_a_target_is_shown_in_the_indicators_unit_and_decimals(unit, decimals, value, shown):
    """The unit's words (with a rate's base and population, a score's range), thousands
    separators, the indicator's decimals for a fraction and none for a whole number.  Kills
    fc.x__target_text__mutmut_3 (decimals always 0) and any mutant dropping the unit."""
    fields = {"per-10000": {"population": "children"},
              "rate": {"per": 100000, "population": "people aged 65 and over"},
              "score": {"lowest": 0, "highest": 12}}.get(unit, {})
    old = indicator(unit=unit, decimals=decimals, **fields)
    new = indicator(old, targets=[*old.indicators["re-referrals"].targets,
                                  Target(value=value, by="2014-15")])
    assert said(old, new) == [f"{INDICATOR}: new target for 2014-15: {shown}."]


# -- Figures -------------------------------------------------------------------------------


def test_figures_new_removed_revised_and_changed_in_each_series():
    """Each of the three period-keyed series, named as readers know them; a change that
    does not show at the indicator's decimals is 'revised'.  Kills fc.x__figures__mutmut_1
    to _28 and fc.x_field_changes__mutmut_44 to _54 (which series, which values)."""
    old = minimal()
    new = indicator(
        series={"2010-11": 24.54, "2011-12": 21.0, "2012-13": 20.5},
        england={"2009-10": 25.0, "2010-11": 24.0, "2011-12": 23.0, "2012-13": 22.5},
        statistical_neighbours={"2011-12": 23.5})
    assert said(old, new) == [
        f"{INDICATOR}: figure for 2009-10 removed.",
        f"{INDICATOR}: figure for 2010-11 revised.",
        f"{INDICATOR}: figure for 2011-12 changed from 22.0% to 21.0%.",
        f"{INDICATOR}: new figure for 2012-13: 20.5%.",
        f"{INDICATOR}: new England average for 2012-13: 22.5%.",
        f"{INDICATOR}: similar councils' average for 2011-12 changed from 24.0% to 23.5%."]


def test_figures_of_each_comparator_under_compare_are_told_by_its_id():
    """A comparator written under 'compare' (any the vocabulary names) changes as the
    older fields do, each named by its id."""
    old = indicator(compare={"region": {"2010-11": 25.5, "2011-12": 23.5}})
    new = indicator(compare={"region": {"2011-12": 23.0}, "icbs": {"2011-12": 21.0}})
    assert said(old, new) == [
        f"{INDICATOR}: new 'icbs' figure for 2011-12: 21.0%.",
        f"{INDICATOR}: 'region' figure for 2010-11 removed.",
        f"{INDICATOR}: 'region' figure for 2011-12 changed from 23.5% to 23.0%."]


def test_comparator_figures_removed():
    """Kills fc.x_field_changes__mutmut_53/_54 (a series read as empty) and
    fc.x__figures__mutmut_11 (a removal read as a change)."""
    old = minimal()
    new = indicator(england={"2011-12": 23.0}, statistical_neighbours={})
    assert said(old, new) == [
        f"{INDICATOR}: England average for 2009-10 removed.",
        f"{INDICATOR}: England average for 2010-11 removed.",
        f"{INDICATOR}: similar councils' average for 2011-12 removed."]


def test_hidden_small_counts_stay_hidden_in_the_summary():
    """A small count is shown as pages show it ('fewer than 6'), so the summary cannot
    reveal it; two hidden values that differ are only 'revised'.  Kills
    fc.x__figures__mutmut_7 to _28 (a figure shown without the indicator's rule)."""
    old = indicator(unit="count", decimals=0, suppress_small_numbers=True,
                    series={"2009-10": 3, "2010-11": 3, "2011-12": 12},
                    targets=[], england={}, statistical_neighbours={})
    new = indicator(old, series={"2009-10": 4, "2010-11": 8, "2011-12": 2, "2012-13": 1})
    assert said(old, new) == [
        f"{INDICATOR}: figure for 2009-10 revised.",
        f"{INDICATOR}: figure for 2010-11 changed from fewer than 6 to 8.",
        f"{INDICATOR}: figure for 2011-12 changed from 12 to fewer than 6.",
        f"{INDICATOR}: new figure for 2012-13: fewer than 6."]


# -- Progress, people, dates ---------------------------------------------------------------


def blockage(**update) -> Blockage:
    fields = dict(title="Referrals wait for a shared record",
                  description="Two teams keep separate records, so referrals wait.",
                  raised=date(2012, 5, 1), raised_by="Head of Early Help",
                  owner="Head of Early Help", level="service",
                  next_review=date(2012, 12, 1), status="resolved",
                  closed=date(2012, 9, 1), resolution="A shared record was agreed.",
                  visibility="internal")
    return Blockage(**{**fields, **update})


def test_progress_in_words_and_other_statuses_as_written():
    """An action's status in words; a blockage's status (not an action's) as written.
    Kills fc.x_field_changes__mutmut_60 to _66 (a status with no words shown as
    'None')."""
    old = with_item(edited(minimal(), "actions", "publish-road-map", status="not-started"),
                    "blockages", "shared-record", blockage())
    new = with_item(edited(old, "actions", "publish-road-map", status="on-track"),
                    "blockages", "shared-record", blockage(status="withdrawn"))
    assert said(old, new) == [
        "Action 'Publish the one-page road map': progress changed from Not started to On "
        "track.",
        "Blockage 'Referrals wait for a shared record': progress changed from resolved to "
        "withdrawn."]


def test_owner_and_lead_quoted_on_one_line():
    """Kills fc.x_field_changes__mutmut_43 (an indicator's owner read as a series of
    figures) and checks the people fields' wording."""
    old = minimal()
    new = edited(old, "actions", "publish-road-map",
                 owner="Head of Communications\nand Engagement")
    new = edited(new, "priorities", "simple-road-map", lead="Assistant Director, Early Help")
    new = indicator(new, owner="Head of Performance and Data")
    assert said(old, new) == [
        "Priority 'A simple road map': lead changed from 'Director of Children's Services' "
        "to 'Assistant Director, Early Help'.",
        f"{INDICATOR}: owner changed from 'Head of Performance' to 'Head of Performance and "
        "Data'.",
        "Action 'Publish the one-page road map': owner changed from 'Head of "
        "Communications' to 'Head of Communications and Engagement'."]


def test_the_public_summary_never_quotes_a_contact_detail_of_an_owner():
    """The public personal-data guard leaves out whichever side holds an email address or
    phone number; the intranet quotes both.  Kills fc.x_field_changes__mutmut_70 to _75
    (the wrong side, or the guard, passed on)."""
    old = edited(minimal(), "actions", "publish-road-map", owner=f"Ring {PHONE}")
    new = edited(old, "actions", "publish-road-map", owner="Head of Communications")
    new = indicator(new, owner="Jo Bloggs, jo.bloggs@example.gov.uk")
    assert said(old, new, "public") == [
        f"{INDICATOR}: owner changed.",
        "Action 'Publish the one-page road map': owner changed to 'Head of "
        "Communications'."]
    assert said(old, new, "internal") == [
        f"{INDICATOR}: owner changed from 'Head of Performance' to 'Jo Bloggs, "
        "jo.bloggs@example.gov.uk'.",
        f"Action 'Publish the one-page road map': owner changed from 'Ring {PHONE}' to "
        "'Head of Communications'."]


def test_dates_set_changed_and_removed():
    """Kills fc.x_field_changes__mutmut_80 (a first date read as 'changed from none') and
    _85/_86 (a removed date's 'none')."""
    old = edited(minimal(), "goals", "help-early", review_by=date(2027, 4, 1))
    old = with_item(old, "blockages", "shared-record", blockage())
    new = edited(old, "goals", "help-early", last_reviewed=date(2026, 10, 1), review_by=None)
    new = indicator(new, next_update=date(2027, 9, 30))
    new = edited(new, "actions", "publish-road-map", due="2013-Q1")
    new = with_item(new, "blockages", "shared-record", blockage(next_review=date(2013, 1, 15)))
    assert said(old, new) == [
        "Goal 'Families get help early': date last reviewed set to 2026-10-01.",
        "Goal 'Families get help early': next review date changed from 2027-04-01 to none.",
        f"{INDICATOR}: date new figures are due changed from 2027-06-30 to 2027-09-30.",
        "Action 'Publish the one-page road map': due date changed from 2012-Q3 to 2013-Q1.",
        "Blockage 'Referrals wait for a shared record': next review date changed from "
        "2012-12-01 to 2013-01-15."]


# -- Visibility, key measure, switches, choices --------------------------------------------


def test_visibility_either_way_on_the_intranet():
    """Kills fc.x_field_changes__mutmut_87 to _99."""
    old = edited(minimal(), "goals", "safe-at-home", visibility="internal")
    new = edited(old, "goals", "safe-at-home", visibility="public")
    new = edited(new, "goals", "help-early", visibility="internal")
    assert said(old, new) == [
        "Goal 'Children are safe at home': now published on the public site.",
        "Goal 'Families get help early': now shown on the intranet only."]


@pytest.mark.parametrize(("before", "after", "text"), [
    (True, False, "no longer a key measure"),
    (False, True, "now a key measure"),
])
def test_key_measure_either_way(before, after, text):
    """Kills fc.x_field_changes__mutmut_100 to _109."""
    old = indicator(key_measure=before)
    assert said(old, indicator(old, key_measure=after)) == [f"{INDICATOR}: {text}."]


def story(**update) -> Story:
    fields = dict(title="A family got help in a week",
                  account="A mother asked for help and a local team visited within a week.",
                  difference="The family had help before things got worse.",
                  told_by="A mother", recorded=date(2012, 6, 1), goals=["help-early"],
                  indicators=[], consent=True, visibility="public")
    return Story(**{**fields, **update})


def test_switches_turned_on_and_off_in_words():
    """Yes/no fields: kills fc.x_field_changes__mutmut_156 to _168."""
    old = indicator(unit="count", decimals=0, england={}, statistical_neighbours={},
                    targets=[])
    old = with_item(old, "stories", "week", story(consent=False, visibility="internal"))
    new = indicator(old, illustrative=False, suppress_small_numbers=True)
    new = with_item(new, "stories", "week", story(consent=True, visibility="internal"))
    assert said(old, new) == [
        f"{INDICATOR}: illustrative turned off.",
        f"{INDICATOR}: suppress small numbers turned on.",
        "Story 'A family got help in a week': consent turned on."]


def test_choices_changed_from_one_to_another():
    """Kills fc.x_field_changes__mutmut_169 to _174 (a choice read as wording)."""
    old = with_item(minimal(), "blockages", "shared-record", blockage())
    new = indicator(old, unit="per-10000", polarity="higher-is-better", kind="soft",
                    rba="how-well")
    new = with_item(new, "blockages", "shared-record", blockage(level="partnership"))
    assert said(old, new) == [
        f"{INDICATOR}: unit changed from percent to per-10000.",
        f"{INDICATOR}: polarity changed from lower-is-better to higher-is-better.",
        f"{INDICATOR}: kind changed from hard to soft.",
        f"{INDICATOR}: rba changed from better-off to how-well.",
        "Blockage 'Referrals wait for a shared record': level changed from service to "
        "partnership."]


# -- Wording -------------------------------------------------------------------------------

REWORDED = {"summary": "Families get help before small problems grow.",
            "success_looks_like": ["Families say the help came in time."],
            "easy_read": "Families get help soon.",
            "scrutiny_questions": ["How soon do families get help?"]}


@pytest.mark.parametrize(("fields", "words"), [
    (["summary"], "summary"),
    (["summary", "success_looks_like"], "summary and success looks like"),
    (["summary", "success_looks_like", "scrutiny_questions"],
     "summary, success looks like and scrutiny questions"),
    (["summary", "success_looks_like", "easy_read", "scrutiny_questions"],
     "summary, success looks like, easy read and scrutiny questions"),
])
def test_wording_changes_are_joined_into_one_sentence(fields, words):
    """Every reworded field named once, in the file's order, joined as English lists are.
    Kills fc.x__and__mutmut_1 to _15 and fc.x_field_changes__mutmut_2 and _177 to _185."""
    old = minimal()
    new = edited(old, "goals", "help-early", **{f: REWORDED[f] for f in fields})
    assert said(old, new) == [f"Goal 'Families get help early': wording of {words} updated."]


def test_layout_fields_are_not_changes():
    """'order' and 'decimals' change only the layout: no sentence, alone or beside a
    real change.  Kills fc.x_field_changes__mutmut_16 to _19 (unchanged or layout fields
    read as changes, or the fields after an unchanged one skipped)."""
    old = minimal()
    new = edited(old, "goals", "help-early", order=7)
    new = indicator(new, decimals=2)
    assert said(old, new) == []
    assert field_changes("indicator", old.indicators["re-referrals"],
                         new.indicators["re-referrals"], old, new, False) == []
    reworded = edited(new, "goals", "help-early", summary="Help comes before problems grow.")
    assert said(old, reworded) == [
        "Goal 'Families get help early': wording of summary updated."]


# -- Links between items -------------------------------------------------------------------


@functools.cache
def linked() -> Roadmap:
    """The minimal road map with a second service and priority, and a story, so that
    every kind of link can be added beside one that stays."""
    roadmap = minimal()
    roadmap = with_item(roadmap, "services", "young-carers", roadmap.services[
        "early-help"].model_copy(update={"name": "Young carers support"}))
    roadmap = with_item(roadmap, "priorities", "faster-help", roadmap.priorities[
        "simple-road-map"].model_copy(update={"title": "Faster help"}))
    return with_item(roadmap, "stories", "week", story())


def _help(goal: str) -> Contribution:
    return Contribution(goal=goal, how="It helps families early.")


GOAL = "Goal 'Families get help early'"
SAFE = "goal 'Children are safe at home'"
ACTION = "Action 'Publish the one-page road map'"
SERVICE = "Service 'Early help in neighbourhoods'"
STORY = "Story 'A family got help in a week'"
#: (LINKS pair, attribute, id, item's name, field, before, after, [(fragment, names)]).
LINK_CASES = {
    "goal serves, added": (
        ("goal", "serves"), "goals", "help-early", GOAL, "serves",
        ["cypp/early-help"], ["cypp/early-help", "cypp/stay-safe"],
        [("now serves partner-plan priority 'Stay safe'", "partner plan:cypp")]),
    "goal serves, removed": (
        ("goal", "serves"), "goals", "safe-at-home", "Goal 'Children are safe at home'",
        "serves", ["cypp/stay-safe", "cypp/early-help"], ["cypp/stay-safe"],
        [("no longer serves partner-plan priority 'Help early'", "partner plan:cypp")]),
    "priority goals, added": (
        ("priority", "goals"), "priorities", "faster-help", "Priority 'Faster help'", "goals",
        ["help-early"], ["help-early", "safe-at-home"],
        [(f"now serves {SAFE}", "goal:safe-at-home")]),
    "priority goals, removed": (
        ("priority", "goals"), "priorities", "simple-road-map", "Priority 'A simple road map'",
        "goals", ["safe-at-home", "help-early"], ["help-early"],
        [(f"no longer serves {SAFE}", "goal:safe-at-home")]),
    "indicator goals, added": (
        ("indicator", "goals"), "indicators", "re-referrals", INDICATOR, "goals",
        ["safe-at-home"], ["safe-at-home", "help-early"],
        [("now measures goal 'Families get help early'", "goal:help-early")]),
    "indicator goals, removed": (
        ("indicator", "goals"), "indicators", "re-referrals", INDICATOR, "goals",
        ["safe-at-home", "help-early"], ["safe-at-home"],
        [("no longer measures goal 'Families get help early'", "goal:help-early")]),
    "action services, added": (
        ("action", "services"), "actions", "publish-road-map", ACTION, "services",
        ["early-help"], ["early-help", "young-carers"],
        [("now involves service 'Young carers support'", "service:young-carers")]),
    "action services, removed": (
        ("action", "services"), "actions", "publish-road-map", ACTION, "services",
        ["early-help", "young-carers"], ["young-carers"],
        [("no longer involves service 'Early help in neighbourhoods'", "service:early-help")]),
    "action priority": (
        ("action", "priority"), "actions", "publish-road-map", ACTION, "priority",
        "simple-road-map", "faster-help",
        [("now belongs to priority 'Faster help'", "priority:faster-help"),
         ("no longer belongs to priority 'A simple road map'", "priority:simple-road-map")]),
    "service contributes to, added": (
        ("service", "contributes_to"), "services", "early-help", SERVICE, "contributes_to",
        [_help("help-early")], [_help("help-early"), _help("safe-at-home")],
        [(f"now contributes to {SAFE}", "goal:safe-at-home")]),
    "service contributes to, removed": (
        ("service", "contributes_to"), "services", "early-help", SERVICE, "contributes_to",
        [_help("help-early"), _help("safe-at-home")], [_help("safe-at-home")],
        [("no longer contributes to goal 'Families get help early'", "goal:help-early")]),
    "story goals, added": (
        ("story", "goals"), "stories", "week", STORY, "goals",
        ["help-early"], ["help-early", "safe-at-home"],
        [(f"now is about {SAFE}", "goal:safe-at-home")]),
    "story goals, removed": (
        ("story", "goals"), "stories", "week", STORY, "goals",
        ["safe-at-home", "help-early"], ["help-early"],
        [(f"no longer is about {SAFE}", "goal:safe-at-home")]),
    "story indicators, added": (
        ("story", "indicators"), "stories", "week", STORY, "indicators",
        [], ["re-referrals"],
        [("now is about indicator 'Re-referrals within 12 months'", "indicator:re-referrals")]),
    "story indicators, removed": (
        ("story", "indicators"), "stories", "week", STORY, "indicators",
        ["re-referrals"], [],
        [("no longer is about indicator 'Re-referrals within 12 months'",
          "indicator:re-referrals")]),
}


def test_every_kind_of_link_has_a_case():
    """A pair added to LINKS without a case here fails, so no kind of link goes
    untested."""
    assert {case[0] for case in LINK_CASES.values()} == set(LINKS)


@pytest.mark.parametrize("case", LINK_CASES.values(), ids=LINK_CASES.keys())
def test_a_link_added_or_removed_names_the_other_item_by_its_title(case):
    """Each link named by the linked item's title (or name), with the verb of its kind
    and what the change is about (the item and the linked item, a plan priority being
    about its plan), a link that stays not mentioned.  Kills fc.x__links__mutmut_1 to
    _36, fc.x__refs__mutmut_1 to _9, fc.x_labelled_ref__mutmut_8 to _14, _22, _23, _29,
    _32 to _40 and _44, fc.x_subject__mutmut_1 to _4, _6 and _7, and
    fc.x_field_changes__mutmut_110 to _127."""
    (label, _), attribute, item_id, name, field, before, after, expected = case
    old = edited(linked(), attribute, item_id, **{field: before})
    new = edited(old, attribute, item_id, **{field: after})
    assert about(old, new) == [(f"{name}: {text}.", (f"{label}:{item_id}", names))
                               for text, names in expected]


def test_a_reworded_contribution_is_how_it_helps():
    """The same goals with a new 'how': no link changed, the wording of how it helps did.
    Kills fc.x_field_changes__mutmut_129 to _134 and _136 to _140."""
    old = minimal()
    service = old.services["early-help"]
    how = [c.model_copy(update={"how": "It offers help the day a family asks."})
           if c.goal == "help-early" else c for c in service.contributes_to]
    new = edited(old, "services", "early-help", contributes_to=how,
                 description="Local teams help families before problems grow.")
    assert said(old, new) == [
        f"{SERVICE}: wording of description and how it helps updated."]


def _internal_plan() -> PartnerPlan:
    return minimal().partner_plans["cypp"].model_copy(update={
        "title": "Commissioning plan",
        "priorities": [PlanPriority(id="secret", title="Secret plan work")],
        "visibility": "internal"})


def test_the_public_summary_leaves_out_links_to_what_it_cannot_see():
    """A link to an internal plan's priority or an internal goal, added or removed: the
    intranet names it, the public summary says nothing (not even 'links updated').
    Kills fc.x_labelled_ref__mutmut_16, fc.x__links__mutmut_12 and _28 and
    fc.x_field_changes__mutmut_119 and _128."""
    hidden = minimal().goals["help-early"].model_copy(update={
        "title": "Hidden goal", "visibility": "internal"})
    old = with_item(with_item(minimal(), "partner_plans", "commissioning", _internal_plan()),
                    "goals", "hidden", hidden)
    old = edited(old, "priorities", "simple-road-map",
                 goals=["safe-at-home", "help-early", "hidden"])
    new = edited(old, "goals", "help-early", serves=["cypp/early-help", "commissioning/secret"])
    new = edited(new, "priorities", "simple-road-map", goals=["safe-at-home", "help-early"])
    assert about(old, new, "public") == []
    assert about(old, new, "internal") == [
        (f"{GOAL}: now serves partner-plan priority 'Secret plan work'.",
         ("goal:help-early", "partner plan:commissioning")),
        ("Priority 'A simple road map': no longer serves goal 'Hidden goal'.",
         ("priority:simple-road-map", "goal:hidden"))]


def test_a_linked_title_holding_a_contact_detail_is_not_quoted_to_the_public():
    """Kills fc.x__links__mutmut_12 and _28 (the guard skipped: the whole sentence
    withheld instead) and fc.x_labelled_ref__mutmut_39, _40 and _44."""
    call = minimal().goals["help-early"].model_copy(update={"title": f"Call {PHONE} for help"})
    old = with_item(minimal(), "goals", "call-us", call)
    old = indicator(old, goals=["safe-at-home", "call-us"])
    new = edited(old, "priorities", "simple-road-map",
                 goals=["safe-at-home", "help-early", "call-us"])
    new = indicator(new, goals=["safe-at-home"])
    assert said(old, new, "public") == [
        "Priority 'A simple road map': now serves a goal.",
        f"{INDICATOR}: no longer measures a goal."]
    assert said(old, new, "internal") == [
        f"Priority 'A simple road map': now serves goal 'Call {PHONE} for help'.",
        f"{INDICATOR}: no longer measures goal 'Call {PHONE} for help'."]


def test_a_link_to_an_item_that_does_not_exist_is_named_by_its_id_on_the_intranet():
    """A broken reference (the check reports it) still reads as a link on the intranet,
    named as any link to its kind is ('partner-plan priority', which said 'plan priority'
    before this test), and is left out for the public.  Kills
    fc.x_labelled_ref__mutmut_16 to _18, _20 and _21."""
    old = minimal()
    new = edited(old, "goals", "help-early", serves=["cypp/early-help", "cypp/gone"])
    new = edited(new, "priorities", "simple-road-map",
                 goals=["safe-at-home", "help-early", "gone-goal"])
    assert about(old, new) == [
        (f"{GOAL}: now serves partner-plan priority 'cypp/gone'.",
         ("goal:help-early", "partner plan:cypp")),
        ("Priority 'A simple road map': now serves goal 'gone-goal'.",
         ("priority:simple-road-map", "goal:gone-goal"))]
    assert about(old, new, "public") == []


# -- A partner plan's priorities -----------------------------------------------------------


def plan(*priorities: PlanPriority, **update) -> Roadmap:
    """The minimal road map whose plan 'cypp' has ``priorities``."""
    return edited(minimal(), "partner_plans", "cypp", priorities=list(priorities), **update)


STAY = PlanPriority(id="stay-safe", title="Stay safe")
EARLY = PlanPriority(id="early-help", title="Help early")


def test_plan_priorities_new_reworded_out_of_scope_and_removed():
    """In the plan's order, new ones first as they come, then those taken out.  Kills
    fc.x__plan_priorities__mutmut_1 to _51 (internal wording) and
    fc.x_field_changes__mutmut_144 to _155."""
    old = plan(STAY, EARLY, PlanPriority(id="be-heard", title="Be heard"))
    new = plan(PlanPriority(id="be-healthy", title="Be healthy"),
               STAY.model_copy(update={"title": "Stay safe at home"}),
               EARLY.model_copy(update={"out_of_scope": "The health plan covers it."}))
    assert said(old, new) == [
        f"{PLAN}: new priority 'Be healthy'.",
        f"{PLAN}: priority 'Stay safe' now reads 'Stay safe at home'.",
        f"{PLAN}: priority 'Help early' marked out of scope: 'The health plan covers it.'.",
        f"{PLAN}: priority 'Be heard' removed."]


def test_a_plan_priority_back_in_scope():
    """Kills fc.x__plan_priorities__mutmut_26, _27, _41 and _43 to _46."""
    old = plan(STAY, EARLY.model_copy(update={"out_of_scope": "The health plan covers it."}))
    assert said(old, plan(STAY, EARLY)) == [
        f"{PLAN}: priority 'Help early' is no longer out of scope."]


def test_a_new_reason_for_being_out_of_scope_is_a_change():
    """A priority out of scope before and after, for a different reason: before this
    test the summary said nothing ('No changes to the road map's content').  Kills
    fc.x__plan_priorities__mutmut_27 and _42 (read as newly out of scope, or back in)."""
    old = plan(STAY, EARLY.model_copy(update={"out_of_scope": "The health plan covers it."}))
    new = plan(STAY, EARLY.model_copy(update={"out_of_scope": "Ask jo@example.org why."}))
    assert said(old, new) == [
        f"{PLAN}: priority 'Help early' is out of scope for a new reason: 'Ask "
        "jo@example.org why.'."]
    assert said(old, new, "public") == [
        f"{PLAN}: priority 'Help early' is out of scope for a new reason."]


def test_plan_priorities_never_quote_a_contact_detail_to_the_public():
    """Each sentence still says what happened, without the text that fails the guard (a
    new one read 'new a priority' before this test).  Kills fc.x__priority__mutmut_1 to
    _9 and fc.x__plan_priorities__mutmut_13, _16, _17, _19, _23, _30, _35, _38 to _40, _44
    and _49."""
    contact = PlanPriority(id="contact", title="Email help@example.org")
    old = plan(STAY, EARLY, contact)
    new = plan(PlanPriority(id="call", title=f"Call {PHONE}"),
               STAY.model_copy(update={"title": f"Stay safe: ring {PHONE}"}),
               EARLY.model_copy(update={"out_of_scope": "Ask jo@example.org why."}))
    assert said(old, new, "public") == [
        f"{PLAN}: a new priority.",
        f"{PLAN}: priority 'Stay safe' was reworded.",
        f"{PLAN}: priority 'Help early' marked out of scope.",
        f"{PLAN}: a priority removed."]
    assert said(old, new, "internal") == [
        f"{PLAN}: new priority 'Call {PHONE}'.",
        f"{PLAN}: priority 'Stay safe' now reads 'Stay safe: ring {PHONE}'.",
        f"{PLAN}: priority 'Help early' marked out of scope: 'Ask jo@example.org why.'.",
        f"{PLAN}: priority 'Email help@example.org' removed."]
    reworded = plan(STAY, EARLY, contact.model_copy(update={"title": "Ask for help"}))
    assert said(old, reworded, "public") == [f"{PLAN}: a priority now reads 'Ask for help'."]


def test_a_priority_whose_title_the_public_may_not_see_is_a_priority():
    """The title is left out of every kind of sentence, the rest still said.  Kills
    fc.x__plan_priorities__mutmut_23, _35 and _44 (the guard skipped for the title)."""
    old = plan(PlanPriority(id="a", title="Email a@example.org"),
               PlanPriority(id="b", title=f"Ring {PHONE}", out_of_scope="Not ours."),
               PlanPriority(id="c", title="Email c@example.org"),
               PlanPriority(id="d", title="Email d@example.org", out_of_scope="Not ours."))
    new = plan(PlanPriority(id="a", title="Email b@example.org"),
               PlanPriority(id="b", title=f"Ring {PHONE}"),
               PlanPriority(id="c", title="Email c@example.org", out_of_scope="Not ours."),
               PlanPriority(id="d", title="Email d@example.org", out_of_scope="Theirs."))
    assert said(old, new, "public") == [
        f"{PLAN}: a priority was reworded.",
        f"{PLAN}: a priority is no longer out of scope.",
        f"{PLAN}: a priority marked out of scope: 'Not ours.'.",
        f"{PLAN}: a priority is out of scope for a new reason: 'Theirs.'."]


def test_other_fields_of_a_partner_plan_are_wording():
    """Only a partner plan's 'priorities' are read as plan priorities; a blockage's
    'priorities' (ids) are not.  Kills fc.x_field_changes__mutmut_143 to _149."""
    old = with_item(minimal(), "blockages", "shared-record", blockage())
    new = edited(old, "partner_plans", "cypp", period="2012 to 2016")
    new = with_item(new, "blockages", "shared-record", blockage(priorities=["simple-road-map"]))
    assert said(old, new) == [
        f"{PLAN}: wording of period updated.",
        "Blockage 'Referrals wait for a shared record': wording of priorities updated."]
