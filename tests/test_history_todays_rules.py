"""The public history passes today's rules: what it quotes from the past, today's guards
would publish.

A git history in which past revisions held what today's public build refuses: a story
title with a given name, an owner holding an email address, a story id that is a given
name, and a figure that its indicator now hides as a small number.  The public "What has
changed" page (a real build) and ``goldenthread diff --audience public`` list each of
those changes without quoting any of it; the intranet's log still quotes it all.  And a
budget whose only change is in an internal line: the public hears nothing of it.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from goldenthread.cli import main
from goldenthread.history.changes import change_log, withheld_names
from goldenthread.read.data_folder import read_roadmap

from .conftest import MINIMAL, run_build
from .git_repo import commit_all, edit, git, make_repo
from .test_reference_docs import page_text

STORY = """title: Amira's first year
account: A family got help from one local team before things got worse.
difference: The family stayed together.
told_by: A parent
recorded: 2026-01-10
goals: [help-early]
consent: true
visibility: public
"""
MEASURE = """name: Children excluded from school
description: How many children are excluded from school.
definition: Children permanently excluded in the school year.
unit: count
decimals: 0
polarity: lower-is-better
kind: hard
rba: better-off
goals: [help-early]
series:
  2011-12: 0
illustrative: true
baseline: "2011-12"
source: Illustrative figures for tests.
owner: Head of Performance
next_update: 2027-06-30
visibility: public
"""
SERVICE = "services/early-help.yml"
EMAIL = "jane.smith@example.org"
NEW_TITLE = "Help before things got worse"
NEW_ID = "help-before-things-got-worse"
#: What no public history may show: the name (in the title and the id), the address and
#: the small count.
SECRETS = ("Amira", "amira", "jane.smith", "example.org", "@", "2012-13: 3", "from 3")


def _history(root):
    """Three dated versions: the first with a named story and a count not yet hidden;
    the second retitles the story, adds a small count and gives a service an email
    address as owner; the third renames the story's file, hides small counts and puts a
    role back as owner.  Returns the data folder and the commit of each version."""
    source = root / "source"
    shutil.copytree(MINIMAL, source)
    (source / "stories").mkdir()
    (source / "stories/amira.yml").write_text(STORY, "utf-8")
    (source / "indicators/exclusions.yml").write_text(MEASURE, "utf-8")
    data = make_repo(root / "repo", source, day="2026-03-01")
    edit(data / "stories/amira.yml", "title: Amira's first year", f"title: {NEW_TITLE}")
    edit(data / "indicators/exclusions.yml", "  2011-12: 0\n", "  2011-12: 0\n  2012-13: 3\n")
    edit(data / SERVICE, "owner: Head of Early Help", f"owner: {EMAIL}")
    commit_all(data, "retitle the story, a new figure, a new owner", day="2026-03-02")
    (data / "stories/amira.yml").rename(data / f"stories/{NEW_ID}.yml")
    edit(data / "indicators/exclusions.yml", "illustrative: true",
         "illustrative: true\nsuppress_small_numbers: true")
    edit(data / SERVICE, f"owner: {EMAIL}", "owner: Head of Family Support")
    commit_all(data, "a story id that names no one; hide small counts", day="2026-03-03")
    commits = git(data.parent, "log", "--format=%H", "--reverse").split()
    return data, commits


#: Each change of the history, as the public reads it: listed, quoting none of the past.
PUBLIC_CHANGES = [
    f"Story '{NEW_TITLE}': its id changed to '{NEW_ID}'.",
    "Indicator 'Children excluded from school': suppress small numbers turned on.",
    "Service 'Early help in neighbourhoods': owner changed to 'Head of Family Support'.",
    f"Story '{NEW_TITLE}': title changed to '{NEW_TITLE}'.",
    "Indicator 'Children excluded from school': new figure for 2012-13: fewer than 6.",
    "Service 'Early help in neighbourhoods': owner changed.",
]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    return _history(tmp_path_factory.mktemp("todays-rules"))


@pytest.mark.build
def test_the_public_changes_page_lists_each_change_quoting_nothing_today_refuses(
        history, tmp_path):
    data, _commits = history
    out = tmp_path / "site"
    run_build(out, data)
    text = page_text((out / "changes/index.html").read_text("utf-8"))
    for secret in SECRETS:
        assert secret not in text, secret
    position = [text.find(change) for change in PUBLIC_CHANGES]
    assert -1 not in position, [c for c, p in zip(PUBLIC_CHANGES, position, strict=True)
                                if p < 0]
    assert text.index("3 March 2026") < position[0] and position[2] < text.index(
        "2 March 2026") < position[3]


def test_the_public_diff_quotes_nothing_today_refuses(history, capsys):
    data, (first, second, third) = history
    for base, head in ((first, second), (second, third), (first, None)):
        revisions = [base] if head is None else [base, head]
        assert main(["diff", *revisions, "--data-dir", str(data), "--audience",
                     "public"]) == 0
        out = capsys.readouterr().out
        for secret in SECRETS:
            assert secret not in out, (secret, out)
    assert main(["diff", first, second, "--data-dir", str(data), "--audience",
                 "public"]) == 0
    out = capsys.readouterr().out
    for change in PUBLIC_CHANGES[3:]:
        assert f"- {change}" in out, out


def test_the_intranet_history_still_quotes_the_past(history):
    """The intranet build runs neither guard (staff contact details and names belong
    there), so its history tells staff exactly what was corrected."""
    data, _commits = history
    said = [c.text for e in change_log(data, "internal").entries for c in e.changes]
    assert f"Story '{NEW_TITLE}': its id changed from 'amira' to '{NEW_ID}'." in said
    assert (f"Story '{NEW_TITLE}': title changed from \"Amira's first year\" to "
            f"'{NEW_TITLE}'." in said or f"Story '{NEW_TITLE}': title changed from 'Amira's "
            f"first year' to '{NEW_TITLE}'." in said)
    assert "Indicator 'Children excluded from school': new figure for 2012-13: 3." in said
    assert (f"Service 'Early help in neighbourhoods': owner changed from 'Head of Early "
            f"Help' to '{EMAIL}'.") in said


def test_a_change_quoting_the_title_of_something_internal_now_is_said_without_it(tmp_path):
    """The internal-titles guard, on the past: the vision once named an action that is
    internal now.  The change is still listed, in words that quote nothing."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    edit(data / "roadmap.yml", "vision: Every child",
         "vision: We will Publish the one-page road map so every child")
    commit_all(data, "a vision that names an action", day="2026-01-02")
    edit(data / "actions/publish-road-map.yml", "visibility: public", "visibility: internal")
    commit_all(data, "the action is internal now", day="2026-01-03")
    current = read_roadmap(data)[0]
    said = [c.text for e in change_log(data, "public", withhold=withheld_names(current),
                                       current=current).entries for c in e.changes]
    assert said == ["The vision was updated."]


