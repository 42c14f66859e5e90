"""What changed between two versions of the road map, in plain English.

:func:`compare` turns two road maps into sentences a reviewer (or a member of the
public) can read: items added, removed and renamed (same content under a new id), and
for items in both, the targets, figures, statuses, owners, dates, titles and links that
changed.  Other edits are summed up as "wording updated".  For the public audience both
versions are filtered first, so nothing internal is ever mentioned, and editor text is
quoted only when it passes today's public guards (see
:mod:`goldenthread.history.quotable`).  Every sentence is one line, whatever the text
holds.  Each public change also carries the same sentence quoting nothing
(:attr:`Change.plain`), said instead when the road map as it is now forbids a value the
sentence quotes (the title of an item since made internal).

Each change records what it is about (:attr:`Change.about`: the item, achievement,
glossary term or accountability, and any item it names), so the public history can leave
out every change about something no longer public, whatever it was called then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from goldenthread.derive.audience import for_audience
from goldenthread.history.field_changes import (
    field_changes,
    from_to,
    labelled_ref,
    one_line,
    passes_guard,
    quoted,
    subject,
)
from goldenthread.history.quotable import Rules, as_rules, suppressing
from goldenthread.read.kinds import ITEM_KINDS
from goldenthread.read.roadmap import Roadmap

SECTIONS = ("added", "removed", "renamed", "changed")
SECTION_TITLES = {"added": "Added", "removed": "Removed", "renamed": "Renamed",
                  "changed": "Changed"}


@dataclass(frozen=True)
class Change:
    """One change, as one sentence, in one of :data:`SECTIONS`."""

    section: str
    text: str
    #: Subject keys (``goal:help-early``, ``achievement:<title>``, ``term:<term>``,
    #: ``accountability:<...>``) of everything the sentence is about or names.
    about: tuple[str, ...] = ()
    #: The same change said without quoting anything (public changes only; not compared).
    plain: str = field(default="", compare=False)


def _kinds() -> Iterator[tuple[str, str]]:
    """(attribute on the road map, label) for every kind kept one item per file."""
    for folder, (_model, label) in ITEM_KINDS.items():
        yield folder.replace("-", "_"), label


def title_of(item: Any) -> str:
    """An item's title as readers see it (its 'title' or 'name')."""
    return str(getattr(item, "title", None) or getattr(item, "name", None) or "")


def _name(label: str, item: Any, rules: Rules | bool = False) -> str:
    """"Goal 'Title'"; "A goal" when the title may not be quoted to the public."""
    title = quoted(title_of(item), rules)
    return f"{label[:1].upper()}{label[1:]} {title}" if title else f"A {label}"


def achievement_key(title: str) -> str:
    return f"achievement:{title.casefold()}"


def term_key(term: str) -> str:
    return f"term:{term.casefold()}"


def accountability_key(a: Any) -> str:
    return "accountability:" + "|".join(
        str(part) for part in (a.role, a.organisation, a.level, a.responsibility, *a.subject))


def subjects(roadmap: Roadmap) -> dict[str, bool]:
    """Every subject key of the (unfiltered) road map -> whether the public may see it.
    A key shared by several entries is public only when all of them are."""
    found: dict[str, bool] = {}

    def note(key: str, record: Any) -> None:
        found[key] = found.get(key, True) and getattr(record, "visibility", None) == "public"

    for attribute, label in _kinds():
        for item_id, item in (getattr(roadmap, attribute, None) or {}).items():
            note(subject(label, item_id), item)
    for achievement in roadmap.info.achievements:
        note(achievement_key(achievement.title), achievement)
    for term in roadmap.glossary:
        note(term_key(term.term), term)
    for accountability in roadmap.accountabilities:
        note(accountability_key(accountability), accountability)
    return found


def _dump(item: Any) -> Any:
    return item.model_dump(mode="json")


