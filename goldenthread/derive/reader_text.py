"""Every piece of text a reader will see, with where it was written.

The plain-language checks and the readability table of the health page both walk the
road map's text the same way: field by field, skipping ids, fixed choices and numbers,
and (for the public site) anything not marked public.  Each piece keeps the path of its
field so a problem can point at the file and line where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from goldenthread.derive.audience import for_audience
from goldenthread.read.kinds import ITEM_KINDS
from goldenthread.read.models import Term
from goldenthread.read.roadmap import Roadmap

#: Fields that hold ids, fixed choices or editor-only lists, never prose for readers.
NOT_PROSE = frozenset({
    "visibility", "status", "unit", "polarity", "kind", "rba", "level", "responsibility",
    "goal", "priority", "action", "id", "serves", "goals", "services", "avoid",
})

#: An abbreviation: a word of two or more capital letters, such as 'NHS' or 'WSCB'.
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


@dataclass(frozen=True)
class TextField:
    """One piece of reader-facing text and where it came from."""

    kind: str  # 'goal', 'service'... or 'file' for roadmap.yml, glossary.yml...
    item_id: str  # the item's id, or the file name
    loc: tuple[Any, ...]  # the field path inside the item or file
    text: str

    @property
    def label(self) -> str:
        """How messages name the item: "goal 'x'" or the file name."""
        return self.item_id if self.kind == "file" else f"{self.kind} '{self.item_id}'"

    @property
    def field(self) -> str:
        """The field's name as an editor wrote it, e.g. 'what_changes.before'."""
        return ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in self.loc
                        ).replace(".[", "[")


def _walk(value: Any, loc: tuple[Any, ...], public_only: bool) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, BaseModel):
        if public_only and getattr(value, "visibility", "public") != "public":
            return
        for name in type(value).model_fields:
            if name not in NOT_PROSE:
                yield from _walk(getattr(value, name), loc + (name,), public_only)
    elif isinstance(value, str):
        yield loc, value
    elif isinstance(value, list | tuple):
        for i, entry in enumerate(value):
            yield from _walk(entry, loc + (i,), public_only)


def text_fields(roadmap: Roadmap, audience: str = "public") -> Iterator[TextField]:
    """Every reader-facing text of ``roadmap`` that ``audience`` sees, in file order."""
    public_only = audience == "public"
    scoped = for_audience(roadmap, "public" if public_only else "internal")
    # Single files are walked in full, skipping entries that are not public, so that
    # list positions (and so line numbers) stay those of the file.
    singles = (("roadmap.yml", (), roadmap.info),  # None when it could not be read
               ("accountabilities.yml", ("accountabilities",), list(roadmap.accountabilities)),
               ("glossary.yml", ("terms",), list(roadmap.glossary)))
    for name, root, value in singles:
        for loc, text in _walk(value, root, public_only):
            yield TextField("file", name, loc, text)
    for folder, (_model, label) in ITEM_KINDS.items():
        for item_id, item in getattr(scoped, folder.replace("-", "_")).items():
            for loc, text in _walk(item, (), public_only):
                yield TextField(label, item_id, loc, text)


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
