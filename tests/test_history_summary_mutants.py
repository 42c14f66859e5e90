"""Tests that bite: `goldenthread diff`, the pull-request summary and the public history
(goldenthread.history.changes and goldenthread.history.compare), written to kill the
mutants that survived the rest of the fast suite (issue 11).

Each docstring names the mutations it kills (mutmut names, ``changes.x__short__mutmut_8``
is ``goldenthread.history.changes.x__short__mutmut_8``); each was checked by applying the
mutation by hand to a private copy of the package.  Every expected text below is what
the code's documented format says it must be, worked out from the minimal fixture; no
test depends on today's date.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import time
from datetime import date

import pytest

from goldenthread.history.changes import (
    ChangeLog,
    DatedChanges,
    Version,
    _compare_versions,
    _short,
    _states,
    change_log,
    diff_revisions,
    markdown_code,
    public_subjects,
    summary,
    withheld_names,
)
from goldenthread.history.compare import (
    UNQUOTABLE,
    Change,
    accountability_key,
    as_markdown,
    compare,
    subjects,
)
from goldenthread.problems import Location, Problem
from goldenthread.read.data_folder import read_roadmap

from .conftest import MINIMAL
from .git_repo import commit_all, edit, git

TARGET = 'targets:\n  - value: 20\n    by: "2013-14"\n'
INDICATOR_CHANGE = ("Indicator 'Re-referrals within 12 months': target for 2013-14 changed "
                    "from 20% to 18%.")
ACTION_CHANGE = "Action 'Publish the one-page road map': progress changed from Done to At risk."
NO_CHANGES = "No changes to the road map's content.\n"
#: Every item of the minimal fixture, as compare names it, in the order of the kinds.
MINIMAL_ITEMS = [
    "Goal 'Children are safe at home'.",
    "Goal 'Families get help early'.",
    "Priority 'A simple road map'.",
    "Indicator 'Re-referrals within 12 months'.",
    "Service 'Early help in neighbourhoods'.",
    "Action 'Publish the one-page road map'.",
    "Partner plan 'Children and Young People Plan'.",
]


def _minimal():
    roadmap, problems = read_roadmap(MINIMAL)
    assert roadmap is not None and problems == []
    return roadmap


def _error(n: int) -> Problem:
    return Problem(Location("roadmap_data/goals/help-early.yml", n, 3), f"problem number {n}",
                   "yaml-syntax")


# -- `goldenthread diff` on a real repository ---------------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A repository whose first commit has no data folder ('our_data'), the second adds it
    (with the action internal) and the third lowers a target and changes the action's
    progress.  Git abbreviates commit ids to 12 characters here, not the usual 7, so a
    name made from git's answer is told apart from one made by cutting the id."""
    root = tmp_path_factory.mktemp("repo")
    git(root, "init", "-q")
    git(root, "config", "core.abbrev", "12")
    (root / "README.md").write_text("Road map data lands here later.\n", "utf-8")
    git(root, "add", "README.md")
    git(root, "commit", "-q", "-m", "before the data", day="2026-01-01")
    data = root / "our_data"
    shutil.copytree(MINIMAL, data)
    edit(data / "actions/publish-road-map.yml", "visibility: public", "visibility: internal")
    commit_all(data, "the road map", day="2026-01-02")
    edit(data / "indicators/re-referrals.yml", TARGET, TARGET.replace("value: 20", "value: 18"))
    edit(data / "actions/publish-road-map.yml", "status: done", "status: at-risk")
    commit_all(data, "lower the target, the action is at risk", day="2026-01-03")
    shas = git(root, "log", "--format=%H").split()  # newest first
    assert len(shas) == 3 and all(len(s) == 40 for s in shas)
    return data, shas


def test_diff_names_each_revision_with_gits_short_commit_id(repo):
    """Kills changes.x__short__mutmut_1, _2, _6 to _13 (git is not asked, or asked in the
    wrong folder or with the wrong arguments, so the name falls back to 7 characters of the
    id or becomes the full id), _15 (always 7 characters) and diff_revisions_30 and _48
    (the base's and the head's names asked in the wrong folder).  Also as_markdown_15 (the
    lines of a section joined by something else than a line break)."""
    data, (head, base, _) = repo
    out = diff_revisions(data, "HEAD~1", "HEAD")
    assert out == (f"## Changes to the road map: HEAD\\~1 ({base[:12]}) → HEAD ({head[:12]})\n"
                   f"\n**Changed**\n\n- {INDICATOR_CHANGE}\n- {ACTION_CHANGE}\n")


