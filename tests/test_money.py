"""Where the money goes: budgets summed by goal, partner and stage of help, declared totals
checked with file and line, goal shares that never count a pound twice, internal lines
counted only in the public totals, the chart, the page and the open data."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from goldenthread.check.pipeline import check_roadmap
from goldenthread.cli import main
from goldenthread.derive.audience import for_audience
from goldenthread.derive.money import (
    current_year,
    financial_year_of,
    money_years,
    served_goals,
)
from goldenthread.derive.vocabulary_lists import spending_stages
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.money_chart import Bar, chart_parts, money_chart
from goldenthread.render.money_views import change_sentence, headline, money_view
from goldenthread.render.pages import render
from goldenthread.render.views import RoadmapViews

from .conftest import EXAMPLE_DATA, run_build

BUDGET = """\
title: Budget for 2012-13
year: 2012-13
status: budget
source: By hand.
owner: Head of Finance
services:
  - service: early-help
    partner: council
    stage: early-help
    money: 1000
    staff: 10
    goal_shares:
      - goal: help-early
        share: 0.75
      - goal: safe-at-home
        share: 0.25
    visibility: public
  - service: early-help
    partner: grant
    stage: early-help
    money: 500
    staff: 4
    goal_shares:
      - goal: help-early
        share: 1
    note: A sensitive grant line.
    visibility: internal
priorities:
  - priority: simple-road-map
    partner: nhs
    stage: both
    money: 300
    staff: 1.5
    goal_shares:
      - goal: safe-at-home
        share: 0.5
      - goal: help-early
        share: 0.5
    visibility: public
total_money: 1800
total_staff: 15.5
visibility: public
"""
WHERE = "roadmap_data/budgets/2012-13.yml"
#: BUDGET with a second internal line, of about the first one's size: together they are
#: published as "not shown item by item" (neither is 90% of them, money or staff).
BALANCED = BUDGET.replace("""total_money: 1800
total_staff: 15.5""", """  - priority: simple-road-map
    partner: schools
    stage: both
    money: 400
    staff: 3
    goal_shares:
      - goal: safe-at-home
        share: 1
    visibility: internal
total_money: 2200
total_staff: 18.5""")


def _data(data_copy, text: str = BUDGET) -> Path:
    data = data_copy()
    (data / "budgets").mkdir()
    (data / "budgets" / "2012-13.yml").write_text(text, encoding="utf-8")
    return data


def _money_problems(data: Path, audience: str = "internal",
                    codes: tuple[str, ...] = ()) -> list[str]:
    """The problems in budgets (the warning that BUDGET's one internal line is protected,
    [hidden-line-revealed], only when ``codes`` asks for it)."""
    _, problems = check_roadmap(data, audience=audience, today=date(2012, 12, 31))
    return [str(p) for p in problems if "budgets/" in p.location.path
            and (p.code != "hidden-line-revealed" or p.code in codes)]


# -- the sums ------------------------------------------------------------------------------
def test_money_and_staff_are_shared_between_goals_by_the_declared_shares(data_copy):
    roadmap, problems = read_roadmap(_data(data_copy))
    assert [str(p) for p in problems] == []
    (year,) = money_years(roadmap)
    # help-early: 1000 x 0.75 + 500 x 1 + 300 x 0.5; safe-at-home: 1000 x 0.25 + 300 x 0.5
    assert year.money_by_goal == {"safe-at-home": 400.0, "help-early": 1400.0}
    assert year.staff_by_goal == {"safe-at-home": 3.25, "help-early": 12.25}
    assert sum(year.money_by_goal.values()) == year.budget.total_money  # never twice
    assert year.money_by_partner == {"council": 1000.0, "nhs": 300.0, "grant": 500.0}
    assert year.staff_by_partner == {"council": 10.0, "nhs": 1.5, "grant": 4.0}
    assert year.money_by_stage == {"early-help": 1500.0, "crisis": 0.0, "both": 300.0}
    assert (year.hidden_money, year.hidden_staff, year.unshared_money) == (0.0, 0.0, 0.0)


def test_the_public_totals_count_internal_lines_as_not_shown_and_still_add_up(data_copy):
    roadmap, _ = read_roadmap(_data(data_copy, BALANCED))
    (year,) = money_years(for_audience(roadmap, "public"))
    assert len(year.lines) == 2
    assert year.money_by_goal == {"safe-at-home": 400.0, "help-early": 900.0}
    assert (year.hidden_money, year.hidden_staff) == (900.0, 7.0)
    assert sum(year.money_by_goal.values()) + year.hidden_money == year.budget.total_money
    assert sum(year.money_by_partner.values()) + year.hidden_money == 2200
    assert sum(year.staff_by_partner.values()) + year.hidden_staff == 18.5


def test_a_line_serving_one_goal_needs_no_shares(data_copy):
    data = data_copy()
    (data / "services" / "early-help.yml").write_text(
        (data / "services" / "early-help.yml").read_text("utf-8").replace(
            "  - goal: safe-at-home\n    how: It spots risks early.\n", ""), "utf-8")
    text = BUDGET.replace("""    goal_shares:
      - goal: help-early
        share: 0.75
      - goal: safe-at-home
        share: 0.25
