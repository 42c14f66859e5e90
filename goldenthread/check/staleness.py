"""Staleness: review dates that have passed or are close, and figures that are overdue.

The peer review found plans "not kept up to date".  Every item is reviewed by its own
``review_by`` or, when it has none, by the road map's.  A passed date is an error in
the public build (nothing out of date is published) unless the site sets
``stale: warning`` (or ``goldenthread check --stale-as-warning``); on the intranet it is
a warning.  A date within :data:`DUE_SOON_DAYS` days is a warning.  An indicator whose
``next_update`` has passed is a warning: its figures are out of date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from goldenthread.check.registry import CheckContext, check
from goldenthread.check.scope import in_scope, scoped_items
from goldenthread.problems import Problem, Severity
from goldenthread.read.kinds import ROADMAP_FILE
from goldenthread.read.roadmap import Roadmap

DUE_SOON_DAYS = 30
STALE_CHOICES = ("error", "warning")


def stale_level(context: CheckContext) -> Severity:
    """How serious a passed review date is for this build."""
    choice = str(context.options.get("stale") or "error")  # unset or empty: error
    if choice not in STALE_CHOICES:
        raise ValueError(f"the option 'stale' must be 'error' or 'warning', not '{choice}'")
    if context.audience != "public":
        return "warning"
    return "warning" if choice == "warning" else "error"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@check
def review_dates(context: CheckContext) -> Iterable[Problem]:
    """Passed or close review dates: the road map's own, and each item's own."""
    roadmap = in_scope(context)
    today = context.today
    level = stale_level(context)
    if roadmap.info is not None:  # else its file's own errors are reported
        yield from _road_map_review(context, roadmap.info, level)
    for label, item_id, item in scoped_items(roadmap):
        # Kinds without review dates of their own (blockages, stories) are skipped.
        review_by = getattr(item, "review_by", None)
        yield from _order_of_dates(label, item_id, getattr(item, "last_reviewed", None),
                                   review_by, context.roadmap)
        if review_by is None:
            continue  # the road map's date applies, reported once above
        where = context.roadmap.where(label, item_id, "review_by")
        if review_by < today:
            yield Problem(
                where,
                f"{label} '{item_id}': its review date ({review_by}) has passed (today is "
                f"{today}); review this {label}, then set 'last_reviewed' to the day you did "
                "and 'review_by' to the date of the next review", "stale", level)
        elif (review_by - today).days <= DUE_SOON_DAYS:
            yield Problem(
                where,
                f"{label} '{item_id}': due for review by {review_by} (in "
                f"{_days((review_by - today).days)}); review it soon, then set a new "
                "'review_by'", "review-due")


def _road_map_review(context: CheckContext, info: Any, level: Severity) -> Iterable[Problem]:
    today = context.today
    where_info = context.roadmap.where("file", ROADMAP_FILE, "review_by")
    if info.review_by < today:
        yield Problem(
            where_info,
            f"{ROADMAP_FILE}: the road map's review date ({info.review_by}) has passed (today is "
            f"{today}); it is also the review date of every item without its own "
            "'review_by'. Review the road map, then set 'last_reviewed' to the day you did and "
            "'review_by' to the date of the next review", "stale", level)
    elif (info.review_by - today).days <= DUE_SOON_DAYS:
        yield Problem(
            where_info,
            f"{ROADMAP_FILE}: the road map is due for review by {info.review_by} (in "
            f"{_days((info.review_by - today).days)}); review it soon, then set a new "
            "'review_by'", "review-due")
    yield from _order_of_dates("file", ROADMAP_FILE, info.last_reviewed, info.review_by,
                               context.roadmap)


def _order_of_dates(label: str, item_id: str, last: date | None, due: date | None,
                    roadmap: Roadmap) -> Iterable[Problem]:
    if last is not None and due is not None and last > due:
        name = item_id if label == "file" else f"{label} '{item_id}'"
        yield Problem(
            roadmap.where(label, item_id, "last_reviewed"),
            f"{name}: 'last_reviewed' ({last}) is after 'review_by' ({due}); the next review "
            "must come after the last one — check both dates", "invalid-value")


@check
def figures_out_of_date(context: CheckContext) -> Iterable[Problem]:
    """Indicators whose new figures were due (``next_update``) and have not arrived."""
    roadmap = in_scope(context)
    for indicator_id, indicator in roadmap.indicators.items():
        if indicator.next_update < context.today:
            yield Problem(
                context.roadmap.where("indicator", indicator_id, "next_update"),
                f"indicator '{indicator_id}': data out of date — new figures were due on "
                f"{indicator.next_update} (today is {context.today}); add the latest figures "
                "to 'series', then set 'next_update' to when the next ones are due",
                "data-out-of-date")
