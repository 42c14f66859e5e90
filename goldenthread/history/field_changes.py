"""The field-by-field part of the change summary: what changed inside one item.

Each function returns sentence fragments such as "target for 2013-14 changed from 20%
to 18%" that :mod:`goldenthread.history.compare` prefixes with the item's name.  Figures are shown
as pages show them (hidden small counts stay hidden).  Links to other items are named by
their titles; for the public audience a link to anything the public cannot see is left
out, so nothing internal is named.

Editor text is only ever quoted through :func:`quoted` (ids through :func:`quoted_id`):
on one line (a line break in a title cannot start a new line of the summary) and, for
the public audience, only when it passes today's guards (no email address or phone
number, nothing that looks like a person's name: :mod:`goldenthread.history.quotable`,
the one adapter to them).  Text that fails is not quoted: the sentence says what
changed without it ("owner changed").  Figures are shown as the indicator's page shows
them today: a count its indicator hides, then or now, reads "fewer than 6".

A budget's totals are the sum of its lines, internal lines included: for the public, a
change to the totals is never mentioned (it would say that a hidden line moved, and by
how much); the public hears of the lines it can see.

Each fragment also carries what it is *about* (:func:`subject` keys such as
``goal:help-early``), so that the public history can leave out every change naming
something that is no longer public (:mod:`goldenthread.history.changes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from goldenthread.history.quotable import Rules, as_rules, has_contact
from goldenthread.read.models import Indicator
from goldenthread.read.money_models import fte_text, money_text
from goldenthread.read.roadmap import Roadmap, targets_of
from goldenthread.read.units import with_unit

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
#: A budget's totals, and how a sentence shows them (to the intranet only).
TOTALS = {"total_money": ("total money", money_text), "total_staff": ("total staff", fte_text)}


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
    return not has_contact(text)


def quoted(text: Any, rules: Rules | bool) -> str | None:
    """``'text'`` on one line, or None when the reader may not be shown it (``rules``:
    True or False for the public or the intranet, or today's :class:`Rules`)."""
    if text is None:
        return None
    text = one_line(str(text))
    return f"'{text}'" if as_rules(rules).allows(text) else None


def quoted_id(item_id: Any, rules: Rules | bool) -> str | None:
    """``'id'``, or None when the reader may not be shown it (an id that is a name)."""
    text = one_line(str(item_id))
    return f"'{text}'" if as_rules(rules).allows_id(text) else None


def from_to(what: str, was: Any, now: Any, rules: Rules | bool, ids: bool = False) -> str:
    """"owner changed from 'A' to 'B'", leaving out whichever side may not be quoted
    (``ids``: the values are ids)."""
    quote = quoted_id if ids else quoted
    a, b = quote(was, rules), quote(now, rules)
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


def labelled_ref(roadmap: Roadmap, kind: str, item_id: str, rules: Rules | bool) -> str | None:
    """"goal 'Title'" for a reference; None when the public may not see what it names."""
    found = targets_of(roadmap, kind).get(item_id)
    noun = "partner-plan priority" if kind == "plan priority" else kind
    if found is None:
        return None if as_rules(rules).public else f"{noun} {quoted_id(item_id, rules)}"
    title = getattr(found, "title", None) or getattr(found, "name", None) or item_id
    name = quoted(title, rules)
    return f"{noun} {name}" if name else f"a {noun}"


def _target_text(indicator: Indicator, value: float) -> str:
    decimals = 0 if float(value).is_integer() else indicator.decimals
    return with_unit(indicator, f"{value:,.{decimals}f}")


def _differences(before: dict, after: dict) -> Iterator[tuple[str, Any, Any]]:
    """(period, old value, new value) for each period whose value differs, in order;
    None stands for a value that is not there."""
    for period in sorted(set(before) | set(after)):
        a, b = before.get(period), after.get(period)
        if a != b:
            yield period, a, b


def _figures(indicator: Indicator, noun: str, was: dict, now: dict, rules: Rules,
             item_id: str) -> Iterator[str]:

    def shown(value: float) -> str:
        return rules.figure(indicator, item_id, value)

    for period, a, b in _differences(was, now):
        if a is None:
            yield f"new {noun} for {period}: {shown(b)}"
        elif b is None:
            yield f"{noun} for {period} removed"
        elif shown(a) == shown(b):
            yield f"{noun} for {period} revised"
        else:
            yield f"{noun} for {period} changed from {shown(a)} to {shown(b)}"


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
           new: Roadmap | None, rules: Rules | bool) -> Iterator[Fragment]:
    kind, verb = LINKS[(label, name)]
    before, after = _refs(was), _refs(now)
    for ref in after:
        if ref not in before and new is not None:
            named = labelled_ref(new, kind, ref, rules)
            if named:
                yield f"now {verb} {named}", (subject(kind, ref),)
    for ref in before:
        if ref not in after and old is not None:
            named = labelled_ref(old, kind, ref, rules)
            if named:
                yield f"no longer {verb} {named}", (subject(kind, ref),)


