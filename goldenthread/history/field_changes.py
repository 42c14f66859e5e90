"""The field-by-field part of the change summary: what changed inside one item.

Each function returns sentence fragments such as "target for 2013-14 changed from 20%
to 18%" that :mod:`goldenthread.history.compare` prefixes with the item's name.  Figures are shown
as pages show them (hidden small counts stay hidden).  Links to other items are named by
their titles; for the public audience a link to anything the public cannot see is left
out, so nothing internal is named.

Editor text is only ever quoted through :func:`quoted`: on one line (a line break in a
title cannot start a new line of the summary) and, for the public audience, only when
it passes today's personal-data guard (no email address or UK phone number, see
:func:`goldenthread.check.personal_data.contacts_in`).  Text that fails is not quoted:
the sentence says what changed without it ("owner changed").

Each fragment also carries what it is *about* (:func:`subject` keys such as
``goal:help-early``), so that the public history can leave out every change naming
something that is no longer public (:mod:`goldenthread.history.changes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from goldenthread.check.personal_data import contacts_in
from goldenthread.derive.trend import UNIT_SUFFIX, shown_value
from goldenthread.read.models import Indicator
from goldenthread.read.roadmap import Roadmap, targets_of

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


#: Line breaks of every kind (and other control characters): none may reach a summary,
#: where each line is one change.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` with every line break (\\n, \\r, U+0085, U+2028, U+2029, ...) and
    control character turned into a space: one change is always one line."""
    return _BREAKS.sub(" ", text)


def passes_guard(text: str) -> bool:
    """True when ``text`` holds no email address or UK phone number (the public
    personal-data guard; organisational contacts are not exempt here: when in doubt, the
    history does not quote)."""
    return next(iter(contacts_in(text)), None) is None


def quoted(text: Any, public: bool) -> str | None:
    """``'text'`` on one line, or None when the public may not be shown it."""
    if text is None:
        return None
    text = one_line(str(text))
    if public and not passes_guard(text):
        return None
    return f"'{text}'"


def from_to(what: str, was: Any, now: Any, public: bool) -> str:
    """"owner changed from 'A' to 'B'", leaving out whichever side may not be quoted."""
    a, b = quoted(was, public), quoted(now, public)
    if a and b:
        return f"{what} changed from {a} to {b}"
    if b:
        return f"{what} changed to {b}"
    return f"{what} changed"


def subject(kind: str, item_id: str) -> str:
    """The key of what a change is about: 'goal:help-early'.  A partner plan's priority
    ('cypp/early-help') is about its plan, whose visibility it shares."""
    if kind == "plan priority":
        return f"partner plan:{item_id.partition('/')[0]}"
    return f"{kind}:{item_id}"


def labelled_ref(roadmap: Roadmap, kind: str, item_id: str, public: bool) -> str | None:
    """"goal 'Title'" for a reference; None when the public may not see what it names."""
    found = targets_of(roadmap, kind).get(item_id)
    noun = "partner-plan priority" if kind == "plan priority" else kind
    if found is None:
        return None if public else f"{noun} {quoted(item_id, public)}"
    title = getattr(found, "title", None) or getattr(found, "name", None) or item_id
    name = quoted(title, public)
    return f"{noun} {name}" if name else f"a {noun}"


def _target_text(indicator: Indicator, value: float) -> str:
    decimals = 0 if float(value).is_integer() else indicator.decimals
    return f"{value:,.{decimals}f}{UNIT_SUFFIX[indicator.unit]}"


def _differences(before: dict, after: dict) -> Iterator[tuple[str, Any, Any]]:
    """(period, old value, new value) for each period whose value differs, in order;
    None stands for a value that is not there."""
    for period in sorted(set(before) | set(after)):
        a, b = before.get(period), after.get(period)
        if a != b:
            yield period, a, b


def _figures(indicator: Indicator, name: str, was: dict, now: dict) -> Iterator[str]:
    noun = FIGURES[name]
    for period, a, b in _differences(was, now):
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
    for period, a, b in _differences(before, after):
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


#: A fragment of a sentence and the subjects (beyond the item itself) it names.
Fragment = tuple[str, tuple[str, ...]]


