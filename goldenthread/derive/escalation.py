"""Escalation rules for blockages: how long a blockage may stay at each level.

The peer review found "a reliance on informal contact ... and a reluctance to escalate
issues to a more formal level".  The rules make the expectation explicit: an open
blockage that has stayed at a level longer than that level's limit should be escalated
to the next level.  The limits are set in ``mkdocs.yml`` under ``extra.goldenthread``::

    escalation:
      informal: 30
      service: 60
      partnership: 90

Days are counted from ``at_level_since`` (or, while the blockage is still at the level
it was raised at, from ``raised``) to the build's today.  A level left out of the
setting keeps its default; the safeguarding board, the top level, has no limit unless
one is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from goldenthread.read.messages import suggest
from goldenthread.read.staff_models import Blockage

LEVELS: tuple[str, ...] = ("informal", "service", "partnership", "safeguarding-board")
#: How pages name each level, e.g. "the service level (heads of service)".
LEVEL_NAMES: dict[str, str] = {
    "informal": "the informal level (between colleagues)",
    "service": "the service level (heads of service)",
    "partnership": "the partnership level (the partnership's leaders)",
    "safeguarding-board": "the Safeguarding Children Board",
}
DEFAULT_RULES: dict[str, int] = {"informal": 30, "service": 60, "partnership": 90}
SETTING = "extra.goldenthread.escalation"


class EscalationSettingError(ValueError):
    """The escalation setting in mkdocs.yml is not a block of level: days lines."""


def escalation_rules(options: Mapping[str, Any] | None) -> dict[str, int]:
    """The limits in days for each level: the defaults, updated from ``options['escalation']``.

    Raises :class:`EscalationSettingError` with a plain message when the setting is wrong.
    """
    rules = dict(DEFAULT_RULES)
    given = (options or {}).get("escalation")
    if given is None:
        return rules
    if not isinstance(given, Mapping):
        raise EscalationSettingError(
            f"{SETTING} should be a block of 'level: days' lines, such as 'informal: 30'")
    for level, days in sorted(given.items(), key=lambda kv: str(kv[0])):
        if level not in LEVELS:
            raise EscalationSettingError(
                f"{SETTING}: '{level}' is not a level; the levels are {', '.join(LEVELS)}"
                f"{suggest(str(level), LEVELS)}")
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise EscalationSettingError(
                f"{SETTING}: the limit for '{level}' should be a whole number of days, 1 or "
                f"more (found '{days}')")
        rules[level] = int(days)
    return rules


@dataclass(frozen=True)
class BlockageState:
    """What a blockage's dates mean on a given day."""

    id: str
    blockage: Blockage
    #: Days from raised to today (open) or to the day it closed.
    age_days: int
    #: Days at the current level (open blockages), else 0.
    days_at_level: int
    #: The limit for the current level, if the rules set one.
    limit: int | None
    #: True when an open blockage has stayed at its level longer than the limit.
    overdue: bool
    #: The level to escalate to (None at the top).
    next_level: str | None
    #: True when an open blockage's next review date has passed.
    review_overdue: bool

    @property
    def advice(self) -> str:
        """What should happen, in words (status never rests on colour alone)."""
        if self.blockage.status != "open":
            return f"{self.blockage.status.capitalize()}."
        if not self.overdue:
            if self.limit is None:
                return f"Within time: {self.days_at_level} days at this level."
            return (f"Within time: {self.days_at_level} of {self.limit} days at this level.")
        over = f"{self.days_at_level} days at this level, over the limit of {self.limit} days"
        if self.next_level is None:
            return f"Overdue for a decision: {over}; the board should decide what happens next."
        return f"Overdue for escalation: {over}. Escalate to {LEVEL_NAMES[self.next_level]}."


def blockage_state(blockage_id: str, blockage: Blockage, today: date,
                   rules: Mapping[str, int]) -> BlockageState:
    """The age, time at level and escalation status of one blockage on ``today``."""
    is_open = blockage.status == "open"
    end = today if is_open else (blockage.closed or today)
    since = blockage.at_level_since or blockage.raised
    days_at_level = max(0, (today - since).days) if is_open else 0
    limit = rules.get(blockage.level)
    position = LEVELS.index(blockage.level)
    return BlockageState(
        id=blockage_id,
        blockage=blockage,
        age_days=max(0, (end - blockage.raised).days),
        days_at_level=days_at_level,
        limit=limit,
        overdue=is_open and limit is not None and days_at_level > limit,
        next_level=LEVELS[position + 1] if position + 1 < len(LEVELS) else None,
        review_overdue=is_open and blockage.next_review < today,
    )


def blockage_states(blockages: Mapping[str, Blockage], today: date,
                    rules: Mapping[str, int]) -> list[BlockageState]:
    """Every blockage's state: open ones oldest first, then closed ones, newest first."""
    states = [blockage_state(bid, b, today, rules) for bid, b in sorted(blockages.items())]
    open_states = sorted((s for s in states if s.blockage.status == "open"),
                         key=lambda s: (s.blockage.raised, s.id))
    closed = sorted((s for s in states if s.blockage.status != "open"),
                    key=lambda s: (s.blockage.closed or s.blockage.raised, s.id), reverse=True)
    return open_states + closed
