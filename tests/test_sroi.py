"""The social return on investment: the computation against a worked example written out
by hand (Cabinet Office guide to SROI, 2012), the sensitivity line, the rejections with
file and line, and the page showing every assumption beside the result."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from goldenthread.cli import main
from goldenthread.derive.money import sensitivity, social_value
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.money_models import SocialReturn
from goldenthread.render.money_views import social_return_view
from goldenthread.render.pages import render
from goldenthread.render.views import RoadmapViews

from .conftest import EXAMPLE_DATA, run_script_build

#: The worked example: £10,000 invested, two outcomes over three years, 3.5% discount rate.
WORKED = {
    "title": "Worked example", "service": "early-help", "year": "2012-13",
    "summary": "Two outcomes over three years.", "investment": 10000,
    "investment_source": "By hand.", "discount_rate": 0.035,
    "discount_rate_source": "The Green Book.", "owner": "Head of Finance",
    "visibility": "public",
    "outcomes": [
        {"title": "Fewer children come into care", "who_benefits": "Children",
         "people": 2, "financial_proxy": {"value": 5000, "stands_for": "A year in care",
                                          "source": "By hand."},
         "duration": 3, "deadweight": 0.2, "attribution": 0.25, "displacement": 0.1,
         "drop_off": 0.1},
        {"title": "Fewer police call-outs", "who_benefits": "Families",
         "people": 10, "financial_proxy": {"value": 600, "stands_for": "A call-out",
                                           "source": "By hand."},
         "duration": 3, "deadweight": 0.5, "attribution": 0.2, "displacement": 0,
         "drop_off": 0.5},
    ],
}

# Worked by hand (to four decimal places):
#
# Outcome A: 2 people x £5,000 = £10,000 a year.
#   Less deadweight, attribution, displacement: 10,000 x 0.8 x 0.75 x 0.9 = 5,400.
#   Year 1: 5,400 x 0.9^0 = 5,400.00;  / 1.035^1 (1.035)        = 5,217.3913
#   Year 2: 5,400 x 0.9^1 = 4,860.00;  / 1.035^2 (1.071225)     = 4,536.8620
#   Year 3: 5,400 x 0.9^2 = 4,374.00;  / 1.035^3 (1.108717875)  = 3,945.0974
#   Present value of A                                           = 13,699.3507
# Outcome B: 10 people x £600 = £6,000 a year.
#   Less deadweight, attribution, displacement: 6,000 x 0.5 x 0.8 x 1 = 2,400.
#   Year 1: 2,400 x 0.5^0 = 2,400.00;  / 1.035        = 2,318.8406
#   Year 2: 2,400 x 0.5^1 = 1,200.00;  / 1.071225     = 1,120.2128
#   Year 3: 2,400 x 0.5^2 =   600.00;  / 1.108717875  =   541.1656
#   Present value of B                                 =  3,980.2190
# Present value: 13,699.3507 + 3,980.2190 = 17,679.5697
# Net present value: 17,679.5697 - 10,000 = 7,679.5697
# Ratio: 17,679.5697 / 10,000 = 1.7680 (about £1.77 for every £1).
HAND = {
    "A": {"gross": 10000.0, "impact": 5400.0,
          "years": [(5400.00, 1.035, 5217.3913), (4860.00, 1.071225, 4536.8620),
                    (4374.00, 1.108717875, 3945.0974)],
          "present_value": 13699.3507},
    "B": {"gross": 6000.0, "impact": 2400.0,
          "years": [(2400.00, 1.035, 2318.8406), (1200.00, 1.071225, 1120.2128),
                    (600.00, 1.108717875, 541.1656)],
          "present_value": 3980.2190},
}
PRESENT_VALUE, NET_PRESENT_VALUE, RATIO = 17679.5697, 7679.5697, 1.76796

# The sensitivity line, by hand: each moves every outcome at once.
# Deadweight a fifth lower (A 0.16, B 0.4): A x 0.84/0.8 = 1.05, B x 0.6/0.5 = 1.2
#   13,699.3507 x 1.05 + 3,980.2190 x 1.2 = 14,384.3182 + 4,776.2628 = 19,160.5811 -> 1.91606
# Deadweight a fifth higher (A 0.24, B 0.6): A x 0.95, B x 0.8
#   13,014.3832 + 3,184.1752 = 16,198.5584 -> 1.61986
# Financial proxies a fifth lower / higher: every value x 0.8 / x 1.2
#   17,679.5697 x 0.8 = 14,143.6558 -> 1.41437;  x 1.2 = 21,215.4836 -> 2.12155
SENSITIVITY = [("deadweight", -0.2, 1.91606), ("deadweight", 0.2, 1.61986),
               ("financial proxies", -0.2, 1.41437), ("financial proxies", 0.2, 2.12155)]


def test_the_computation_matches_the_worked_example_figure_by_figure():
    value = social_value(SocialReturn.model_validate(WORKED))
    for outcome, hand in zip(value.outcomes, HAND.values(), strict=True):
        assert outcome.gross == pytest.approx(hand["gross"])
        assert outcome.impact == pytest.approx(hand["impact"])
        assert [y.year for y in outcome.years] == [1, 2, 3]
        for year, (worth, factor, present) in zip(outcome.years, hand["years"], strict=True):
            assert year.value == pytest.approx(worth, abs=0.005)
            assert year.discount_factor == pytest.approx(factor, abs=1e-9)
            assert year.present_value == pytest.approx(present, abs=0.00005)
        assert outcome.present_value == pytest.approx(hand["present_value"], abs=0.0001)
    assert value.present_value == pytest.approx(PRESENT_VALUE, abs=0.0001)
    assert value.net_present_value == pytest.approx(NET_PRESENT_VALUE, abs=0.0001)
    assert value.ratio == pytest.approx(RATIO, abs=0.00001)


def test_the_sensitivity_line_moves_deadweight_and_the_proxies_by_a_fifth_each_way():
    moved = sensitivity(SocialReturn.model_validate(WORKED))
    assert [(m.moved, m.change) for m in moved] == [(n, c) for n, c, _ in SENSITIVITY]
    for m, (_, _, ratio) in zip(moved, SENSITIVITY, strict=True):
        assert m.ratio == pytest.approx(ratio, abs=0.00001)


def test_deadweight_moved_up_never_passes_all_of_it():
    data = {**WORKED, "outcomes": [{**WORKED["outcomes"][1], "deadweight": 0.9}]}
    higher = next(m for m in sensitivity(SocialReturn.model_validate(data))
                  if m.moved == "deadweight" and m.change > 0)
    assert higher.ratio == 0.0  # 0.9 x 1.2 is capped at 1: nothing is left


def test_an_outcome_lasts_exactly_its_duration():
    data = {**WORKED, "outcomes": [{**WORKED["outcomes"][0], "duration": 1, "drop_off": 0}]}
    (outcome,) = social_value(SocialReturn.model_validate(data)).outcomes
    assert [y.year for y in outcome.years] == [1]
    assert outcome.present_value == pytest.approx(5400 / 1.035)


# -- rejections, each with the file and line ---------------------------------------------
GOOD = """\
title: Early help
service: early-help
year: 2012-13
summary: What early help gives back.
investment: {investment}
investment_source: The budget.
discount_rate: {rate}
discount_rate_source: The Green Book.
owner: Head of Finance
outcomes:
  - title: Fewer children come into care
    who_benefits: Children
    people: 2
    financial_proxy:
      value: 5000
      stands_for: A year in care
      source: Illustrative.
    duration: {duration}
    deadweight: {deadweight}
    attribution: 0.25
    displacement: 0
    drop_off: {drop_off}