def _links(label: str, name: str, was: Any, now: Any, old: Roadmap | None,
           new: Roadmap | None, public: bool) -> Iterator[Fragment]:
    kind, verb = LINKS[(label, name)]
    before, after = _refs(was), _refs(now)
    for ref in after:
        if ref not in before and new is not None:
            named = labelled_ref(new, kind, ref, public)
            if named:
                yield f"now {verb} {named}", (subject(kind, ref),)
    for ref in before:
        if ref not in after and old is not None:
            named = labelled_ref(old, kind, ref, public)
            if named:
                yield f"no longer {verb} {named}", (subject(kind, ref),)


def _priority(p: Any, public: bool) -> str:
    title = quoted(p.title, public)
    return f"priority {title}" if title else "a priority"


def _plan_priorities(was: Any, now: Any, public: bool) -> Iterator[str]:
    before = {p.id: p for p in was.priorities}
    after = {p.id: p for p in now.priorities}
    for pid, p in after.items():
        if pid not in before:
            title = quoted(p.title, public)
            yield f"new priority {title}" if title else "a new priority"
            continue
        old = before[pid]
        if old.title != p.title:
            now_title = quoted(p.title, public)
            yield (f"{_priority(old, public)} now reads {now_title}" if now_title
                   else f"{_priority(old, public)} was reworded")
        if p.out_of_scope and not old.out_of_scope:
            why = quoted(p.out_of_scope, public)
            yield f"{_priority(p, public)} marked out of scope" + (f": {why}" if why else "")
        elif old.out_of_scope and not p.out_of_scope:
            yield f"{_priority(p, public)} is no longer out of scope"
        elif old.out_of_scope != p.out_of_scope:  # out of scope before and after
            why = quoted(p.out_of_scope, public)
            yield (f"{_priority(p, public)} is out of scope for a new reason"
                   + (f": {why}" if why else ""))
    for pid, p in before.items():
        if pid not in after:
            yield f"{_priority(p, public)} removed"


def field_changes(label: str, was: Any, now: Any, old: Roadmap | None, new: Roadmap | None,
                  public: bool) -> list[Fragment]:
    """What changed inside one item, most telling first: each fragment with the other
    items it names (links), so that a change naming an item since made internal can be
    left out of the public history."""
    fragments: list[Fragment] = []
    reworded: list[str] = []

    def add(*texts: str) -> None:
        fragments.extend((text, ()) for text in texts)

    for name in type(now).model_fields:
        a, b = getattr(was, name, None), getattr(now, name, None)
        if a == b or name in IGNORED:
            continue
        if name in ("title", "name"):
            add(from_to("title", a, b, public))
        elif name == "targets":
            add(*_targets(now, was))
        elif name in FIGURES and isinstance(now, Indicator):
            add(*_figures(now, name, a or {}, b or {}))
        elif name == "status":
            add(f"progress changed from {STATUS_WORDS.get(a, a)} to {STATUS_WORDS.get(b, b)}")
        elif name in PEOPLE:
            add(from_to(PEOPLE[name], a, b, public))
        elif name in DATES:
            add(f"{DATES[name]} changed from {a or 'none'} to {b or 'none'}"
                if a else f"{DATES[name]} set to {b}")
        elif name == "visibility":
            add("now published on the public site" if b == "public"
                else "now shown on the intranet only")
        elif name == "key_measure":
            add("now a key measure" if b else "no longer a key measure")
        elif (label, name) in LINKS:
            links = list(_links(label, name, a, b, old, new, public))
            fragments.extend(links)
            if not links and _refs(a) == _refs(b):  # e.g. a service's 'how' reworded
                reworded.append("how it helps" if name == "contributes_to" else "links")
        elif label == "partner plan" and name == "priorities":
            add(*_plan_priorities(was, now, public))
        elif isinstance(b, bool):
            add(f"{name.replace('_', ' ')} turned {'on' if b else 'off'}")
        elif name in CHOICES:
            add(f"{name.replace('_', ' ')} changed from {a} to {b}")
        else:
            reworded.append(name.replace("_", " "))
    if reworded:
        add(f"wording of {_and(reworded)} updated")
    return fragments


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
