"""Blockages, stories, the Munro plan and named officers: model, references, checks, filter.

Each case writes one small file into a copy of the minimal fixture and asserts the exact
message.  The escalation rules are tested with a fixed today.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goldenthread.check.pipeline import check_roadmap
from goldenthread.check.stories import names_in
from goldenthread.derive.audience import for_audience
from goldenthread.derive.escalation import (
    EscalationSettingError,
    blockage_state,
    blockage_states,
    escalation_rules,
    step_names,
)
from goldenthread.read.staff_models import Blockage
from goldenthread.read.vocabulary import shipped

TODAY = date(2026, 11, 20)

BLOCKAGE = """\
title: Police are not at every strategy meeting
description: Some meetings go ahead without the police.
services:
  - early-help
raised: 2026-09-01
raised_by: Head of Early Help
owner: Director of Children's Services
level: informal
next_review: 2026-12-01
status: open
visibility: internal
"""

STORY = """\
title: Help before things got worse
account: A mother was struggling. The early help team visited within a week.
difference: The children are back in school every day.
told_by: A mother of two
recorded: 2013-02-14
goals:
  - help-early
consent: true
visibility: public
"""

MUNRO = """\
entries:
  - principle: early-help
    rating: developing
    evidence: Teams work in two areas.
    next_step: Reach every area.
    owner: Head of Early Help
    assessed: 2012-12-10
    due: "2013-Q4"
    visibility: public
  - principle: reflective-practice
    rating: established
    evidence: Staff reflect on their cases.
    next_step: Check supervision in health.
    owner: Head of Early Help
    assessed: 2012-12-10
    due: "2013-Q3"
    visibility: internal
"""

OFFICERS = """\
officers:
  - name: A. Example
    role: Head of Early Help
    contact: early.help@example.org