visibility: public
"""
FIELDS = {"investment": 10000, "rate": 0.035, "duration": 3, "deadweight": 0.2,
          "drop_off": 0.1}


def _problems(data_copy, **changed) -> list[str]:
    data = data_copy()
    (data / "social-returns").mkdir()
    (data / "social-returns" / "early-help.yml").write_text(
        GOOD.format(**{**FIELDS, **changed}), encoding="utf-8")
    roadmap, problems = read_roadmap(data)
    return [str(p) for p in problems if "social-returns" in p.location.path]


def test_the_example_file_is_valid_as_written(data_copy):
    assert _problems(data_copy) == []


@pytest.mark.parametrize(("field", "value", "line", "column"), [
    ("deadweight", 1.2, 19, 17), ("drop_off", -0.1, 22, 15), ("rate", 3.5, 7, 16),
])
def test_a_rate_outside_0_to_1_is_rejected_at_its_line(data_copy, field, value, line, column):
    assert _problems(data_copy, **{field: value}) == [
        f"roadmap_data/social-returns/early-help.yml:{line}:{column}: social return "
        f"'early-help': {value:g} is outside 0 to 1: write a rate as a share of 1, so 25% is "
        f"0.25 (0 means none, 1 means all) [invalid-value]"]


def test_a_negative_investment_is_rejected_at_its_line(data_copy):
    assert _problems(data_copy, investment=-5000) == [
        "roadmap_data/social-returns/early-help.yml:5:13: social return 'early-help': -5000 is "
        "not an investment: give the money spent, in pounds, more than 0 (the return is worked "
        "out for each pound) [invalid-value]"]


def test_a_duration_of_0_is_rejected_at_its_line(data_copy):
    assert _problems(data_copy, duration=0) == [
        "roadmap_data/social-returns/early-help.yml:18:15: social return 'early-help': 0 is not "
        "a duration: an outcome lasts at least 1 year; write the number of years it lasts "
        "[invalid-value]"]


# -- the page ------------------------------------------------------------------------------
def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture(scope="module")
def example_page() -> str:
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    views = RoadmapViews(roadmap)
    return render(social_return_view(roadmap), views, "money/")


def test_the_page_gives_the_result_in_plain_words_with_the_sensitivity_line(example_page):
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    (analysis,) = roadmap.social_returns.values()
    value = social_value(analysis)
    ratios = [m.ratio for m in sensitivity(analysis)]
    text = _text(example_page)
    assert (f"For every £1 spent, about £{value.ratio:.2f} of social value, if these "
            "assumptions hold.") in text
    assert (f"if every deadweight, or every financial proxy, were 20% lower or higher, the "
            f"result would be between £{min(ratios):.2f} and £{max(ratios):.2f} for every £1"
            ) in text
    assert "Illustrative figures." in text


def test_the_page_shows_every_assumption_beside_the_result(example_page):
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    (analysis,) = roadmap.social_returns.values()
    text = _text(example_page)
    assert f"£{analysis.investment:,.0f} in {analysis.year}" in text
    assert "3.5% a year" in text and analysis.discount_rate_source in text
    for outcome in analysis.outcomes:
        proxy = outcome.financial_proxy
        for shown in (outcome.title, outcome.who_benefits, f"How many: {outcome.people:,g} ",
                      f"£{proxy.value:,.0f} a year", proxy.stands_for,
                      " ".join(proxy.source.split()),
                      f"How long it lasts: {outcome.duration} year",
                      f"(deadweight): {outcome.deadweight * 100:g}%",
                      f"(attribution): {outcome.attribution * 100:g}%",
                      f"(displacement): {outcome.displacement * 100:g}%",
                      f"(drop-off): {outcome.drop_off * 100:g}%"):
            assert shown in text, shown
        if outcome.basis:
            assert " ".join(outcome.basis.split()) in text


def test_the_page_says_what_the_method_is():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    html = render(social_return_view(roadmap), RoadmapViews(roadmap), "money/")
    assert "Cabinet Office's guide to social return on investment (2012)" in _text(html)


def test_without_analyses_the_page_says_so():
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    empty = type(roadmap)(**{**roadmap.__dict__, "social_returns": {}})
    html = render(social_return_view(empty), RoadmapViews(empty), "money/")
    assert _text(html) == "No analysis of the social return on investment has been published yet."


# -- every value the check takes builds, in bounded time and size ---------------------------
OUTCOME = GOOD[GOOD.index("  - title:"):GOOD.index("visibility: public")]


def _analysis(data, outcomes: int = 1, **changed) -> Path:
    """The data folder with one analysis of ``outcomes`` outcomes, fields ``changed``."""
    text = GOOD.format(**{**FIELDS, **changed})
    block = OUTCOME.format(**{**FIELDS, **changed})
    text = text.replace(block, block * outcomes)
    (data / "social-returns").mkdir(exist_ok=True)
    path = data / "social-returns" / "early-help.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _check(data, capsys) -> tuple[int, list[str]]:
    """`goldenthread check` of ``data``: its exit code and the lines about the analysis."""
    code = main(["check", str(data), "--config", ""])
    printed = capsys.readouterr()
    return code, [line for line in (printed.out + printed.err).splitlines()
                  if "social-returns" in line]


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
    money: 10000
    staff: 1
    goal_shares:
      - goal: help-early
        share: 1
    visibility: public
total_money: 10000
total_staff: 1
visibility: public
"""
#: The far edges of what the check takes: the longest duration, the highest and lowest
#: rates, the smallest investment, the most outcomes, the largest worth.
AT_THE_BOUNDS = {
    "longest, at the highest discount rate": {"duration": 100, "rate": 1},
    "longest, undiscounted and never fading": {"duration": 100, "rate": 0, "drop_off": 0,
                                               "deadweight": 0},
    "the smallest investment": {"investment": 1},
    "the largest investment": {"investment": 1_000_000_000_000},
    "all deadweight": {"deadweight": 1, "drop_off": 1},
}


