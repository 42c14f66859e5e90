"""The review line at the foot of every item page: last reviewed, next review, data changed.

An item's review dates are its own ``last_reviewed``/``review_by`` or, when it has
none, the road map's.  The date its data last changed comes from git (computed once
per build by :func:`goldenthread.history.git.last_changed`) and is absent without git.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from goldenthread.read.kinds import BY_LABEL, FILES, ITEMS, ROADMAP_FILE
from goldenthread.read.roadmap import Roadmap

#: The single files behind every page that is not about one item: the ones every road
#: map has (its own file, the glossary, the accountabilities).
_SITE_FILES = tuple(kind.path for kind in FILES if kind.required)


@dataclass(frozen=True)
class ReviewDates:
    """What the foot of a page says about how current it is."""

    last_reviewed: date
    next_review: date
    last_changed: date | None


def data_file_names(kind: str | None, item_id: str | None) -> tuple[str, ...]:
    """Where an item's file may be inside the data folder (the road map's when no id)."""
    if kind is None or item_id is None:
        return (ROADMAP_FILE,)
    folder = BY_LABEL[kind].path
    return (f"{folder}/{item_id}.yml", f"{folder}/{item_id}.yaml")


def review_dates(roadmap: Roadmap, kind: str | None = None, item_id: str | None = None,
                 changed: Mapping[str, date] | None = None) -> ReviewDates:
    """The review dates of one item, or of the road map itself when ``item_id`` is None.

    ``changed`` maps paths inside the data folder to the date git last changed them.
    """
    info = roadmap.info
    item = None
    if kind is not None and item_id is not None:
        item = getattr(roadmap, BY_LABEL[kind].attribute)[item_id]
    dates = [d for name in data_file_names(kind, item_id) if (d := (changed or {}).get(name))]
    return ReviewDates(
        last_reviewed=getattr(item, "last_reviewed", None) or info.last_reviewed,
        next_review=getattr(item, "review_by", None) or info.review_by,
        last_changed=dates[0] if dates else None,
    )


def site_review_dates(roadmap: Roadmap, changed: Mapping[str, date] | None = None) -> ReviewDates:
    """The road map's own review dates, for pages that are not about one item.

    The data last changed on the latest date any file behind ``roadmap`` changed: pass
    the audience-filtered road map, so a change to an internal item never shows.
    """
    names = list(_SITE_FILES)
    for kind in ITEMS:
        items = getattr(roadmap, kind.attribute, {}) or {}
        names += [f"{kind.path}/{item_id}{suffix}" for item_id in items
                  for suffix in (".yml", ".yaml")]
    dates = [d for name in names if (d := (changed or {}).get(name))]
    return ReviewDates(roadmap.info.last_reviewed, roadmap.info.review_by,
                       max(dates) if dates else None)


def review_sentence(review: ReviewDates, about: str = "the data on this page") -> str:
    """The review line in words (dates only: no editor text), as item pages show it;
    ``about`` names what changed, e.g. "the road map's data" on pages about the whole."""
    def long(d: date) -> str:
        return f"{d.day} {d:%B %Y}"

    text = (f"Last reviewed {long(review.last_reviewed)}. Next review by "
            f"{long(review.next_review)}.")
    if review.last_changed:
        text += f" {about[:1].upper()}{about[1:]} last changed on {long(review.last_changed)}."
    return text
