"""Escalation in the partnership's own terms: the steps a blockage goes through, the
bodies they name and their time limits come from the road map's data.

Tried through ``goldenthread check --audience internal`` (which warns about an overdue
blockage), ``goldenthread blockage-from-issue`` (the form's option becomes the step's id)
and the intranet's blockages page as the site renders it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from html import unescape
from pathlib import Path

from goldenthread.editor.blockage_issue import level_id
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.pages import render
from goldenthread.render.staff_views import blockages_view
from goldenthread.render.views import RoadmapViews

from .check_helpers import check_command as check
from .check_helpers import line_of
from .conftest import EXAMPLE_DATA, FIXTURES, ROOT

ADULT = FIXTURES / "adult-social-care"
BLOCKAGE = Path("blockages") / "shared-care-record.yml"


def blockages_page(data: Path) -> str:
    roadmap, _ = read_roadmap(data)
    views = RoadmapViews(roadmap)
    html = render(blockages_view(roadmap, roadmap.info.as_at, {}), views, "blockages/")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_an_overdue_blockage_is_told_to_escalate_to_the_body_its_data_names(data_copy):
    data = data_copy(ADULT)
    code, out = check(data, "--audience", "internal")
    line = line_of(data / BLOCKAGE, "level: place")
    assert code == 0
    assert (f"roadmap_data/blockages/shared-care-record.yml:{line}:8: blockage "
            "'shared-care-record': 111 days at the place level, over the limit of 90; escalate "
            "it to the Safeguarding Adults Board, then update 'level' and 'at_level_since' "
            "(warning) [escalation-due]") in out
    assert "Safeguarding Children Board" not in out
    text = blockages_page(data)
    assert ("Overdue for escalation: 111 days at this level, over the limit of 90 days. "
            "Escalate to the Safeguarding Adults Board.") in text
    assert "At the place partnership's leaders, since 1 August 2026." in text


def test_the_road_maps_own_steps_replace_the_vocabularys(data_copy):
    data = data_copy(ADULT)
    with (data / "roadmap.yml").open("a", encoding="utf-8") as file:
        file.write("escalation:\n"
                   "  - {id: informal, name: the team leaders, days: 14}\n"
                   "  - {id: place, name: the place partnership's leaders, days: 30}\n"
                   "  - {id: joint-board, name: the Joint Commissioning Board}\n")
    _, out = check(data, "--audience", "internal")
    assert "escalate it to the Joint Commissioning Board" in out
    assert "over the limit of 30" in out
    assert "Safeguarding Adults Board" not in out
    text = blockages_page(data)
    assert "Escalate to the Joint Commissioning Board." in text
    # The rules the page lists are the road map's own, with their limits.
    assert "the team leaders" in text and "14" in text


def test_a_step_the_road_map_does_not_have_is_an_error_at_its_line(data_copy):
    data = data_copy(ADULT)
    path = data / BLOCKAGE
    path.write_text(path.read_text("utf-8").replace("level: place", "level: plaice"), "utf-8")
    code, out = check(data, "--audience", "internal")
    assert code == 1
    line = line_of(path, "level: plaice")
    assert (f"roadmap_data/blockages/shared-care-record.yml:{line}:8: blockage "
            "'shared-care-record': 'plaice' is not a step of escalation — did you mean "
            "'place'?; the steps, lowest first, are informal, service, place, "
            "safeguarding-adults-board (the road map's vocabulary, or 'escalation' in "
            "roadmap.yml) [invalid-value]") in out


def test_a_limit_in_mkdocs_yml_must_name_a_step_of_the_road_map(data_copy):
    data = data_copy(ADULT)
    config = data.parent / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  goldenthread:\n    escalation:\n"
                      "      partnership: 90\n", "utf-8")
    code, out = check(data, "--audience", "internal", "--config", str(config))
    assert code == 1
    assert ("extra.goldenthread.escalation: 'partnership' is not a step of escalation; the "
            "steps are informal, service, place, safeguarding-adults-board") in out


def test_the_form_options_id_is_read_before_its_first_space_or_parenthesis():
    assert level_id("informal (between colleagues)") == "informal"
    assert level_id("safeguarding-adults-board") == "safeguarding-adults-board"
    assert level_id("place(the place partnership's leaders)") == "place"
    assert level_id("  joint-board  the board") == "joint-board"
    form = (ROOT / ".github/ISSUE_TEMPLATE/blockage.yml").read_text("utf-8")
    assert "Safeguarding Children Board" not in form


def test_a_raised_blockage_takes_its_step_from_the_forms_option(data_copy):
    data = data_copy(ADULT)
    answers = {
        "What is blocked": "Discharge letters reach the care homes late",
        "What is happening": "Letters arrive two days after people do.",
        "Priorities it holds up": "discharge-to-assess",
        "Actions it holds up": "_No response_",
        "Services involved": "- reablement",
        "When it was first raised": "2026-11-01",
        "Raised by (your role, not your name)": "Head of Reablement",
        "Who should own it (a role)": "Director of Adult Social Services",
        "How far it has been escalated": "place (the place partnership's leaders)",
        "At this level since": "_No response_",
        "Next review": "2026-12-01",
    }
    body = "".join(f"### {label}\n\n{answer}\n\n" for label, answer in answers.items())
    result = subprocess.run(
        [sys.executable, "-m", "goldenthread", "blockage-from-issue", "-", "--data-dir",
         str(data), "--schema-dir", str(ROOT / "schema")],
        input=body, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    written = read_roadmap(data)[0].blockages
    assert written["discharge-letters-reach-the-care-homes-late"].level == "place"


def test_the_examples_steps_read_as_before():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    steps = [(s.id, s.name, s.days) for s in roadmap.vocabulary.escalation]
    assert steps == [
        ("informal", "the informal level (between colleagues)", 30),
        ("service", "the service level (heads of service)", 60),
        ("partnership", "the partnership level (the partnership's leaders)", 90),
        ("safeguarding-board", "the Safeguarding Children Board", None)]
    assert roadmap.info.as_at is not None and roadmap.info.as_at > date(2012, 1, 1)
