"""Units a real partnership publishes: a rate per any base of a population the data names,
a score with its range, money, and the older 'per-10000'.  Each is checked by
``goldenthread check`` at the figure's own file and line, and a built site says the unit
with its own base and population (or range) on the page and in the open data."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, run_build

INDICATOR = "indicators/re-referrals.yml"
#: The fixture's indicator, re-written as a rate per 100,000 people aged 65 and over.
RATE = ("unit: rate\nper: 100000\npopulation: people aged 65 and over")
SCORE = ("unit: score\nlowest: 0\nhighest: 12")


def _data(tmp_path: Path, unit: str, figure: str | None = None) -> Path:
    """A copy of the small fixture whose indicator has ``unit`` (lines replacing
    'unit: percent') and, if given, ``figure`` as its 2011-12 figure; its other figures
    and target stay possible in every unit tested (0 to 12, 1 decimal)."""
    import shutil

    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    path = data / INDICATOR
    text = path.read_text("utf-8").replace("unit: percent", unit)
    for old, new in (("26.0", "10.0"), ("24.5", "9.5"), ("22.0", "9.0"), ("25.0", "9.0"),
                     ("24.0", "8.0"), ("23.0", "8.5"), ("value: 20", "value: 8")):
        text = text.replace(old, new)
    if figure is not None:
        text = text.replace("  2011-12: 9.0", f"  2011-12: {figure}", 1)
    path.write_text(text, "utf-8")
    return data


def _check(data: Path) -> list[str]:
    """The lines ``goldenthread check`` prints about the indicator's file."""
    result = subprocess.run(
        [sys.executable, "-m", "goldenthread", "check", str(data), "--today", "2026-03-01"],
        capture_output=True, text=True, timeout=120)
    out = result.stdout + result.stderr
    return [line.split("roadmap_data/", 1)[1] for line in out.splitlines()
            if f"roadmap_data/{INDICATOR}" in line]


def _line(data: Path, text: str) -> int:
    lines = (data / INDICATOR).read_text("utf-8").splitlines()
    (found,) = [n for n, line in enumerate(lines, start=1) if line.startswith(text)]
    return found


@pytest.mark.parametrize(("unit", "figure", "says"), [
    (RATE, "100001", "the figure 100001 is not a rate per 100,000, from 0 to 100,000; correct "
     "it, or change the indicator's unit"),
    (RATE, "-1", "the figure -1 is not a rate per 100,000, from 0 to 100,000; correct it, or "
     "change the indicator's unit"),
    ("unit: rate\nper: 1000", "1000.5", "the figure 1000.5 is not a rate per 1,000, from 0 to "
     "1,000; correct it, or change the indicator's unit"),
    (SCORE, "12.5", "the figure 12.5 is not a score from 0 to 12; correct it, or change the "
     "indicator's unit"),
    ("unit: score\nlowest: 1\nhighest: 12", "0.5", "the figure 0.5 is not a score from 1 to "
     "12; correct it, or change the indicator's unit"),
    ("unit: money", "-3", "the figure -3 is not an amount of money in pounds, from 0 to "
     "1,000,000,000,000; correct it, or change the indicator's unit"),
])
def test_a_figure_outside_its_unit_is_an_error_at_its_own_line(tmp_path, unit, figure, says):
    data = _data(tmp_path, unit, figure)
    line = _line(data, f"  2011-12: {figure}")
    assert _check(data) == [
        f"{INDICATOR}:{line}:12: indicator 're-referrals': {says} [invalid-value]"]


@pytest.mark.parametrize(("unit", "field", "says"), [
    ("unit: rate", "unit:", "a rate needs 'per': how many people it is counted per, e.g. "
     "'per: 100000'; add the line"),
    ("unit: rate\nper: 5000", "per:", "a rate is counted per 100, 1000, 10000, 100000 or "
     "1000000, not 5000; correct it"),
    ("unit: percent\nper: 1000", "per:", "'per' only applies to a rate, and this indicator's "
     "unit is 'percent': remove the line, or set 'unit: rate'"),
    ("unit: score\nlowest: 0", "unit:", "a score needs 'highest': the highest score "
     "possible; add the line"),
    ("unit: score\nlowest: 12\nhighest: 0", "highest:", "the highest score (0) must be above "
     "the lowest (12); correct one of them"),
    ("unit: count\nhighest: 12", "highest:", "'highest' only applies to a score, and this "
     "indicator's unit is 'count': remove the line, or set 'unit: score'"),
    ("unit: days\npopulation: people", "population:", "'population' only applies to a rate, "
     "and this indicator's unit is 'days': remove the line"),
])
def test_a_unit_without_the_fields_it_needs_is_an_error_at_its_line(tmp_path, unit, field,
                                                                     says):
    data = _data(tmp_path, unit)
    problems = [p for p in _check(data) if "[invalid-value]" in p]
    line = _line(data, field)
    assert problems[0].startswith(f"{INDICATOR}:{line}:")
    assert problems[0].endswith(f"indicator 're-referrals': {says} [invalid-value]")