BUDGET = """title: Budget for 2026-27
year: 2026-27
status: budget
source: Illustrative figures for tests.
owner: Head of Finance
services:
  - service: early-help
    partner: council
    stage: early-help
    money: 500000
    staff: 10
    visibility: public
  - service: early-help
    partner: police
    stage: early-help
    money: 80000
    staff: 2
    note: The police team's cost.
    visibility: internal
total_money: 580000
total_staff: 12
visibility: public
"""


def test_a_budget_whose_only_change_is_an_internal_line_says_nothing_to_the_public(
        tmp_path, capsys):
    """The totals are the sum of the lines: the public summary saying the total changed
    would say that a hidden line moved, and by how much.  The intranet's says so."""
    source = tmp_path / "source"
    shutil.copytree(MINIMAL, source)
    (source / "budgets").mkdir()
    (source / "budgets/2026-27.yml").write_text(BUDGET, "utf-8")
    data = make_repo(tmp_path / "repo", source, day="2026-03-01")
    budget = data / "budgets/2026-27.yml"
    edit(budget, "money: 80000", "money: 88000")
    edit(budget, "total_money: 580000", "total_money: 588000")
    edit(budget, "staff: 2\n", "staff: 3\n")
    edit(budget, "total_staff: 12", "total_staff: 13")
    commit_all(data, "the police line grows", day="2026-03-02")
    assert main(["diff", "HEAD~1", "HEAD", "--data-dir", str(data), "--audience",
                 "public"]) == 0
    public = capsys.readouterr().out
    assert "Budget" not in public and "total" not in public
    assert "No changes to the road map's content." in public
    assert [c.text for e in change_log(data, "public").entries for c in e.changes] == []
    assert main(["diff", "HEAD~1", "HEAD", "--data-dir", str(data)]) == 0
    internal = capsys.readouterr().out
    assert ("- Budget 'Budget for 2026-27': total money changed from £580,000 to "
            "£588,000.") in internal
    assert ("- Budget 'Budget for 2026-27': total staff changed from 12 full-time "
            "equivalent staff to 13 full-time equivalent staff.") in internal
    assert "- Budget 'Budget for 2026-27': its lines for services changed." in internal
    # A line the public can see: it hears of the lines, never of the totals.
    edit(budget, "money: 500000", "money: 510000")
    edit(budget, "total_money: 588000", "total_money: 598000")
    commit_all(data, "the council line grows", day="2026-03-03")
    assert main(["diff", "HEAD~1", "HEAD", "--data-dir", str(data), "--audience",
                 "public"]) == 0
    public = capsys.readouterr().out
    assert public.endswith("**Changed**\n\n- Budget 'Budget for 2026-27': its lines for "
                           "services changed.\n"), public