def compare(old: Roadmap | None, new: Roadmap | None, audience: str = "internal",
            hiding: frozenset[str] = frozenset()) -> list[Change]:
    """Every change from ``old`` to ``new`` as seen by ``audience``, in a stable order.

    ``old`` None means the road map did not exist before (everything is added).
    ``hiding``: ids of the indicators that hide small counts today (besides those that
    hid them in ``old`` or ``new``).
    """
    public = audience == "public"
    if public:
        old = for_audience(old, "public") if old is not None else None
        new = for_audience(new, "public") if new is not None else None
    rules = Rules(public, suppressing=hiding | suppressing(old, new))
    if not public:
        return _changes(old, new, rules)
    changes = _changes(old, new, rules.with_words_of(old, new))
    # Each change is made whether or not its values are quoted, in the same order.
    plain = _changes(old, new, Rules(public, suppressing=rules.suppressing, silent=True))
    return [Change(c.section, c.text, c.about, p.text) for c, p in zip(changes, plain,
                                                                           strict=True)]


def _changes(old: Roadmap | None, new: Roadmap | None, rules: Rules) -> list[Change]:
    changes: list[Change] = []
    if new is not None and old is not None:
        changes += _info_changes(old, new, rules)
    for attribute, label in _kinds():
        before = getattr(old, attribute, {}) if old is not None else {}
        after = getattr(new, attribute, {}) if new is not None else {}
        changes += _kind_changes(label, before, after, old, new, rules)
    if new is not None and old is not None:
        changes += _accountability_changes(old, new, rules)
        changes += _glossary_changes(old, new, rules)
    order = {s: i for i, s in enumerate(SECTIONS)}
    changes = [Change(c.section, _safe_text(c.text, rules), c.about) for c in changes]
    return sorted(changes, key=lambda c: order[c.section])  # stable within a section


#: Said instead of a sentence that would still show the public a contact detail (the
#: parts of each sentence are guarded one by one; this is the net under them).
UNQUOTABLE = "Some details of the road map were updated."


def _safe_text(text: str, rules: Rules | bool) -> str:
    text = one_line(text)
    return UNQUOTABLE if as_rules(rules).public and not passes_guard(text) else text


def _kind_changes(label: str, before: dict, after: dict, old: Roadmap | None,
                  new: Roadmap | None, rules: Rules | bool) -> list[Change]:
    changes: list[Change] = []
    added = [i for i in after if i not in before]
    removed = [i for i in before if i not in after]
    # Same content under a new id: a rename, not a removal and an addition.
    for old_id in list(removed):
        match = next((new_id for new_id in added
                      if _dump(after[new_id]) == _dump(before[old_id])), None)
        if match is not None:
            removed.remove(old_id)
            added.remove(match)
            about = (subject(label, old_id), subject(label, match))
            changes.append(Change("renamed", f"{_name(label, after[match], rules)}: "
                                  f"{from_to('its id', old_id, match, rules, ids=True)}.", about))
    for item_id in added:
        changes.append(Change("added", f"{_name(label, after[item_id], rules)}.",
                              (subject(label, item_id),)))
    for item_id in removed:
        changes.append(Change("removed", f"{_name(label, before[item_id], rules)}.",
                              (subject(label, item_id),)))
    for item_id, item in after.items():
        if item_id in before and _dump(before[item_id]) != _dump(item):
            for fragment, names in field_changes(label, before[item_id], item, old, new,
                                                 rules, item_id):
                changes.append(Change("changed", f"{_name(label, item, rules)}: {fragment}.",
                                      (subject(label, item_id), *names)))
    return changes


