"""The accessibility statement, from the road map's data and the tool's template tests.

Who runs the site, its partners, how to reach the team and the organisation's own
statement (``accessibility:``: its compliance status, when and by whom the site was
tested, what was found) come from ``roadmap.yml``.  Without that block the statement
declares no compliance status: only the organisation that runs a site can.

``accessibility_tested.json`` is the tool's record of its own browser tests of the page
templates (``tests/browser/record.py`` writes it after a full run in which every browser
test passed, when ``GOLDENTHREAD_RECORD_ACCESSIBILITY=1`` is set; the file is committed,
so every build reads the same record).  The statement names it as what it is, a test of
the templates this site uses, never as a test of this site.  No text awaiting
confirmation is ever published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from goldenthread.derive.vocabulary_lists import partner_names
from goldenthread.read.accessibility_models import AccessibilityStatement
from goldenthread.read.roadmap import Roadmap
from goldenthread.render.contexts import TemplateContext

#: The record the browser tests write (committed, so every build reads the same one).
TESTED_RECORD = Path(__file__).with_name("accessibility_tested.json")


#: The fields the statement shows.
RECORD_FIELDS = ("tested_on", "standard", "axe_rules", "schemes", "widths")


def tested_record(path: Path = TESTED_RECORD) -> dict[str, Any]:
    """The last full browser-test run: ``tested_on`` (a date), ``standard``,
    ``axe_rules``, ``schemes`` and ``widths``."""
    fix = ("run the browser tests with GOLDENTHREAD_RECORD_ACCESSIBILITY=1 "
           "(scripts/test tests/browser) to write it again")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        missing = [name for name in RECORD_FIELDS if name not in record]
        if missing:
            raise ValueError(f"it has no {', '.join(missing)}")
        record["tested_on"] = date.fromisoformat(record["tested_on"])
    except (OSError, ValueError, TypeError) as error:
        raise ValueError(f"{path}: the record of the browser tests for the accessibility "
                         f"statement cannot be read ({error}); {fix}") from error
    return record


@dataclass(frozen=True)
class AccessibilityContext(TemplateContext):
    """The statement: who runs the site, how to reach them, and what was tested."""

    template: ClassVar[str] = "accessibility.html"
    organisation: str
    partners: tuple[str, ...]
    #: How to reach the team, as the editor wrote it; with the link it makes, if any.
    contact: str | None
    contact_href: str | None
    reply_days: int | None
    #: The tool's record of its browser tests of the page templates.
    tested: dict[str, Any]
    #: The organisation's own statement (None: it has declared no compliance status).
    own: AccessibilityStatement | None = None


def contact_link(contact: str | None) -> str | None:
    """A link for the contact, when it is a web address or an email address."""
    if contact is None:
        return None
    if contact.startswith("https://") and " " not in contact:
        return contact
    if "@" in contact and " " not in contact.strip():
        return "mailto:" + contact.strip()
    return None


def accessibility_view(roadmap: Roadmap, record: dict[str, Any] | None = None
                       ) -> AccessibilityContext:
    """The statement's view: the organisation's own data, and the tool's template tests."""
    info = roadmap.info
    return AccessibilityContext(
        organisation=info.organisation, partners=partner_names(info),
        contact=info.accessibility_contact, contact_href=contact_link(info.accessibility_contact),
        reply_days=info.accessibility_reply_days,
        tested=record if record is not None else tested_record(),
        own=info.accessibility)
