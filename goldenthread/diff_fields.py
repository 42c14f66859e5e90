"""The field-by-field part of the change summary: what changed inside one item.

Each function returns sentence fragments such as "target for 2013-14 changed from 20%
to 18%" that :mod:`goldenthread.diff` prefixes with the item's name.  Figures are shown
as pages show them (hidden small counts stay hidden).  Links to other items are named by
their titles; for the public audience a link to anything the public cannot see is left
out, so nothing internal is named.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Indicator
from .roadmap import Roadmap, targets_of
from .trend import UNIT_SUFFIX, shown_value

#: Fields that only change the layout, never what a reader learns.
IGNORED = frozenset({"order", "decimals"})
STATUS_WORDS = {"not-started": "Not started", "on-track": "On track", "at-risk": "At risk",
                "off-track": "Off track", "done": "Done"}
#: Period-keyed figures of an indicator: field -> how a sentence names one entry.
FIGURES = {"series": "figure", "england": "England average",
           "statistical_neighbours": "similar councils' average"}
#: Reference fields: (item label, field) -> (kind referred to, verb).
LINKS = {
    ("goal", "serves"): ("plan priority", "serves"),
    ("priority", "goals"): ("goal", "serves"),
    ("indicator", "goals"): ("goal", "measures"),
    ("action", "services"): ("service", "involves"),
    ("action", "priority"): ("priority", "belongs to"),
    ("service", "contributes_to"): ("goal", "contributes to"),
    ("story", "goals"): ("goal", "is about"),
    ("story", "indicators"): ("indicator", "is about"),
}
DATES = {"due": "due date", "next_update": "date new figures are due",
         "review_by": "next review date", "last_reviewed": "date last reviewed",
         "next_review": "next review date"}
PEOPLE = {"owner": "owner", "lead": "lead"}
#: Fields holding one of a fixed list of choices.
CHOICES = frozenset({"unit", "polarity", "kind", "rba", "level", "responsibility"})


def labelled_ref(roadmap: Roadmap, kind: str, item_id: str, public: bool) -> str | None:
    """"goal 'Title'" for a reference; None when the public may not see what it names."""
    found = targets_of(roadmap, kind).get(item_id)
    if found is None:
        return None if public else f"{kind} '{item_id}'"
    title = getattr(found, "title", None) or getattr(found, "name", None) or item_id
    return f"{'partner-plan priority' if kind == 'plan priority' else kind} '{title}'"


def _target_text(indicator: Indicator, value: float) -> str:
    decimals = 0 if float(value).is_integer() else indicator.decimals
    return f"{value:,.{decimals}f}{UNIT_SUFFIX[indicator.unit]}"


def _figures(indicator: Indicator, name: str, was: dict, now: dict) -> Iterator[str]:
    noun = FIGURES[name]
    for period in sorted(set(was) | set(now)):
        a, b = was.get(period), now.get(period)
        if a == b:
            continue
        if a is None:
            yield f"new {noun} for {period}: {shown_value(indicator, b)}"
        elif b is None:
            yield f"{noun} for {period} removed"
        elif shown_value(indicator, a) == shown_value(indicator, b):
            yield f"{noun} for {period} revised"
        else:
            yield (f"{noun} for {period} changed from {shown_value(indicator, a)} to "
                   f"{shown_value(indicator, b)}")


def _targets(indicator: Indicator, was: Indicator) -> Iterator[str]:
    before = {t.by: t.value for t in was.targets}
    after = {t.by: t.value for t in indicator.targets}
    for period in sorted(set(before) | set(after)):
        a, b = before.get(period), after.get(period)
        if a == b:
            continue
        if a is None:
            yield f"new target for {period}: {_target_text(indicator, b)}"
        elif b is None:
            yield f"target for {period} removed (it was {_target_text(indicator, a)})"
        else:
            yield (f"target for {period} changed from {_target_text(indicator, a)} to "
                   f"{_target_text(indicator, b)}")


def _refs(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [getattr(v, "goal", v) for v in value]


def _links(label: str, name: str, was: Any, now: Any, old: Roadmap | None,
           new: Roadmap | None, public: bool) -> Iterator[str]:
    kind, verb = LINKS[(label, name)]
    before, after = _refs(was), _refs(now)
    for ref in after:
        if ref not in before and new is not None:
            named = labelled_ref(new, kind, ref, public)
            if named:
                yield f"now {verb} {named}"
    for ref in before:
        if ref not in after and old is not None:
            named = labelled_ref(old, kind, ref, public)
            if named:
                yield f"no longer {verb} {named}"


def _plan_priorities(was: Any, now: Any) -> Iterator[str]:
    before = {p.id: p for p in was.priorities}
    after = {p.id: p for p in now.priorities}
    for pid, p in after.items():
        if pid not in before:
            yield f"new priority '{p.title}'"
            continue
        old = before[pid]
        if old.title != p.title:
            yield f"priority '{old.title}' now reads '{p.title}'"
        if p.out_of_scope and not old.out_of_scope:
            yield f"priority '{p.title}' marked out of scope: {p.out_of_scope}"
        elif old.out_of_scope and not p.out_of_scope:
            yield f"priority '{p.title}' is no longer out of scope"
    for pid, p in before.items():
        if pid not in after:
            yield f"priority '{p.title}' removed"


def field_changes(label: str, was: Any, now: Any, old: Roadmap | None, new: Roadmap | None,
                  public: bool) -> list[str]:
    """What changed inside one item, as fragments, most telling first."""
    fragments: list[str] = []
    reworded: list[str] = []
    for name in type(now).model_fields:
        a, b = getattr(was, name, None), getattr(now, name, None)
        if a == b or name in IGNORED:
            continue
        if name in ("title", "name"):
            fragments.append(f"title changed from '{a}' to '{b}'")
        elif name == "targets":
            fragments += _targets(now, was)
        elif name in FIGURES and isinstance(now, Indicator):
            fragments += _figures(now, name, a or {}, b or {})
        elif name == "status":
            fragments.append(f"progress changed from {STATUS_WORDS.get(a, a)} to "
                             f"{STATUS_WORDS.get(b, b)}")
        elif name in PEOPLE:
            fragments.append(f"{PEOPLE[name]} changed from '{a}' to '{b}'")
        elif name in DATES:
            fragments.append(f"{DATES[name]} changed from {a or 'none'} to {b or 'none'}"
                             if a else f"{DATES[name]} set to {b}")
        elif name == "visibility":
            fragments.append("now published on the public site" if b == "public"
                             else "now shown on the intranet only")
        elif name == "key_measure":
            fragments.append("now a key measure" if b else "no longer a key measure")
        elif (label, name) in LINKS:
            links = list(_links(label, name, a, b, old, new, public))
            fragments += links
            if not links and _refs(a) == _refs(b):  # e.g. a service's 'how' reworded
                reworded.append("how it helps" if name == "contributes_to" else "links")
        elif label == "partner plan" and name == "priorities":
            fragments += _plan_priorities(was, now)
        elif isinstance(b, bool):
            fragments.append(f"{name.replace('_', ' ')} turned {'on' if b else 'off'}")
        elif name in CHOICES:
            fragments.append(f"{name.replace('_', ' ')} changed from {a} to {b}")
        else:
            reworded.append(name.replace("_", " "))
    if reworded:
        fragments.append(f"wording of {_and(reworded)} updated")
    return fragments


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
