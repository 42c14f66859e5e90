"""One guard for any text that may be published: :func:`personal_data_in`.

The road map's own checks (:mod:`.personal_data`, :mod:`.stories`) walk the model and
point at the YAML; other text reaches readers too — an issue copied into a blockage, a
page of history, the open data, the built pages themselves.  They all call this one
function, so a text is judged the same wherever it comes from: as a reader sees it
(:func:`goldenthread.derive.normalised_text.shown_text`), for email addresses and phone
numbers however written (:func:`.personal_data.contact_details`) and, when asked, for a
title with a surname ('Mrs Khan', 'DR PATEL', :func:`.stories.titled_names`): text about
a family (a story, an issue about a case) should name no one, while a page may name a
public figure ('Professor Eileen Munro reviewed child protection').  A given name on its
own is looked for only in public stories, where no one should be named at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from goldenthread.check.personal_data import allowed_contacts, contact_details
from goldenthread.check.stories import titled_names
from goldenthread.derive.normalised_text import shown_text


@dataclass(frozen=True)
class Allowed:
    """Contact details that may be published: email and phone keys (see
    :func:`.personal_data.allowed_contacts`), and case-folded words the road map uses as
    names of things (never taken for a surname)."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    known: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def declared(cls, public_contacts: Iterable[str], help_contacts: Iterable[object] = (),
                 known: Iterable[str] = ()) -> Allowed:
        """What a road map declares (``public_contacts``, ``help_contacts``)."""
        emails, phones = allowed_contacts(public_contacts, help_contacts)
        return cls(frozenset(emails), frozenset(phones), frozenset(known))


NOTHING = Allowed()


@dataclass(frozen=True, order=True)
class Finding:
    """Personal data in a text: its kind ('email address', 'phone number' or 'name'),
    what a reader sees, and the key it is compared by."""

    kind: str
    shown: str
    key: str


def personal_data_in(text: str, allowed: Allowed = NOTHING, *, names: bool = False
                     ) -> list[Finding]:
    """Each email address and phone number in ``text`` (and with ``names``, each title
    with a surname, 'Mrs Khan'), read as a reader sees it, less what ``allowed``
    allows: contacts in text order, then names."""
    found = [Finding(kind, shown, key) for kind, shown, key in contact_details(text)
             if key not in (allowed.emails if kind == "email address" else allowed.phones)]
    if not names:
        return found
    seen = shown_text(text)
    found += [Finding("name", name, " ".join(name.casefold().split()))
              for _, name in titled_names(seen, allowed.known)]
    return found