@pytest.mark.parametrize("unit", [RATE, SCORE, "unit: money", "unit: per-10000",
                                  "unit: rate\nper: 1000\npopulation: residents"])
def test_a_figure_its_unit_holds_passes_the_check(tmp_path, unit):
    assert _check(_data(tmp_path, unit)) == []


@pytest.fixture(scope="module")
def units_site(tmp_path_factory) -> tuple[Path, Path]:
    """The small fixture built with its indicator as a rate per 100,000 people aged 65
    and over, and a second indicator (a score from 0 to 12, not a key measure)."""
    tmp = tmp_path_factory.mktemp("units")
    data = _data(tmp, RATE)
    text = (data / INDICATOR).read_text("utf-8")
    score = text.replace(RATE, SCORE).replace("key_measure: true", "key_measure: false")
    score = score.replace("name: Re-referrals within 12 months", "name: Quality of life score")
    (data / "indicators" / "quality-of-life.yml").write_text(score, "utf-8")
    out = tmp / "site"
    run_build(out, data)
    return out, data


def _page(site: Path, indicator_id: str) -> str:
    return (site / "indicators" / indicator_id / "index.html").read_text("utf-8")


def test_the_page_says_the_rate_with_its_base_and_population(units_site):
    site, _ = units_site
    page = _page(site, "re-referrals")
    assert "9.0 per 100,000 people aged 65 and over in 2011-12" in page
    assert "<dt>Unit</dt><dd>per 100,000 people aged 65 and over</dd>" in page
    # The chart's title names the unit too, and the trend sentence under it.
    assert "Re-referrals within 12 months (per 100,000 people aged 65 and over): chart" in page
    assert "fell from 10.0 per 100,000 people aged 65 and over in 2009-10" in page
    assert "per 10,000" not in page


def test_the_page_says_the_score_with_its_range(units_site):
    site, _ = units_site
    page = _page(site, "quality-of-life")
    assert "9.0 on a score of 0 to 12 in 2011-12" in page
    assert "<dt>Unit</dt><dd>score (0 to 12)</dd>" in page


def test_the_open_data_gives_each_rate_its_base_and_population(units_site):
    site, _ = units_site
    with (site / "data" / "indicators.csv").open(encoding="utf-8") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert (rows["re-referrals"]["unit"], rows["re-referrals"]["per"],
            rows["re-referrals"]["population"]) == ("rate", "100000", "people aged 65 and over")
    assert (rows["quality-of-life"]["unit"], rows["quality-of-life"]["lowest"],
            rows["quality-of-life"]["highest"]) == ("score", "0", "12")
    # And each in the words the pages use.
    assert rows["re-referrals"]["unit_in_words"] == "per 100,000 people aged 65 and over"
    assert rows["quality-of-life"]["unit_in_words"] == "score (0 to 12)"


def test_key_measure_heads_only_the_pages_of_key_measures(units_site):
    site, _ = units_site
    assert '<p class="gt-kicker">Key measure</p>' in _page(site, "re-referrals")
    assert "Key measure<" not in _page(site, "quality-of-life")


def test_the_older_per_10000_counts_the_road_maps_population(tmp_path):
    """'unit: per-10000' reads as before: per 10,000 of the vocabulary's population word
    (the fixture's vocabulary is children's safeguarding), which roadmap.yml can change."""
    from goldenthread.derive.trend import format_value
    from goldenthread.read.data_folder import read_roadmap

    data = _data(tmp_path, "unit: per-10000")
    roadmap, _ = read_roadmap(data)
    indicator = roadmap.indicators["re-referrals"]
    assert format_value(indicator, 9.0) == "9.0 per 10,000 children"
    roadmap_yml = data / "roadmap.yml"
    roadmap_yml.write_text(roadmap_yml.read_text("utf-8").replace(
        "vocabulary: children\n", "vocabulary: children\nwords:\n  population: residents\n"),
        "utf-8")
    roadmap, _ = read_roadmap(data)
    assert format_value(roadmap.indicators["re-referrals"], 9.0) == "9.0 per 10,000 residents"


def test_the_open_data_page_calls_a_measure_a_key_measure_only_when_it_is(units_site):
    """Every indicator is in the open data's tables, key measure or not: the tables are
    'Measures', and each row says whether it is a key measure."""
    site, _ = units_site
    page = (site / "data" / "index.html").read_text("utf-8")
    assert "Measures: the figures" in page
    assert "Key measures:" not in page and "one indicator (key measure)" not in page