def test_diff_names_a_revision_given_as_an_abbreviated_id_by_that_id_alone(repo):
    """Kills changes.x__short__mutmut_18 (the name always repeats the short id in brackets,
    even when the revision is already that id) and diff_revisions_46 (a named head called
    'the working tree')."""
    data, (head, base, _) = repo
    first_line = diff_revisions(data, base[:9], head).splitlines()[0]
    assert first_line == f"## Changes to the road map: {base[:9]} → {head} ({head[:12]})"
    working = diff_revisions(data, "HEAD")
    assert working == (f"## Changes to the road map: HEAD ({head[:12]}) → the working tree\n"
                       f"\n{NO_CHANGES}")


def test_a_short_name_outside_git_falls_back_to_seven_characters_of_the_id(tmp_path):
    """Kills changes.x__short__mutmut_16 (git's missing answer used anyway: None.strip())
    and _17 (eight characters instead of git's usual seven)."""
    commit = "0123456789abcdef0123456789abcdef01234567"
    assert _short(tmp_path, "main", commit) == "main (0123456)"
    assert _short(tmp_path, "01234", commit) == "01234"


def test_diff_for_the_public_leaves_out_the_internal_action(repo):
    """Kills changes.x_diff_revisions__mutmut_61, _64 and _65 (the audience not passed on
    to the summary, so the internal action's change is shown to the public)."""
    data, (head, base, _) = repo
    out = diff_revisions(data, "HEAD~1", "HEAD", audience="public")
    assert out == (f"## Changes to the road map: HEAD\\~1 ({base[:12]}) → HEAD ({head[:12]})\n"
                   f"\n**Changed**\n\n- {INDICATOR_CHANGE}\n")


def test_diff_says_when_the_data_folder_did_not_exist_on_either_side(repo):
    """Kills changes.x__read__mutmut_19 to _24 (a missing folder's version nameless, not
    marked missing, or not made at all), diff_revisions_60 and _64 (the folder's name not
    passed on) and summary_17 (a missing new side compared anyway, so that every item looks
    removed instead of "No changes")."""
    data, (_, base, before) = repo
    missing = (f"The data folder 'our\\_data' did not exist at HEAD\\~2 ({before[:12]}).\n")
    added = diff_revisions(data, "HEAD~2", "HEAD~1").split("\n")
    assert added[:4] == [
        f"## Changes to the road map: HEAD\\~2 ({before[:12]}) → HEAD\\~1 ({base[:12]})", "",
        missing.rstrip("\n"), ""]
    assert added[4] == "**Added**"
    assert f"- {MINIMAL_ITEMS[0]}" in added
    assert "**Removed**" not in added
    removed = diff_revisions(data, "HEAD~1", "HEAD~2")
    assert removed == (f"## Changes to the road map: HEAD\\~1 ({base[:12]}) → HEAD\\~2 "
                       f"({before[:12]})\n\n{missing}\n{NO_CHANGES}")


# -- The summary ----------------------------------------------------------------------------


def test_summary_names_the_default_data_folder_when_a_side_had_none():
    """Kills changes.x_summary__mutmut_1 and _2 (the default folder name misspelt)."""
    out = summary(Version("main", None, missing=True), Version("head", _minimal()))
    assert out.split("\n")[:3] == [
        "## Changes to the road map: main → head", "",
        "The data folder 'roadmap\\_data' did not exist at main."]


def test_summary_for_the_public_leaves_out_internal_items():
    """Kills changes.x_summary__mutmut_20 and _23 (the audience not passed on to compare)."""
    old = _minimal()
    hidden = old.actions["publish-road-map"].model_copy(update={"visibility": "internal"})
    old = dataclasses.replace(old, actions={"publish-road-map": hidden})
    new = dataclasses.replace(old, actions={"publish-road-map": hidden.model_copy(
        update={"status": "at-risk"})})
    head = "## Changes to the road map: main → head\n\n"
    assert summary(Version("main", old), Version("head", new), audience="internal") == (
        f"{head}**Changed**\n\n- {ACTION_CHANGE}\n")
    assert summary(Version("main", old), Version("head", new), audience="public") == (
        f"{head}{NO_CHANGES}")


def _errors_summary(count: int) -> list[str]:
    """The summary's lines when the base has ``count`` errors (and a warning)."""
    roadmap = _minimal()
    warning = Problem(Location("roadmap_data/roadmap.yml", 9, 1), "review soon", "review-due")
    problems = [_error(n) for n in range(1, count + 1)] + [warning]
    return summary(Version("main", roadmap, problems), Version("head", roadmap)).split("\n")


