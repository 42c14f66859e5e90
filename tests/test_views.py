"""View helpers: trend, status against target, England comparison, charts, links, text."""

from __future__ import annotations

import re
from typing import Any

import pytest

from goldenthread.derive.trend import (
    current_target,
    direction,
    england_comparison,
    format_value,
    status,
    trend_sentence,
)
from goldenthread.read.models import Indicator
from goldenthread.render.charts import indicator_chart
from goldenthread.render.pages import relative_url
from goldenthread.render.safe_text import page_title, rich


def indicator(**overrides: Any) -> Indicator:
    fields: dict[str, Any] = {
        "name": "Re-referrals within 12 months",
        "description": "Children referred again within a year.",
        "definition": "Referrals within 12 months of a previous referral, % of all referrals.",
        "unit": "percent",
        "polarity": "lower-is-better",
        "kind": "hard",
        "rba": "better-off",
        "goals": ["safe"],
        "series": {"2009-10": 26.0, "2010-11": 24.5, "2011-12": 22.0},
        "targets": [{"value": 20.0, "by": "2013-14"}],
        "england": {"2011-12": 23.0},
        "source": "test",
        "owner": "Head of Performance",
        "next_update": __import__("datetime").date(2027, 6, 30),
        "visibility": "public",
    }
    fields.update(overrides)
    return Indicator.model_validate(fields)


def test_format_value_uses_unit_and_decimals():
    assert format_value(indicator(), 22.0) == "22.0%"
    assert format_value(indicator(unit="per-10000", decimals=0, population="children"),
                        333) == "333 per 10,000 children"
    assert format_value(indicator(unit="rate", per=100000, population="people aged 65 and over"),
                        41.25) == "41.2 per 100,000 people aged 65 and over"
    assert format_value(indicator(unit="score", lowest=0, highest=12), 8.3) == \
        "8.3 on a score of 0 to 12"
    assert format_value(indicator(unit="money", decimals=0), 1250) == "£1,250"
    assert format_value(indicator(unit="days", decimals=0), 1) == "1 day"
    assert format_value(indicator(unit="days", decimals=1), 1) == "1.0 days"
    assert format_value(indicator(unit="count", decimals=0), 1234) == "1,234"
    assert format_value(indicator(), None) == "no figure"


def test_direction_is_judged_with_polarity():
    assert direction(indicator()) == ("better", "improved (fell) since 2010-11")
    rising = {"2010-11": 20.0, "2011-12": 22.0}
    assert direction(indicator(series=rising)) == ("worse", "got worse (rose) since 2010-11")
    assert direction(indicator(series=rising, polarity="higher-is-better"))[0] == "better"
    assert direction(indicator(series=rising, polarity="context", targets=[]))[0] == "up"
    flat = {"2010-11": 22.0, "2011-12": 22.04}
    assert direction(indicator(series=flat)) == ("same", "no real change since 2010-11")
    assert direction(indicator(series={"2011-12": 1.0}))[0] == "single"


def test_status_is_computed_from_data_never_typed():
    improving = status(indicator())
    assert (improving.key, improving.label, improving.symbol) == (
        "improving", "Improving: 2.0 points above target", "↗")
    assert improving.sentence == ("22.0% in 2011-12 is 2.0 points above the target of 20.0% by "
                                  "2013-14, and moving towards it.")
    met = status(indicator(series={"2010-11": 21.0, "2011-12": 19.5}))
    assert (met.key, met.label) == ("met", "Target met")
    worse = status(indicator(series={"2010-11": 21.0, "2011-12": 23.5}))
    assert (worse.key, worse.label, worse.symbol) == (
        "not-on-track", "Not on track: 3.5 points above target", "✗")
    # Within the tolerance (2% of the target unless the indicator sets one): near target.
    near = status(indicator(series={"2010-11": 21.0, "2011-12": 20.3}))
    assert (near.key, near.label) == ("near", "Near target: 0.3 points above target")
    assert status(indicator(series={"2010-11": 21.0, "2011-12": 20.3},
                            tolerance=0.1)).key == "improving"
    none = status(indicator(targets=[]))
    assert none.key == "no-target"


def test_current_target_is_the_first_not_yet_due():
    targets = [{"value": 18.0, "by": "2014-15"}, {"value": 20.0, "by": "2012-13"}]
    assert current_target(indicator(targets=targets)).by == "2012-13"
    past = [{"value": 25.0, "by": "2010-11"}]
    assert current_target(indicator(targets=past)).by == "2010-11"


