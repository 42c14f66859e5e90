"""Checks on the review's internal content: stories, the Munro plan, officers, blockages.

* A public story (which the model allows only with ``consent: true``) must not
  contain what looks like a person's name; email addresses and phone numbers in any
  public text are the personal-data guard's job (:mod:`.personal_data`).  "Looks like
  a name" is kept simple so that an editor can predict it: a title followed by a
  capitalised word ("Mrs Smith", "Dr. Patel"), or one of a short list of common first
  names written with a capital letter.  Names that are also everyday words (Will, May,
  Grace, Hope) are left out of the list on purpose.
* The Munro plan has one entry per principle; officers one entry per role, and each
  officer's role must be written as it is elsewhere, or the name is never shown.
* Blockages: the escalation setting must make sense; in intranet checks, open
  blockages past their escalation limit or review date are reported as warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..escalation import LEVEL_NAMES, EscalationSettingError, blockage_state, escalation_rules
from ..model_learning import MUNRO_PRINCIPLES
from ..problems import Location, Problem
from ..roadmap import Roadmap
from ..validate import suggest
from . import CheckContext, check

TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+")
#: Common first names in England and Wales (ONS baby-name lists), minus everyday words.
FIRST_NAMES = frozenset("""
Aaliyah Adam Aisha Alfie Alice Amelia Amir Amy Archie Ava Ben Bethany Callum Charlie
Charlotte Chloe Connor Daniel David Dylan Ella Ellie Emily Emma Ethan Evie Fatima Freddie
Freya George Hannah Harry Harvey Isabella Isla Jack Jacob James Jamie Jessica John Joseph
Joshua Kayden Kyle Laura Lauren Leah Lewis Liam Lily Lucy Luke Megan Mia Michael Mohammed
Muhammad Nathan Noah Oliver Olivia Oscar Paige Poppy Priya Rebecca Riley Ruby Ryan Samuel
Sarah Shannon Sophia Sophie Thomas Tyler William Zara
""".split())
FIRST_NAME = re.compile(r"\b(" + "|".join(sorted(FIRST_NAMES)) + r")\b")
STORY_TEXT_FIELDS = ("title", "account", "difference", "told_by")


def names_in(text: str) -> list[str]:
    """What in ``text`` looks like a person's name ('Mrs Smith', 'Olivia'), in text order."""
    titled = list(TITLED_NAME.finditer(text))
    found = [(m.start(), m.group()) for m in titled]
    found += [(m.start(), m.group()) for m in FIRST_NAME.finditer(text)
              if not any(t.start() <= m.start() < t.end() for t in titled)]
    return [name for _, name in sorted(found)]


@check
def story_names(context: CheckContext) -> Iterable[Problem]:
    """No names in the text of a public story (contact details: see personal_data)."""
    roadmap = context.roadmap
    for story_id, story in roadmap.stories.items():
        if story.visibility != "public":
            continue
        for field in STORY_TEXT_FIELDS:
            for name in names_in(getattr(story, field)):
                yield Problem(
                    roadmap.where("story", story_id, field),
                    f"story '{story_id}': '{field}' contains what looks like a name ('{name}'); "
                    "a public story must not identify anyone: describe people by role, e.g. "
                    "'a mother' or 'her social worker'", "story-name")


@check
def one_munro_entry_per_principle(context: CheckContext) -> Iterable[Problem]:
    """Each Munro principle is assessed once."""
    roadmap = context.roadmap
    seen: dict[str, int] = {}
    for i, entry in enumerate(roadmap.munro):
        if entry.principle in seen:
            yield Problem(
                roadmap.where("file", "munro.yml", "entries", i, "principle"),
                f"munro.yml: the principle '{entry.principle}' "
                f"({MUNRO_PRINCIPLES[entry.principle]}) is assessed twice (also entry "
                f"{seen[entry.principle] + 1}); keep one entry per principle", "duplicate-id")
        seen.setdefault(entry.principle, i)


def roles_in_use(roadmap: Roadmap) -> set[str]:
    """Every role written anywhere in the road map (owners, leads, accountabilities)."""
    roles = {roadmap.info.owner} if roadmap.info is not None else set()
    roles |= {a.role for a in roadmap.accountabilities}
    roles |= {p.lead for p in roadmap.priorities.values()}
    for items in (roadmap.indicators, roadmap.services, roadmap.actions):
        roles |= {item.owner for item in items.values()}
    roles |= {b.owner for b in roadmap.blockages.values()}
    roles |= {b.raised_by for b in roadmap.blockages.values()}
    roles |= {e.owner for e in roadmap.munro}
    return roles


@check
def officer_roles(context: CheckContext) -> Iterable[Problem]:
    """One officer per role, and every officer's role written as it is elsewhere."""
    roadmap = context.roadmap
    roles = roles_in_use(roadmap)
    seen: dict[str, int] = {}
    for i, officer in enumerate(roadmap.officers):
        where = roadmap.where("file", "officers.yml", "officers", i, "role")
        if officer.role in seen:
            yield Problem(
                where, f"officers.yml: the role '{officer.role}' has two officers (also entry "
                f"{seen[officer.role] + 1}); name one officer per role", "duplicate-id")
        seen.setdefault(officer.role, i)
        if officer.role not in roles:
            yield Problem(
                where, f"officers.yml: the role '{officer.role}' is not used anywhere in the "
                "road map, so the officer's name is never shown; write the role exactly as "
                f"for owners and accountabilities{suggest(officer.role, roles)}",
                "unknown-role")


@check
def blockage_escalation(context: CheckContext) -> Iterable[Problem]:
    """A valid escalation setting; on the intranet, blockages due for escalation or review."""
    roadmap = context.roadmap
    try:
        rules = escalation_rules(context.options)
    except EscalationSettingError as exc:
        yield Problem(Location("mkdocs.yml", 1, 1), str(exc), "invalid-value")
        return
    for blockage_id, blockage in roadmap.blockages.items():
        if blockage.raised > context.today:
            yield Problem(
                roadmap.where("blockage", blockage_id, "raised"),
                f"blockage '{blockage_id}': 'raised' ({blockage.raised}) is after today "
                f"({context.today}); write the date it was first raised", "invalid-value")
            continue
        if context.audience != "internal":
            continue  # blockages are never published; their timeliness is intranet business
        state = blockage_state(blockage_id, blockage, context.today, rules)
        if state.overdue:
            to = (f"escalate it to {LEVEL_NAMES[state.next_level]}" if state.next_level
                  else "the board should decide what happens next")
            yield Problem(
                roadmap.where("blockage", blockage_id, "level"),
                f"blockage '{blockage_id}': {state.days_at_level} days at the "
                f"{blockage.level} level, over the limit of {state.limit}; {to}, then update "
                "'level' and 'at_level_since'", "escalation-due")
        if state.review_overdue:
            yield Problem(
                roadmap.where("blockage", blockage_id, "next_review"),
                f"blockage '{blockage_id}': the review due on {blockage.next_review} has not "
                "been recorded; review it and set a new 'next_review' date",
                "blockage-review-due")
