"""Change summaries: the diff engine, `goldenthread diff` on git revisions, the change log
(goldenthread.history.compare, goldenthread.history.changes)."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest

from goldenthread.cli import main
from goldenthread.history.changes import (
    Version,
    change_log,
    markdown_code,
    markdown_escape,
    summary,
    withheld_names,
)
from goldenthread.history.compare import compare
from goldenthread.read.data_folder import read_roadmap

from .conftest import MINIMAL
from .git_repo import commit_all, edit, make_repo

TARGET = 'targets:\n  - value: 20\n    by: "2013-14"\n'


def _texts(old_dir, new_dir, audience="internal"):
    old, _ = read_roadmap(old_dir)
    new, _ = read_roadmap(new_dir)
    return [f"{c.section}: {c.text}" for c in compare(old, new, audience)]


@pytest.fixture
def two_copies(tmp_path):
    old = tmp_path / "old" / "roadmap_data"
    new = tmp_path / "new" / "roadmap_data"
    shutil.copytree(MINIMAL, old)
    shutil.copytree(MINIMAL, new)
    return old, new


def test_target_status_owner_and_date_changes_in_words(two_copies):
    old, new = two_copies
    edit(new / "indicators/re-referrals.yml", TARGET, TARGET.replace("value: 20", "value: 18"))
    edit(new / "actions/publish-road-map.yml", "status: done", "status: at-risk")
    edit(new / "actions/publish-road-map.yml", 'due: "2012-Q3"', 'due: "2013-Q1"')
    edit(new / "services/early-help.yml", "owner: Head of Early Help",
         "owner: Head of Family Support")
    assert _texts(old, new) == [
        "changed: Indicator 'Re-referrals within 12 months': target for 2013-14 changed from "
        "20% to 18%.",
        "changed: Service 'Early help in neighbourhoods': owner changed from 'Head of Early "
        "Help' to 'Head of Family Support'.",
        "changed: Action 'Publish the one-page road map': due date changed from 2012-Q3 to "
        "2013-Q1.",
        "changed: Action 'Publish the one-page road map': progress changed from Done to At "
        "risk."]


def test_added_removed_renamed_and_titles(two_copies):
    old, new = two_copies
    (new / "goals/safe-at-home.yml").rename(new / "goals/safe-at-home-2.yml")
    edit(new / "goals/help-early.yml", "title: Families get help early",
         "title: Families get help early, close to home")
    shutil.copy(new / "actions/publish-road-map.yml", new / "actions/publish-again.yml")
    edit(new / "actions/publish-again.yml", "title: Publish the one-page road map",
         "title: Publish it again")
    (new / "actions/publish-road-map.yml").unlink()
    assert _texts(old, new)[:3] == [
        "added: Action 'Publish it again'.",
        "removed: Action 'Publish the one-page road map'.",
        "renamed: Goal 'Children are safe at home': its id changed from 'safe-at-home' to "
        "'safe-at-home-2'."]
    assert ("changed: Goal 'Families get help early, close to home': title changed from "
            "'Families get help early' to 'Families get help early, close to home'."
            ) in _texts(old, new)


def test_public_summary_never_mentions_internal_items(two_copies):
    old, new = two_copies
    for folder in (old, new):
        edit(folder / "actions/publish-road-map.yml", "visibility: public",
             "visibility: internal")
    edit(new / "actions/publish-road-map.yml", "status: done", "status: off-track")
    assert len(_texts(old, new, "internal")) == 1
    assert _texts(old, new, "public") == []


def _repo_with_two_versions(tmp_path):
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-03-01")
    edit(data / "indicators/re-referrals.yml", TARGET, TARGET.replace("value: 20", "value: 18"))
    commit_all(data, "Lower the re-referrals target", day="2026-03-02")
    return data


def test_goldenthread_diff_on_two_revisions_prints_the_target_change(tmp_path, capsys):
    data = _repo_with_two_versions(tmp_path)
    assert main(["diff", "HEAD~1", "HEAD", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Changes to the road map: HEAD\\~1 (")
    assert ("- Indicator 'Re-referrals within 12 months': target for 2013-14 changed from "
            "20% to 18%.") in out.splitlines()


def test_goldenthread_diff_against_the_working_tree_and_bad_revisions(tmp_path, capsys):
    data = _repo_with_two_versions(tmp_path)
    edit(data / "goals/help-early.yml", "title: Families get help early", "title: Help early")
    assert main(["diff", "HEAD", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "→ the working tree" in out.splitlines()[0]
    assert ("- Goal 'Help early': title changed from 'Families get help early' to 'Help "
            "early'.") in out.splitlines()
    assert main(["diff", "no-such-branch", "--data-dir", str(data)]) == 2
    assert capsys.readouterr().err == (
        "goldenthread diff: 'no-such-branch' is not a revision git knows in this repository "
        "(try a branch name, a tag or a commit id)\n")


def test_goldenthread_diff_says_plainly_when_a_side_has_errors(tmp_path, capsys):
    data = _repo_with_two_versions(tmp_path)
    edit(data / "goals/help-early.yml", "order: 2", "order: two")
    assert main(["diff", "HEAD", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "**The road map at the working tree has 1 data error(s).**" in out
    assert "- `roadmap_data/goals/help-early.yml:" in out


def test_change_log_dates_each_change_and_works_without_git(tmp_path, data_copy):
    data = _repo_with_two_versions(tmp_path)
    log = change_log(data, "public")
    assert log.available and not log.capped
    assert [(str(e.day), [c.text for c in e.changes]) for e in log.entries] == [
        ("2026-03-02", ["Indicator 'Re-referrals within 12 months': target for 2013-14 "
                        "changed from 20% to 18%."])]
    assert str(log.first_recorded) == "2026-03-01"
    assert change_log(data_copy(), "public").available is False


def test_change_log_is_capped_to_the_latest_changes_and_cached(tmp_path):
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    path = data / "indicators/re-referrals.yml"
    for value, day in (("19", "2026-01-02"), ("18", "2026-01-03"), ("17", "2026-01-04")):
        text = path.read_text("utf-8")
        path.write_text(text.replace("  - value: " + text.split("  - value: ")[1].split()[0],
                                     f"  - value: {value}", 1), "utf-8")
        commit_all(data, f"target {value}", day=day)
    log = change_log(data, "public", limit=2)
    assert log.capped and log.first_recorded is None
    assert [(str(e.day), [c.text.split(": ", 1)[1] for c in e.changes]) for e in log.entries] == [
        ("2026-01-04", ["target for 2013-14 changed from 18% to 17%."]),
        ("2026-01-03", ["target for 2013-14 changed from 19% to 18%."])]
    cached = sorted((data.parent / ".git" / "goldenthread-changes").glob("*.json"))
    assert len(cached) == 2
    again = change_log(data, "public", limit=2)
    assert again.entries == log.entries


def test_an_item_made_internal_vanishes_from_the_public_history(tmp_path):
    """Its old changes, made while it was public, must not name it once it is internal."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    action = data / "actions/publish-road-map.yml"
    edit(action, "status: done", "status: on-track")
    edit(data / "goals/help-early.yml", "title: Families get help early",
         "title: Families get help sooner")
    commit_all(data, "progress", day="2026-01-02")
    public = change_log(data, "public")
    assert any("Publish the one-page road map" in c.text
               for e in public.entries for c in e.changes)
    edit(action, "visibility: public", "visibility: internal")
    commit_all(data, "make the action internal", day="2026-01-03")
    withhold = withheld_names(read_roadmap(data)[0])
    assert "publish-road-map" in withhold
    texts = [c.text for e in change_log(data, "public", withhold=withhold).entries
             for c in e.changes]
    assert any("Families get help sooner" in t for t in texts)  # other changes still listed
    assert not any("one-page road map" in t.casefold() for t in texts)
    internal = [c.text for e in change_log(data, "internal").entries for c in e.changes]
    assert any("Publish the one-page road map" in t for t in internal)


