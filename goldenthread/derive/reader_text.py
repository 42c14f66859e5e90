"""Every piece of text a reader will see, with where it was written: the one walker.

Every check that reads public text, and the health page, walk the road map's text here,
by the public filter's own rules (:mod:`.public_filter`): for the public site, an item
or an entry of a single file counts only when it says ``visibility: public`` (blockages
and named officers never do), the road map's own file always, and inside each, a record
that has a ``visibility`` and does not say ``public`` is left out with everything in
it.  The intranet sees everything.  The full road map is walked, not a filtered copy,
so each piece keeps the path of its field (list positions included) and a problem can
point at the file and line where it was written.

Each piece says whether it is prose for readers (:attr:`TextField.prose`): ids, fixed
choices and editor-only lists are text the public site may show (so the personal-data
guard reads them) but not prose (so the plain-language checks and the readability
table do not).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from goldenthread.derive.memo import IdentityMemo
from goldenthread.derive.public_filter import has_visibility, is_public
from goldenthread.read.kinds import KINDS, Kind
from goldenthread.read.models import Term
from goldenthread.read.roadmap import Roadmap

#: Fields that hold ids, fixed choices or editor-only lists, never prose for readers.
NOT_PROSE = frozenset({
    "visibility", "status", "unit", "polarity", "kind", "rba", "level", "responsibility",
    "goal", "priority", "action", "id", "serves", "goals", "services", "avoid",
    "service", "indicator", "partner", "stage", "year",
    # periods, dates and codes: values, not sentences a reader reads
    "baseline", "by", "due", "period", "phone", "principle", "rating", "indicators",
})

#: An abbreviation: a word of two or more capital letters, such as 'NHS' or 'WSCB'.
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")

#: How a piece of text names a single file as its kind ('file', as in locations).
FILE = "file"


@dataclass(frozen=True)
class TextField:
    """One piece of reader-facing text and where it came from."""

    kind: str  # 'goal', 'service'... or 'file' for roadmap.yml, glossary.yml...
    item_id: str  # the item's id, or the file name
    loc: tuple[Any, ...]  # the field path inside the item or file
    text: str
    #: Prose for readers, not an id, a fixed choice or an editor-only list.
    prose: bool = True

    @property
    def label(self) -> str:
        """How messages name the item: "goal 'x'" or the file name."""
        return self.item_id if self.kind == FILE else f"{self.kind} '{self.item_id}'"

    @property
    def field(self) -> str:
        """The field's name as an editor wrote it, e.g. 'what_changes.before'."""
        return ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in self.loc
                        ).replace(".[", "[")

    @functools.cached_property
    def name(self) -> str:
        """The name of the field itself ('before'), or 'text' for a file of plain text."""
        return next((p for p in reversed(self.loc) if isinstance(p, str)), "text")


@dataclass(frozen=True)
class Record:
    """An item, a single file's entry, or the road map's own file, and where it is written."""

    kind: Kind
    item_id: str  # the item's id, or the file name
    loc: tuple[Any, ...]  # its path inside the file: () or ('terms', 3)
    value: BaseModel

    @property
    def kind_label(self) -> str:
        """Its kind as locations name it: 'goal', or 'file' for a single file's entries."""
        return FILE if self.kind.single_file else self.kind.label

    @property
    def label(self) -> str:
        """How messages name it: "goal 'x'" or the file name."""
        return self.item_id if self.kind.single_file else f"{self.kind.label} '{self.item_id}'"

    @property
    def published(self) -> bool:
        """Would the public site show it (before looking inside it)?"""
        if self.kind.internal_only:
            return False
        if self.kind.single_file and self.kind.entries is None:
            return True  # roadmap.yml: always shown, entries filtered inside
        return is_public(self.value)


def records(roadmap: Roadmap) -> Iterator[Record]:
    """Every item and every entry of a single file, kind by kind as :data:`KINDS` lists."""
    for kind in KINDS:
        value = getattr(roadmap, kind.attribute)
        if not kind.single_file:
            for item_id, item in value.items():
                yield Record(kind, item_id, (), item)
        elif kind.entries is None:
            if value is not None:  # None when roadmap.yml could not be read
                yield Record(kind, kind.path, (), value)
        else:
            for index, entry in enumerate(value):
                yield Record(kind, kind.path, (kind.entries, index), entry)


def _holds_records(value: Any) -> bool:
    """True for a record, or a list of records."""
    items = value if isinstance(value, list | tuple) else [value]
    return any(isinstance(item, BaseModel) for item in items)


def _shown(value: Any, public_only: bool) -> bool:
    return not public_only or not has_visibility(value) or is_public(value)


