"""The public "What has changed" history never shows what today's public build would not.

Each test builds a small git history of the minimal fixture in which something is public
at first and later made internal (or holds a phone number later removed), then reads the
public change log exactly as the site's macro does (with the old name-based withholding
too) and the intranet's, and checks what each names.
"""

from __future__ import annotations

from goldenthread.history.changes import change_log, withheld_names
from goldenthread.history.compare import compare
from goldenthread.read.data_folder import read_roadmap

from .conftest import MINIMAL
from .git_repo import commit_all, edit, make_repo

ACTION = "actions/publish-road-map.yml"
ACHIEVEMENT = """  - title: No child in care excluded
    detail: No child in our care was excluded from school in two years.
    visibility: public
"""
TERM = """  - term: CYPP
    stands_for: Children and Young People Plan
    meaning: The partners' shared plan.
    visibility: public
"""


def _public_texts(data) -> list[str]:
    """The public log's sentences, as the site's macro asks for them."""
    withhold = withheld_names(read_roadmap(data)[0])
    return [c.text for e in change_log(data, "public", withhold=withhold).entries
            for c in e.changes]


def _internal_texts(data) -> list[str]:
    return [c.text for e in change_log(data, "internal").entries for c in e.changes]


def _a_public_change(data, day: str) -> None:
    """An unrelated public change, so the public log is never empty by accident."""
    path = data / "indicators/re-referrals.yml"
    text = path.read_text("utf-8")
    value = text.split("  - value: ")[1].split()[0]
    path.write_text(text.replace(f"  - value: {value}", f"  - value: {int(value) - 1}", 1),
                    "utf-8")
    commit_all(data, "lower the target", day=day)


def test_an_achievement_made_internal_vanishes_from_the_public_history(tmp_path):
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    roadmap_yml = data / "roadmap.yml"
    edit(roadmap_yml, ACHIEVEMENT, ACHIEVEMENT + ACHIEVEMENT.replace(
        "No child in care excluded", "Pilot with the Hartley family"))
    commit_all(data, "celebrate the pilot", day="2026-01-02")
    _a_public_change(data, "2026-01-03")
    text = roadmap_yml.read_text("utf-8")
    head, _, tail = text.partition("Pilot with the Hartley family")
    roadmap_yml.write_text(head + "Pilot with the Hartley family"
                           + tail.replace("visibility: public", "visibility: internal", 1),
                           "utf-8")
    commit_all(data, "the pilot names a family: intranet only", day="2026-01-04")

    public = _public_texts(data)
    assert "Indicator 'Re-referrals within 12 months': target for 2013-14 changed from 20% " \
        "to 19%." in public
    assert not any("Hartley" in t for t in public), public
    internal = _internal_texts(data)
    assert "Achievement 'Pilot with the Hartley family'." in internal


def test_a_glossary_term_made_internal_vanishes_from_the_public_history(tmp_path):
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    glossary = data / "glossary.yml"
    edit(glossary, TERM, TERM + """  - term: Operation Lantern
    meaning: The police's name for the joint exploitation inquiry.
    visibility: public
""")
    commit_all(data, "add a term", day="2026-01-02")
    edit(glossary, "joint exploitation inquiry.\n    visibility: public",
         "joint exploitation inquiry.\n    avoid: [Lantern]\n    visibility: public")
    commit_all(data, "add a word to avoid", day="2026-01-03")
    _a_public_change(data, "2026-01-04")
    edit(glossary, "    avoid: [Lantern]\n    visibility: public",
         "    avoid: [Lantern]\n    visibility: internal")
    commit_all(data, "the inquiry is confidential", day="2026-01-05")

    public = _public_texts(data)
    assert any("Re-referrals" in t for t in public)
    assert not any("Lantern" in t for t in public), public
    internal = _internal_texts(data)
    assert "Glossary term 'Operation Lantern'." in internal
    assert "Glossary term 'Operation Lantern': now used instead of 'Lantern'." in internal


def test_an_item_renamed_then_made_internal_is_not_named_by_its_old_title(tmp_path):
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    action = data / ACTION
    edit(action, "status: done", "status: on-track")
    commit_all(data, "progress", day="2026-01-02")
    edit(action, "title: Publish the one-page road map", "title: Publish the road map")
    commit_all(data, "shorter title", day="2026-01-03")
    _a_public_change(data, "2026-01-04")
    edit(action, "visibility: public", "visibility: internal")
    commit_all(data, "make the action internal", day="2026-01-05")

    public = _public_texts(data)
    assert any("Re-referrals" in t for t in public)
    assert not any("road map'" in t or "Publish" in t for t in public), public
    internal = _internal_texts(data)
    assert "Action 'Publish the one-page road map': progress changed from Done to On " \
        "track." in internal
    assert "Action 'Publish the road map': title changed from 'Publish the one-page road " \
        "map' to 'Publish the road map'." in internal