def test_the_history_reads_past_text_as_a_reader_sees_it(tmp_path):
    """Through the one adapter (goldenthread.history.quotable), the history gets the
    guards' reading of text as a reader sees it: a name in capitals, an email address
    split by a Markdown link.  (Both forms are caught by the reader-view guards of
    goldenthread.check.stories and goldenthread.check.personal_data.)"""
    source = tmp_path / "source"
    shutil.copytree(MINIMAL, source)
    (source / "stories").mkdir()
    (source / f"stories/{NEW_ID}.yml").write_text(
        STORY.replace("Amira's first year", NEW_TITLE), "utf-8")
    data = make_repo(tmp_path / "repo", source, day="2026-03-01")
    split = "jane.smith@[example.org](https://example.org)"
    edit(data / f"stories/{NEW_ID}.yml", f"title: {NEW_TITLE}", "title: AMIRA'S FIRST YEAR")
    edit(data / "roadmap.yml", "owner: Director of Children's Services", f"owner: {split}")
    commit_all(data, "a name in capitals, a split address", day="2026-03-02")
    edit(data / f"stories/{NEW_ID}.yml", "title: AMIRA'S FIRST YEAR", f"title: {NEW_TITLE}")
    edit(data / "roadmap.yml", f"owner: {split}", "owner: Director of Children's Services")
    commit_all(data, "back to words that name no one", day="2026-03-03")
    said = [c.text for e in change_log(data, "public").entries for c in e.changes]
    assert said == [
        "The road map's owner changed to 'Director of Children's Services'.",
        f"Story '{NEW_TITLE}': title changed to '{NEW_TITLE}'.",
        "The road map's owner changed.",
        "A story: title changed."]


def test_the_remembered_history_is_redone_when_a_guard_changes():
    """The history's cache is keyed on the code of the whole package, the guards it calls
    included (they live outside goldenthread/history), and on the versions of the
    packages whose lists they read: a guard that learns to see more is applied to the
    whole history at the next build, not only to new commits."""
    import goldenthread
    from goldenthread.history.cache import GUARD_PACKAGES, fingerprinted_files

    package = Path(goldenthread.__file__).resolve().parent
    files = {path.relative_to(package).as_posix() for path in fingerprinted_files()}
    assert {"check/personal_data.py", "check/stories.py", "check/given_names.py",
            "check/internal_titles.py", "derive/normalised_text.py", "derive/trend.py",
            "history/quotable.py", "history/compare.py"} <= files
    assert {"phonenumbers", "gender-guesser"} <= set(GUARD_PACKAGES)


# -- The adapter and the sentences, one rule at a time ---------------------------------------


def _minimal():
    return read_roadmap(MINIMAL)[0]


def test_the_adapter_asks_the_guards_of_today():
    from goldenthread.history.quotable import as_rules, quotable, quotable_id

    assert quotable("Head of Early Help")
    assert not quotable(f"Ask {EMAIL}")
    assert not quotable("Amira's first year")
    assert quotable("Amira's first year", frozenset({"amira"}))  # a word the map uses
    assert quotable_id(NEW_ID) and not quotable_id("amira-first-year")
    assert quotable_id("amira-centre", frozenset({"amira"}))
    assert not quotable_id("call-07700-900123")
    assert as_rules(True).public and not as_rules(False).public
    rules = as_rules(True)
    assert as_rules(rules) is rules
    assert (rules.allows("Amira"), rules.allows_id("amira")) == (False, False)
    intranet = as_rules(False)
    assert (intranet.allows("Amira"), intranet.allows_id("amira")) == (True, True)