def test_the_summary_lists_a_sides_errors_as_code_one_a_line():
    """Kills changes.x__errors_text__mutmut_4 (errors joined by something else than a line
    break), _7 ("None" where nothing more is to be said), _9 (always "… and N more") and
    _14 (text where nothing more is to be said)."""
    assert _errors_summary(2) == [
        "## Changes to the road map: main → head", "",
        "**The road map at main has 2 data error(s).** Items with errors are left out below, "
        "so they may look added or unchanged. Fix these first (run `goldenthread check`):",
        "",
        "- `roadmap_data/goals/help-early.yml:1:3: problem number 1 [yaml-syntax]`",
        "- `roadmap_data/goals/help-early.yml:2:3: problem number 2 [yaml-syntax]`",
        "", NO_CHANGES.rstrip("\n"), ""]


def test_the_summary_shows_twenty_errors_and_counts_the_rest():
    """Kills changes.x__errors_text__mutmut_6 (21 shown), _8 (the rest never counted),
    _10 and _11 (the rest miscounted), _12 (">= 20": "… and 0 more" under exactly 20) and
    _13 ("> 21": the one more under 21 not counted)."""
    def listed(lines: list[str]) -> list[str]:
        return [line for line in lines if line.startswith("- ")]

    twenty = listed(_errors_summary(20))
    assert twenty == [f"- `roadmap_data/goals/help-early.yml:{n}:3: problem number {n} "
                      "[yaml-syntax]`" for n in range(1, 21)]
    assert "**The road map at main has 20 data error(s).**" in _errors_summary(20)[2]
    assert listed(_errors_summary(21)) == [*twenty, "- … and 1 more"]
    assert listed(_errors_summary(22)) == [*twenty, "- … and 2 more"]


def test_the_summary_says_how_an_item_with_errors_looks_on_each_side():
    """Bug fix: the summary said items with errors "may look removed or unchanged" whichever
    side had the errors, but an item left out of the *base* for its errors is listed as
    added.  The base's errors now warn of "added", the head's of "removed"."""
    old = _minimal()
    new = dataclasses.replace(old, goals={k: v for k, v in old.goals.items()
                                          if k != "help-early"})  # left out for its error
    broken = [_error(1)]
    fixed = summary(Version("main", new, broken), Version("fix", old)).split("\n")
    assert fixed[2].startswith("**The road map at main has 1 data error(s).** Items with "
                               "errors are left out below, so they may look added or "
                               "unchanged.")
    assert fixed[-4:] == ["**Added**", "", "- Goal 'Families get help early'.", ""]
    broke = summary(Version("main", old), Version("break", new, broken)).split("\n")
    assert broke[2].startswith("**The road map at break has 1 data error(s).** Items with "
                               "errors are left out below, so they may look removed or "
                               "unchanged.")
    assert broke[-4:] == ["**Removed**", "", "- Goal 'Families get help early'.", ""]


def test_an_error_that_starts_or_ends_with_a_backtick_stays_one_code_span():
    """Kills changes.x_markdown_code__mutmut_24 (padding only when the text both starts and
    ends with a backtick), _26 and _28 (the start or the end never seen as a backtick):
    unpadded, '```x``' would read as a fence of three backticks."""
    assert markdown_code("`x") == "`` `x ``"
    assert markdown_code("x`") == "`` x` ``"
    assert markdown_code("x") == "`x`"


# -- The public history: which pairs are compared and which subjects are named -------------


def test_versions_with_data_errors_or_no_road_map_are_never_compared():
    """Kills changes.x__compare_versions__mutmut_1, _2 and _3 (the wrong side's errors or
    road map looked at) and _8 (True instead of False for "not comparable")."""
    old = _minimal()
    goal = old.goals["help-early"].model_copy(update={"title": "Help early"})
    new = dataclasses.replace(old, goals={**old.goals, "help-early": goal})
    good, changed = Version("a", old), Version("b", new)
    errors = Version("c", old, [_error(1)])
    missing = Version("d", None, missing=True)
    assert _compare_versions(errors, changed, "public") is False
    assert _compare_versions(good, Version("e", new, [_error(1)]), "public") is False
    assert _compare_versions(missing, changed, "public") is False
    assert _compare_versions(good, missing, "public") is False
    warning = Problem(Location("roadmap_data/roadmap.yml", 9, 1), "review soon", "review-due")
    assert _compare_versions(Version("f", old, [warning]), changed, "public") == (
        Change("changed", "Goal 'Help early': title changed from 'Families get help early' to "
               "'Help early'.", ("goal:help-early",)),)


