"""Escalation rules for blockages: the steps a blockage is escalated through, and how
long it may stay at each.

The peer review found "a reliance on informal contact ... and a reluctance to escalate
issues to a more formal level".  The rules make the expectation explicit: an open
blockage that has stayed at a step longer than that step's limit should be escalated to
the next step.  The steps, the bodies they name and their limits come from the road
map's vocabulary (its ``escalation`` list, which roadmap.yml may replace); ``mkdocs.yml``
may change a step's limit under ``extra.goldenthread``::

    escalation:
      informal: 30
      service: 60

Days are counted from ``at_level_since`` (or, while the blockage is still at the step
it was raised at, from ``raised``) to the build's today.  A step without ``days`` (the
top one, usually) has no limit unless the setting gives one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from goldenthread.read.messages import suggest
from goldenthread.read.staff_models import Blockage
from goldenthread.read.vocabulary import DEFAULT, shipped

SETTING = "extra.goldenthread.escalation"


def default_steps() -> Sequence[Any]:
    """The plain vocabulary's steps (for a caller that names no road map)."""
    return shipped(DEFAULT).escalation


def step_names(steps: Sequence[Any] | None = None) -> dict[str, str]:
    """Step id -> the body it escalates to, as advice names it."""
    return {step.id: step.name for step in (steps if steps is not None else default_steps())}


class EscalationSettingError(ValueError):
    """The escalation setting in mkdocs.yml is not a block of step: days lines."""


def escalation_rules(options: Mapping[str, Any] | None,
                     steps: Sequence[Any] | None = None) -> dict[str, int | None]:
    """Every step's limit in days (None: no limit), lowest step first: the steps' own
    ``days``, updated from ``options['escalation']``.

    Raises :class:`EscalationSettingError` with a plain message when the setting is wrong.
    """
    steps = steps if steps is not None else default_steps()
    rules: dict[str, int | None] = {step.id: step.days for step in steps}
    for level, days in setting_limits(options).items():
        if level not in rules:
            raise EscalationSettingError(
                f"{SETTING}: '{level}' is not a step of escalation; the steps are "
                f"{', '.join(rules)}{suggest(str(level), rules)}")
        rules[level] = days
    return rules


def setting_limits(options: Mapping[str, Any] | None) -> dict[str, int]:
    """The limits ``options['escalation']`` sets, by step id, checked for their form only
    (whether each is a step of the road map's vocabulary is :func:`escalation_rules`'s
    question, which knows the steps)."""
    given = (options or {}).get("escalation")
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise EscalationSettingError(
            f"{SETTING} should be a block of 'level: days' lines, such as 'informal: 30'")
    limits: dict[str, int] = {}
    for level, days in sorted(given.items(), key=lambda kv: str(kv[0])):
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise EscalationSettingError(
                f"{SETTING}: the limit for '{level}' should be a whole number of days, 1 or "
                f"more (found '{days}')")
        limits[str(level)] = int(days)
    return limits


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
    #: The body the next step escalates to, as advice names it (None at the top).
    next_name: str | None = None
    #: The body of the blockage's own step, as advice names it.
    level_name: str | None = None

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
            who = self.level_name or "the top step"
            return f"Overdue for a decision: {over}; {who} should decide what happens next."
        return f"Overdue for escalation: {over}. Escalate to {self.next_name}."


def blockage_state(blockage_id: str, blockage: Blockage, today: date,
                   rules: Mapping[str, int | None],
                   names: Mapping[str, str] | None = None) -> BlockageState:
    """The age, time at level and escalation status of one blockage on ``today``, under
    ``rules`` (every step, lowest first: :func:`escalation_rules`); ``names`` name the
    bodies (default: the step ids)."""
    is_open = blockage.status == "open"
    end = today if is_open else (blockage.closed or today)
    since = blockage.at_level_since or blockage.raised
    days_at_level = max(0, (today - since).days) if is_open else 0
    limit = rules.get(blockage.level)
    order = list(rules)
    position = order.index(blockage.level) if blockage.level in order else len(order)
    next_level = order[position + 1] if position + 1 < len(order) else None
    return BlockageState(
        id=blockage_id,
        blockage=blockage,
        age_days=max(0, (end - blockage.raised).days),
        days_at_level=days_at_level,
        limit=limit,
        overdue=is_open and limit is not None and days_at_level > limit,
        next_level=next_level,
        review_overdue=is_open and blockage.next_review < today,
        next_name=(names or {}).get(next_level, next_level) if next_level else None,
        level_name=(names or {}).get(blockage.level, blockage.level),
    )


def blockage_states(blockages: Mapping[str, Blockage], today: date,
                    rules: Mapping[str, int | None],
                    names: Mapping[str, str] | None = None) -> list[BlockageState]:
    """Every blockage's state: open ones oldest first, then closed ones, newest first."""
    states = [blockage_state(bid, b, today, rules, names)
              for bid, b in sorted(blockages.items())]
    open_states = sorted((s for s in states if s.blockage.status == "open"),
                         key=lambda s: (s.blockage.raised, s.id))
    closed = sorted((s for s in states if s.blockage.status != "open"),
                    key=lambda s: (s.blockage.closed or s.blockage.raised, s.id), reverse=True)
    return open_states + closed
