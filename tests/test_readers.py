"""Readers first (issue 13): a parent on a phone, a councillor at scrutiny, a social worker
with a blockage.  Help contacts, "How are we doing?", computed dates, accountability, the
shorter road map on a page, the staff pages and the blockage issue form.

No test depends on today's date: every date judgement is given its today.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from goldenthread.check.pipeline import check_roadmap
from goldenthread.derive.progress import action_progress, due_date, how_long
from goldenthread.derive.trend import status
from goldenthread.editor.blockage_issue import LABELS, form_fields, write_blockage
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.models import Accountability, Action, Indicator
from goldenthread.render.pages import scroll_regions
from goldenthread.render.performance import how_are_we_doing, measures_index
from goldenthread.render.views import RoadmapViews, of_organisation

from .conftest import EXAMPLE_DATA, ROOT

HELP = """help_contacts:
  - name: Children's social care front door
    when: If you are worried about a child.
    phone: 01632 960100
    urgent: true
    visibility: public
  - name: Family support
    when: If your family needs help.
    web: https://example.org/family-support
    visibility: public
"""


def _without_help(text: str) -> str:
    """roadmap.yml's text less its help_contacts block, for a test to write its own."""
    return re.sub(r"^help_contacts:\n(?:[ -].*\n)*", "", text, flags=re.M)


def _action(due: str | date, status: str = "on-track") -> Action:
    return Action(title="Do it", priority="p", owner="Head", due=due, status=status,
                  visibility="public")


# -- Get help now ------------------------------------------------------------------------
def test_declared_help_contacts_pass_the_personal_data_guard(data_copy):
    data = data_copy()
    roadmap_file = data / "roadmap.yml"
    roadmap_file.write_text(_without_help(roadmap_file.read_text()) + HELP, encoding="utf-8")
    # The declared number may appear in public prose too; an undeclared one may not.
    service = data / "services" / "early-help.yml"
    text = service.read_text()
    service.write_text(text.replace("description: ", "description: Call 01632 960100. ", 1))
    _, problems = check_roadmap(data, audience="public")
    assert [p for p in problems if p.code == "personal-data"] == []
    service.write_text(text.replace("description: ", "description: Call 01632 960999. ", 1))
    _, problems = check_roadmap(data, audience="public")
    assert [p.code for p in problems if p.code == "personal-data"] == ["personal-data"]


def test_a_help_contact_needs_a_phone_or_a_safe_web_address(data_copy):
    data = data_copy()
    roadmap_file = data / "roadmap.yml"
    base = _without_help(roadmap_file.read_text())
    roadmap_file.write_text(base + "help_contacts:\n  - name: X\n    when: Y\n"
                            "    visibility: public\n")
    _, problems = check_roadmap(data)
    assert any("give a 'phone', a 'web' address or both" in p.message for p in problems)
    roadmap_file.write_text(base + "help_contacts:\n  - name: X\n    when: Y\n"
                            "    web: javascript:alert(1)\n    visibility: public\n")
    _, problems = check_roadmap(data)
    assert any("must be a web address starting https://" in p.message for p in problems)


def test_help_contacts_on_the_home_page_every_service_page_and_in_search(example_site: Path):
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    contacts = roadmap.info.help_contacts
    assert len(contacts) >= 3 and any(c.urgent for c in contacts)
    home = (example_site / "index.html").read_text(encoding="utf-8")
    article = home[home.index("<article"):]
    # Above the fold: the help box comes straight after the title, before the vision.
    assert article.index('id="get-help"') < article.index('id="vision"')
    for contact in contacts:
        assert contact.phone in home and f'href="tel:{contact.tel}"' in home
    services = [s for s, item in roadmap.services.items() if item.visibility == "public"]
    for service_id in services:
        page = (example_site / "services" / service_id / "index.html").read_text("utf-8")
        assert 'id="get-help"' in page and contacts[0].phone in page, service_id
    index = json.loads((example_site / "search" / "search_index.json").read_text("utf-8"))
    home_text = " ".join(d["text"] + " " + d["title"] for d in index["docs"]
                         if d["location"] in ("", "#get-help-heading"))
    for word in ("contact", "help", "worried", "report"):
        assert word in home_text.lower(), word
    assert contacts[0].phone in home_text


