"""Personal data guard: no email address or UK phone number in public text.

A name or a mobile number on the public site cannot be taken back, so the public build
stops when any text it would publish contains an email address or a UK phone number,
wherever it is written (every field of every public item and entry, found by walking
the model).  Organisational contacts that are meant to be published — a service's
front-door number, a team mailbox — are listed once, in ``roadmap.yml``:

    public_contacts:
      - childrens.services@example.gov.uk
      - 01922 650000

Phone numbers are compared by their digits (``+44 1922 650000`` is ``01922650000``),
email addresses without regard to letter case.  The list lives with the data, not in
the site configuration, so ``goldenthread check`` and the site build agree.
The intranet build does not run this check: staff contact details belong there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import ITEM_KINDS, SINGLE_FILES
from ..problems import Location, Problem
from ..roadmap import Roadmap
from ..visibility import public_strings
from . import CheckContext, check

EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
#: 0 (or +44, optionally with '(0)') then 9 or 10 more digits, with spaces, dots, hyphens or
#: brackets between groups; UK numbers start 01, 02, 03, 05, 07, 08 or 09 once normalised.
PHONE = re.compile(
    r"(?<![\w+])(?:\+44[\s.-]?(?:\(0\)[\s.-]?)?|\(0|0)\d(?:[\s.)-]{0,2}\d){8,9}(?![\w])")


def phone_digits(text: str) -> str:
    """A UK phone number reduced to its national digits: '+44 (0)1922 650000' -> '01922650000'."""
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+44"):
        digits = digits[2:]
        digits = digits if digits.startswith("0") else "0" + digits
    return digits


def _is_uk_phone(text: str) -> bool:
    digits = phone_digits(text)
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789"


def contacts_in(text: str) -> Iterator[tuple[str, str]]:
    """(kind, what was written) for each email address and UK phone number in ``text``."""
    emails = list(EMAIL.finditer(text))
    for match in emails:
        yield "email address", match.group()
    for match in PHONE.finditer(text):
        inside_email = any(e.start() <= match.start() < e.end() for e in emails)
        if not inside_email and _is_uk_phone(match.group()):
            yield "phone number", match.group().strip()


def _allowed(roadmap: Roadmap) -> tuple[set[str], set[str]]:
    contacts = getattr(roadmap.info, "public_contacts", None) or []
    emails = {c.strip().casefold() for c in contacts if "@" in c}
    phones = {phone_digits(c) for c in contacts if "@" not in c}
    return emails, phones


def _file_of(roadmap: Roadmap, field: str, value: Any) -> tuple[str, str, tuple[Any, ...]]:
    """(source kind, source id, path prefix) of a road-map field, for error locations."""
    for folder, (_, label) in ITEM_KINDS.items():
        if folder.replace("-", "_") == field:
            return label, "", ()
    entry_type = type(value[0]) if isinstance(value, tuple) and value else type(value)
    for name, model in SINGLE_FILES.items():
        if model is entry_type:
            return "file", name, ()
        for list_field, spec in model.model_fields.items():
            if getattr(spec.annotation, "__args__", None) == (entry_type,):
                return "file", name, (list_field,)
    return "file", "roadmap_data", ()


def _label(kind: str, item_id: str) -> str:
    return item_id if kind == "file" else f"{kind} '{item_id}'"


@check
def public_personal_data(context: CheckContext) -> Iterable[Problem]:
    """Email addresses and UK phone numbers in public text (public build only)."""
    if context.audience != "public":
        return
    roadmap = context.roadmap
    allowed_emails, allowed_phones = _allowed(roadmap)
    files: dict[str, tuple[str, str, tuple[Any, ...]]] = {}
    for field, key, loc, text in public_strings(roadmap):
        if field == "info" and loc[:1] == ("public_contacts",):
            continue
        for kind, found in contacts_in(text):
            if kind == "email address" and found.casefold() in allowed_emails:
                continue
            if kind == "phone number" and phone_digits(found) in allowed_phones:
                continue
            if field not in files:
                files[field] = _file_of(roadmap, field, getattr(roadmap, field))
            source_kind, source_id, prefix = files[field]
            if source_kind == "file":
                path = prefix + ((key,) if key is not None else ()) + loc
            else:
                source_id, path = str(key), loc
            where: Location = roadmap.where(source_kind, source_id, *path)
            name = next((p for p in reversed(loc) if isinstance(p, str)), "text")
            yield Problem(
                where,
                f"{_label(source_kind, source_id)}: '{name}' would publish the {kind} "
                f"'{found}'; the public site must not show personal contact details — remove "
                f"it, or, if it is an organisational contact, add it to public_contacts in "
                f"roadmap.yml", "personal-data")