# -- The pull-request summary cannot be forged ---------------------------------------------
#
# Each title below tries to add a line, ping people, embed HTML, a link, an image or code,
# or link an issue.  The summary of the one change (a goal's new title) must stay one
# bulleted line, and render nothing but the words.

FORGERIES = {
    "newline": "Help early\n- Goal 'Children are safe at home' removed.",
    "blank line and heading": "Help early\n\n## Approved by the Director",
    "carriage return": "Help early\r- Goal 'Children are safe at home' removed.",
    "line separator": "Help early\u2028- Goal 'Children are safe at home' removed.",
    "paragraph separator": "Help early\u2029- Goal 'Children are safe at home' removed.",
    "next line": "Help early\u0085- Goal 'Children are safe at home' removed.",
    "mentions": "Help early @everyone @example-org/safeguarding-team @jo-bloggs",
    "html": "Help early <img src=x onerror=alert(1)> <!-- hidden --> <details><summary>x",
    "links and images": "Help ![](http://evil.example/t.png) [click](https://evil.example)",
    "issue references": "Help early, fixes #123 and example/repo#4 and GH-5",
    "backtick runs": "Help ``` early\n- Goal 'x' removed.\n``` `code`",
    "emphasis, tables and maths": "Help *early* _now_ ~~not~~ | a | b | $x^2$ \\ ok",
}


def _retitled(title: str):
    """The minimal road map, and a copy whose goal 'help-early' has ``title`` (made on the
    model, so the test holds whatever the loader accepts)."""
    old = read_roadmap(MINIMAL)[0]
    goal = old.goals["help-early"].model_copy(update={"title": title})
    return old, dataclasses.replace(old, goals={**old.goals, "help-early": goal})