def test_a_version_without_a_road_map_has_no_subjects():
    """Kills changes.x__states__mutmut_2 (subjects of a missing road map: a crash)."""
    assert _states(Version("a", None, missing=True)) == {}
    assert _states(Version("b", _minimal())) == subjects(_minimal())


def test_public_subjects_take_each_subjects_latest_state():
    """Kills changes.x_public_subjects__mutmut_2 (the current road map ignored, so an item
    made internal since is named again), _3 and _6 (the current road map read when there
    is none, or ignored when there is one)."""
    current = _minimal()
    hidden = current.actions["publish-road-map"].model_copy(update={"visibility": "internal"})
    current = dataclasses.replace(current, actions={"publish-road-map": hidden})
    history = [{"action:publish-road-map": True, "goal:deleted-while-public": True,
                "goal:hidden-then-deleted": False},
               {"goal:hidden-then-deleted": True}]
    expected = {key for key, public in subjects(current).items() if public}
    assert "action:publish-road-map" not in expected and "goal:help-early" in expected
    assert public_subjects(current, history) == frozenset(expected
                                                          | {"goal:deleted-while-public"})
    assert public_subjects(None, history) == frozenset({"action:publish-road-map",
                                                        "goal:deleted-while-public"})


# -- compare: subjects, keys and sentences --------------------------------------------------


def test_subjects_key_every_entry_of_the_road_map_with_its_visibility():
    """Kills compare.x__kinds__mutmut_5 and _6 (a kind whose folder has a hyphen, the
    partner plans, looked up under a wrong name and so never seen), accountability_key_2,
    _3, _5 and _6 (the documented key 'accountability:role|organisation|level|
    responsibility|kind|id' misspelt, or every part 'None' so that all accountabilities
    share one key) and subjects_33, _34, _38, _39, _43 and _44 (an achievement's, a
    term's or an accountability's key or visibility lost)."""
    roadmap = _minimal()
    term = roadmap.glossary[1].model_copy(update={"visibility": "internal"})
    roadmap = dataclasses.replace(roadmap, glossary=(roadmap.glossary[0], term))
    assert subjects(roadmap) == {
        "goal:safe-at-home": True, "goal:help-early": True,
        "priority:simple-road-map": True, "indicator:re-referrals": True,
        "service:early-help": True, "action:publish-road-map": True,
        "partner plan:cypp": True,
        "achievement:no child in care excluded": True,
        "term:early help in neighbourhoods": True, "term:cypp": False,
        "accountability:Head of Early Help|Example Council|service|accountable|goal|"
        "help-early": True,
        "accountability:Children and Young People's Partnership|Example partnership|"
        "partnership|accountable|goal|help-early": True,
        "accountability:Independent Chair, Safeguarding Children Board|Safeguarding "
        "Children Board|inter-agency|accountable|goal|safe-at-home": True,
    }
    assert accountability_key(roadmap.accountabilities[0]) == (
        "accountability:Head of Early Help|Example Council|service|accountable|goal|"
        "help-early")


def test_a_subject_shared_by_several_entries_is_public_only_when_all_are():
    """Kills compare.x_subjects__mutmut_4 (each entry's visibility replacing the one
    before, so an internal achievement followed by a public one of the same title counts
    as public)."""
    roadmap = _minimal()
    public = roadmap.info.achievements[0]
    internal = public.model_copy(update={"visibility": "internal"})
    for achievements, expected in (((internal, public), False), ((public, internal), False),
                                   ((public, public), True)):
        info = roadmap.info.model_copy(update={"achievements": achievements})
        shared = subjects(dataclasses.replace(roadmap, info=info))
        assert shared["achievement:no child in care excluded"] is expected


def test_a_change_to_a_partner_plan_is_summed_up():
    """Kills compare.x__kinds__mutmut_5 and _6 in compare (partner plans, whose folder has
    a hyphen, never compared)."""
    old = _minimal()
    plan = old.partner_plans["cypp"].model_copy(update={"title": "Children's Plan"})
    new = dataclasses.replace(old, partner_plans={"cypp": plan})
    assert compare(old, new) == [Change(
        "changed", "Partner plan 'Children's Plan': title changed from 'Children and Young "
        "People Plan' to 'Children's Plan'.", ("partner plan:cypp",))]


def test_a_public_comparison_with_one_side_missing_adds_or_removes_everything():
    """Kills compare.x_compare__mutmut_8 and _18 (a missing side filtered for the public
    anyway: a crash once another road map has been filtered)."""
    roadmap = _minimal()
    removed = compare(roadmap, None, "public")
    assert [(c.section, c.text) for c in removed] == [("removed", t) for t in MINIMAL_ITEMS]
    added = compare(None, roadmap, "public")
    assert [(c.section, c.text) for c in added] == [("added", t) for t in MINIMAL_ITEMS]


