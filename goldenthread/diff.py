"""What changed between two versions of the road map, in plain English.

:func:`compare` turns two road maps into sentences a reviewer (or a member of the
public) can read: items added, removed and renamed (same content under a new id), and
for items in both, the targets, figures, statuses, owners, dates, titles and links that
changed.  Other edits are summed up as "wording updated".  For the public audience both
versions are filtered first, so nothing internal is ever mentioned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .audience import for_audience
from .diff_fields import field_changes, labelled_ref
from .model import ITEM_KINDS
from .roadmap import Roadmap

SECTIONS = ("added", "removed", "renamed", "changed")
SECTION_TITLES = {"added": "Added", "removed": "Removed", "renamed": "Renamed",
                  "changed": "Changed"}


@dataclass(frozen=True)
class Change:
    """One change, as one sentence, in one of :data:`SECTIONS`."""

    section: str
    text: str


def _kinds() -> Iterator[tuple[str, str]]:
    """(attribute on the road map, label) for every kind kept one item per file."""
    for folder, (_model, label) in ITEM_KINDS.items():
        yield folder.replace("-", "_"), label


def title_of(item: Any) -> str:
    """An item's title as readers see it (its 'title' or 'name')."""
    return str(getattr(item, "title", None) or getattr(item, "name", None) or "")


def _name(label: str, item: Any) -> str:
    return f"{label[:1].upper()}{label[1:]} '{title_of(item)}'"


def _dump(item: Any) -> Any:
    return item.model_dump(mode="json")


def compare(old: Roadmap | None, new: Roadmap | None, audience: str = "internal"
            ) -> list[Change]:
    """Every change from ``old`` to ``new`` as seen by ``audience``, in a stable order.

    ``old`` None means the road map did not exist before (everything is added).
    """
    if audience == "public":
        old = for_audience(old, "public") if old is not None else None
        new = for_audience(new, "public") if new is not None else None
    public = audience == "public"
    changes: list[Change] = []
    if new is not None and old is not None:
        changes += _info_changes(old, new)
    for attribute, label in _kinds():
        before = getattr(old, attribute, {}) if old is not None else {}
        after = getattr(new, attribute, {}) if new is not None else {}
        changes += _kind_changes(label, before, after, old, new, public)
    if new is not None and old is not None:
        changes += _accountability_changes(old, new, public)
        changes += _glossary_changes(old, new)
    order = {s: i for i, s in enumerate(SECTIONS)}
    return sorted(changes, key=lambda c: order[c.section])  # stable within a section


def _kind_changes(label: str, before: dict, after: dict, old: Roadmap | None,
                  new: Roadmap | None, public: bool) -> list[Change]:
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
            changes.append(Change("renamed", f"{_name(label, after[match])}: its id changed "
                                  f"from '{old_id}' to '{match}'."))
    for item_id in added:
        changes.append(Change("added", f"{_name(label, after[item_id])}."))
    for item_id in removed:
        changes.append(Change("removed", f"{_name(label, before[item_id])}."))
    for item_id, item in after.items():
        if item_id in before and _dump(before[item_id]) != _dump(item):
            for fragment in field_changes(label, before[item_id], item, old, new, public):
                changes.append(Change("changed", f"{_name(label, item)}: {fragment}."))
    return changes


def _info_changes(old: Roadmap, new: Roadmap) -> list[Change]:
    was, now = old.info, new.info
    changes: list[Change] = []
    if was.vision != now.vision:
        changes.append(Change("changed", f"The vision now reads: '{now.vision}'."))
    if was.title != now.title:
        changes.append(Change("changed", f"The road map's title changed from '{was.title}' "
                              f"to '{now.title}'."))
    if was.owner != now.owner:
        changes.append(Change("changed", f"The road map's owner changed from '{was.owner}' "
                              f"to '{now.owner}'."))
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
    changes += [Change("added", f"Achievement '{t}'.") for t in after if t not in before]
    changes += [Change("removed", f"Achievement '{t}'.") for t in before if t not in after]
    changes += [Change("changed", f"Achievement '{t}': its details were updated.")
                for t in after if t in before and _dump(after[t]) != _dump(before[t])]
    return changes


def _accountability_changes(old: Roadmap, new: Roadmap, public: bool) -> list[Change]:
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
            subject = labelled_ref(roadmap, kind, item_id, public)
            if subject is None:
                continue  # not visible to this audience
            changes.append(Change(section, f"{role} ({organisation}) {verb} {responsibility} "
                                  f"for {subject} at the {level} level."))
    return changes


def _glossary_changes(old: Roadmap, new: Roadmap) -> list[Change]:
    before = {t.term.casefold(): t for t in old.glossary}
    after = {t.term.casefold(): t for t in new.glossary}
    changes = [Change("added", f"Glossary term '{t.term}'.")
               for k, t in after.items() if k not in before]
    changes += [Change("removed", f"Glossary term '{t.term}'.")
                for k, t in before.items() if k not in after]
    for key, term in after.items():
        if key not in before or _dump(before[key]) == _dump(term):
            continue
        was = before[key]
        new_avoid = [w for w in term.avoid if w not in was.avoid]
        if new_avoid:
            words = ", ".join(f"'{w}'" for w in new_avoid)
            changes.append(Change("changed", f"Glossary term '{term.term}': now used instead "
                                  f"of {words}."))
        if (was.meaning, was.stands_for, was.term) != (term.meaning, term.stands_for,
                                                       term.term):
            changes.append(Change("changed", f"Glossary term '{term.term}': its meaning was "
                                  "updated."))
    return changes


def as_markdown(changes: list[Change], heading: str | None = None,
                line: Callable[[str], str] = lambda text: text) -> str:
    """The changes as a Markdown summary, one bulleted list per section."""
    parts = [f"## {heading}\n"] if heading else []
    if not changes:
        parts.append("No changes to the road map's content.\n")
    for section in SECTIONS:
        lines = [c.text for c in changes if c.section == section]
        if lines:
            parts.append(f"**{SECTION_TITLES[section]}**\n")
            parts.append("\n".join(f"- {line(text)}" for text in lines) + "\n")
    return "\n".join(parts)