def _info_changes(old: Roadmap, new: Roadmap, rules: Rules | bool) -> list[Change]:
    was, now = old.info, new.info
    changes: list[Change] = []
    if was.vision != now.vision:
        vision = quoted(now.vision, rules)
        changes.append(Change("changed", f"The vision now reads: {vision}." if vision
                              else "The vision was updated."))
    if was.title != now.title:
        text = from_to("The road map's title", was.title, now.title, rules)
        changes.append(Change("changed", f"{text}."))
    if was.owner != now.owner:
        text = from_to("The road map's owner", was.owner, now.owner, rules)
        changes.append(Change("changed", f"{text}."))
    if was.last_reviewed != now.last_reviewed:
        changes.append(Change("changed", f"The road map was reviewed on {now.last_reviewed}."))
    if was.review_by != now.review_by:
        changes.append(Change("changed", f"The road map's next review date changed from "
                              f"{was.review_by} to {now.review_by}."))
    for name in ("why_it_matters", "benefits", "organisation"):
        if getattr(was, name) != getattr(now, name):
            changes.append(Change("changed", f"The road map's {name.replace('_', ' ')} was "
                                  "updated."))
    before = {a.title: a for a in was.achievements}
    after = {a.title: a for a in now.achievements}

    def named(title: str) -> str:
        text = quoted(title, rules)
        return f"Achievement {text}" if text else "An achievement"

    changes += [Change("added", f"{named(t)}.", (achievement_key(t),))
                for t in after if t not in before]
    changes += [Change("removed", f"{named(t)}.", (achievement_key(t),))
                for t in before if t not in after]
    changes += [Change("changed", f"{named(t)}: its details were updated.",
                       (achievement_key(t),))
                for t in after if t in before and _dump(after[t]) != _dump(before[t])]
    return changes


def _accountability_changes(old: Roadmap, new: Roadmap, rules: Rules | bool) -> list[Change]:
    def keyed(roadmap: Roadmap) -> dict[tuple, Any]:
        return {(a.role, a.organisation, a.level, a.responsibility, *a.subject): a
                for a in roadmap.accountabilities}

    before, after = keyed(old), keyed(new)
    changes: list[Change] = []
    for keys, section, verb, roadmap in ((after, "added", "is now", new),
                                         (before, "removed", "is no longer", old)):
        others = before if section == "added" else after
        for key in keys:
            if key in others:
                continue
            role, organisation, level, responsibility, kind, item_id = key
            named = labelled_ref(roadmap, kind, item_id, rules)
            if named is None:
                continue  # not visible to this audience
            who = (f"{one_line(role)} ({one_line(organisation)})"
                   if quoted(role, rules) and quoted(organisation, rules) else "A role")
            changes.append(Change(section, f"{who} {verb} {responsibility} for {named} at "
                                  f"the {level} level.",
                                  (accountability_key(keys[key]), subject(kind, item_id))))
    return changes


def _glossary_changes(old: Roadmap, new: Roadmap, rules: Rules | bool) -> list[Change]:
    before = {t.term.casefold(): t for t in old.glossary}
    after = {t.term.casefold(): t for t in new.glossary}

    def named(term: Any) -> str:
        text = quoted(term.term, rules)
        return f"Glossary term {text}" if text else "A glossary term"

    changes = [Change("added", f"{named(t)}.", (term_key(t.term),))
               for k, t in after.items() if k not in before]
    changes += [Change("removed", f"{named(t)}.", (term_key(t.term),))
                for k, t in before.items() if k not in after]
    for key, term in after.items():
        if key not in before or _dump(before[key]) == _dump(term):
            continue
        was = before[key]
        new_avoid = [quoted(w, rules) for w in term.avoid if w not in was.avoid]
        shown = [w for w in new_avoid if w]
        if shown:
            words = ", ".join(shown)
            changes.append(Change("changed", f"{named(term)}: now used instead of {words}.",
                                  (term_key(term.term),)))
        elif new_avoid:
            changes.append(Change("changed", f"{named(term)}: the words it replaces were "
                                  "updated.", (term_key(term.term),)))
        if (was.meaning, was.stands_for, was.term) != (term.meaning, term.stands_for,
                                                       term.term):
            changes.append(Change("changed", f"{named(term)}: its meaning was updated.",
                                  (term_key(term.term),)))
    return changes


def as_markdown(changes: list[Change], heading: str | None = None,
                line: Callable[[str], str] = lambda text: text) -> str:
    """The changes as a Markdown summary, one bulleted list per section, one line per
    change (``line`` escapes each sentence, e.g.
    :func:`goldenthread.history.changes.markdown_escape`)."""
    parts = [f"## {heading}\n"] if heading else []
    if not changes:
        parts.append("No changes to the road map's content.\n")
    for section in SECTIONS:
        lines = [c.text for c in changes if c.section == section]
        if lines:
            parts.append(f"**{SECTION_TITLES[section]}**\n")
            parts.append("\n".join(f"- {line(one_line(text))}" for text in lines) + "\n")
    return "\n".join(parts)
