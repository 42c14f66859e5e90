"""Internal titles in public text: a warning when public text repeats an internal item's title.

An internal action, service or story is left out of the public site, but its title can
still reach the public when an editor pastes it into public text ("as agreed in *Close
the Smith Road children's home*").  In the public build, this check warns for every
piece of public text (found by :func:`goldenthread.derive.reader_text.text_fields`) that
contains the title of something marked internal — an item of any kind, or an entry
such as an achievement — naming both places: the public text's file and line, and the
internal item's.

The comparison ignores letter case and runs of spaces, and reads the text as a reader
sees it (:mod:`goldenthread.derive.normalised_text`).  Only titles of at least
:data:`MIN_WORDS` words or :data:`MIN_CHARS` characters count: a short title ("Early
help") is an everyday phrase more often than a leak.  It is a warning, not an error: the
words may be harmless, and the editor decides.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.memo import IdentityMemo, Memo
from goldenthread.derive.normalised_text import one_spaced, reader_text, without_markup
from goldenthread.derive.reader_text import hidden_records, records, text_fields
from goldenthread.problems import Location, Problem
from goldenthread.read.roadmap import Roadmap

MIN_WORDS = 4
MIN_CHARS = 20
#: The fields that hold a record's title, in the order tried.
TITLE_FIELDS = ("title", "name")


@dataclasses.dataclass(frozen=True)
class InternalTitle:
    """The title of something not public, and where it is written."""

    title: str
    compare: str
    label: str
    where: Location


def comparable(text: str) -> str:
    """``text`` as compared: as a reader sees it, one-spaced, case-folded."""
    return one_spaced(without_markup(reader_text(text))).casefold()



def _title_of(record: BaseModel) -> str | None:
    """The record's title (or name), when it has one long enough to count."""
    field = next((f for f in TITLE_FIELDS if isinstance(getattr(record, f, None), str)), None)
    if field is None:
        return None
    compare = comparable(getattr(record, field))
    if len(compare.split()) < MIN_WORDS and len(compare) < MIN_CHARS:
        return None
    return field


def _titled(value: BaseModel) -> tuple[tuple[tuple[Any, ...], BaseModel, str], ...]:
    """(path, record, title field) for each record in ``value`` not public, with a title
    long enough to count."""
    return tuple((loc, record, field) for loc, record in hidden_records(value)
                 if (field := _title_of(record)) is not None)


#: _titled of each record, remembered by the record (frozen) from one road map to the next.
_titled_in = IdentityMemo(_titled)


def internal_titles(roadmap: Roadmap) -> list[InternalTitle]:
    """Every title, long enough to count, of an item or entry that is not public."""
    found = []
    _titled_in.new_run()
    for place in records(roadmap):
        for loc, record, field in _titled_in(place.value):
            title = one_spaced(getattr(record, field))
            label = place.label
            if loc:  # an entry inside a file or item, e.g. an achievement in roadmap.yml
                label = f"{label} ({type(record).__name__.lower()})"
            where = roadmap.where(place.kind_label, place.item_id, *place.loc, *loc, field)
            found.append(InternalTitle(title, comparable(title), label, where))
    return found


@lru_cache(maxsize=1)
def _title_patterns(compares: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((c, re.compile(rf"(?<!\w){re.escape(c)}(?!\w)")) for c in compares)


def _repeated(text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[int, ...]:
    """Which of the internal titles (their comparable forms, with their patterns)
    ``text`` repeats, by position."""
    seen = comparable(text)
    return tuple(i for i, (compare, pattern) in enumerate(patterns)
                 if compare in seen and pattern.search(seen))


#: _repeated of each text, remembered while the internal titles stay the same.
_repeats: Memo[str, tuple[int, ...]] = Memo(_repeated)


@check
def internal_titles_in_public_text(context: CheckContext) -> Iterable[Problem]:
    """Public text that repeats the title of an internal item (public build only)."""
    if context.audience != "public":
        return
    roadmap = context.roadmap
    titles = internal_titles(roadmap)
    if not titles:
        return
    # Other titles than the last run's: every text's result is forgotten.
    _repeats.new_run(_title_patterns(tuple(t.compare for t in titles)))
    for piece in text_fields(roadmap, "public", prose_only=False):
        for internal in map(titles.__getitem__, _repeats(piece.text)):
            yield Problem(
                roadmap.where(piece.kind, piece.item_id, *piece.loc),
                f"{piece.label}: '{piece.name}' repeats the title of the internal "
                f"{internal.label}, '{internal.title}' ({internal.where}), so the public site "
                "would show it; reword the public text, or make that item public if it may "
                "be shown", "internal-title")
