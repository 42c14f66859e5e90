"""The lists of a road map's vocabulary that give ids meaning: the levels of
accountability, the steps of escalation, the stages of spending, and who pays.

A road map names a vocabulary (``vocabulary:`` in roadmap.yml; see
:mod:`goldenthread.read.vocabulary`) and may replace any of its lists; the resolved
lists are read here, once, so that every check, view and template names the same levels,
bodies, stages and partners.  Nothing here assumes a field of work: the words are the
data's.

* **Accountability levels** (``accountability_levels``): an accountability's ``level``
  is one of their ids.  A level marked ``used: false`` is kept (an entry may still name
  it) but raises no warning when a goal has no one at it, and its column is shown only
  when someone is named at it.  A priority's ``lead`` counts as accountable for that
  priority at the first level in use (unless the accountabilities already name that role
  for the priority).
* **Escalation steps** (``escalation``): lowest first; a blockage's ``level`` is one of
  their ids; ``days`` is how long a blockage may stay at the step (none: no limit).
* **Stages of spending** (``stages``): a budget line's ``stage`` is one of their ids.
* **Payers**: a budget line's ``partner`` is the id of one of roadmap.yml's
  ``partners`` (a plain name's id is its slug).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from goldenthread.read.roadmap import Roadmap


@dataclass(frozen=True)
class Entry:
    """One entry of a list: an id, the name pages use, and what it means."""

    id: str
    name: str
    meaning: str = ""
    days: int | None = None
    used: bool = True


def _entries(items: Any) -> tuple[Entry, ...]:
    return tuple(Entry(id=item.id, name=item.name, meaning=getattr(item, "meaning", None) or "",
                       days=getattr(item, "days", None),
                       used=getattr(item, "used", True) is not False)
                 for item in items or ())


def _section(roadmap: Roadmap, name: str) -> tuple[Entry, ...] | None:
    vocabulary = getattr(roadmap, "vocabulary", None)
    if vocabulary is None:
        return None
    return _entries(getattr(vocabulary, name, None))


#: Used only while a road map carries no resolved vocabulary (a partial road map whose
#: roadmap.yml could not be read): the plain vocabulary's lists.
_PLAIN_LEVELS = (Entry("service", "Service"), Entry("partnership", "Partnership"))
_PLAIN_ESCALATION = (Entry("informal", "between colleagues", days=30),
                     Entry("service", "heads of service", days=60),
                     Entry("partnership", "the partnership's leaders"))
_PLAIN_STAGES = (Entry("prevention", "Prevention"), Entry("specialist", "Specialist help"),
                 Entry("both", "Serving both"))


def accountability_levels(roadmap: Roadmap) -> tuple[Entry, ...]:
    """Every accountability level, in order (used or not)."""
    found = _section(roadmap, "accountability_levels")
    return found if found is not None else _PLAIN_LEVELS


def used_levels(roadmap: Roadmap) -> tuple[Entry, ...]:
    """The levels a goal should have someone named at."""
    return tuple(level for level in accountability_levels(roadmap) if level.used)


def escalation_steps(roadmap: Roadmap) -> tuple[Entry, ...]:
    """The steps of escalation, lowest first."""
    found = _section(roadmap, "escalation")
    return found if found is not None else _PLAIN_ESCALATION


def spending_stages(roadmap: Roadmap) -> tuple[Entry, ...]:
    """The stages of spending, in the order pages show them."""
    found = _section(roadmap, "stages")
    return found if found is not None else _PLAIN_STAGES


def slug(text: str) -> str:
    """A plain partner name's id: 'Riverside Housing' -> 'riverside-housing'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def partner_names(info: Any) -> tuple[str, ...]:
    """The names of the partners that share the road map (not those that only pay)."""
    return tuple(p if isinstance(p, str) else p.name for p in info.partners
                 if isinstance(p, str) or not p.pays_only)


def payers(roadmap: Roadmap) -> dict[str, str]:
    """Who may pay for a budget line: partner id -> the name money tables use (its
    ``short`` name if it has one), in roadmap.yml's order."""
    found: dict[str, str] = {}
    for partner in (roadmap.info.partners if roadmap.info else ()):
        if isinstance(partner, str):
            found.setdefault(slug(partner), partner)
        else:
            found.setdefault(partner.id, partner.short or partner.name)
    return found