""", "")
    (data / "budgets").mkdir()
    (data / "budgets" / "2012-13.yml").write_text(text, "utf-8")
    roadmap, _ = read_roadmap(data)
    assert served_goals(roadmap, money_years(roadmap)[0].lines[0]) == ["help-early"]
    assert money_years(roadmap)[0].money_by_goal["help-early"] == 1650.0
    assert _money_problems(data) == []


# -- what the checks report, with file and line ---------------------------------------------
def test_a_total_that_does_not_add_up_is_reported_with_file_line_and_both_figures(data_copy):
    text = BUDGET.replace("total_money: 1800", "total_money: 1850").replace(
        "total_staff: 15.5", "total_staff: 16")
    assert _money_problems(_data(data_copy, text)) == [
        f"{WHERE}:40:14: budget '2012-13': the total is £1,850 but its 3 lines add up to "
        "£1,800 (a difference of £50); correct the total or the lines [total-mismatch]",
        f"{WHERE}:41:14: budget '2012-13': the total is 16 full-time equivalent staff but its 3 "
        "lines add up to 15.5 full-time equivalent staff (a difference of 0.5 full-time "
        "equivalent staff); correct the total or the lines [total-mismatch]",
    ]


def test_pence_are_counted_and_rounding_dust_is_not(data_copy):
    text = (BUDGET.replace("money: 1000", "money: 1000.10").replace("money: 300", "money: 300.2")
            .replace("total_money: 1800", "total_money: 1800.30"))
    data = _data(data_copy, text)
    assert _money_problems(data) == []
    (data / "budgets" / "2012-13.yml").write_text(
        text.replace("total_money: 1800.30", "total_money: 1800.31"), "utf-8")
    assert _money_problems(data) == [
        f"{WHERE}:40:14: budget '2012-13': the total is £1,800.31 but its 3 lines add up to "
        "£1,800.30 (a difference of £0.01); correct the total or the lines [total-mismatch]"]


def test_shares_that_do_not_add_up_to_1_are_reported_at_the_line(data_copy):
    text = BUDGET.replace("share: 0.25", "share: 0.15")
    assert _money_problems(_data(data_copy, text)) == [
        f"{WHERE}:13:7: budget '2012-13': the shares add up to 0.9, not 1; change them so that "
        "together they make 1 (the whole line), so no pound is counted twice or lost "
        "[goal-shares]"]


def test_a_goal_shared_twice_is_reported(data_copy):
    text = BUDGET.replace("      - goal: safe-at-home\n        share: 0.25",
                          "      - goal: help-early\n        share: 0.25")
    assert _money_problems(_data(data_copy, text)) == [
        f"{WHERE}:13:7: budget '2012-13': the goal 'help-early' has two shares; give each goal "
        "one share [goal-shares]"]


def test_a_line_serving_several_goals_must_say_how_it_is_shared(data_copy):
    text = BUDGET.replace("""    goal_shares:
      - goal: safe-at-home
        share: 0.5
      - goal: help-early
        share: 0.5