@pytest.mark.build
@pytest.mark.parametrize("changed", AT_THE_BOUNDS.values(), ids=AT_THE_BOUNDS)
def test_an_analysis_at_the_bounds_passes_the_check_and_builds_a_small_page(
        data_copy, tmp_path, capsys, changed):
    data = data_copy()
    _analysis(data, outcomes=20, **changed)
    (data / "budgets").mkdir()
    (data / "budgets" / "2012-13.yml").write_text(BUDGET, encoding="utf-8")  # the page needs one
    assert _check(data, capsys) == (0, [])
    # Built as a user builds (scripts/build): the site check reads every page and file
    # again, so a figure it took for a phone number would stop the build here.
    out = run_script_build(tmp_path / "site", data)["public"]
    page = (out / "money" / "index.html").read_bytes()
    # 20 outcomes of 100 years each is 2,000 rows: a few hundred kilobytes, never megabytes.
    assert len(page) < 1_500_000
    text = _text(page.decode("utf-8"))
    assert "For every £1 spent, about £" in text
    assert not re.search(r"\binf\b|\bnan\b|e\+\d", text)
    document = json.loads((out / "data" / "roadmap.json").read_text("utf-8"))
    figures = document["social_returns"][0]["figures"]
    assert 0 <= figures["ratio"] <= 1e12 and 0 <= figures["present_value"] <= 1.2e12