def test_a_sentence_whose_parts_make_an_email_address_is_not_shown_to_the_public():
    """Kills compare.x__safe_text__mutmut_3 (the net under the part-by-part guard taken
    away).  A role 'duty.team at example' and organisation 'dot' each pass the guards, but
    the sentence reads 'duty.team at example (dot) is ...', an address spelled out.  (Not
    'jane.smith': the name guard now finds 'jane' in it, so it would never be quoted.)"""
    old = _minimal()
    extra = old.accountabilities[0].model_copy(update={"role": "duty.team at example",
                                                       "organisation": "dot"})
    new = dataclasses.replace(old, accountabilities=(*old.accountabilities, extra))
    internal = compare(old, new, "internal")
    assert [c.text for c in internal] == [
        "duty.team at example (dot) is now accountable for goal 'Families get help early' "
        "at the service level."]
    public = compare(old, new, "public")
    assert [(c.section, c.text, c.about) for c in public] == [
        ("added", UNQUOTABLE, (accountability_key(extra), "goal:help-early"))]


def test_as_markdown_with_a_heading_and_without_changes():
    """Kills compare.x_as_markdown__mutmut_2 (the heading never shown) and _6, _7 and _8
    (the words for "no changes" misspelt)."""
    assert as_markdown([], heading="What has changed") == (
        f"## What has changed\n\n{NO_CHANGES}")
    assert as_markdown([]) == NO_CHANGES
    changes = [Change("changed", "B."), Change("added", "A."), Change("changed", "C.")]
    assert as_markdown(changes, line=str.upper) == (
        "**Added**\n\n- A.\n\n**Changed**\n\n- B.\n- C.\n")


# -- compare: the road map's own fields, items, accountabilities and glossary terms --------

PHONE = "01632 960001"  # a UK phone number (Ofcom's drama range): never quoted to the public


def _goal(roadmap, title: str):
    return roadmap.goals["help-early"].model_copy(update={"title": title})


def test_every_change_to_the_road_maps_own_fields_is_one_sentence():
    """Kills compare.x__info_changes__mutmut_22 to _40 and _44 (the title's or the owner's
    sentence wrong, lost or in no section), _62 to _76 (the review dates' sentences), _92
    to _106 (the sentence for why it matters, benefits and organisation) and _152 and _155
    (an achievement's changed details not about it, or not naming it)."""
    old = _minimal()
    kept = old.info.achievements[0]
    gone = kept.model_copy(update={"title": "Old award"})
    old = dataclasses.replace(old, info=old.info.model_copy(
        update={"achievements": (kept, gone)}))
    new_info = old.info.model_copy(update={
        "title": "Keeping children safe together",
        "owner": "Director of Children and Families",
        "last_reviewed": date(2026, 11, 1), "review_by": date(2027, 5, 1),
        "why_it_matters": "Families asked for one plan.", "benefits": ("Help sooner.",),
        "organisation": "Example Borough Council",
        "achievements": (kept.model_copy(update={"detail": "Three years now."}),
                         kept.model_copy(update={"title": "Family hubs open"}))})
    new = dataclasses.replace(old, info=new_info)
    assert compare(old, new) == [
        Change("added", "Achievement 'Family hubs open'.", ("achievement:family hubs open",)),
        Change("removed", "Achievement 'Old award'.", ("achievement:old award",)),
        Change("changed", "The road map's title changed from 'Keeping children safe' to "
               "'Keeping children safe together'."),
        Change("changed", "The road map's owner changed from 'Director of Children's "
               "Services' to 'Director of Children and Families'."),
        Change("changed", "The road map was reviewed on 2026-11-01."),
        Change("changed", "The road map's next review date changed from 2027-04-01 to "
               "2027-05-01."),
        Change("changed", "The road map's why it matters was updated."),
        Change("changed", "The road map's benefits was updated."),
        Change("changed", "The road map's organisation was updated."),
        Change("changed", "Achievement 'No child in care excluded': its details were "
               "updated.", ("achievement:no child in care excluded",)),
    ]


def test_a_road_map_title_the_public_may_not_read_is_not_quoted():
    """Kills compare.x__info_changes__mutmut_26 and _30 (the title quoted whoever reads:
    the whole sentence would then be withheld)."""
    old = _minimal()
    new = dataclasses.replace(old, info=old.info.model_copy(
        update={"title": f"Keeping children safe: call {PHONE}"}))
    assert compare(old, new, "public") == [Change("changed", "The road map's title changed.")]