def test_england_comparison_in_words():
    assert england_comparison(indicator()) == "better than England (23.0%) in 2011-12"
    assert england_comparison(indicator(england={"2011-12": 21.0})) == (
        "worse than England (21.0%) in 2011-12")
    assert england_comparison(indicator(england={})) is None


def test_trend_sentence():
    assert trend_sentence(indicator()) == (
        "Re-referrals within 12 months fell from 26.0% in 2009-10 to 22.0% in 2011-12; lower "
        "is better; the target is 20.0% by 2013-14.")


def test_chart_has_title_desc_and_no_colour_only_encoding():
    svg = indicator_chart(indicator(statistical_neighbours={"2011-12": 24.0}), "chart-x",
                          (("england", "England"), ("similar", "Similar councils")))
    assert svg.startswith('<svg class="gt-chart"')
    assert 'role="img"' in svg and 'aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert '<desc id="chart-x-desc">Re-referrals within 12 months fell from 26.0%' in svg
    assert svg.count("<circle") == 3 + 1  # three points plus the legend marker
    assert 'stroke-dasharray="8 4"' in svg and 'stroke-dasharray="2 4"' in svg
    for label in ("Our figures", "England", "Similar councils", "Target 2013-14"):
        assert label in svg


def test_a_scores_chart_runs_up_to_its_highest_score():
    """A score from 0 to 12 is drawn on its own scale (0, 3, 6, 9, 12), not on one
    rounded from its figures (0 to 10), which would hide how far from the top it is."""
    score = indicator(unit="score", lowest=0, highest=12, series={"2010-11": 8.5,
                      "2011-12": 9.3}, england={}, statistical_neighbours={}, targets=[],
                      baseline=None)
    svg = indicator_chart(score, "c")
    assert [label for label in ("0", "3", "6", "9", "12") if f">{label}</text>" in svg] == [
        "0", "3", "6", "9", "12"]


def test_chart_escapes_editor_text():
    svg = indicator_chart(indicator(name="<script>alert(1)</script>"), "c")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize(("start", "target", "expected"), [
    ("services/x/", "goals/y/", "../../goals/y/"),
    ("services/x/", "", "../../"),
    ("", "goals/y/", "goals/y/"),
    ("services/x/", "#vision", "../../#vision"),
    ("services/", "services/a/", "a/"),
    ("", "", "./"),
])
def test_relative_url(start, target, expected):
    assert relative_url(start, target) == expected


def test_rich_text_is_sanitised():
    html = str(rich('Hi <script>alert(1)</script> [x](javascript:alert(1)) <!-- c -->'
                    ' <img src=x onerror=alert(1)> **bold**'))
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "<!--" not in html and "<img" not in html
    assert "<strong>bold</strong>" in html


def test_page_title_cannot_form_markup():
    assert page_title("Health & <b>well</b>being</title>") == "Health and bwell/bbeing/title"
    assert not re.search(r"[<>&]", page_title("<&>"))


def test_chart_axis_has_four_round_steps():
    svg = indicator_chart(indicator(), "c")  # values up to 26%
    labels = re.findall(r'text-anchor="end">([0-9.,]+)</text>', svg)
    assert labels == ["0", "10", "20", "30", "40"]
    high = indicator(series={"2010-11": 96.0, "2011-12": 97.0}, england={},
                     polarity="higher-is-better", targets=[{"value": 98.0, "by": "2012-13"}])
    labels = re.findall(r'text-anchor="end">([0-9.,]+)</text>', indicator_chart(high, "c"))
    assert labels == ["0", "25", "50", "75", "100"]  # a percentage axis stops at 100


def test_each_item_page_comes_from_the_kinds_table():
    from goldenthread.read.data_folder import read_roadmap
    from goldenthread.read.kinds import PAGED
    from goldenthread.render.pages import ITEM_TEMPLATES, ITEM_URLS, in_nav_order
    from goldenthread.render.views import RoadmapViews

    from .conftest import MINIMAL

    views = RoadmapViews(read_roadmap(MINIMAL)[0])
    for kind in PAGED:
        item_id = next(iter(getattr(views.roadmap, kind.attribute)))
        # The context a view builds names the kind's template; the page lives in its folder.
        assert getattr(views, kind.label)(item_id).template == ITEM_TEMPLATES[kind.label]
        assert ITEM_URLS[kind.label].format(item_id) == f"{kind.page}/{item_id}/"
    nav = [{"Home": "index.md"}, {"Lists": [f"{k.page}/index.md" for k in reversed(PAGED)]}]
    assert in_nav_order(PAGED, nav) == list(reversed(PAGED))
    assert in_nav_order(PAGED, None) == list(PAGED)
