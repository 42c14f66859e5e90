"""Staleness: passed and close review dates, out-of-date figures (goldenthread.check.staleness)."""

from __future__ import annotations

from datetime import date

import pytest

from goldenthread.cli import main

from .check_helpers import append, line_of, messages


def test_own_review_date_passed_is_an_error_with_file_and_line(data_copy):
    data = data_copy()
    line = append(data / "goals/help-early.yml", "review_by: 2026-02-27\n")
    assert messages(data, "stale") == [
        f"roadmap_data/goals/help-early.yml:{line}:12: goal 'help-early': its review date "
        "(2026-02-27) has passed (today is 2026-03-01); review this goal, then set "
        "'last_reviewed' to the day you did and 'review_by' to the date of the next review "
        "[stale]"]


def test_stale_is_a_warning_on_the_intranet_and_when_configured(data_copy):
    data = data_copy()
    append(data / "goals/help-early.yml", "review_by: 2026-02-27\n")
    for found in (messages(data, "stale", audience="internal"),
                  messages(data, "stale", options={"stale": "warning"})):
        assert len(found) == 1 and found[0].endswith("(warning) [stale]")
    with pytest.raises(ValueError, match="must be 'error' or 'warning', not 'maybe'"):
        messages(data, "stale", options={"stale": "maybe"})


def test_stale_as_warning_on_the_command_line(data_copy, capsys):
    data = data_copy()
    append(data / "goals/help-early.yml", "review_by: 2026-02-27\n")
    assert main(["check", str(data), "--today", "2026-03-01"]) == 1
    assert main(["check", str(data), "--today", "2026-03-01", "--stale-as-warning"]) == 0
    assert "(warning) [stale]" in capsys.readouterr().out


def test_an_internal_items_date_does_not_stop_the_public_build(data_copy):
    data = data_copy()
    path = data / "goals/help-early.yml"
    path.write_text(path.read_text("utf-8").replace("visibility: public",
                                                    "visibility: internal"), "utf-8")
    append(path, "review_by: 2026-02-27\n")
    assert messages(data, "stale") == []


def test_road_map_default_passed_is_reported_once_at_roadmap_yml(data_copy):
    data = data_copy()
    line = line_of(data / "roadmap.yml", "review_by:")
    assert messages(data, "stale", today=date(2027, 4, 2)) == [
        f"roadmap_data/roadmap.yml:{line}:12: roadmap.yml: the road map's review date "
        "(2027-04-01) has passed (today is 2027-04-02); it is also the review date of every "
        "item without its own 'review_by'. Review the road map, then set 'last_reviewed' to "
        "the day you did and 'review_by' to the date of the next review [stale]"]


def test_review_within_30_days_is_a_warning(data_copy):
    data = data_copy()
    line = append(data / "services/early-help.yml", "review_by: 2026-03-31\n")
    assert messages(data, "review-due") == [
        f"roadmap_data/services/early-help.yml:{line}:12: service 'early-help': due for "
        "review by 2026-03-31 (in 30 days); review it soon, then set a new 'review_by' "
        "(warning) [review-due]"]
    assert messages(data, "review-due", today=date(2026, 2, 28)) == []


def test_indicator_past_next_update_is_data_out_of_date(data_copy):
    data = data_copy()
    path = data / "indicators/re-referrals.yml"
    line = line_of(path, "next_update:")
    assert messages(data, "data-out-of-date") == []
    found = messages(data, "data-out-of-date", today=date(2027, 7, 1))
    assert found == [
        f"roadmap_data/indicators/re-referrals.yml:{line}:14: indicator 're-referrals': data "
        "out of date — new figures were due on 2027-06-30 (today is 2027-07-01); add the "
        "latest figures to 'series', then set 'next_update' to when the next ones are due "
        "(warning) [data-out-of-date]"]


def test_last_reviewed_after_review_by_is_invalid(data_copy):
    data = data_copy()
    line = append(data / "priorities/simple-road-map.yml",
                  "last_reviewed: 2026-05-01\nreview_by: 2026-04-30\n")
    assert messages(data, "invalid-value") == [
        f"roadmap_data/priorities/simple-road-map.yml:{line}:16: priority 'simple-road-map': "
        "'last_reviewed' (2026-05-01) is after 'review_by' (2026-04-30); the next review must "
        "come after the last one — check both dates [invalid-value]"]


def _set_as_at(data, value: str | None) -> None:
    path = data / "roadmap.yml"
    lines = [line for line in path.read_text("utf-8").splitlines() if
             not line.startswith("as_at:")]
    path.write_text("\n".join(lines + ([f"as_at: {value}"] if value else [])) + "\n", "utf-8")


def test_the_road_map_is_checked_as_at_its_own_date_whatever_the_clock(data_copy):
    # The fixture's review_by is 2027-04-01.  Shown as at 2026-11-20 it is in date, so the
    # check passes on any day; without as_at the clock decides; --today overrides both.
    from goldenthread.check.pipeline import check_roadmap, today_for

    data = data_copy()
    _set_as_at(data, "2026-11-20")
    roadmap, problems = check_roadmap(data)
    assert today_for(roadmap) == date(2026, 11, 20)
    assert today_for(roadmap, date(2030, 1, 1)) == date(2030, 1, 1)
    assert [p for p in problems if p.code == "stale"] == []
    assert messages(data, "stale", today=date(2027, 4, 2))  # an explicit today still counts
    _set_as_at(data, "2027-04-02")
    assert [str(p) for p in check_roadmap(data)[1] if p.code == "stale"] == [
        f"roadmap_data/roadmap.yml:{line_of(data / 'roadmap.yml', 'review_by:')}:12: "
        "roadmap.yml: the road map's review date (2027-04-01) has passed (today is "
        "2027-04-02); it is also the review date of every item without its own 'review_by'. "
        "Review the road map, then set 'last_reviewed' to the day you did and 'review_by' to "
        "the date of the next review [stale]"]
    _set_as_at(data, None)
    roadmap, _ = check_roadmap(data)
    assert today_for(roadmap) == date.today()


def test_whole_road_map_checks_run_while_roadmap_yml_is_broken(data_copy):
    # Every problem at once: a misspelt field in roadmap.yml must not hide a passed review
    # date in a service.
    from goldenthread.check.pipeline import check_roadmap

    data = data_copy()
    roadmap_file = data / "roadmap.yml"
    roadmap_file.write_text(roadmap_file.read_text("utf-8").replace(
        "organisation:", "organisatio:"), "utf-8")
    append(data / "services/early-help.yml", "review_by: 2020-01-01\n")
    roadmap, problems = check_roadmap(data, today=date(2026, 3, 1))
    assert roadmap is None
    assert sorted({p.code for p in problems if p.severity == "error"}) == [
        "missing-field", "stale", "unknown-key"]