def test_renamed_added_and_removed_items_for_the_public():
    """Kills compare.x__kind_changes__mutmut_17 to _32 (a rename not about both ids), _37
    and _40 (a renamed item's title quoted whoever reads), _44 (its new id quoted whoever
    reads), _54 to _67 (an added item not about itself, or its title quoted whoever reads)
    and _81 and _84 (a removed item's title quoted whoever reads).  Quoting a phone number
    would withhold the whole sentence; not quoting it says what happened."""
    old = _minimal()
    ring = {n: _goal(old, f"Ring {PHONE[:-1]}{n}") for n in (1, 2, 3)}
    old = dataclasses.replace(old, goals={**old.goals, "phone-goal": ring[1],
                                          "leaving": ring[2]})
    new = dataclasses.replace(old, goals={
        "help-early": old.goals["help-early"], "call-01632-960001": old.goals["safe-at-home"],
        "phone-goal-2": ring[1], "arriving": ring[3]})
    assert compare(old, new, "public") == [
        Change("added", "A goal.", ("goal:arriving",)),
        Change("removed", "A goal.", ("goal:leaving",)),
        Change("renamed", "Goal 'Children are safe at home': its id changed.",
               ("goal:safe-at-home", "goal:call-01632-960001")),
        Change("renamed", "A goal: its id changed from 'phone-goal' to 'phone-goal-2'.",
               ("goal:phone-goal", "goal:phone-goal-2")),
    ]
    assert [c.text for c in compare(old, new, "internal")][:2] == [
        f"Goal 'Ring {PHONE[:-1]}3'.", f"Goal 'Ring {PHONE[:-1]}2'."]


def test_a_changed_link_names_what_it_now_and_no_longer_points_to():
    """Kills compare.x__kind_changes__mutmut_94 (the item's kind not passed on, so a link
    reads as reworded), _97 and _98 and compare_67 and _68 (the road map before or after
    not passed on, so the goal a link left or joined is not named)."""
    old = _minimal()
    indicator = old.indicators["re-referrals"].model_copy(update={"goals": ["help-early"]})
    new = dataclasses.replace(old, indicators={"re-referrals": indicator})
    name = "Indicator 'Re-referrals within 12 months'"
    assert compare(old, new) == [
        Change("changed", f"{name}: now measures goal 'Families get help early'.",
               ("indicator:re-referrals", "goal:help-early")),
        Change("changed", f"{name}: no longer measures goal 'Children are safe at home'.",
               ("indicator:re-referrals", "goal:safe-at-home")),
    ]


def test_an_accountability_that_ends_is_said_to_end():
    """Kills compare.x__accountability_changes__mutmut_11 and _12 (the words for an
    accountability that ends) and _15 (ended accountabilities never found)."""
    old = _minimal()
    new = dataclasses.replace(old, accountabilities=old.accountabilities[:2])
    ended = old.accountabilities[2]
    assert compare(old, new) == [Change(
        "removed", "Independent Chair, Safeguarding Children Board (Safeguarding Children "
        "Board) is no longer accountable for goal 'Children are safe at home' at the "
        "inter-agency level.", (accountability_key(ended), "goal:safe-at-home"))]


def test_the_public_hears_of_an_accountability_for_a_public_item_after_an_internal_one():
    """Kills compare.x__accountability_changes__mutmut_32 (the first accountability for
    something the public cannot see ends the list) and _44 (the organisation quoted
    whoever reads: the sentence would be withheld instead of saying 'A role')."""
    old = _minimal()
    hidden = old.goals["safe-at-home"].model_copy(update={"visibility": "internal"})
    old = dataclasses.replace(old, goals={**old.goals, "safe-at-home": hidden})
    first = old.accountabilities[0]
    for_hidden = first.model_copy(update={"role": "Safety lead", "goal": "safe-at-home"})
    for_public = first.model_copy(update={"role": "Duty team",
                                          "organisation": f"Call {PHONE}"})
    new = dataclasses.replace(old, accountabilities=(*old.accountabilities, for_hidden,
                                                     for_public))
    assert compare(old, new, "public") == [Change(
        "added", "A role is now accountable for goal 'Families get help early' at the "
        "service level.", (accountability_key(for_public), "goal:help-early"))]