def _priority(p: Any, rules: Rules | bool) -> str:
    title = quoted(p.title, rules)
    return f"priority {title}" if title else "a priority"


def _plan_priorities(was: Any, now: Any, rules: Rules | bool) -> Iterator[str]:
    before = {p.id: p for p in was.priorities}
    after = {p.id: p for p in now.priorities}
    for pid, p in after.items():
        if pid not in before:
            title = quoted(p.title, rules)
            yield f"new priority {title}" if title else "a new priority"
            continue
        old = before[pid]
        if old.title != p.title:
            now_title = quoted(p.title, rules)
            yield (f"{_priority(old, rules)} now reads {now_title}" if now_title
                   else f"{_priority(old, rules)} was reworded")
        if p.out_of_scope and not old.out_of_scope:
            why = quoted(p.out_of_scope, rules)
            yield f"{_priority(p, rules)} marked out of scope" + (f": {why}" if why else "")
        elif old.out_of_scope and not p.out_of_scope:
            yield f"{_priority(p, rules)} is no longer out of scope"
        elif old.out_of_scope != p.out_of_scope:  # out of scope before and after
            why = quoted(p.out_of_scope, rules)
            yield (f"{_priority(p, rules)} is out of scope for a new reason"
                   + (f": {why}" if why else ""))
    for pid, p in before.items():
        if pid not in after:
            yield f"{_priority(p, rules)} removed"


def field_changes(label: str, was: Any, now: Any, old: Roadmap | None, new: Roadmap | None,
                  rules: Rules | bool, item_id: str = "") -> list[Fragment]:
    """What changed inside one item (``item_id``), most telling first: each fragment with
    the other items it names (links), so that a change naming an item since made
    internal can be left out of the public history."""
    rules = as_rules(rules)
    fragments: list[Fragment] = []
    reworded: list[str] = []

    def add(*texts: str) -> None:
        fragments.extend((text, ()) for text in texts)

    for name in type(now).model_fields:
        a, b = getattr(was, name, None), getattr(now, name, None)
        if a == b or name in IGNORED:
            continue
        if name in ("title", "name"):
            add(from_to("title", a, b, rules))
        elif name == "targets":
            add(*_targets(now, was))
        elif name in FIGURES and isinstance(now, Indicator):
            add(*_figures(now, FIGURES[name], a or {}, b or {}, rules, item_id))
        elif name == "compare" and isinstance(now, Indicator):
            for key in sorted(set(a or {}) | set(b or {})):  # each comparator by its id
                add(*_figures(now, f"'{key}' figure", (a or {}).get(key, {}),
                              (b or {}).get(key, {}), rules, item_id))
        elif label == "budget" and name in ("services", "priorities"):
            add(f"its lines for {name} changed")  # (for the public, the lines it can see)
        elif name in TOTALS and label == "budget":
            if not rules.public:  # the public would learn that a hidden line moved
                what, shown = TOTALS[name]
                add(f"{what} changed from {shown(a)} to {shown(b)}")
        elif name == "status":
            add(f"progress changed from {STATUS_WORDS.get(a, a)} to {STATUS_WORDS.get(b, b)}")
        elif name in PEOPLE:
            add(from_to(PEOPLE[name], a, b, rules))
        elif name in DATES:
            add(f"{DATES[name]} changed from {a or 'none'} to {b or 'none'}"
                if a else f"{DATES[name]} set to {b}")
        elif name == "visibility":
            add("now published on the public site" if b == "public"
                else "now shown on the intranet only")
        elif name == "key_measure":
            add("now a key measure" if b else "no longer a key measure")
        elif (label, name) in LINKS:
            links = list(_links(label, name, a, b, old, new, rules))
            fragments.extend(links)
            if not links and _refs(a) == _refs(b):  # e.g. a service's 'how' reworded
                reworded.append("how it helps" if name == "contributes_to" else "links")
        elif label == "partner plan" and name == "priorities":
            add(*_plan_priorities(was, now, rules))
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