""", "")
    assert _money_problems(_data(data_copy, text)) == [
        f"{WHERE}:29:5: budget '2012-13': the Health services line for priority "
        "'simple-road-map' has no 'goal_shares', but that priority serves 2 goals "
        "(safe-at-home, help-early); say how "
        "the line is shared between them, the shares adding up to 1: goal_shares: [{goal: "
        "safe-at-home, share: …}, {goal: help-early, share: …}] [goal-shares]"]


def test_a_share_for_a_goal_the_service_does_not_serve_is_reported(data_copy):
    data = _data(data_copy, BUDGET.replace("      - goal: safe-at-home\n        share: 0.25",
                                           "      - goal: third-goal\n        share: 0.25"))
    (data / "goals" / "third-goal.yml").write_text(
        (data / "goals" / "help-early.yml").read_text("utf-8"), "utf-8")
    problems = _money_problems(data)
    assert problems == [
        f"{WHERE}:15:15: budget '2012-13': the Council line for service 'early-help' shares "
        "money with the goal 'third-goal', which that service does not serve (it serves "
        "help-early, safe-at-home); share it between those, or add the goal to the service "
        "[goal-shares]"]


def test_an_unknown_service_is_reported_with_a_suggestion(data_copy):
    text = BUDGET.replace("  - service: early-help\n    partner: council",
                          "  - service: early-halp\n    partner: council")
    assert _money_problems(_data(data_copy, text)) == [
        f"{WHERE}:7:14: budget '2012-13': unknown service id 'early-halp' — did you mean "
        "'early-help'? [unknown-ref]"]


def test_two_budgets_for_one_year_are_reported(data_copy):
    data = _data(data_copy)
    (data / "budgets" / "again.yml").write_text(BUDGET, "utf-8")
    assert _money_problems(data) == [
        "roadmap_data/budgets/again.yml:2:7: budget 'again': budget '2012-13' is for 2012-13 "
        "too; keep one budget for "
        "each financial year, with every line in it [duplicate-id]"]


@pytest.mark.parametrize(("written", "message"), [
    ("2012", "'2012' is not a financial year: write it like '2012-13' (April 2012 to March 2013)"),
    ("2012-14", "'2012-14' is not a financial year: the second part is the year after the first, "
                "as in '2012-13'"),
])
def test_a_year_that_is_not_a_financial_year_is_reported(data_copy, written, message):
    text = BUDGET.replace("year: 2012-13", f"year: {written}")
    assert _money_problems(_data(data_copy, text)) == [
        f"{WHERE}:2:7: budget '2012-13': {message} [invalid-value]"]


def test_a_negative_amount_is_reported(data_copy):
    text = BUDGET.replace("    staff: 1.5", "    staff: -1.5").replace(
        "total_staff: 15.5", "total_staff: 12.5")
    assert _money_problems(_data(data_copy, text)) == [
        f"{WHERE}:33:12: budget '2012-13': -1.5 is less than 0; give the amount, 0 or more "
        "[invalid-value]"]


def test_a_public_line_for_an_internal_service_stops_the_public_build(data_copy):
    data = _data(data_copy)
    service = data / "services" / "early-help.yml"
    service.write_text(service.read_text("utf-8").replace("visibility: public",
                                                          "visibility: internal"), "utf-8")
    assert [p for p in _money_problems(data, "public") if "[internal-ref]" in p] == [
        f"{WHERE}:7:14: budget '2012-13': this public item refers to the internal service "
        "'early-help', which the public site does not show; make that service public, or this "
        "item internal [internal-ref]"]


# -- the example road map --------------------------------------------------------------------
@pytest.fixture(scope="module")
def example():
    roadmap, problems = read_roadmap(EXAMPLE_DATA)
    assert [str(p) for p in problems] == []
    return roadmap


def test_the_example_has_a_line_for_every_service_and_priority_in_every_year(example):
    years = money_years(example)
    assert len(years) >= 3
    for year in years:
        paid = {(line.kind, line.target_id) for line in year.lines}
        assert {("service", s) for s in example.services} <= paid, year.year
        assert {("priority", p) for p in example.priorities} <= paid, year.year


def test_the_example_years_are_around_its_moment(example):
    today = example.info.as_at
    years = [y.year for y in money_years(example)]
    now = financial_year_of(today)
    assert now in years
    assert years[0] < now < years[-1]
    assert current_year(money_years(example), today).year == now
    statuses = {y.year: y.budget.status for y in money_years(example)}
    assert statuses[years[0]] == "actual" and statuses[years[-1]] == "plan"
    assert all(y.budget.illustrative for y in money_years(example))


def test_the_example_moves_money_to_early_help_and_says_so(example):
    public = for_audience(example, "public")
    years = money_years(public)
    shares = [y.share("early-help") for y in years]
    assert shares == sorted(shares) and shares[0] < shares[-1]
    stages = spending_stages(public)
    sentence = change_sentence(years, stages)
    assert sentence.startswith(f"From {years[0].year} to {years[-1].year}")
    assert sentence.endswith("money is moving towards early help.")
    now = current_year(years, example.info.as_at)
    assert headline(now, stages).startswith(f"In {now.year} the partners have budgeted £")
    # The example's police line is nearly all of its internal money: its year's totals are
    # withheld, and the headline speaks of the lines shown.
    assert "on the lines of this road map shown here (some figures are not shown, to " \
        "protect them)" in headline(now, stages)
    assert f"Early help gets {round(now.share('early-help') * 100)}% of that money" in \
        headline(now, stages)
    assert "is not shown item by item" not in headline(now, stages)


def test_the_example_public_figures_add_up_to_their_totals(example):
    for year in money_years(for_audience(example, "public")):
        assert year.hidden_money == 0  # withheld: the totals add up the lines shown
        assert year.budget.total_money < example.budgets[year.budget_id].total_money
        for sums in (year.money_by_goal, year.money_by_partner, year.money_by_stage):
            assert sum(sums.values()) + year.hidden_money == pytest.approx(year.budget.total_money)
        assert sum(year.staff_by_goal.values()) + year.hidden_staff == pytest.approx(
            year.budget.total_staff)


# -- the chart and the page ----------------------------------------------------------------
def test_the_chart_has_a_title_a_description_and_never_relies_on_colour_alone():
    bars = [Bar("2011-12 (spent): £10", {"early-help": 0.2, "crisis": 0.7, "both": 0.1}),
            Bar("2012-13 (budget): £10", {"early-help": 0.3, "crisis": 0.6, "both": 0.05,
                                          "hidden": 0.05})]
    parts = chart_parts([("early-help", "Early help"), ("crisis", "Crisis services"),
                         ("both", "Serving both")])
    svg = money_chart(bars, "c1", "Where the money goes", "2011-12: 20% early help.", parts)
    assert svg.startswith('<svg class="gt-chart gt-money-chart" viewBox="0 0 360 ')
    assert 'role="img" aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Where the money goes</title>' in svg
    assert '<desc id="c1-desc">2011-12: 20% early help.</desc>' in svg
    # Each part differs in more than colour: solid, hatched, dotted, a dashed outline.
    assert 'fill="url(#c1-hatch)"' in svg and 'fill="url(#c1-dots)"' in svg
    assert 'stroke-dasharray="4 3"' in svg
    for label in ("Early help", "Crisis services", "Serving both", "Not shown item by item"):
        assert f">{label}</text>" in svg
    # ...and under each bar its shares are written out in words.
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", svg)).split())
    assert "Early help 20%, crisis services 70%, serving both 10%" in text
    assert "Early help 30%, crisis services 60%, serving both 5%," in text


def _page(roadmap, audience: str) -> str:
    filtered = for_audience(roadmap, audience)
    context = money_view(filtered, roadmap.info.as_at, audience == "internal")
    html = render(context, RoadmapViews(filtered), "money/")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_public_page_hides_internal_lines_but_counts_them(data_copy):
    roadmap, _ = read_roadmap(_data(data_copy, BALANCED))
    text = _page(roadmap, "public")
    assert "A sensitive grant line." not in text
    assert "Not shown item by item £900 7 staff" in text
    assert "Total £2,200 18.5 staff" in text
    assert "Some spending is not shown item by item." in text
    assert "Some figures are not shown, to protect them." not in text
    internal = _page(roadmap, "internal")
    assert "A sensitive grant line." in internal and "No: in the totals only" in internal
    assert "Not shown item by item £900" not in internal
    assert "2 budget lines are marked internal (£900 over all the years)" in internal


def test_without_budgets_the_page_says_so_and_nothing_else(data_copy):
    roadmap, _ = read_roadmap(data_copy())
    assert _page(roadmap, "public") == "No budgets have been published for this road map yet."


# -- the built sites -------------------------------------------------------------------------
@pytest.mark.build
def test_the_money_page_is_in_both_sites_and_their_menus(example_site, internal_site):
    for site in (example_site, internal_site):
        html = (site / "money" / "index.html").read_text("utf-8")
        assert "Where the money goes" in html
        assert '<svg class="gt-chart gt-money-chart"' in html
        assert "For every £1 spent, about £" in html
        home = (site / "index.html").read_text("utf-8")
        assert re.search(r'href="money/" class="md-nav__link">(?:\s|<[^>]+>)*Where the money '
                         r"goes", home)
    public = (example_site / "money" / "index.html").read_text("utf-8")
    assert "The police do not publish the cost" not in public
    assert "The police do not publish the cost" in (
        internal_site / "money" / "index.html").read_text("utf-8")


@pytest.mark.build
def test_a_road_map_without_budgets_has_no_money_page(minimal_site):
    assert not (minimal_site / "money").exists()
    assert "Where the money goes" not in (minimal_site / "index.html").read_text("utf-8")
    document = json.loads((minimal_site / "data" / "roadmap.json").read_text("utf-8"))
    assert (document["budgets"], document["social_returns"]) == ([], [])


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


@pytest.mark.build
def test_the_open_data_has_the_figures_and_they_add_up(example_site):
    data = example_site / "data"
    budgets = {row["id"]: row for row in _csv(data / "budgets.csv")}
    by_goal = _csv(data / "money-by-goal.csv")
    lines = _csv(data / "budget-lines.csv")
    assert budgets and lines and by_goal
    for budget_id, row in budgets.items():
        goal_sum = sum(float(r["money"]) for r in by_goal if r["budget"] == budget_id)
        line_sum = sum(float(r["money"]) for r in lines if r["budget"] == budget_id)
        total, hidden = float(row["total_money"]), float(row["not_shown_money"])
        assert goal_sum + hidden == pytest.approx(total)
        assert line_sum + hidden == pytest.approx(total)
    assert {r["visibility"] for r in lines} == {"public"}
    document = json.loads((data / "roadmap.json").read_text("utf-8"))
    (analysis,) = document["social_returns"]
    figures = analysis["figures"]
    assert figures["ratio"] == pytest.approx(figures["present_value"] / analysis["investment"],
                                             abs=0.0001)
    assert len(figures["outcome_present_values"]) == len(analysis["outcomes"])
    assert [s["moved"] for s in figures["sensitivity"]] == ["deadweight"] * 2 + [
        "financial proxies"] * 2
    outcomes = _csv(data / "social-return-outcomes.csv")
    assert sum(float(r["present_value"]) for r in outcomes) == pytest.approx(
        figures["present_value"], abs=0.05)


# -- figures that stay within what the check bounds -----------------------------------------
def test_a_total_beyond_the_largest_amount_is_refused_at_its_line(data_copy, capsys):
    data = _data(data_copy, BUDGET.replace("total_money: 1800", "total_money: 1.0e+300"))
    assert main(["check", str(data), "--config", ""]) == 1
    printed = capsys.readouterr()
    assert [line for line in printed.out.splitlines() if "budgets/" in line] == [
        f"{WHERE}:40:14: budget '2012-13': a number 301 digits long is more than "
        "1,000,000,000,000 (a million million), the largest amount the road map takes; check "
        "the figure for extra zeros, and write it in pounds (or in people or staff), not in "
        "pence [invalid-value]"]


@pytest.mark.build
def test_shares_within_the_rounding_tolerance_never_leave_a_negative_remainder(data_copy,
                                                                               tmp_path):
    # Each share is a little over, within the check's tolerance (the shares add up to
    # 1.0000008): £30 million would otherwise count £24 twice, shown as "-£24 not yet shared".
    text = (BUDGET.replace("money: 1000\n", "money: 30000000\n")
            .replace("share: 0.75", "share: 0.7500004").replace("share: 0.25", "share: 0.2500004")
            .replace("total_money: 1800", "total_money: 30000800"))
    data = _data(data_copy, text)
    assert _money_problems(data) == []
    run_build(tmp_path / "site", data)
    page = (tmp_path / "site" / "money" / "index.html").read_text("utf-8")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Not yet shared between goals" not in text
    assert not re.search(r"-£|−£", text)
    by_goal = _csv(tmp_path / "site" / "data" / "money-by-goal.csv")
    assert sum(float(r["money"]) for r in by_goal) == pytest.approx(30000300, abs=0.01)