def test_glossary_changes_for_the_public_and_the_intranet():
    """Kills compare.x__glossary_changes__mutmut_5 and _9 to _12 (a term the public may not
    read quoted anyway, or the words in its place misspelt), _54 (the words a term
    replaces joined wrongly) and _69, _72, _83 and _86 (a changed term's sentences not
    about it)."""
    old = _minimal()
    helped, cypp = old.glossary
    new = dataclasses.replace(old, glossary=(
        helped.model_copy(update={"meaning": "Teams in each neighbourhood."}),
        cypp.model_copy(update={"avoid": ["Children's plan", f"Call {PHONE}"]}),
        cypp.model_copy(update={"term": f"Ring {PHONE}", "stands_for": None})))
    assert compare(old, new, "public") == [
        Change("added", "A glossary term.", (f"term:ring {PHONE}",)),
        Change("changed", "Glossary term 'Early help in neighbourhoods': its meaning was "
               "updated.", ("term:early help in neighbourhoods",)),
        Change("changed", "Glossary term 'CYPP': now used instead of 'Children's plan'.",
               ("term:cypp",)),
    ]
    only_hidden = dataclasses.replace(old, glossary=(
        helped, cypp.model_copy(update={"avoid": [f"Call {PHONE}"]})))
    assert compare(old, only_hidden, "public") == [Change(
        "changed", "Glossary term 'CYPP': the words it replaces were updated.",
        ("term:cypp",))]
    two_words = dataclasses.replace(old, glossary=(
        helped, cypp.model_copy(update={"avoid": ["Children's plan", "Kids plan"]})))
    assert [c.text for c in compare(old, two_words)] == [
        "Glossary term 'CYPP': now used instead of 'Children's plan', 'Kids plan'."]


# -- The "What has changed" log -------------------------------------------------------------

RETITLED = ("Goal 'Families get help sooner': title changed from 'Families get help early' "
            "to 'Families get help sooner'.")
ON_TRACK = "Action 'Publish the one-page road map': progress changed from Done to On track."