def test_an_item_made_internal_then_deleted_is_not_named(tmp_path):
    """Deleted while internal: the public never saw it go, so it never names it."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    action = data / ACTION
    edit(action, "status: done", "status: on-track")
    commit_all(data, "progress", day="2026-01-02")
    edit(action, "visibility: public", "visibility: internal")
    commit_all(data, "make the action internal", day="2026-01-03")
    action.unlink()
    commit_all(data, "delete the action", day="2026-01-04")
    _a_public_change(data, "2026-01-05")

    public = _public_texts(data)
    assert any("Re-referrals" in t for t in public)
    assert not any("one-page road map" in t for t in public), public
    assert "Action 'Publish the one-page road map'." in _internal_texts(data)  # removed


def test_an_item_deleted_while_public_is_still_listed_as_removed(tmp_path):
    """The public saw it and saw it go: its removal is honest history, not a leak."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    (data / ACTION).unlink()
    commit_all(data, "delete the action", day="2026-01-02")
    assert _public_texts(data) == ["Action 'Publish the one-page road map'."]


def test_a_phone_number_fixed_in_a_later_commit_never_reaches_the_public_history(tmp_path):
    """The public build of the revision with the number would have stopped; today's
    check would stop it too.  So neither the change that wrote it nor the one that
    fixed it quotes it: they say "owner changed" and quote the new owner only.

    The intranet log does quote it: the intranet build does not run the personal-data
    check (staff contact details belong there), it showed the number at that revision,
    and its history should tell staff exactly what was corrected."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    service = data / "services/early-help.yml"
    edit(service, "owner: Head of Early Help", "owner: Jane Smith 07700 900123")
    commit_all(data, "new owner", day="2026-01-02")
    edit(service, "owner: Jane Smith 07700 900123", "owner: Head of Family Support")
    commit_all(data, "an owner is a role, not a person", day="2026-01-03")

    public = _public_texts(data)
    assert public == [
        "Service 'Early help in neighbourhoods': owner changed to 'Head of Family Support'.",
        "Service 'Early help in neighbourhoods': owner changed."]
    internal = _internal_texts(data)
    assert ("Service 'Early help in neighbourhoods': owner changed from 'Jane Smith 07700 "
            "900123' to 'Head of Family Support'.") in internal


def test_no_quoted_text_shows_the_public_a_contact_detail(tmp_path):
    """Titles, owners, roles, glossary words, the road map's own fields: each is quoted
    only when it passes the personal-data guard, and the sentence still says what
    changed."""
    data = make_repo(tmp_path / "repo", MINIMAL, day="2026-01-01")
    old = read_roadmap(data)[0]
    edit(data / "goals/help-early.yml", "title: Families get help early",
         "title: Call Jo on 07700 900123")
    edit(data / "roadmap.yml", "owner: Director of Children's Services",
         "owner: jo.bloggs@example.org")
    edit(data / "roadmap.yml", "vision: Every child", "vision: Ring 0121 496 0000 so every child")
    edit(data / "roadmap.yml", "title: No child in care excluded",
         "title: Thanks to jo@example.org")
    edit(data / "glossary.yml", "avoid: [New Operating Model, NOM]",
         "avoid: [New Operating Model, NOM, nom@example.org]")
    edit(data / "accountabilities.yml", "role: Head of Early Help",
         "role: Jo Bloggs, 07700 900456")
    new, problems = read_roadmap(data)
    assert problems == []
    public = [c.text for c in compare(old, new, "public")]
    for text in public:
        assert "07700" not in text and "@" not in text and "0121" not in text, text
    assert "Goal 'help-early'" not in " ".join(public)
    assert set(public) >= {
        "The vision was updated.",
        "The road map's owner changed.",
        "Achievement 'No child in care excluded'.",
        "An achievement.",
        "A goal: title changed.",
        "Glossary term 'Early help in neighbourhoods': the words it replaces were updated.",
        "A role is now accountable for a goal at the service level."}
    internal = " ".join(c.text for c in compare(old, new, "internal"))
    for secret in ("07700 900123", "jo.bloggs@example.org", "0121 496 0000",
                   "nom@example.org", "07700 900456"):
        assert secret in internal
