"""Versions of the road map for every reader, and which items have each one.

Three versions are made from optional fields of the same data:

* **easy read** (``easy_read:``) on the vision (roadmap.yml), goals, services and
  measures;
* **for children and young people** (``for_young_people:``) on goals and services;
* **for councillors**: a briefing built from the goals' ``scrutiny_questions:`` and
  computed facts (what is off track, how the council compares, who is accountable).

An item without the field is left out of that version (its text is never simplified by
machine), and a version no item has is left out of the site altogether: no page, no
menu entry, no link from the home page.  Everything here reads the road map it is
given, so the public site judges by public items only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from goldenthread.derive.trend import latest_verdict
from goldenthread.read.kinds import ROADMAP_FILE
from goldenthread.read.models import Indicator
from goldenthread.read.roadmap import Roadmap


@dataclass(frozen=True)
class Version:
    """One version of the road map for a group of readers."""

    #: The field it is made from, which is also what a page's ``needs:`` names.
    field: str
    #: Its page in the site (a hand-written page in docs/ calling its macro).
    page: str
    #: The link words on the home page, and what the version is.
    title: str
    about: str
    #: The road map attributes whose items may have the field ('info': the vision).
    attributes: tuple[str, ...]


VERSIONS: tuple[Version, ...] = (
    Version("easy_read", "easy-read/", "Easy read",
            "The road map in short sentences, with pictures.",
            ("info", "goals", "services", "indicators")),
    Version("for_young_people", "young-people/", "For children and young people",
            "Our promises to you, and how young people shaped this road map.",
            ("goals", "services")),
    Version("scrutiny_questions", "councillors/", "For councillors",
            "A briefing to read before a meeting: your duties, what is off track and what "
            "to ask.", ("goals",)),
)
#: field -> version.
BY_FIELD: dict[str, Version] = {v.field: v for v in VERSIONS}
#: The fields whose text is shown only in a version, not on the item's own page.
VERSION_FIELDS = frozenset(BY_FIELD)

#: How the open data, the health page and messages name each attribute's items.
ITEM_KINDS = {"info": "vision", "goals": "goal", "services": "service",
              "indicators": "measure"}


@dataclass(frozen=True)
class VersionItem:
    """One item's text in one version."""

    kind: str  # 'vision', 'goal', 'service' or 'measure' (see ITEM_KINDS)
    item_id: str  # the item's id, or roadmap.yml for the vision
    title: str
    text: Any  # the field's value: text, or a list of questions
    item: Any


def _items(roadmap: Roadmap, attribute: str) -> Iterator[tuple[str, str, Any]]:
    """(id, title, item) of each item of ``attribute``, in the road map's order."""
    if attribute == "info":
        if roadmap.info is not None:
            yield ROADMAP_FILE, "Our vision", roadmap.info
        return
    for item_id, item in getattr(roadmap, attribute).items():
        yield item_id, getattr(item, "title", None) or getattr(item, "name", item_id), item


def version_items(roadmap: Roadmap, field: str) -> list[VersionItem]:
    """Every item with text in the version made from ``field``: the vision first, then
    goals, services and measures, each in the road map's order."""
    version = BY_FIELD[field]
    found = []
    for attribute in version.attributes:
        for item_id, title, item in _items(roadmap, attribute):
            text = getattr(item, field)
            if text:
                found.append(VersionItem(ITEM_KINDS[attribute], item_id, title, text, item))
    return found


def has_version(roadmap: Roadmap, field: str) -> bool:
    """Whether any item of the road map has the version made from ``field``."""
    return bool(version_items(roadmap, field))


def present_versions(roadmap: Roadmap) -> list[Version]:
    """The versions this road map has, in the order the home page lists them."""
    return [v for v in VERSIONS if has_version(roadmap, v.field)]


@dataclass(frozen=True)
class Coverage:
    """How many items of one kind have each version (None: the kind cannot have it)."""

    kind: str
    total: int
    counts: dict[str, int | None]


def coverage(roadmap: Roadmap) -> list[Coverage]:
    """For the vision, goals, services and measures: how many have each version."""
    rows = []
    for attribute, kind in ITEM_KINDS.items():
        items = list(_items(roadmap, attribute))
        counts = {v.field: (sum(1 for _, _, item in items if getattr(item, v.field))
                            if attribute in v.attributes else None) for v in VERSIONS}
        rows.append(Coverage(kind, len(items), counts))
    return rows


def item_versions(roadmap: Roadmap) -> list[dict[str, Any]]:
    """One row per vision, goal, service and measure: its kind, id and, for each version,
    whether it has it (None where its kind cannot), for the open data."""
    rows = []
    for attribute, kind in ITEM_KINDS.items():
        for item_id, _title, item in _items(roadmap, attribute):
            row: dict[str, Any] = {"kind": kind, "id": item_id}
            for v in VERSIONS:
                row[v.field] = bool(getattr(item, v.field)) if attribute in v.attributes \
                    else None
            rows.append(row)
    return rows


# -- comparisons, for the councillors' briefing ---------------------------------------------
def compared_with(indicator: Indicator, figures: dict[str, float]) -> str | None:
    """'better', 'worse' or 'same' for the latest figure against a comparator's figure for
    the same period, judged as the measure's own page judges it
    (:func:`~goldenthread.derive.trend.latest_verdict`); None when there is nothing to
    compare: no comparator figure, a context measure, or an answer a hidden small number
    would give away."""
    return None if indicator.polarity == "context" else latest_verdict(indicator, figures)