# -- How are we doing? -------------------------------------------------------------------
def _indicator(**changes) -> Indicator:
    data = {"name": "Re-referrals", "description": "d", "definition": "d", "unit": "percent",
            "polarity": "lower-is-better", "kind": "hard", "rba": "better-off",
            "goals": ["g"], "series": {"2010-11": 21.0, "2011-12": 22.0},
            "targets": [{"value": 20.0, "by": "2013-14"}], "source": "s", "owner": "o",
            "next_update": "2013-03-31", "visibility": "public"}
    data.update(changes)
    return Indicator.model_validate(data)


def test_statuses_say_how_far_from_target_and_on_which_side():
    assert status(_indicator()).label == "Not on track: 2.0 points above target"
    rising = _indicator(polarity="higher-is-better",
                        targets=[{"value": 30.0, "by": "2013-14"}])
    assert status(rising).label == "Improving: 8.0 points below target"
    assert status(_indicator(series={"2011-12": 20.3})).key == "near"  # 2% of 20 is 0.4
    assert status(_indicator(series={"2011-12": 20.3}, tolerance=0.2)).key != "near"


def test_how_are_we_doing_lists_every_measure_exceptions_first_with_comparators():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    views = RoadmapViews(roadmap, date(2030, 1, 1))  # every next_update has passed
    context = how_are_we_doing(views)
    assert len(context.rows) == len(roadmap.indicators)
    ranks = [row.rank for row in context.rows]
    assert ranks == sorted(ranks)
    assert context.rows[0].exception
    assert context.figures_late == len(roadmap.indicators)
    assert all(row.accountable for row in context.rows)
    with_england = [r for r in context.rows if r.summary.indicator.england]
    assert with_england and all(r.summary.england_value for r in with_england)
    early = RoadmapViews(roadmap, date(2000, 1, 1))
    assert how_are_we_doing(early).figures_late == 0


def test_the_measures_index_has_three_orders_without_script():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    views = RoadmapViews(roadmap, date(2012, 12, 31))
    by_name = measures_index(views, "name").groups[0][1]
    names = [s.indicator.name.casefold() for s in by_name]
    assert names == sorted(names)
    by_goal = measures_index(views, "goal").groups
    assert [g for g, _ in by_goal] == [goal.title for gid, goal in roadmap.goals.items()
                                       if any(gid in i.goals
                                              for i in roadmap.indicators.values())]
    by_status = measures_index(views, "status").groups
    assert sum(len(members) for _, members in by_status) == len(roadmap.indicators)
    with pytest.raises(ValueError):
        measures_index(views, "colour")


def test_the_how_are_we_doing_page_is_built_and_linked(example_site: Path):
    page = (example_site / "how-are-we-doing" / "index.html").read_text(encoding="utf-8")
    assert "What each status means" in page and "Similar councils" in page
    assert "Accountable" in page
    for linked_from in ("index.html", "road-map/index.html"):
        assert "how-are-we-doing/" in (example_site / linked_from).read_text("utf-8")
    for order in ("by-goal", "by-status"):
        assert (example_site / "indicators" / order / "index.html").exists()


# -- Dates are computed, never trusted ----------------------------------------------------
def test_an_unfinished_action_past_its_due_date_is_overdue_whatever_its_status():
    today = date(2016, 5, 1)
    late = action_progress(_action("2013-Q1", "on-track"), today)
    assert (late.key, late.label) == ("overdue", "Overdue by 3 years and 1 month")
    assert action_progress(_action("2013-Q1", "done"), today).key == "done"
    assert action_progress(_action(date(2016, 5, 1)), today).key == "on-track"
    assert action_progress(_action(date(2016, 4, 28)), today).label == "Overdue by 3 days"
    assert due_date("2013-Q4") == date(2013, 12, 31) and due_date("2013-Q2") == date(2013, 6, 30)
    assert how_long(1) == "1 day" and how_long(20) == "2 weeks" and how_long(365) == "1 year"


