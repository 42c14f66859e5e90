"""What a measure is compared with: any number of comparators, each named by the road
map's vocabulary (England, the region, other integrated care boards...).  An indicator
gives their figures under ``compare``, keyed by the vocabulary's ids; ``england`` and
``statistical_neighbours`` stay accepted as the older way to write 'england' and
'similar'.  ``goldenthread check`` reports an unknown id at its line, with a suggestion;
the pages name each comparator as the data does."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE_DATA, MINIMAL, run_build

INDICATOR = "indicators/re-referrals.yml"
#: The comparators of an adult social care partnership, as roadmap.yml may list them.
COMPARATORS = """comparators:
  - {id: england, name: England}
  - {id: region, name: The region}
  - {id: icbs, name: Other integrated care boards}
"""
#: The fixture's indicator, compared with the region and other ICBs (not similar councils).
COMPARE = """compare:
  region:
    2011-12: 23.5
    2010-11: 25.5
  icbs:
    2011-12: 21.0
"""


def _data(tmp_path: Path, compare: str = COMPARE, comparators: str = COMPARATORS) -> Path:
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    roadmap = data / "roadmap.yml"
    roadmap.write_text(roadmap.read_text("utf-8") + comparators, "utf-8")
    path = data / INDICATOR
    text = path.read_text("utf-8").replace("statistical_neighbours:\n  2011-12: 24.0\n", "")
    path.write_text(text.replace("source:", compare + "source:", 1), "utf-8")
    return data


def _check(data: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "goldenthread", "check", str(data), "--today", "2026-03-01"],
        capture_output=True, text=True, timeout=120)
    return [line.split("roadmap_data/", 1)[1] for line in (result.stdout + result.stderr)
            .splitlines() if f"roadmap_data/{INDICATOR}" in line]


def _line(data: Path, text: str) -> int:
    lines = (data / INDICATOR).read_text("utf-8").splitlines()
    (found,) = [n for n, line in enumerate(lines, start=1) if line == text]
    return found


def test_comparators_the_vocabulary_names_pass_the_check(tmp_path):
    assert _check(_data(tmp_path)) == []


def test_an_unknown_comparator_is_an_error_at_its_line_with_a_suggestion(tmp_path):
    data = _data(tmp_path, COMPARE.replace("  region:", "  regoin:"))
    line = _line(data, "  regoin:")
    assert _check(data) == [
        f"{INDICATOR}:{line}:3: indicator 're-referrals': unknown comparator id 'regoin' — "
        "did you mean 'region'?; the road map's vocabulary names england, region, icbs (add "
        "one to 'comparators' in roadmap.yml) [unknown-ref]"]


def test_an_older_field_needs_its_comparator_in_the_vocabulary(tmp_path):
    """'statistical_neighbours' stands for 'similar', which these comparators lack."""
    data = _data(tmp_path, "statistical_neighbours:\n  2011-12: 24.0\n")
    line = _line(data, "statistical_neighbours:")
    assert _check(data) == [
        f"{INDICATOR}:{line}:1: indicator 're-referrals': 'statistical_neighbours' compares "
        "with the comparator 'similar', which the road map's vocabulary does not name (it "
        "names england, region, icbs); add it to 'comparators' in roadmap.yml, or remove the "
        "figures [invalid-value]"]


def test_a_comparator_given_twice_is_an_error(tmp_path):
    data = _data(tmp_path, "compare:\n  england:\n    2011-12: 23.0\n")
    line = _line(data, "england:")
    assert _check(data) == [
        f"{INDICATOR}:{line}:1: indicator 're-referrals': the figures for 'england' are "
        "given twice, in 'england' and in 'compare'; keep one [invalid-value]"]


def test_a_comparators_figure_is_checked_against_the_unit(tmp_path):
    data = _data(tmp_path, COMPARE.replace("2011-12: 21.0", "2011-12: 121.0"))
    line = _line(data, "    2011-12: 121.0")
    assert _check(data) == [
        f"{INDICATOR}:{line}:14: indicator 're-referrals': the figure 121.0 is not a "
        "percentage, from 0 to 100; correct it, or change the indicator's unit "
        "[invalid-value]"]


@pytest.fixture(scope="module")
def compared_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("comparators")
    out = tmp / "site"
    run_build(out, _data(tmp))
    return out


def test_the_indicator_page_names_each_comparator(compared_site):
    page = (compared_site / "indicators/re-referrals/index.html").read_text("utf-8")
    assert ('<th scope="col">Our figure</th><th scope="col">England</th><th scope="col">The '
            'region</th><th scope="col">Other integrated care boards</th>') in page
    assert ("<p><strong>Compared with England:</strong> better than England (23.0%) in "
            "2011-12.</p>") in page
    assert "<p><strong>The region:</strong> 23.5% in 2011-12.</p>" in page
    assert "<p><strong>Other integrated care boards:</strong> 21.0% in 2011-12.</p>" in page
    # The chart draws and names a line for each (the names escaped as text).
    assert ">The region</text>" in page and ">Other integrated care boards</text>" in page
    assert "Similar councils" not in page and "similar councils" not in page


def test_the_performance_page_has_a_column_for_each_comparator(compared_site):
    page = (compared_site / "how-are-we-doing/index.html").read_text("utf-8")
    assert ('<th scope="col">England</th><th scope="col">The region</th><th scope="col">'
            'Other integrated care boards</th>') in page
    assert "Similar councils" not in page


def test_the_open_data_lists_each_comparators_figures_by_name(compared_site):
    with (compared_site / "data/indicator-comparisons.csv").open(encoding="utf-8") as handle:
        rows = [(r["comparator"], r["name"], r["period"], float(r["value"]))
                for r in csv.DictReader(handle) if r["indicator"] == "re-referrals"]
    assert rows == [("england", "England", "2009-10", 25.0),
                    ("england", "England", "2010-11", 24.0),
                    ("england", "England", "2011-12", 23.0),
                    ("region", "The region", "2010-11", 25.5),
                    ("region", "The region", "2011-12", 23.5),
                    ("icbs", "Other integrated care boards", "2011-12", 21.0)]


def test_the_json_gives_each_comparators_figures_in_time_order(compared_site):
    """The region's figures are written out of order in the data; the export sorts them."""
    data = json.loads((compared_site / "data/roadmap.json").read_text("utf-8"))
    (record,) = [r for r in data["indicators"] if r["id"] == "re-referrals"]
    assert record["compare"] == {"region": {"2010-11": 25.5, "2011-12": 23.5},
                                 "icbs": {"2011-12": 21.0}}
    assert list(record["compare"]["region"]) == ["2010-11", "2011-12"]


