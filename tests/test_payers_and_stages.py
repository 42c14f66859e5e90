"""Who pays and at which stage, in the partnership's own terms.

A budget line's ``partner`` is one of roadmap.yml's partners (a plain name, whose id is
its slug, or ``{id, name, short, pays_only}``), and its ``stage`` one of the vocabulary's
stages of spending; the money page names both from the data.  Tried through
``goldenthread check`` and on the money page as the site renders it.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from goldenthread.derive.audience import for_audience
from goldenthread.derive.vocabulary_lists import partner_names
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.money_views import money_view
from goldenthread.render.pages import render
from goldenthread.render.views import RoadmapViews

from .check_helpers import check_command as check
from .check_helpers import line_of
from .conftest import EXAMPLE_DATA, FIXTURES

ADULT = FIXTURES / "adult-social-care"
BUDGET = Path("budgets") / "2025-26.yml"


def money_page(data: Path) -> str:
    """The public money page's words."""
    roadmap, _ = read_roadmap(data)
    public = for_audience(roadmap, "public")
    html = render(money_view(public, roadmap.info.as_at, False), RoadmapViews(public),
                  "money/")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.:;])", r"\1", text)  # as read: no space before a tag's punctuation


def test_a_housing_association_and_the_voluntary_sector_pay(data_copy):
    data = data_copy(ADULT)
    code, out = check(data)
    assert code == 0 and "0 warning(s)" in out, out
    text = money_page(data)
    # By partner: the short names roadmap.yml gives, and a plain name as written.
    assert "Housing association £620,000 9 staff" in text
    assert "Northwold Voluntary Action £490,000 9.5 staff" in text
    assert ("Who pays: Council adult services, Integrated care board, Hospital trust, "
            "Housing association and Northwold Voluntary Action.") in text


def test_the_money_page_names_the_road_maps_own_stages(data_copy):
    text = money_page(data_copy(ADULT))
    assert "Prevention, reablement and long-term care and support" in text
    assert ("Prevention: Help that keeps people well and independent before they need care."
            in text)
    assert "Year Prevention Reablement Long-term care and support Total" in text
    assert "Prevention gets 39% of the money (£1.8 million), reablement 51% (£2.4 million) " \
        "and long-term care and support 10% (£490,000)." in text
    for word in ("early help", "crisis", "child", "famil"):
        assert word not in text.lower(), word


def test_an_unknown_payer_is_an_error_at_its_line_with_a_suggestion(data_copy):
    data = data_copy(ADULT)
    path = data / BUDGET
    path.write_text(path.read_text("utf-8").replace("partner: housing", "partner: housng"),
                    "utf-8")
    code, out = check(data)
    assert code == 1
    line = line_of(path, "partner: housng")
    assert (f"roadmap_data/budgets/2025-26.yml:{line}:14: budget '2025-26': 'housng' is not "
            "one of the partners in roadmap.yml — did you mean 'housing'?; the partners' ids "
            "are council, icb, trust, housing, northwold-voluntary-action. Add it to "
            "'partners' in roadmap.yml") in out


def test_an_unknown_stage_is_an_error_at_its_line_with_a_suggestion(data_copy):
    data = data_copy(ADULT)
    path = data / BUDGET
    text = path.read_text("utf-8")
    path.write_text(text.replace("stage: reablement", "stage: reablment", 1), "utf-8")
    code, out = check(data)
    assert code == 1
    line = line_of(path, "stage: reablment")
    assert (f"roadmap_data/budgets/2025-26.yml:{line}:12: budget '2025-26': 'reablment' is "
            "not a stage of spending — did you mean 'reablement'?; the stages are prevention, "
            "reablement, long-term-care (the road map's vocabulary, or 'stages' in "
            "roadmap.yml) [invalid-value]") in out
    # The children's example's stages are not this road map's.
    path.write_text(text.replace("stage: reablement", "stage: early-help", 1), "utf-8")
    code, out = check(data)
    assert code == 1 and "'early-help' is not a stage of spending" in out


def test_a_payer_only_pays_and_is_not_listed_as_a_partner(data_copy):
    data = data_copy(ADULT)
    roadmap = data / "roadmap.yml"
    roadmap.write_text(roadmap.read_text("utf-8").replace(
        "  - Northwold Voluntary Action\n",
        "  - Northwold Voluntary Action\n"
        "  - {id: grant, name: Better Care Fund, pays_only: true}\n"), "utf-8")
    path = data / BUDGET
    path.write_text(path.read_text("utf-8").replace("partner: trust", "partner: grant"),
                    "utf-8")
    code, out = check(data)
    assert code == 0, out
    assert "Better Care Fund £540,000" in money_page(data)
    names = partner_names(read_roadmap(data)[0].info)
    assert "Better Care Fund" not in names and "Northwold Voluntary Action" in names


def test_the_examples_money_page_reads_as_before():
    text = money_page(EXAMPLE_DATA)
    assert "Early help and crisis services" in text
    assert "Year Early help Crisis services Serving both" in text
    assert re.search(r"Early help gets \d+% of that money \(£[\d.]+ million\) and crisis "
                     r"services \d+% \(£[\d.]+ million\)\. A further \d+% serves both\.", text)
    assert re.search(r"early help's share goes from \d+% to \d+%, and crisis services' share "
                     r"from \d+% to \d+%: money is moving towards early help\.", text)
    assert "How each year's money is shared between early help and crisis services." in text
    assert "Who pays: Council, Police, NHS, Schools and Government grants." in text
    for partner in ("Council", "Police", "NHS", "Schools", "Government grants"):
        assert re.search(rf"{partner} £[\d,]+ [\d.]+ staff", text), partner