"""


def write(data: Path, name: str, text: str) -> Path:
    path = data / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(data: Path, audience: str = "public", under: str = "") -> list[str]:
    """Every problem about files under ``under`` (a path inside the data folder)."""
    _, problems = check_roadmap(data, audience=audience, today=TODAY)
    return [str(p) for p in problems if p.location.path.startswith(f"roadmap_data/{under}")]


@pytest.fixture
def data(data_copy) -> Path:
    """The minimal fixture plus one valid item of each new kind."""
    folder = data_copy()
    write(folder, "blockages/police.yml", BLOCKAGE)
    write(folder, "stories/help.yml", STORY)
    write(folder, "munro.yml", MUNRO)
    write(folder, "officers.yml", OFFICERS)
    return folder


def test_valid_items_of_each_kind_load_without_problems(data):
    roadmap, _ = check_roadmap(data, audience="internal", today=TODAY)
    assert list(roadmap.blockages) == ["police"]
    assert list(roadmap.stories) == ["help"]
    assert [e.principle for e in roadmap.munro] == ["early-help", "reflective-practice"]
    assert [o.name for o in roadmap.officers] == ["A. Example"]
    assert found(data, "internal", "blockages") == [
        "roadmap_data/blockages/police.yml:8:8: blockage 'police': 80 days at the informal "
        "level, over the limit of 30; escalate it to the service level (heads of service), "
        "then update 'level' and 'at_level_since' (warning) [escalation-due]"]
    assert [p for under in ("blockages", "stories", "munro", "officers")
            for p in found(data, "public", under)] == []


def test_a_blockage_can_never_be_public(data):
    write(data, "blockages/police.yml", BLOCKAGE.replace("visibility: internal",
                                                         "visibility: public"))
    assert found(data, under="blockages") == [
        "roadmap_data/blockages/police.yml:11:13: blockage 'police': blockages are for staff "
        "only and are never published, so 'visibility' must be internal [public-blockage]"]


def test_a_resolved_blockage_needs_its_date_and_resolution(data):
    write(data, "blockages/police.yml", BLOCKAGE.replace("status: open", "status: resolved"))
    assert found(data, under="blockages") == [
        "roadmap_data/blockages/police.yml:1:1: blockage 'police': a resolved blockage needs "
        "'closed' (the date, YYYY-MM-DD) and 'resolution' (how it was resolved, or why it was "
        "withdrawn) [invalid-value]"]


def test_blockage_and_story_references_are_resolved(data):
    write(data, "blockages/police.yml", BLOCKAGE.replace("  - early-help", "  - erly-help"))
    write(data, "stories/help.yml", STORY.replace("  - help-early", "  - help-erly")
          + "indicators:\n  - nope\n")
    assert found(data, under="blockages") + found(data, under="stories") == [
        "roadmap_data/blockages/police.yml:4:5: blockage 'police': unknown service id "
        "'erly-help' — did you mean 'early-help'? [unknown-ref]",
        "roadmap_data/stories/help.yml:7:5: story 'help': unknown goal id 'help-erly' — did "
        "you mean 'help-early'? [unknown-ref]",
        "roadmap_data/stories/help.yml:11:5: story 'help': unknown indicator id 'nope' "
        "[unknown-ref]",
    ]


def test_a_public_story_needs_consent(data):
    write(data, "stories/help.yml", STORY.replace("consent: true\n", ""))
    write(data, "stories/other.yml", STORY.replace("consent: true", "consent: false"))
    assert found(data, under="stories") == [
        "roadmap_data/stories/help.yml:8:13: story 'help': a public story needs the recorded "
        "consent of the people it is about; once it is recorded add 'consent: true', until "
        "then set 'visibility: internal' [no-consent]",
        "roadmap_data/stories/other.yml:9:13: story 'other': a public story needs the "
        "recorded consent of the people it is about; once it is recorded add 'consent: "
        "true', until then set 'visibility: internal' [no-consent]",
    ]


def test_a_public_story_must_not_name_anyone(data):
    write(data, "stories/help.yml", STORY.replace(
        "A mother was struggling.", "Mrs Smith and Olivia were struggling.").replace(
        "A mother of two", "Harry, her son"))
    assert found(data, under="stories") == [
        "roadmap_data/stories/help.yml:2:10: story 'help': 'account' contains what looks like "
        "a name ('Mrs Smith'); a public story must not identify anyone: describe people by "
        "role, e.g. 'a mother' or 'her social worker' [story-name]",
        "roadmap_data/stories/help.yml:2:10: story 'help': 'account' contains what looks like "
        "a name ('Olivia'); a public story must not identify anyone: describe people by "
        "role, e.g. 'a mother' or 'her social worker' [story-name]",
        "roadmap_data/stories/help.yml:4:10: story 'help': 'told_by' contains what looks like "
        "a name ('Harry'); a public story must not identify anyone: describe people by role, "
        "e.g. 'a mother' or 'her social worker' [story-name]",
    ]
    # An internal story may name people: it is never published.
    write(data, "stories/help.yml", STORY.replace("A mother was", "Mrs Smith was").replace(
        "visibility: public", "visibility: internal"))
    assert found(data, under="stories") == []


def test_contact_details_in_a_public_story_stop_the_public_build(data):
    # The personal-data guard (checks/personal_data.py) covers stories like all public text.
    write(data, "stories/help.yml", STORY.replace("within a week.", "on 0121 496 0000."))
    _, problems = check_roadmap(data, audience="public", today=TODAY)
    assert [(str(p.location), p.code) for p in problems if "stories" in p.location.path] == [
        ("roadmap_data/stories/help.yml:2:10", "personal-data")]


def test_names_are_found_by_title_or_common_first_name_only():
    assert names_in("Dr. Patel met Ms Khan and Noah.") == ["Dr. Patel", "Ms Khan", "Noah"]
    # Everyday words that are also names are not on the list.
    assert names_in("We will help in May. Grace and hope matter; will and may are words.") == []
    # A name is a name in lower case or capitals too, as a reader reads it (issue 22).
    assert names_in("oliver is lower case; NOAH is in capitals.") == ["oliver", "NOAH"]


def test_munro_principles_are_assessed_once_and_from_the_list(data):
    text = MUNRO.replace("principle: reflective-practice", "principle: early-help")
    write(data, "munro.yml", text.replace("rating: developing", "rating: started"))
    assert found(data, under="munro") == [
        "roadmap_data/munro.yml:3:13: munro.yml: 'rating' must be one of: established, "
        "developing, not-yet (not 'started') [bad-choice]"]
    write(data, "munro.yml", text)
    assert found(data, under="munro") == [
        "roadmap_data/munro.yml:10:16: munro.yml: the principle 'early-help' (Early help) is "
        "assessed twice (also entry 1); keep one entry per principle [duplicate-id]"]


def test_officer_roles_must_match_roles_in_the_road_map(data):
    write(data, "officers.yml", OFFICERS + OFFICERS.replace("officers:\n", "").replace(
        "Head of Early Help", "Head of Erly Help"))
    assert found(data, under="officers") == [
        "roadmap_data/officers.yml:6:11: officers.yml: the role 'Head of Erly Help' is not "
        "used anywhere in the road map, so the officer's name is never shown; write the role "
        "exactly as for owners and accountabilities — did you mean 'Head of Early Help'? "
        "(warning) [unknown-role]"]


def test_the_public_road_map_has_no_blockages_officers_or_unconsented_stories(data):
    write(data, "stories/no-consent.yml", STORY.replace("consent: true", "consent: false")
          .replace("visibility: public", "visibility: internal"))
    roadmap, _ = check_roadmap(data, audience="public", today=TODAY)
    public = for_audience(roadmap, "public")
    assert (public.blockages, public.officers) == ({}, ())
    assert list(public.stories) == ["help"]
    assert [e.principle for e in public.munro] == ["early-help"]
    internal = for_audience(roadmap, "internal")
    assert (len(internal.blockages), len(internal.officers), len(internal.stories)) == (1, 1, 2)


# -- escalation rules ------------------------------------------------------------------

def blockage(**changes) -> Blockage:
    fields = {"title": "x", "description": "y", "raised": date(2026, 9, 1),
              "raised_by": "A role", "owner": "A role", "level": "informal",
              "next_review": date(2026, 12, 1), "status": "open", "visibility": "internal"}
    fields.update(changes)
    return Blockage(**fields)


#: The children's safeguarding vocabulary's steps (the example's), and their bodies.
STEPS = shipped("children").escalation
NAMES = step_names(STEPS)


def test_age_and_time_at_level_are_counted_to_today():
    rules = escalation_rules(None, STEPS)
    state = blockage_state("b", blockage(level="service", at_level_since=date(2026, 10, 1)),
                           TODAY, rules, NAMES)
    assert (state.age_days, state.days_at_level, state.limit, state.overdue) == (80, 50, 60, False)
    assert state.advice == "Within time: 50 of 60 days at this level."
    state = blockage_state("b", blockage(), TODAY, rules, NAMES)
    assert (state.age_days, state.days_at_level, state.overdue, state.next_level) == (
        80, 80, True, "service")
    assert state.advice == ("Overdue for escalation: 80 days at this level, over the limit of "
                            "30 days. Escalate to the service level (heads of service).")


def test_the_limit_is_exclusive_and_the_top_level_has_none_by_default():
    on_the_day = blockage(raised=date(2026, 10, 21))  # exactly 30 days before TODAY
    assert blockage_state("b", on_the_day, TODAY, escalation_rules(None, STEPS)).overdue is False
    board = blockage(level="safeguarding-board")
    state = blockage_state("b", board, TODAY, escalation_rules(None, STEPS), NAMES)
    assert (state.limit, state.overdue, state.next_level) == (None, False, None)
    rules = escalation_rules({"escalation": {"safeguarding-board": 60, "informal": 90}}, STEPS)
    assert rules == {"informal": 90, "service": 60, "partnership": 90, "safeguarding-board": 60}
    state = blockage_state("b", board, TODAY, rules, NAMES)
    assert state.overdue and state.advice == (
        "Overdue for a decision: 80 days at this level, over the limit of 60 days; the "
        "Safeguarding Children Board should decide what happens next.")
    assert blockage_state("b", blockage(), TODAY, rules).overdue is False


def test_closed_blockages_are_never_overdue_and_open_ones_come_oldest_first():
    closed = blockage(status="resolved", closed=date(2026, 9, 11), resolution="Fixed.")
    state = blockage_state("c", closed, TODAY, escalation_rules(None))
    assert (state.age_days, state.overdue, state.review_overdue) == (10, False, False)
    order = blockage_states({"new": blockage(raised=date(2026, 11, 1)), "done": closed,
                             "old": blockage(raised=date(2026, 1, 5))}, TODAY, {})
    assert [s.id for s in order] == ["old", "new", "done"]


@pytest.mark.parametrize(("setting", "message"), [
    ("informal", "extra.goldenthread.escalation should be a block of 'level: days' lines, "
                 "such as 'informal: 30'"),
    ({"informl": 30}, "extra.goldenthread.escalation: 'informl' is not a step of escalation; "
                      "the steps are informal, service, partnership, safeguarding-board — did "
                      "you mean 'informal'?"),
    ({"service": "60 days"}, "extra.goldenthread.escalation: the limit for 'service' should be "
                             "a whole number of days, 1 or more (found '60 days')"),
])
def test_a_wrong_escalation_setting_is_explained(setting, message):
    with pytest.raises(EscalationSettingError) as caught:
        escalation_rules({"escalation": setting}, STEPS)
    assert str(caught.value) == message


def test_a_wrong_escalation_setting_stops_the_check(data):
    _, problems = check_roadmap(data, audience="internal", today=TODAY,
                                options={"escalation": {"service": 0}})
    assert [str(p) for p in problems if p.location.path == "mkdocs.yml"] == [
        "mkdocs.yml:1:1: extra.goldenthread.escalation: the limit for 'service' should be a "
        "whole number of days, 1 or more (found '0') [invalid-value]"]
