"""Placeholders left in: 'TO DO', 'TBC', 'TBA', 'XXX', 'lorem ipsum', and 'to-do-...' ids.

``goldenthread new`` and ``goldenthread init`` write files whose text reads ``TO DO``
and whose items are named ``to-do-...`` until an editor fills them in.  A hurried editor
may keep one, and a placeholder such as 'TBC' is as easily typed by hand.  Each one the
audience would see is reported at its file and line: an error for the public site,
which is not built while one remains, and a warning on the intranet, so that a road
map started with ``goldenthread init`` builds for staff at once.

The text is walked by the one walker of reader text
(:func:`goldenthread.derive.reader_text.text_fields`), ids and fixed choices included.
An owner or lead that is only a placeholder ('TBC') is left to the owners check
(``[placeholder-owner]``), so it is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from goldenthread.check.alignment import OWNER_FIELDS, is_placeholder
from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.reader_text import records, text_fields
from goldenthread.problems import Problem

#: Placeholder words: exact capitals for 'TO DO', 'TODO', 'TBC', 'TBA', 'TBD', 'XXX', so
#: that the ordinary words 'to do' stay allowed; 'lorem ipsum' in any case.
PLACEHOLDER = re.compile(
    r"(?<![\w-])(?:TO[ _-]?DO|TBC|TBA|TBD|XXX+|(?i:lorem(?:\s+ipsum)?))(?![\w-])")
#: An id a stub gave and nobody changed: 'to-do', 'to-do-goal'.
PLACEHOLDER_ID = re.compile(r"^to-do(?:-|$)")


def placeholder_in(text: str) -> str | None:
    """The first placeholder in ``text`` (e.g. 'TO DO'), or None."""
    found = PLACEHOLDER.search(text)
    return found.group(0) if found else None


def without_placeholders(text: str) -> str:
    """``text`` with every placeholder blanked out (so 'TO DO' is not also an abbreviation)."""
    return PLACEHOLDER.sub(" ", text)


def _level(context: CheckContext) -> str | None:
    return None if context.audience == "public" else "warning"


def _after(context: CheckContext) -> str:
    if context.audience == "public":
        return "the public site is not built while one remains"
    return "the public site will not be built with it"


@check
def placeholder_text(context: CheckContext) -> Iterable[Problem]:
    """Text the audience would see that is, or holds, a placeholder."""
    roadmap = context.roadmap
    for field in text_fields(roadmap, context.audience, prose_only=False):
        if field.name in OWNER_FIELDS and is_placeholder(field.text):
            continue  # reported by the owners check
        word = placeholder_in(field.text)
        if word is not None:
            yield Problem(
                roadmap.where(field.kind, field.item_id, *field.loc),
                f"{field.label}: '{field.field}' still says '{word}'; write the real "
                f"{field.name.replace('_', ' ')} in its place ({_after(context)})",
                "placeholder", _level(context))
        elif field.name == "id" and PLACEHOLDER_ID.match(field.text):
            yield Problem(
                roadmap.where(field.kind, field.item_id, *field.loc),
                f"{field.label}: the id '{field.text}' in '{field.field}' is a placeholder; "
                f"give it a real id, such as 'help-at-home', and change every "
                f"reference to it ({_after(context)})", "placeholder", _level(context))


@check
def placeholder_ids(context: CheckContext) -> Iterable[Problem]:
    """Items whose id (their file name) is still a stub's 'to-do-...' id."""
    public = context.audience == "public"
    for record in records(context.roadmap):
        if record.kind.single_file or (public and not record.published):
            continue
        if PLACEHOLDER_ID.match(record.item_id):
            yield Problem(
                context.roadmap.where(record.kind.label, record.item_id),
                f"{record.label}: '{record.item_id}' is a placeholder id; rename the file to "
                f"say what it is, e.g. 'home-visits.yml', and change every reference to it "
                f"({_after(context)})", "placeholder", _level(context))