def test_a_comparator_named_the_region_reads_the_region_inside_a_sentence(tmp_path):
    """When the first comparator with a figure is 'The region', the page says 'Compared
    with the region: better than the region (...)'."""
    data = _data(tmp_path, COMPARE,
                 COMPARATORS.replace("  - {id: england, name: England}\n", ""))
    path = data / INDICATOR  # without its England figures
    lines = path.read_text("utf-8").split("\n")
    start = lines.index("england:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    path.write_text("\n".join(lines[:start] + lines[end:]), "utf-8")
    out = tmp_path / "site"
    run_build(out, data)
    page = (out / "indicators/re-referrals/index.html").read_text("utf-8")
    assert ("<p><strong>Compared with the region:</strong> better than the region (23.5%) in "
            "2011-12.</p>") in page


def test_the_example_names_england_and_similar_councils_as_before():
    """The example writes the older fields; its vocabulary (children) names them."""
    from goldenthread.read.data_folder import read_roadmap
    from goldenthread.render.views import RoadmapViews

    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    views = RoadmapViews(roadmap)
    assert views.comparators == (("england", "England"), ("similar", "Similar councils"))
    some = next(i for i, ind in roadmap.indicators.items() if ind.statistical_neighbours
                and max(ind.series) in ind.statistical_neighbours and max(ind.series)
                in ind.england)
    names = [c.name for c in views.indicator(some).summary.comparisons]
    assert names == ["England", "Similar councils"]
