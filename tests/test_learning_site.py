"""Real builds: blockages overdue for escalation are listed on the intranet and absent from
the public site; named officers, internal stories and internal Munro entries likewise.

The intranet is built from the example data with a fixed today, so which blockages are
overdue does not depend on the clock; the public site is the shared ``example_site``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest

from goldenthread.derive.escalation import blockage_states, escalation_rules
from goldenthread.read.data_folder import read_roadmap

from .conftest import EXAMPLE_DATA, run_build
from .site_scan import find_tokens

#: Eight days after the moment the example road map is shown as at: late enough for some
#: blockages to be overdue for escalation or review, computed, not typed.
TODAY = (read_roadmap(EXAMPLE_DATA)[0].info.as_at + timedelta(days=8)).isoformat()


@pytest.fixture(scope="session")
def intranet(tmp_path_factory) -> Path:
    """The intranet built from the example data as on TODAY."""
    out = tmp_path_factory.mktemp("learning-internal")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOLDENTHREAD_TODAY", TODAY)
        run_build(out, config="mkdocs.internal.yml")
    return out


@pytest.fixture(scope="module")
def example():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    return roadmap


def page_text(site: Path, url: str) -> str:
    """The page's content as plain text, one space between words (inline tags vanish,
    block tags become spaces)."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    article = html[html.index('<article class="md-content__inner'):html.rindex("</article>")]
    article = re.sub(r"</?(?:a|span|strong|em|abbr|code)\b[^>]*>", "", article)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", article)))


def listed_blockages(site: Path) -> list[tuple[str, bool]]:
    """(title, marked overdue in words) for each open blockage, in page order."""
    html = (site / "internal/blockages/index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li id="blockage-[^"]+" class="gt-blockage[^"]*">(.*?)</li>', html, re.S)
    result = []
    for item in items:
        title = unescape(re.search(r"<h2[^>]*>(.*?)</h2>", item, re.S).group(1))
        result.append((re.sub(r"<[^>]+>", "", title).strip(), "Overdue for escalation" in item))
    return result


def test_the_intranet_lists_open_blockages_oldest_first_with_the_overdue_marked(
        intranet, example):
    opened = sorted((b.raised, b.title) for b in example.blockages.values()
                    if b.status == "open")
    listed = listed_blockages(intranet)
    assert [title for title, _ in listed] == [title for _, title in opened]
    overdue = {title for title, marked in listed if marked}
    rules = escalation_rules({"escalation": {"informal": 30, "service": 60, "partnership": 90}})
    states = [s for s in blockage_states(example.blockages, date.fromisoformat(TODAY), rules)
              if s.blockage.status == "open"]
    # Some, not all, are overdue on TODAY (the data is chosen so), and the page says which.
    expected = {s.blockage.title for s in states if s.overdue}
    assert overdue == expected and 0 < len(expected) < len(opened)
    text = page_text(intranet, "internal/blockages")
    assert (f"{len(opened)} open blockages, oldest first. {len(expected)} are overdue for "
            "escalation.") in text
    informal = next(s for s in states if s.overdue and s.blockage.level == "informal")
    assert (f"⚠ Overdue for escalation: {informal.days_at_level} days at this level, over the "
            f"limit of {informal.limit} days. Escalate to the service level (heads of "
            "service).") in text
    late = next(s.blockage.next_review for s in states if s.review_overdue)
    assert f"Next review {late.day} {late:%B %Y} ! Review overdue." in text
    assert "Disagreements between agencies stayed informal and were not escalated" in text


def test_the_page_agrees_with_the_escalation_rules_in_mkdocs_yml(intranet, example):
    rules = escalation_rules({"escalation": {"informal": 30, "service": 60, "partnership": 90}})
    states = blockage_states(example.blockages, date.fromisoformat(TODAY), rules)
    expected = [(s.blockage.title, s.overdue) for s in states if s.blockage.status == "open"]
    assert listed_blockages(intranet) == expected
    text = page_text(intranet, "internal/blockages")
    assert "At the informal level (between colleagues): 30 days" in text


def test_the_intranet_names_officers_beside_roles_and_the_public_site_shows_roles(
        intranet, example_site, example):
    officer = next(o for o in example.officers if o.role == "Head of Safeguarding")
    assert (f"Head of Safeguarding ({officer.name}, {officer.contact})"
            in page_text(intranet, "accountability"))
    public = page_text(example_site, "accountability")
    assert "Head of Safeguarding" in public and officer.name not in public


def test_blockages_officers_and_internal_entries_are_absent_from_the_public_site(
        example_site, intranet, example):
    secret = {"Overdue for escalation", "internal/blockages"}
    for blockage in example.blockages.values():
        # The page shows an open blockage's description, a closed one's resolution.
        secret |= {blockage.title, (blockage.resolution or blockage.description)[:60]}
    for officer in example.officers:
        secret |= {f"{officer.name}, {officer.contact}", officer.contact}
    secret |= {s.title for s in example.stories.values() if s.visibility != "public"}
    secret |= {e.next_step for e in example.munro if e.visibility != "public"}
    assert find_tokens(example_site, secret) == {}
    # Positive control: the intranet has every one of them.
    assert set(find_tokens(intranet, secret)) == secret


def test_public_stories_and_munro_entries_are_published(example_site, example):
    stories = page_text(example_site, "stories")
    public = [s for s in example.stories.values() if s.visibility == "public" and s.consent]
    assert public and all(s.title in stories for s in public)
    goal = page_text(example_site, "goals/families-get-help-early")
    assert "Stories of difference Help before things got worse" in goal
    munro = page_text(example_site, "munro")
    entries = [e for e in example.munro if e.visibility == "public"]
    assert entries and all(e.next_step in munro for e in entries)