def test_the_intranet_check_warns_on_each_overdue_action(data_copy):
    data = data_copy()
    action = data / "actions" / "publish-road-map.yml"
    action.write_text(action.read_text().replace("status: done", "status: on-track"))
    _, problems = check_roadmap(data, audience="internal", today=date(2012, 12, 31))
    overdue = [p for p in problems if p.code == "action-overdue"]
    assert len(overdue) == 1 and "overdue by 3 months" in overdue[0].message
    assert overdue[0].severity == "warning"
    _, public = check_roadmap(data, audience="public", today=date(2012, 12, 31))
    assert not [p for p in public if p.code == "action-overdue"]


def test_pages_show_overdue_actions_and_out_of_date_figures():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    views = RoadmapViews(roadmap, date(2030, 1, 1))
    groups = views.actions_by_status()
    assert groups[0]["key"] == "overdue"
    assert all(r["action"].status != "done" for r in groups[0]["rows"])
    indicator_id = next(iter(roadmap.indicators))
    context = views.indicator(indicator_id)
    assert context.figures_late and context.accountable
    assert RoadmapViews(roadmap, date(2000, 1, 1)).indicator(indicator_id).figures_late is None


# -- Accountability ----------------------------------------------------------------------
def test_the_organisation_is_never_doubled():
    chair = Accountability(role="Independent Chair, Walsall Safeguarding Children Board",
                           organisation="Walsall Safeguarding Children Board",
                           level="inter-agency", goal="g", visibility="public")
    director = Accountability(role="Director of Children's Services",
                              organisation="Walsall Council", level="partnership", goal="g",
                              visibility="public")
    assert of_organisation(chair) == ""
    assert of_organisation(director) == ", Walsall Council"


def test_no_page_doubles_an_organisation(example_site: Path):
    doubled = re.compile(r"Board, Walsall Safeguarding Children Board")
    for page in example_site.rglob("*.html"):
        assert not doubled.search(page.read_text(encoding="utf-8")), page


# -- Phones first --------------------------------------------------------------------------
def test_every_wide_table_gets_a_labelled_focusable_scroll_region():
    html = ('<table class="gt-table"><caption>Actions &amp; <abbr>more</abbr></caption>'
            '</table><table class="gt-table gt-reflow"><caption>Cards</caption></table>')
    wrapped = scroll_regions(html)
    assert wrapped.count('class="gt-scroll"') == 1
    assert ('<div class="gt-scroll" role="region" aria-label="Actions &amp; more" '
            'tabindex="0"><table class="gt-table">') in wrapped


def test_the_theme_rule_no_longer_beats_the_letter_bar():
    css = (ROOT / "docs" / "stylesheets" / "goldenthread.css").read_text(encoding="utf-8")
    assert ".md-typeset .gt-az ul:not([hidden])" in css


# -- The road map on a page --------------------------------------------------------------
def test_a_priority_that_serves_every_goal_is_shown_once(example_site: Path):
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    every = [p.title for p in roadmap.priorities.values()
             if p.visibility == "public" and set(roadmap.goals) <= set(p.goals)]
    page = (example_site / "road-map" / "index.html").read_text(encoding="utf-8")
    assert every
    for title in every:
        assert page.count(f">{title}</a>") == 1
    assert page.count('class="gt-roadmap__goal"') == sum(
        1 for g in roadmap.goals.values() if g.visibility == "public")


# -- For staff -----------------------------------------------------------------------------
ISSUE_BODY = """### What is blocked

Police do not come to strategy meetings

### What is happening

Strategy meetings go ahead without the police.
We have asked twice.

### Priorities it holds up

partners-challenge-each-other

### Actions it holds up

_No response_

### Services involved

- safeguarding-children-board

### When it was first raised

2012-10-01

### Raised by (your role, not your name)

Team manager, "Initial Response" team

### Who should own it (a role)

Head of Safeguarding

### How far it has been escalated

service (heads of service)

### At this level since

_No response_

### Next review

2013-01-15
"""