def test_a_figure_is_hidden_when_its_indicator_hides_small_counts_then_or_now():
    from goldenthread.history.quotable import Rules, suppressing

    roadmap = _minimal()
    indicator = roadmap.indicators["re-referrals"].model_copy(
        update={"unit": "count", "decimals": 0})
    hiding = indicator.model_copy(update={"suppress_small_numbers": True})
    now = Rules(True, suppressing=frozenset({"re-referrals"}))
    assert [now.figure(indicator, "re-referrals", v) for v in (0, 1, 5, 6)] == [
        "0", "fewer than 6", "fewer than 6", "6"]
    assert Rules(True).figure(indicator, "re-referrals", 3) == "3"
    assert now.figure(indicator, "other", 3) == "3"
    assert Rules(True).figure(hiding, "re-referrals", 3) == "fewer than 6"
    assert Rules(False).hides(hiding, "", 3) and not Rules(False).hides(indicator, "", 3)
    today = dataclasses.replace(roadmap, indicators={"re-referrals": hiding})
    assert suppressing(roadmap, None) == frozenset()
    assert suppressing(roadmap, today) == frozenset({"re-referrals"})


def test_each_public_change_carries_the_same_sentence_quoting_nothing():
    from goldenthread.history.compare import Change, compare

    old = _minimal()
    goal = old.goals["help-early"].model_copy(update={"title": "Families get help sooner"})
    new = dataclasses.replace(old, goals={**old.goals, "help-early": goal})
    public = compare(old, new, "public")
    assert [(c.text, c.plain) for c in public] == [(
        "Goal 'Families get help sooner': title changed from 'Families get help early' to "
        "'Families get help sooner'.", "A goal: title changed.")]
    assert [c.plain for c in compare(old, new, "internal")] == [""]
    assert public[0] == Change(public[0].section, public[0].text, public[0].about, "other")


def test_a_change_naming_what_is_withheld_now_falls_back_to_its_plain_sentence():
    from goldenthread.history.changes import _unnamed
    from goldenthread.history.compare import Change

    change = Change("changed", "Goal 'Secret plan': title changed.", ("goal:x",),
                    "A goal: title changed.")
    assert _unnamed(change, frozenset({"nothing"})) is change
    plain = _unnamed(change, frozenset({"secret plan"}))
    assert (plain.section, plain.text, plain.about) == (
        "changed", "A goal: title changed.", ("goal:x",))
    assert _unnamed(change, frozenset({"secret plan", "title changed"})) is None
    assert _unnamed(Change("changed", "Secret plan.", ()), frozenset({"secret plan"})) is None


def test_the_public_history_is_redone_when_today_hides_other_small_counts(tmp_path):
    """Which indicators hide small counts today is part of the cache's key: a setting
    turned on today hides the figure in every old change at the next build."""
    source = tmp_path / "source"
    shutil.copytree(MINIMAL, source)
    (source / "indicators/exclusions.yml").write_text(MEASURE, "utf-8")
    data = make_repo(tmp_path / "repo", source, day="2026-03-01")
    edit(data / "indicators/exclusions.yml", "  2011-12: 0\n", "  2011-12: 0\n  2012-13: 3\n")
    commit_all(data, "a small count", day="2026-03-02")
    shown = "Indicator 'Children excluded from school': new figure for 2012-13: 3."
    hidden = "Indicator 'Children excluded from school': new figure for 2012-13: fewer than 6."
    said = [c.text for e in change_log(data, "public").entries for c in e.changes]
    assert said == [shown]
    edit(data / "indicators/exclusions.yml", "illustrative: true",
         "illustrative: true\nsuppress_small_numbers: true")  # today, not yet committed
    said = [c.text for e in change_log(data, "public").entries for c in e.changes]
    assert said == [hidden]
    assert [c.text for e in change_log(data, "internal").entries for c in e.changes] == [
        shown]
