"""Lines not shown item by item stay hidden: no published figure (the remainder "not shown
item by item", a year's total, the open data) lets a reader work out one internal line,
when it is the year's only internal line or when it makes up 90% or more of them (the
dominance rule).  The check warns at the line; the public site withholds the figures or
merges them with the smallest lines shown, as roadmap.yml's 'money: hidden_remainder' says."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from goldenthread.cli import main
from goldenthread.derive.audience import for_audience
from goldenthread.derive.money import money_years
from goldenthread.derive.remainder import published_remainder
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.money_models import Budget, MoneySettings, money_text

from .conftest import EXAMPLE_DATA, MINIMAL, run_build
from .test_money import BALANCED, BUDGET, WHERE, _page

#: BUDGET's internal grant line made 9,100 of two internal lines' 10,000: 91% of them.
DOMINATED = BALANCED.replace("    money: 500\n", "    money: 9100\n").replace(
    "    money: 400\n", "    money: 900\n").replace("total_money: 2200", "total_money: 11300")
#: Money shared evenly, but the grant line holds nearly all the internal staff.
STAFF_DOMINATED = BALANCED.replace("    staff: 3\n", "    staff: 0.2\n").replace(
    "total_staff: 18.5", "total_staff: 15.7")
MERGED = "money:\n  hidden_remainder: merged\n"


def _folder(tmp_path: Path, budget: str, settings: str = "") -> Path:
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    (data / "budgets").mkdir()
    (data / "budgets" / "2012-13.yml").write_text(budget, encoding="utf-8")
    if settings:
        with (data / "roadmap.yml").open("a", encoding="utf-8") as roadmap:
            roadmap.write(settings)
    return data


def _warnings(data: Path, capsys) -> list[str]:
    """What `goldenthread check` says about budgets (it passes: these are warnings)."""
    assert main(["check", str(data), "--config", ""]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if "budgets/" in line]


def _numbers(cells) -> set[float]:
    """The cells of a CSV row that are numbers, as numbers."""
    return {float(c) for c in cells if re.fullmatch(r"-?\d+(\.\d+)?", c)}


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


# -- the check: a warning at the line, in plain words, naming the setting --------------------
WITHHELD_WORDS = (
    "The public site therefore publishes neither that figure nor the year's totals ('money: "
    "hidden_remainder: withheld' in roadmap.yml, the default; 'merged' publishes the "
    "totals, with that figure merged with the smallest lines shown). If the line may be "
    "published, make it public instead (warning) [hidden-line-revealed]")


def test_the_only_internal_line_of_a_year_is_warned_about_at_its_line(tmp_path, capsys):
    assert _warnings(_folder(tmp_path, BUDGET), capsys) == [
        f"{WHERE}:18:5: budget '2012-13': the Government grants line for service 'early-help' "
        "is internal, and it is the year's only internal line, so the figure 'not shown item "
        f"by item' would be its exact cost and staff. {WITHHELD_WORDS}"]


def test_a_line_of_91_percent_of_the_internal_money_is_warned_about(tmp_path, capsys):
    assert _warnings(_folder(tmp_path, DOMINATED), capsys) == [
        f"{WHERE}:18:5: budget '2012-13': the Government grants line for service 'early-help' "
        "is internal, and it makes up 90% or more of the money of the year's internal lines, "
        "so their figure 'not shown item by item' would give its cost away. "
        f"{WITHHELD_WORDS}"]


def test_a_line_with_nearly_all_the_internal_staff_is_warned_about(tmp_path, capsys):
    (warning,) = _warnings(_folder(tmp_path, STAFF_DOMINATED), capsys)
    assert warning.startswith(f"{WHERE}:18:5: ")
    assert "90% or more of the staff of the year's internal lines" in warning
    assert "would give its staff away" in warning


def test_two_internal_lines_of_about_the_same_size_are_published_together(tmp_path, capsys):
    assert _warnings(_folder(tmp_path, BALANCED), capsys) == []


def test_merging_names_the_setting_and_how_many_lines_join(tmp_path, capsys):
    (warning,) = _warnings(_folder(tmp_path, BUDGET, MERGED), capsys)
    assert warning.endswith(
        "The public site therefore merges that figure with the smallest line shown, which is "
        "then not shown item by item either ('money: hidden_remainder: merged' in "
        "roadmap.yml). If the line may be published, make it public instead (warning) "
        "[hidden-line-revealed]")


def test_the_example_police_line_is_warned_about_in_every_year(capsys):
    assert main(["check", str(EXAMPLE_DATA)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines()
                if "[hidden-line-revealed]" in line]
    assert len(warnings) == 3
    for warning in warnings:
        assert re.match(r"roadmap_data/budgets/20\d\d-\d\d\.yml:\d+:5: budget '20\d\d-\d\d': "
                        r"the Police line for service 'police-child-abuse-investigation' is "
                        r"internal, and it makes up 90% or more of the money", warning), warning


# -- what the public site publishes ------------------------------------------------------------
def _built(tmp_path: Path, budget: str, settings: str = "") -> tuple[str, dict[str, str],
                                                                      dict, list, list]:
    """A real public build: the money page as text, budgets.csv's row, roadmap.json's
    budget, budget-lines.csv and money-by-goal.csv."""
    data = _folder(tmp_path, budget, settings)
    out = tmp_path / "site"
    run_build(out, data)
    text = _text((out / "money" / "index.html").read_text("utf-8"))
    (row,) = _csv(out / "data" / "budgets.csv")
    (record,) = json.loads((out / "data" / "roadmap.json").read_text("utf-8"))["budgets"]
    return (text, row, record, _csv(out / "data" / "budget-lines.csv"),
            _csv(out / "data" / "money-by-goal.csv"))


def _published_numbers(text: str, row: dict, record: dict, lines: list, by_goal: list) -> str:
    """Everything a reader gets, as one text to search for a figure."""
    return " ".join([text, json.dumps(row), json.dumps(record), json.dumps(lines),
                     json.dumps(by_goal)])


@pytest.mark.build
@pytest.mark.parametrize("budget", [BUDGET, DOMINATED], ids=["one internal line", "91% and 9%"])
def test_a_remainder_that_would_give_a_line_away_is_withheld_with_the_total(tmp_path, budget):
    text, row, record, lines, by_goal = _built(tmp_path, budget)
    whole, _ = read_roadmap(tmp_path / "roadmap_data")
    budget_model = whole.budgets["2012-13"]
    hidden = sum(a.money for a in budget_model.services + budget_model.priorities
                 if a.visibility == "internal")
    everything = _published_numbers(text, row, record, lines, by_goal)
    # Neither the real total nor what the internal lines hold is published anywhere...
    for figure in (budget_model.total_money, hidden):
        assert money_text(figure) not in everything
        assert not re.search(rf"(?<![\d.]){figure:g}(\.0)?(?![\d.])", json.dumps(
            [row, record, lines, by_goal])), figure
    # ...the totals add up the lines shown, and say so...
    assert "Not shown item by item" not in text
    assert "Total £1,300 11.5 staff lines shown only" in text
    assert "£1,300 and 11.5 full-time equivalent staff (lines shown only)" in text
    assert "Some figures are not shown, to protect them." in text
    assert "So for 2012-13, neither that figure nor the year's total is published" in text
    # ...and the open data says the same as the page.
    assert (row["total_money"], row["not_shown_money"], row["remainder"]) == (
        "1300", "0", "withheld")
    assert (record["total_money"], record["not_shown_money"], record["remainder"]) == (
        1300.0, 0.0, "withheld")
    assert sum(float(r["money"]) for r in lines) == 1300.0
    assert sum(float(r["money"]) for r in by_goal) == 1300.0


@pytest.mark.build
def test_merged_the_smallest_line_shown_joins_the_remainder_and_the_total_is_published(
        tmp_path):
    text, row, record, lines, by_goal = _built(tmp_path, BUDGET, MERGED)
    # The grant line (500) alone would be given away; with the NHS line (300), the
    # smallest shown, neither is 90% of the 800 (nor of the 5.5 staff).
    assert "Not shown item by item £800 5.5 staff" in text
    assert "Total £1,800 15.5 staff" in text
    assert "£300" not in text and "£500" not in text
    assert "So for 2012-13, the smallest lines shown are counted with them" in text
    assert [r["priority"] for r in lines] == [""]  # the NHS priority line is not listed
    assert (row["total_money"], row["not_shown_money"], row["remainder"]) == (
        "1800", "800", "merged")
    assert (record["not_shown_money"], record["remainder"], record["priorities"]) == (
        800.0, "merged", [])
    assert sum(float(r["money"]) for r in by_goal) + 800 == 1800


@pytest.mark.build
def test_two_balanced_internal_lines_are_published_as_one_figure(tmp_path):
    text, row, record, lines, _ = _built(tmp_path, BALANCED)
    assert "Not shown item by item £900 7 staff" in text
    assert "Total £2,200 18.5 staff" in text
    assert "Some figures are not shown, to protect them." not in text
    assert (row["total_money"], row["not_shown_money"], row["remainder"]) == (
        "2200", "900", "shown")
    assert record["remainder"] == "shown"


def test_the_intranet_says_what_the_public_site_does_with_each_line(tmp_path):
    roadmap, _ = read_roadmap(_folder(tmp_path, BUDGET, MERGED))
    internal = _page(roadmap, "internal")
    assert "No: merged into 'not shown item by item', to protect another line" in internal
    assert "No: in the totals only" in internal
    assert "In 2012-13 it counts the smallest lines shown with them, for the same reason." \
        in internal
    withheld, _ = read_roadmap(_folder(tmp_path / "again", BUDGET))
    internal = _page(withheld, "internal")
    assert "No: not in the public totals either, to protect it" in internal
    assert ("In 2012-13 it publishes neither that figure nor the year's totals, as one line's "
            "cost could otherwise be worked out") in internal


# -- the shipped example: the police team ------------------------------------------------------
@pytest.mark.build
def test_the_example_police_team_cannot_be_worked_out_from_the_public_site(example_site):
    whole, _ = read_roadmap(EXAMPLE_DATA)
    public = {y.budget_id: y for y in money_years(for_audience(whole, "public"))}
    page = _text((example_site / "money" / "index.html").read_text("utf-8"))
    data = example_site / "data"
    rows = {r["id"]: r for r in _csv(data / "budgets.csv")}
    lines = _csv(data / "budget-lines.csv")
    document = (data / "roadmap.json").read_text("utf-8")
    assert "police-child-abuse-investigation" not in {r["service"] for r in lines}
    for budget_id, budget in whole.budgets.items():
        internal = [a for a in budget.services + budget.priorities if a.visibility != "public"]
        police = max(internal, key=lambda a: a.money)
        assert police.partner == "police"
        hidden = sum(a.money for a in internal)
        for figure in (police.money, hidden, budget.total_money):
            assert money_text(figure) not in page, figure
            assert figure not in _numbers(rows[budget_id].values())
            assert not re.search(rf"(?<![\d.]){figure:.0f}(\.0)?(?![\d.])", document)
        row = rows[budget_id]
        assert row["remainder"] == "withheld" and float(row["not_shown_money"]) == 0
        listed = sum(float(r["money"]) for r in lines if r["budget"] == budget_id)
        assert float(row["total_money"]) == pytest.approx(listed)
        assert public[budget_id].budget.total_money == pytest.approx(listed)
    assert "Some figures are not shown, to protect them." in page


# -- the arithmetic, over many budgets ---------------------------------------------------------
def _random_budget(rng: random.Random) -> dict:
    lines = [{"service": "early-help", "partner": rng.choice(["council", "nhs", "police"]),
              "stage": "early-help", "money": float(rng.choice([0, 1, 50, 400, 500, 9000,
                                                                rng.randint(0, 100_000)])),
              "staff": float(rng.choice([0, 0.5, 1, 4, rng.randint(0, 40)])),
              "goal_shares": [{"goal": "help-early", "share": 1}],
              "visibility": rng.choice(["public", "public", "internal"])}
             for _ in range(rng.randint(1, 7))]
    return {"title": "Budget", "year": "2012-13", "status": "budget", "source": "Random.",
            "owner": "Head of Finance", "services": lines,
            "total_money": sum(line["money"] for line in lines),
            "total_staff": sum(line["staff"] for line in lines), "visibility": "public"}


@pytest.mark.parametrize("setting", ["withheld", "merged"])
def test_no_published_figures_give_one_internal_line_away(setting):
    """Over 500 random budgets: what the public copy publishes (its lines and its totals)
    leaves either nothing unexplained (withheld), or a remainder of two or more lines of
    which none is 90% or more, in money or in staff."""
    base, _ = read_roadmap(MINIMAL)
    info = base.info.model_copy(update={"money": MoneySettings(hidden_remainder=setting)})
    rng = random.Random(22)
    outcomes = set()
    for _ in range(500):
        whole_budget = Budget.model_validate(_random_budget(rng))
        whole = dataclasses.replace(base, info=info, budgets={"b": whole_budget})
        public = for_audience(whole, "public").budgets["b"]
        published = public.services
        assert all(a.visibility == "public" for a in published)
        # What the published total leaves unexplained is exactly the lines not listed.
        unlisted = list(whole_budget.services)
        for line in published:
            unlisted.remove(line)
        for measure in ("money", "staff"):
            left = getattr(public, f"total_{measure}") - sum(getattr(a, measure)
                                                              for a in published)
            amounts = [getattr(a, measure) for a in unlisted]
            if published_remainder(public) == "withheld":
                assert left == 0
                continue
            assert left == pytest.approx(sum(amounts))
            if unlisted:
                assert len(unlisted) >= 2
                assert sum(amounts) == 0 or max(amounts) < 0.9 * sum(amounts)
        outcomes.add(published_remainder(public))
    assert outcomes >= {"shown", setting}  # both kinds of year were tried