def test_the_largest_worth_prints_every_digit_exactly():
    # 10,000 people at £100 million each for one year: £1,000,000,000,000, to the pound.
    data = {**WORKED, "investment": 1, "discount_rate": 0, "outcomes": [
        {**WORKED["outcomes"][0], "people": 10_000, "duration": 1, "deadweight": 0,
         "attribution": 0, "displacement": 0,
         "financial_proxy": {**WORKED["outcomes"][0]["financial_proxy"], "value": 1e8}}]}
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    roadmap = type(roadmap)(**{**roadmap.__dict__, "social_returns": {
        "biggest": SocialReturn.model_validate(data)}})
    text = _text(render(social_return_view(roadmap), RoadmapViews(roadmap), "money/"))
    assert "£1,000,000,000,000" in text and "£1,000,000,000,000.00 of social value" in text


BEYOND = "roadmap_data/social-returns/early-help.yml"


@pytest.mark.parametrize(("changed", "outcomes", "where", "message"), [
    ({"duration": 101}, 1, "18:15", "101 years is longer than the road map works out: an "
     "outcome lasts at most 100 years; write the number of years it lasts (the Cabinet "
     "Office's guide counts only as long as there is evidence)"),
    ({"duration": 200_000}, 1, "18:15", "200,000 years is longer than the road map works "
     "out: an outcome lasts at most 100 years; write the number of years it lasts (the "
     "Cabinet Office's guide counts only as long as there is evidence)"),
    ({"investment": 0.001}, 1, "5:13", "0.001 is less than £1: give the money spent in "
     "pounds, £1 or more (the return is worked out for each pound, so a fraction of a pound "
     "would multiply every figure)"),
    ({"investment": 1e300}, 1, "5:13", "a number 301 digits long is more than "
     "1,000,000,000,000 (a million million), the largest amount the road map takes; check "
     "the figure for extra zeros, and write it in pounds (or in people or staff), not in "
     "pence"),
    ({}, 21, "11:3", "21 outcomes is more than the 20 one analysis may have; keep the main "
     "outcomes, or split the analysis into two files"),
])
def test_a_value_beyond_the_bounds_is_refused_at_its_line(data_copy, capsys, changed, outcomes,
                                                           where, message):
    data = data_copy()
    _analysis(data, outcomes=outcomes, **changed)
    assert _check(data, capsys) == (1, [
        f"{BEYOND}:{where}: social return 'early-help': {message} [invalid-value]"])


def test_outcomes_worth_more_than_the_largest_amount_are_refused(data_copy, capsys):
    data = data_copy()
    path = _analysis(data)
    path.write_text(path.read_text("utf-8").replace("people: 2", "people: 1000000")
                    .replace("value: 5000", "value: 2000000"), "utf-8")
    code, lines = _check(data, capsys)
    assert code == 1
    assert lines == [
        f"{BEYOND}:15:7: social return 'early-help': 1,000,000 people at £2,000,000 each is "
        "worth more than £1,000,000,000,000 (a million million) a year, the largest amount "
        "the road map takes; check the number of people and the financial proxy for extra "
        "zeros [invalid-value]"]