def _history(tmp_path, make_internal_after: bool = False):
    """The minimal road map (2026-02-01), then a goal retitled and the action's progress
    changed (2026-02-02); with ``make_internal_after`` the action is then made internal in
    the working tree, not committed."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    data = root / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    commit_all(data, "the road map", day="2026-02-01")
    edit(data / "goals/help-early.yml", "title: Families get help early",
         "title: Families get help sooner")
    edit(data / "actions/publish-road-map.yml", "status: done", "status: on-track")
    commit_all(data, "retitle a goal, the action is on track again", day="2026-02-02")
    if make_internal_after:
        edit(data / "actions/publish-road-map.yml", "visibility: public",
             "visibility: internal")
    return data


def _texts(log: ChangeLog) -> list[tuple[str, list[str]]]:
    return [(str(e.day), [c.text for c in e.changes]) for e in log.entries]


def test_the_log_is_public_by_default_and_hides_what_is_internal_now(tmp_path):
    """Kills changes.x_change_log__mutmut_1 and _2 (the default audience misspelt, so the
    intranet's log is published) and _89 (the road map as it is now never read, so an
    item made internal since the last commit is still named)."""
    data = _history(tmp_path, make_internal_after=True)
    assert _texts(change_log(data)) == [("2026-02-02", [RETITLED])]
    assert _texts(change_log(data, "internal")) == [("2026-02-02", [RETITLED, ON_TRACK])]


def test_the_log_is_capped_only_when_older_commits_exist(tmp_path):
    """Kills changes.x_change_log__mutmut_23 (capped when there are exactly as many commits
    as the limit, so the first recorded day is lost)."""
    data = _history(tmp_path)
    whole = change_log(data, "public", limit=2)
    assert (whole.capped, whole.first_recorded) == (False, date(2026, 2, 1))
    assert _texts(whole) == [("2026-02-02", [RETITLED, ON_TRACK])]
    latest = change_log(data, "public", limit=1)
    assert (latest.capped, latest.first_recorded, latest.entries) == (True, None,
                                                                      whole.entries)


def test_the_log_reads_each_pair_and_each_commits_subjects_from_its_cache(tmp_path):
    """Kills changes.x_change_log__mutmut_50 to _54 (the cached changes never found), _70
    to _72 (stored where they are never looked for), _93 to _95 (the cached subjects never
    found) and _102 and _103 (the subjects stored nowhere, or all commits' in one file).
    The cache files are edited by hand: what the log shows must then come from them."""
    data = _history(tmp_path)
    current = dataclasses.replace(_minimal(), goals={})  # the goal since deleted, in public
    assert _texts(change_log(data, "public", current=current)) == [
        ("2026-02-02", [RETITLED, ON_TRACK])]
    cache = data.parent / ".git" / "goldenthread-changes"
    pairs, states = sorted(cache.glob("*.json")), sorted(cache.glob("states/*.json"))
    assert (len(pairs), len(states)) == (1, 2)
    pairs[0].write_text(json.dumps(
        {"changes": [["changed", "From the cache.", ["goal:help-early"], "Plain."]]}), "utf-8")
    assert _texts(change_log(data, "public", current=current)) == [
        ("2026-02-02", ["From the cache."])]
    # Each cached change keeps the sentence that quotes nothing: without it the record is
    # of an older kind, and the pair is compared again.
    for record in (["changed", "Old kind.", ["goal:help-early"]],
                   ["changed", "Old kind.", ["goal:help-early"], None]):
        pairs[0].write_text(json.dumps({"changes": [record]}), "utf-8")
        assert _texts(change_log(data, "public", current=current)) == [
            ("2026-02-02", [RETITLED, ON_TRACK])]
    pairs[0].write_text(json.dumps(
        {"changes": [["changed", "From the cache.", ["goal:help-early"], "Plain."]]}), "utf-8")
    for path in states:
        path.write_text(json.dumps({"goal:help-early": False}), "utf-8")
    assert change_log(data, "public", current=current).entries == ()


def test_a_day_whose_data_had_errors_is_marked_unreadable_and_remembered(tmp_path):
    """Kills changes.x_change_log__mutmut_79 and _82 (an unreadable pair stored as False
    rather than as unreadable: the log fails), _119 (an unreadable day ends the log, so the
    older changes are lost), _156 (a day with changes also listed as unreadable) and _179
    (the first recorded day taken from the second-newest commit)."""
    data = _history(tmp_path)
    help_early = data / "goals/help-early.yml"
    edit(help_early, "order: 2", "order: two")
    commit_all(data, "a typo", day="2026-02-03")
    older = DatedChanges(date(2026, 2, 2), (
        Change("changed", RETITLED, ("goal:help-early",)),
        Change("changed", ON_TRACK, ("action:publish-road-map",))))
    unreadable = DatedChanges(date(2026, 2, 3), (), unreadable=True)
    for _ in ("computed", "read back from the cache"):
        log = change_log(data, "public")
        assert (log.entries, log.first_recorded) == ((unreadable, older), date(2026, 2, 1))
    edit(help_early, "order: two", "order: 2")
    commit_all(data, "fix the typo", day="2026-02-03")  # from data with errors: unreadable
    edit(help_early, "title: Families get help sooner", "title: Families get help")
    commit_all(data, "shorter", day="2026-02-03")  # the same day, readable
    assert [(e.day, e.unreadable, [c.text for c in e.changes])
            for e in change_log(data, "public").entries] == [
        (date(2026, 2, 3), False, ["Goal 'Families get help': title changed from 'Families "
                                   "get help sooner' to 'Families get help'."]),
        (date(2026, 2, 2), False, [RETITLED, ON_TRACK])]


def test_the_log_says_how_long_reading_it_took(tmp_path):
    """Kills changes.x_change_log__mutmut_161, _166 and _181 (no time, nought, or a sum of
    clock readings).  No speed is asserted: only that the time is some of the call's."""
    data = _history(tmp_path)
    started = time.perf_counter()
    log = change_log(data, "public")
    assert 0 < log.seconds <= time.perf_counter() - started


def test_a_data_folder_never_committed_has_no_log(tmp_path):
    """Kills changes.x_change_log__mutmut_20 and _21 (a folder in a repository but with no
    commits said to have a log)."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    data = root / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    log = change_log(data, "public")
    assert (log.available, log.entries, log.capped) == (False, (), False)


def test_withheld_names_are_the_ids_and_titles_of_items_not_public_now():
    """Kills changes.x_withheld_names__mutmut_18 and _19 (titles never withheld)."""
    roadmap = _minimal()
    action = roadmap.actions["publish-road-map"].model_copy(update={"visibility": "internal"})
    roadmap = dataclasses.replace(roadmap, actions={"publish-road-map": action})
    assert withheld_names(roadmap) == frozenset({"publish-road-map",
                                                 "publish the one-page road map"})
    assert withheld_names(None) == frozenset()


def test_each_changed_line_of_the_summary_is_escaped():
    """Kills changes.x_summary__mutmut_36 (the change lines not escaped: a title could
    then embolden, link or embed HTML in the pull-request comment)."""
    old = _minimal()
    new = dataclasses.replace(old, goals={**old.goals,
                                          "help-early": _goal(old, "Help *early* <b>now</b>")})
    assert summary(Version("main", old), Version("head", new)).split("\n")[-2] == (
        "- Goal 'Help \\*early\\* &lt;b&gt;now&lt;/b&gt;': title changed from 'Families get "
        "help early' to 'Help \\*early\\* &lt;b&gt;now&lt;/b&gt;'.")
