"""Personal data in a submitted issue: what ``goldenthread blockage-from-issue`` refuses.

An issue raised on GitHub may be read by anyone who can see the repository, and the
blockage file made from it is kept in the road map's history for good.  So before
anything is written, every answer of the form is read for

* email addresses, phone numbers and a title with a surname ('Mrs Khan'), found by the
  project's one guard for any published text
  (:func:`goldenthread.check.personal_text.personal_data_in`: spelled-out addresses,
  numbers written with spaces, full-width digits and hidden characters too), except the
  organisational contacts the road map declares (``public_contacts``, public help
  contacts);
* a given name, found as the check of public stories finds it
  (:func:`goldenthread.check.stories.names_in`: a given name that is not an everyday
  English word, or one of the commonest first names), as an issue about a case should
  name no one; words the road map itself uses as names of things (its services,
  partners, glossary) are not names;
* a street address ('12 Acacia Road', '3a Church Lane') or a postcode ('WS1 1TP');
* a person's age ('aged 7', '7 years old', 'a 15-year-old').  An age group ('aged 5 to
  11', 'aged 16-25') or a limit ('up to age 25') is not a person and is not reported.

Each finding is reported against the form's question, so the person who raised it
knows what to take out.  The guard functions are called, not copied, so that every
improvement to them reaches this command too.
"""

from __future__ import annotations

import re

from goldenthread.check.personal_text import NOTHING, Allowed, personal_data_in
from goldenthread.check.stories import known_words, names_in
from goldenthread.derive.normalised_text import reader_text
from goldenthread.read.roadmap import Roadmap

_STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Ct|Place|"
    "Terrace|Gardens|Grove|Square|Mews|Walk|Row|Parade|Boulevard|Hill|Rise|View|Green")
#: A house number, one to three capitalised words and a street word: '12 Acacia Road',
#: '3a Church Lane', 'Flat 2, 14 Park View Terrace'.
STREET_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[a-zA-Z]?,?[ \t]+(?:[A-Z][a-z'-]+[ \t]+){{1,3}}(?:{_STREET_WORDS})\b\.?")
#: A UK postcode: 'WS1 1TP', 'B15 2TT', 'SW1A 1AA'.
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[ABD-HJLNP-UW-Z]{2}\b")
#: One person's age.  Not a range ('aged 5 to 11', 'aged 16-25', 'aged 5 and over').
_NOT_A_RANGE = r"(?![ \t]*(?:-|–|to\b|and\b|or\b|\+|\d))"
AGE = re.compile(
    rf"\baged?[ \t]+(?:just[ \t]+)?\d{{1,3}}\b{_NOT_A_RANGE}"
    rf"|\b\d{{1,3}}[ \t-]*(?:years?|yrs?|months?)[ \t-]*old\b", re.IGNORECASE)

#: Words before an age that make it a limit or a boundary, not a person's age.
_LIMIT = re.compile(r"\b(?:up[ \t]+to|under|over|below|above|from|until|till|by|between|"
                    r"at[ \t]+least|before|after)[ \t]+$", re.IGNORECASE)


def allowed(roadmap: Roadmap | None) -> Allowed:
    """What an issue may hold as the road map does: its declared organisational contacts,
    and the words it uses as names of things (see :func:`known_words`)."""
    info = getattr(roadmap, "info", None)
    if roadmap is None or info is None:
        return NOTHING
    return Allowed.declared(info.public_contacts or [], info.help_contacts or [],
                            known_words(roadmap))


def street_addresses(text: str) -> list[tuple[str, str]]:
    """(what a reader sees, 'a street address' or 'a postcode') for each address in
    ``text``, in text order."""
    found = [(m, "a street address") for m in STREET_ADDRESS.finditer(text)]
    found += [(m, "a postcode") for m in POSTCODE.finditer(text)]
    found.sort(key=lambda pair: pair[0].start())
    return [(m.group().rstrip("."), what) for m, what in found]


def ages(text: str) -> list[str]:
    """Each person's age given in ``text`` ('aged 7', '7 years old'), in text order; not
    an age limit ('up to age 25', 'from age 16', 'under 5 years old')."""
    return [m.group() for m in AGE.finditer(text) if not _LIMIT.search(text, 0, m.start())]


def personal_data(text: str, allows: Allowed = NOTHING) -> list[tuple[str, str]]:
    """(what a reader sees, what it is) for each piece of personal data in ``text``:
    ``('jane@example.org', 'an email address')``, ``('Amira Khan', "a person's name")``."""
    found = [(f.shown, "a person's name" if f.kind == "name" else
              f"a{'n' if f.kind[0] in 'aeiou' else ''} {f.kind}")
             for f in personal_data_in(text, allows, names=True)]
    titled = [shown for shown, what in found if what == "a person's name"]
    found += [(name, "a person's name") for name in names_in(text, allows.known)
              if not any(name in other or other in name for other in titled)]
    read = reader_text(text)
    found += street_addresses(read)
    found += [(age, "a person's age") for age in ages(read)]
    return found