def _summary_of_new_title(title: str, audience: str = "internal") -> tuple[str, int]:
    """The pull-request summary of retitling a goal, and how many changes it holds."""
    old, new = _retitled(title)
    changes = compare(old, new, audience)
    return summary(Version("main", old), Version("my-branch", new), audience=audience), \
        len(changes)


FORGED = re.compile(r"^\s*(?:[-+*>#]|\d+[.)]|<|`|!?\[)")


@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("title", FORGERIES.values(), ids=FORGERIES.keys())
def test_the_pull_request_summary_is_one_line_per_change_whatever_a_title_holds(
        title, audience):
    out, changes = _summary_of_new_title(title, audience)
    assert changes == 1
    lines = out.rstrip("\n").split("\n")
    assert not any(sep in out for sep in "\r\u2028\u2029\u0085\x0b\x0c")
    assert lines[0] == "## Changes to the road map: main → my-branch"
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == changes
    assert bullets[0].startswith("- Goal 'Help")
    assert "title changed from 'Families get help early' to 'Help" in bullets[0]
    # Nothing else: no forged bullet, heading, quotation, HTML or paragraph.
    assert [line for line in lines[1:] if not line.startswith("- ")] == ["", "**Changed**", ""]
    assert not any(FORGED.match(line[2:]) for line in bullets)


def test_mentions_do_not_ping_anyone():
    out, _ = _summary_of_new_title(FORGERIES["mentions"])
    for mention in ("@everyone", "@example-org/safeguarding-team", "@jo-bloggs"):
        assert mention not in out
    assert "@\u200deveryone" in out  # still reads '@everyone', but GitHub sees no mention


@pytest.mark.parametrize("name", ["html", "links and images", "issue references",
                                  "backtick runs", "emphasis, tables and maths"])
def test_html_links_images_issue_refs_and_code_are_shown_as_text(name):
    out, _ = _summary_of_new_title(FORGERIES[name])
    assert "<" not in out and ">" not in out, name
    assert not re.search(r"(?<!\\)[`*_\[\]|~$]", out.replace("**Changed**", "")), name
    assert not re.search(r"#\d|GH-\d|https?://", out), name


def test_goldenthread_diff_escapes_what_git_holds(tmp_path, capsys):
    """End to end: a title committed to git with a mention and a fake bullet."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-03-01")
    edit(data / "goals/help-early.yml", "title: Families get help early",
         "title: \"Help @everyone\\n- Goal 'Children are safe at home' removed.\"")
    commit_all(data, "retitle", day="2026-03-02")
    assert main(["diff", "HEAD~1", "HEAD", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "@everyone" not in out
    assert not any(line.startswith("- Goal 'Children") for line in out.splitlines())
    assert len([line for line in out.splitlines() if line.startswith("- ")]) == (
        1 if read_roadmap(data)[0].goals.get("help-early") else 2)


@pytest.mark.parametrize(("text", "escaped"), [
    ("a\nb\rc\r\nd\u2028e\u2029f\u0085g", "a b c d e f g"),
    ("`code` ``run``", "\\`code\\` \\`\\`run\\`\\`"),
    ("*bold* _em_ ~~strike~~", "\\*bold\\* \\_em\\_ \\~\\~strike\\~\\~"),
    ("[a](http://x.example) ![i](y)", "\\[a\\](http:\u2060//x.example) !\\[i\\](y)"),
    ("<img src=x> <!-- c --> a & b", "&lt;img src=x&gt; &lt;!-- c --&gt; a &amp; b"),
    ("| a | b |", "\\| a \\| b \\|"),
    ("$x$ \\ end", "\\$x\\$ \\\\ end"),
    ("#12 and o/r#3 and GH-4", "\\#\u206012 and o/r\\#\u20603 and GH-\u20604"),
    ("@everyone @org/team a@b.example", "@\u200deveryone @\u200dorg/team a@\u200db.example"),
    ("www.evil.example", "www\u2060.evil.example"),
    ("- list", "\\- list"), ("+ list", "\\+ list"), ("1. list", "1\\. list"),
    ("2) list", "2\\) list"), ("= heading", "\\= heading"),
    ("ab\u202ecd\u2066ef", "abcdef"),
    ("Re-referrals within 12 months: 20% to 18%.", "Re-referrals within 12 months: 20% to 18%."),
])
def test_markdown_escape_covers_each_kind_of_markup(text, escaped):
    assert markdown_escape(text) == escaped


def test_error_lines_in_the_summary_stay_code_whatever_they_hold():
    assert markdown_code("a ``b`` c\nd") == "```a ``b`` c d```"
    assert markdown_code("`x`") == "`` `x` ``"