def test_the_issue_form_mirrors_the_blockage_schema():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "blockage.yml").read_text())
    fields = [f for f in form["body"] if f["type"] != "markdown"]
    assert {f["attributes"]["label"]: f["id"] for f in fields} == LABELS
    schema = json.loads((ROOT / "schema" / "blockage.schema.json").read_text())
    assert set(LABELS.values()) == set(schema["properties"]) - {
        "status", "closed", "resolution", "visibility"}
    required = {f["id"] for f in fields if f.get("validations", {}).get("required")}
    assert required == set(schema["required"]) - {"status", "visibility"}


def test_issue_form_text_becomes_a_valid_blockage_file(tmp_path):
    data = tmp_path / "roadmap_data"
    subprocess.run(["cp", "-r", str(EXAMPLE_DATA), str(data)], check=True)
    file = write_blockage(ISSUE_BODY, data, ROOT / "schema")
    assert file == data / "blockages" / "police-do-not-come-to-strategy-meetings.yml"
    _, problems = check_roadmap(data, audience="internal")
    assert [str(p) for p in problems if file.name in p.location.path
            and p.severity == "error"] == []
    roadmap, _ = read_roadmap(data)
    blockage = roadmap.blockages[file.stem]
    assert blockage.services == ["safeguarding-children-board"]
    assert blockage.actions == [] and blockage.level == "service"
    assert blockage.raised_by == 'Team manager, "Initial Response" team'
    assert blockage.status == "open" and blockage.visibility == "internal"
    assert form_fields(ISSUE_BODY)["description"].endswith("We have asked twice.")


def test_the_command_reads_the_body_and_reports_problems_in_the_new_file(tmp_path):
    data = tmp_path / "roadmap_data"
    subprocess.run(["cp", "-r", str(EXAMPLE_DATA), str(data)], check=True)
    body = ISSUE_BODY.replace("partners-challenge-each-other", "no-such-priority")
    result = subprocess.run(
        [sys.executable, "-m", "goldenthread", "blockage-from-issue", "-", "--data-dir",
         str(data), "--schema-dir", str(ROOT / "schema"), "--id", "police-meetings"],
        input=body, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no-such-priority" in result.stdout and "[unknown-ref]" in result.stdout
    # A refused blockage is not kept (tests/test_blockage_from_issue.py has the rest).
    assert not (data / "blockages" / "police-meetings.yml").exists()
    wrong = subprocess.run(
        [sys.executable, "-m", "goldenthread", "blockage-from-issue", "-", "--data-dir",
         str(data)], input="### Something else\n\nhello\n", capture_output=True, text=True,
        cwd=ROOT)
    assert wrong.returncode == 2 and "not a 'Raise a blockage' form" in wrong.stderr


def test_the_intranet_has_raise_a_blockage_and_service_pages_show_their_blockages(
        internal_site: Path):
    assert (internal_site / "internal" / "raise-a-blockage" / "index.html").exists()
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    held = {s for b in roadmap.blockages.values() if b.status == "open" for s in b.services}
    assert held
    for service_id in held:
        page = (internal_site / "services" / service_id / "index.html").read_text("utf-8")
        assert "Open blockages holding this up" in page, service_id


def test_the_intranet_home_starts_from_what_staff_need(internal_site: Path,
                                                       example_site: Path):
    staff = (internal_site / "index.html").read_text(encoding="utf-8")
    article = staff[staff.index("<article"):]
    assert article.index("For staff: what you need today") < article.index('id="vision"')
    assert "internal/raise-a-blockage/" in article and 'id="open-blockages"' in article
    assert "What changes for you, by service" in article
    public = (example_site / "index.html").read_text(encoding="utf-8")
    assert "For staff" not in public and "raise-a-blockage" not in public


# -- Plain words ---------------------------------------------------------------------------
def test_the_health_page_reports_each_public_page_grade():
    from goldenthread.render.health import page_grades

    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    grades = page_grades(roadmap)
    assert grades and [g for _, _, g in grades] == sorted((g for _, _, g in grades),
                                                          reverse=True)
    labels = {label for label, _, _ in grades}
    assert any(label.startswith("service '") for label in labels)
    assert page_grades(read_roadmap(EXAMPLE_DATA)[0]) == grades  # same data, same grades
