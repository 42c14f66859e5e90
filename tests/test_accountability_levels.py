"""Accountability that fits the partnership: its levels come from its data.

A road map's levels of accountability are its vocabulary's (or roadmap.yml's own
``accountability_levels``), as many as it names; a level marked ``used: false`` is not
asked for; an accountability's ``level`` must be one of them; a priority's ``lead`` answers
for it at the first level in use.  Each is tried through ``goldenthread check`` (the
command an editor runs) and on the accountability page as the site renders it.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.index_views import accountability
from goldenthread.render.pages import render
from goldenthread.render.views import RoadmapViews

from .check_helpers import check_command as check
from .check_helpers import line_of
from .conftest import FIXTURES, MINIMAL, ROOT

ADULT = FIXTURES / "adult-social-care"
FIVE = ("Team", "Service", "Organisation", "Place", "System")


def page(data: Path) -> str:
    """The accountability page's HTML, as the public site renders it."""
    roadmap, problems = read_roadmap(data)
    assert not [p for p in problems if p.severity == "error"], problems
    views = RoadmapViews(roadmap)
    return render(accountability(views), views, "accountability/")


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def row(html: str, title: str) -> str:
    """The text of the table row whose heading is ``title``."""
    rows = [text_of(r) for r in re.findall(r"<tr>.*?</tr>", html, re.S) if title in r]
    assert len(rows) == 1, (title, rows)
    return rows[0]


def test_five_levels_of_the_road_maps_own_are_checked_and_shown(data_copy):
    data = data_copy(ADULT)
    code, out = check(data)
    assert code == 0 and "0 warning(s)" in out, out
    html = page(data)
    headings = re.findall(r'<th scope="col">([^<]*) level</th>', html)
    assert tuple(headings) == FIVE
    assert "at team, service, organisation, place and system level</caption>" in html
    # A goal without a role at one of the five levels is warned about that level.
    path = data / "accountabilities.yml"
    text = path.read_text("utf-8")
    entry = ("  - role: Chief Executive, Northwold Voluntary Action\n"
             "    organisation: Northwold Voluntary Action\n    level: organisation\n"
             "    goal: carers-supported\n    visibility: public\n")
    assert entry in text
    path.write_text(text.replace(entry, ""), "utf-8")
    _, out = check(data)
    warnings = [line for line in out.splitlines() if "[goal-level-unnamed]" in line]
    assert len(warnings) == 1, out
    assert warnings[0].startswith("roadmap_data/goals/carers-supported.yml:")
    assert ("goal 'carers-supported': no role is named at the organisation level; add an "
            "entry to accountabilities.yml with 'goal: carers-supported' and 'level: "
            "organisation'") in warnings[0]


def test_a_level_marked_not_used_raises_no_warning_and_has_no_column(data_copy):
    data = data_copy(ADULT)
    path = data / "accountabilities.yml"
    kept = re.sub(r"  - role: [^\n]*\n    organisation: [^\n]*\n    level: organisation\n"
                  r"    goal: [^\n]*\n    visibility: public\n", "", path.read_text("utf-8"))
    path.write_text(kept, "utf-8")
    assert "level: organisation" not in kept
    _, warned = check(data)
    assert warned.count("at the organisation level") == 4  # one per goal
    roadmap = data / "roadmap.yml"
    text = roadmap.read_text("utf-8")
    used = "    meaning: One partner's own board answers for it.\n"
    roadmap.write_text(text.replace(used, used + "    used: false\n"), "utf-8")
    code, out = check(data)
    assert code == 0 and "0 warning(s)" in out, out
    headings = re.findall(r'<th scope="col">([^<]*) level</th>', page(data))
    assert tuple(headings) == ("Team", "Service", "Place", "System")


def test_a_priority_lead_answers_for_it_at_the_first_level(data_copy):
    data = data_copy(ADULT)
    html = page(data)
    # No accountability names a priority: each priority's lead is its Team-level role.
    cells = row(html, "Breaks for carers")
    assert cells.startswith("Priority: Breaks for carers Chief Executive, Northwold Voluntary "
                            "Action Not yet named")
    assert cells.count("Not yet named") == 4
    # In the children's example too (its first level is Service).
    priority = read_roadmap(MINIMAL)[0].priorities["simple-road-map"]
    cells = row(page(MINIMAL), priority.title)
    assert cells.count(priority.lead) == 1 and cells.count("Not yet named") == 2


def test_a_lead_already_named_for_its_priority_is_not_listed_twice(data_copy):
    data = data_copy()
    roadmap = read_roadmap(data)[0]
    priority = roadmap.priorities["simple-road-map"]
    path = data / "accountabilities.yml"
    path.write_text(path.read_text("utf-8") + (
        f"  - role: {priority.lead}\n    organisation: Example Council\n"
        "    level: partnership\n    priority: simple-road-map\n    visibility: public\n"),
        "utf-8")
    cells = row(page(data), priority.title)
    assert cells.count(priority.lead) == 1 and cells.count("Not yet named") == 2


def test_an_unknown_level_is_an_error_at_its_line_with_a_suggestion(data_copy):
    data = data_copy()
    path = data / "accountabilities.yml"
    path.write_text(path.read_text("utf-8").replace("level: inter-agency",
                                                    "level: interagency"), "utf-8")
    code, out = check(data)
    assert code == 1
    line = line_of(path, "level: interagency")
    assert (f"roadmap_data/accountabilities.yml:{line}:12: accountabilities.yml: "
            "'interagency' is not a level of accountability — did you mean "
            "'inter-agency'?; the levels are service, partnership, inter-agency (the road "
            "map's vocabulary, or 'accountability_levels' in roadmap.yml) [invalid-value]"
            ) in out


def test_the_example_keeps_its_three_levels():
    html = page(ROOT / "roadmap_data")
    headings = re.findall(r'<th scope="col">([^<]*) level</th>', html)
    assert headings == ["Service", "Partnership", "Inter-agency"]
    assert ("<caption>Who is accountable for each goal and priority, at service, partnership "
            "and inter-agency level</caption>") in html


def test_the_health_page_counts_no_gap_at_a_level_not_used(data_copy):
    """A level marked not used is no gap on the intranet's health page, and a role named
    at it is still counted there."""
    from goldenthread.render.health import goal_coverage
    data = data_copy(ADULT)
    roadmap = data / "roadmap.yml"
    path = data / "accountabilities.yml"
    path.write_text(re.sub(r"  - role: [^\n]*\n    organisation: [^\n]*\n    level: organisation"
                           r"\n    goal: (?!carers-supported)[^\n]*\n    visibility: public\n",
                           "", path.read_text("utf-8")), "utf-8")
    assert [g.gaps for g in goal_coverage(read_roadmap(data)[0])] == [1, 1, 0, 1]
    used = "    meaning: One partner's own board answers for it.\n"
    roadmap.write_text(roadmap.read_text("utf-8").replace(used, used + "    used: false\n"),
                       "utf-8")
    rows = goal_coverage(read_roadmap(data)[0])
    assert [g.gaps for g in rows] == [0, 0, 0, 0]
    assert [g.levels["organisation"] for g in rows] == [0, 0, 1, 0]
