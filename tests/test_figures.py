"""Figures fit their unit (goldenthread.check.figures): each bad figure at its own line."""

from __future__ import annotations

import pytest

from .check_helpers import line_of, messages


def _set(data, unit: str, figure: str):
    path = data / "indicators" / "re-referrals.yml"
    # Every other figure of the fixture stays possible in each unit (whole, 0 to 100).
    text = path.read_text("utf-8").replace("unit: percent", f"unit: {unit}")
    text = text.replace("  2010-11: 24.5", "  2010-11: 24")
    path.write_text(text.replace("  2011-12: 22.0", f"  2011-12: {figure}", 1), "utf-8")
    return path


@pytest.mark.parametrize(("unit", "figure", "says"), [
    ("count", "-5", "is not a count, a whole number from 0 to 100,000,000; correct it, or "
     "change the indicator's unit"),
    ("count", "2.5", "is not a count, a whole number from 0 to 100,000,000; counts have no "
     "decimals"),
    ("percent", "100.5", "is not a percentage, from 0 to 100; correct it, or change the "
     "indicator's unit"),
    ("percent", "-0.1", "is not a percentage, from 0 to 100; correct it, or change the "
     "indicator's unit"),
    ("per-10000", "10001", "is not a rate per 10,000, from 0 to 10,000; correct it, or "
     "change the indicator's unit"),
    ("days", "1.0e+308", "is not a number of days, from 0 to 36,500; correct it, or change "
     "the indicator's unit"),
    ("count", "123456789012345678901234567890", "has more than 15 digits, more than can be "
     "kept exactly; round it"),
])
def test_a_figure_its_unit_cannot_hold_is_an_error_at_its_line(data_copy, unit, figure, says):
    data = data_copy()
    path = _set(data, unit, figure)
    line = line_of(path, f"  2011-12: {figure}")
    assert messages(data, "invalid-value") == [
        f"roadmap_data/indicators/re-referrals.yml:{line}:12: indicator 're-referrals': the "
        f"figure {figure} {says} [invalid-value]"]


@pytest.mark.parametrize(("unit", "figure"), [
    ("count", "0"), ("count", "5"), ("percent", "0"), ("percent", "100"), ("percent", "99.95"),
    ("per-10000", "10000"), ("days", "36500"), ("count", "100000000"),
])
def test_figures_at_the_edge_of_their_unit_are_fine(data_copy, unit, figure):
    data = data_copy()
    _set(data, unit, figure)
    assert messages(data, "invalid-value") == []


def test_a_target_outside_its_unit_is_an_error_too(data_copy):
    data = data_copy()
    path = data / "indicators" / "re-referrals.yml"
    path.write_text(path.read_text("utf-8").replace("  - value: 20", "  - value: 120"),
                    "utf-8")
    line = line_of(path, "  - value: 120")
    assert messages(data, "invalid-value") == [
        f"roadmap_data/indicators/re-referrals.yml:{line}:12: indicator 're-referrals': the "
        "figure 120 is not a percentage, from 0 to 100; correct it, or change the "
        "indicator's unit [invalid-value]"]