#: Each record type's field names, in order (pydantic's ``model_fields`` is a property
#: that builds its answer on every call).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(kind: type[BaseModel]) -> tuple[str, ...]:
    """A record type's field names, in order, looked up once."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(kind.model_fields)
    return names


def _strings(value: Any, loc: tuple[Any, ...], public_only: bool,
             prose: bool) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """(path, text, prose) for every string inside ``value`` that the audience sees."""
    if isinstance(value, str):
        yield loc, value, prose
    elif isinstance(value, BaseModel):
        for name in field_names(type(value)):
            child = getattr(value, name)
            if isinstance(child, str):  # the most common field: shown, and no records
                yield loc + (name,), child, prose and name not in NOT_PROSE
            elif child is not None and _shown(child, public_only):
                # A field named like an id field (a budget's 'services') that holds
                # records: their own fields say what is prose.
                yield from _strings(child, loc + (name,), public_only,
                                    prose and (name not in NOT_PROSE or _holds_records(child)))
    elif isinstance(value, dict | list | tuple):
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in pairs:
            if _shown(child, public_only):
                yield from _strings(child, loc + (key,), public_only, prose)


def text_fields(roadmap: Roadmap, audience: str = "public", *,
                prose_only: bool = True) -> Iterator[TextField]:
    """Every text of ``roadmap`` that ``audience`` sees, kind by kind, in file order:
    only prose for readers, or (``prose_only=False``) every string, ids included.

    Several checks and the health page read the same texts of the same road map; a road
    map is frozen, so the texts are walked once and kept for the road map last asked for.
    """
    key = (audience == "public", prose_only)
    cached = _walked.get(key)
    if cached is None or cached[0] is not roadmap:
        if prose_only:  # the prose of every text, walked once for both
            texts = tuple(t for t in text_fields(roadmap, audience, prose_only=False) if t.prose)
        else:
            texts = tuple(_walk_texts(roadmap, key[0]))
        cached = (roadmap, texts)
        _walked[key] = cached
    return iter(cached[1])


#: (public only, prose only) -> (road map, its texts), for the road map last walked.
_walked: dict[tuple[bool, bool], tuple[Roadmap, tuple[TextField, ...]]] = {}


def forget_texts() -> None:
    """Forget the texts walked (after a build's checks, which read them all: the rest of a
    build reads few, and at M they hold about 11 MiB)."""
    _walked.clear()


def _record_texts(value: BaseModel, kind_label: str, item_id: str, loc: tuple[Any, ...],
                  public_only: bool) -> tuple[TextField, ...]:
    return tuple(TextField(kind_label, item_id, path, text, prose)
                 for path, text, prose in _strings(value, loc, public_only, True))


#: The texts of each record, remembered by the record (frozen) from one road map to the
#: next: a rebuild under ``mkdocs serve`` walks only the records of the edited files.
_record_memo: dict[bool, IdentityMemo[tuple[TextField, ...]]] = {
    public: IdentityMemo(_record_texts) for public in (True, False)}


def _walk_texts(roadmap: Roadmap, public_only: bool) -> Iterator[TextField]:
    memo = _record_memo[public_only]
    memo.new_run()
    for record in records(roadmap):
        if public_only and not record.published:
            continue
        yield from memo(record.value, record.kind_label, record.item_id, record.loc,
                        public_only)


def glossary_terms(roadmap: Roadmap, audience: str = "public") -> list[Term]:
    """The glossary entries ``audience`` sees."""
    return [t for t in roadmap.glossary if audience != "public" or t.visibility == "public"]


def acronym_expansions(terms: list[Term] | tuple[Term, ...]) -> dict[str, str]:
    """Abbreviation -> what it stands for, for glossary terms that are abbreviations."""
    return {t.term: t.stands_for for t in terms
            if t.stands_for and ACRONYM.fullmatch(t.term)}


def defined_acronyms(terms: list[Term] | tuple[Term, ...]) -> set[str]:
    """Abbreviations the glossary defines: any capitalised word in a term ('CARE panel')."""
    return {word for t in terms for word in ACRONYM.findall(t.term)}


def hidden_records(value: Any, loc: tuple[Any, ...] = (), *, outermost: bool = False
                   ) -> Iterator[tuple[tuple[Any, ...], BaseModel]]:
    """(path, record) for every record inside ``value`` (itself included) that has a
    ``visibility`` and is not public; with ``outermost``, not the records inside one
    already given (a hidden item's hidden entries go with it)."""
    if isinstance(value, BaseModel):
        if has_visibility(value) and not is_public(value):
            yield loc, value
            if outermost:
                return
        for name in field_names(type(value)):
            child = getattr(value, name)
            if child is not None and not isinstance(child, str):  # no record in either
                yield from hidden_records(child, loc + (name,), outermost=outermost)
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from hidden_records(child, loc + (key,), outermost=outermost)
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from hidden_records(child, loc + (index,), outermost=outermost)
