"""Small numbers: counts from 1 to 5 hidden on pages, in charts and in the open data."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date
from html import unescape

import pytest

from goldenthread.derive.review_dates import review_dates
from goldenthread.derive.trend import status
from goldenthread.publish.open_data import open_data_files
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.models import Indicator
from goldenthread.render.charts import indicator_chart
from goldenthread.render.pages import render
from goldenthread.render.views import RoadmapViews

from .conftest import MINIMAL, run_build
from .test_export import read_csv_text


def _minimal():
    roadmap, _ = read_roadmap(MINIMAL)
    return roadmap


def _with_counts(roadmap, values: dict[str, float], **extra):
    base = roadmap.indicators["re-referrals"].model_dump(exclude={"england",
                                                                  "statistical_neighbours"})
    base.update(unit="count", decimals=0, series=values, baseline=min(values),
                suppress_small_numbers=True, targets=[])
    base.update(extra)
    indicator = Indicator.model_validate(base)
    return replace(roadmap, indicators={"looked-after-exclusions": indicator})


@pytest.mark.parametrize("extra", [{}, {"targets": [{"value": 2.0, "by": "2011-12"}]},
                                   {"england": {"2011-12": 4.0}}])
def test_hidden_small_counts_leave_no_trace_on_the_page_or_in_the_files(extra):
    roadmap = _minimal()
    # Two road maps that differ only in hidden counts must publish exactly the same things.
    one = _with_counts(roadmap, {"2009-10": 12.0, "2010-11": 4.0, "2011-12": 1.0}, **extra)
    two = _with_counts(roadmap, {"2009-10": 12.0, "2010-11": 2.0, "2011-12": 5.0}, **extra)
    pages = []
    for version in (one, two):
        views = RoadmapViews(version)
        context = replace(views.indicator("looked-after-exclusions"),
                          review=review_dates(version, "indicator", "looked-after-exclusions"))
        html = render(context, views, "indicators/looked-after-exclusions/")
        files = open_data_files(version, "public", date(2024, 1, 1))
        pages.append((html, files))
    assert pages[0] == pages[1]
    html, files = pages[0]
    assert "fewer than 6" in html and "Fewer than 6 in 2011-12" in html
    rows = read_csv_text(files["data/indicators/looked-after-exclusions.csv"])
    assert [(r["period"], r["value"], r["status"]) for r in rows] == [
        ("2009-10", "12", "illustrative"), ("2010-11", "c", "suppressed"),
        ("2011-12", "c", "suppressed")]
    record = json.loads(files["data/roadmap.json"])["indicators"][0]
    assert record["series"] == {"2009-10": 12.0, "2010-11": None, "2011-12": None}
    assert record["suppressed_periods"] == ["2010-11", "2011-12"]


def test_hidden_counts_do_not_set_the_scale_of_the_chart():
    # With nothing but small counts, the scale would otherwise give the largest away.
    one = _with_counts(_minimal(), {"2010-11": 0.0, "2011-12": 4.0})
    two = _with_counts(_minimal(), {"2010-11": 0.0, "2011-12": 2.0})
    charts = [indicator_chart(r.indicators["looked-after-exclusions"], "c") for r in (one, two)]
    assert charts[0] == charts[1]
    assert ">8</text>" in charts[0]  # the scale runs to 8 (steps of 2), above the band up to 6


def test_a_hidden_count_is_drawn_as_a_band_and_not_as_a_point():
    roadmap = _with_counts(_minimal(), {"2009-10": 12.0, "2010-11": 3.0, "2011-12": 8.0})
    svg = indicator_chart(roadmap.indicators["looked-after-exclusions"], "c")
    assert svg.count("<circle") == 2 + 1  # two shown figures and the legend's marker
    assert svg.count('class="gt-suppressed"') == 2  # the band in the chart and in the legend
    assert "Fewer than 6 (not shown)" in svg
    path = re.search(r'<g class="gt-line-us"><path class="gt-path" d="([^"]+)"', svg).group(1)
    assert path.count("M") == 2 and "L" not in path  # the line breaks at the hidden figure


def test_status_is_not_shown_when_it_would_give_away_a_hidden_count():
    roadmap = _with_counts(_minimal(), {"2010-11": 9.0, "2011-12": 2.0},
                           targets=[{"value": 3.0, "by": "2011-12"}])
    result = status(roadmap.indicators["looked-after-exclusions"])
    assert (result.key, result.sentence) == (
        "suppressed", "Fewer than 6 in 2011-12. The exact figure is not published, so we cannot "
        "show here whether it meets the target of 3 by 2011-12.")
    roadmap = _with_counts(_minimal(), {"2010-11": 9.0, "2011-12": 2.0},
                           targets=[{"value": 5.0, "by": "2011-12"}])
    assert status(roadmap.indicators["looked-after-exclusions"]).key == "met"  # any of 1-5


def test_suppression_is_only_for_counts(data_copy):
    folder = data_copy()
    path = folder / "indicators/re-referrals.yml"
    path.write_text(path.read_text(encoding="utf-8") + "suppress_small_numbers: true\n",
                    encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    _, problems = read_roadmap(folder)
    assert [str(p) for p in problems if p.code == "invalid-value"] == [
        f"roadmap_data/indicators/re-referrals.yml:{line}:25: indicator 're-referrals': "
        "'suppress_small_numbers' only applies to counts, and this indicator's unit is "
        "'percent': remove the line, or set the unit to count if the figures are counts "
        "[invalid-value]"]


def _built_page(tmp_path, latest: int) -> str:
    """The measure's page in a real build, its latest figure a hidden count ``latest``
    against a target of 0 (lower is better)."""
    data = tmp_path / f"data-{latest}" / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    path = data / "indicators" / "re-referrals.yml"
    text = path.read_text(encoding="utf-8")
    text = (text.replace("unit: percent", "unit: count")
            .replace("  2009-10: 26.0\n  2010-11: 24.5\n  2011-12: 22.0",
                     f"  2009-10: 26\n  2010-11: 24\n  2011-12: {latest}")
            .replace("  - value: 20\n", "  - value: 0\n")
            .replace("england:\n  2009-10: 25.0\n  2010-11: 24.0\n  2011-12: 23.0\n", "")
            .replace("statistical_neighbours:\n  2011-12: 24.0\n", "")
            + "decimals: 0\nsuppress_small_numbers: true\n")
    path.write_text(text, encoding="utf-8")
    out = tmp_path / f"site-{latest}"
    run_build(out, data)
    html = (out / "indicators" / "re-referrals" / "index.html").read_text("utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.build
def test_a_hidden_count_short_of_its_target_gets_a_status_without_figures(tmp_path):
    one = _built_page(tmp_path, 1)
    five = _built_page(tmp_path, 5)
    # Whatever the hidden count, the page says the same: no distance, real or made up.
    assert one == five
    assert "Small number: not shown" in one
    assert ("Fewer than 6 in 2011-12: short of the target of 0 by 2013-14. How far is not "
            "shown: the figure is too small to publish safely.") in one
    assert not re.search(r"\b[1-5] above\b|\b[1-5] below\b", one), one
    assert "3 above the target" not in one
