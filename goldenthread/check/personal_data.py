"""Personal data guard: no email address or phone number in public text.

A name or a mobile number on the public site cannot be taken back, so the public build
stops when any text it would publish contains an email address or a phone number,
wherever it is written (every field of every public item and entry, found by walking
the model).  Organisational contacts that are meant to be published — a service's
front-door number, a team mailbox — are listed once, in the road map's own file:

    public_contacts:
      - childrens.services@example.gov.uk
      - 01922 650000

The guard reads every piece of public text (:mod:`goldenthread.derive.reader_text`) as a
reader would see it (:mod:`goldenthread.derive.normalised_text`): HTML entities
(``jane&#64;example.org``), percent-escapes (``mailto:jane%40example.org``), full-width
characters and invisible ones (a zero-width space or soft hyphen inside an address or
number) are undone first.  It then finds

* email addresses, written plainly or spelled out: ``jane at example dot org``,
  ``jane [at] example [dot] org``, ``jane (at) example.org``;
* phone numbers, with Google's libphonenumber (the ``phonenumbers`` package), reading
  the text as UK text: ``01922 650000``, ``+44 (0)1922 650000``, ``0044 1922 650000``,
  ``wa.me/447700900123``, ``0300 123 4567``, numbers from other countries written with
  their country code, and numbers with a space between every digit.  A run of digits
  counts when libphonenumber says it is a valid number, or when it has the full length
  of a UK number (ten digits after the 0, such as the 07700 900xxx numbers set aside
  for drama).  Years (``2011-12``), dates, money (``£1,250,000``), counts and
  percentages are not phone numbers.  A number is found however its digit groups are
  separated (a middle dot, an underscore, a slash, a dash of any length), with the
  letter O for a zero or l/I for a one inside its digits (``O77OO 9OO123``), written
  in words (``oh seven seven double-oh nine ...``: ten digits or more), broken over
  two lines or split by a Markdown link (``07700 [900123](...)``).

Addresses are found in the text as it stands on the page
(:func:`goldenthread.derive.normalised_text.shown_text`): a Markdown link splitting one
(``jane.smith@[example.org](...)``), an ideographic or full-width full stop in the
domain, letters from another script that look like Latin ones.  ``jane at example.org``
is an address when ``jane`` is a given name or no English word ("find out more at
walsall.gov.uk" is a sentence).

Phone numbers are compared by their international (E.164) form, so ``+44 1922 650000``
is ``01922 650000``; email addresses without regard to letter case.  A declared
help contact's phone number is allowed too, when its ``phone`` holds exactly one phone
number; its web address allows nothing (an address or number inside it is reported like
any other, at the web address's line).  The list lives
with the data, not in the site configuration, so ``goldenthread check`` and the site
build agree.  The intranet build does not run this check: staff contact details belong
there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumber, PhoneNumberFormat, PhoneNumberMatcher

from goldenthread.check.given_names import is_english_word, is_person_name
from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.lookalikes import as_latin, without_accents
from goldenthread.derive.memo import Memo
from goldenthread.derive.normalised_text import one_spaced, reader_views
from goldenthread.derive.reader_text import text_fields
from goldenthread.problems import Problem
from goldenthread.read.kinds import ROADMAP_FILE
from goldenthread.read.roadmap import Roadmap

#: Text is read as written in the UK: a number starting 0 is a UK number.
REGION = "GB"

_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
#: '@' on its own (or with a space on both sides), or 'at' in brackets, or ' at '.
_AT = (rf"(?:@|\s+@\s+)|\s*{_OPEN}\s*(?:at|@)\s*{_CLOSE}\s*|(?P<bare>\s+at\s+)")
#: '.' (or ' . '), or 'dot' in brackets, or ' dot '.
_DOT = rf"\.|\s+\.\s+|\s*{_OPEN}\s*(?:dot|\.)\s*{_CLOSE}\s*|\s+dot\s+"
_ANY_DOT = re.compile(_DOT, re.I)
_SPELLED_DOT = re.compile(rf"\s*{_OPEN}\s*(?:dot|\.)\s*{_CLOSE}\s*|\s+dot\s+", re.I)
EMAIL = re.compile(
    rf"(?<![\w.%+-])(?P<local>[\w.%+-]+)(?:{_AT})"
    rf"(?P<domain>[\w-]+(?:(?:{_DOT})[\w-]+)*(?:{_DOT})[^\W\d_]{{2,24}})(?![\w-])",
    re.I)
#: Groups of digits with one space, dot or hyphen between them: '0 7 7 0 0 9 0 ...',
#: 'Room 12 07700 900123'.
DIGIT_GROUPS = re.compile(r"(?<![\w+])\+?\d+(?:[ .-]\d+)+(?!\w)")
_SEPARATOR = re.compile(r"[ .-]")
_DIGIT = re.compile(r"\d")
#: Fewer digits than this in a whole text: no phone number to look for (the shortest
#: numbers libphonenumber accepts as possible, in a few countries, have 4 or 5).
_FEWEST_DIGITS = 4
#: Fewest digits of a number written without its country code: the shortest UK numbers,
#: such as 0800 1111, have eight.
_FEWEST_RUN_DIGITS = 8
#: Seven digits close together (at most four other characters between two: '+44 (0) 1',
#: '07700 -- 900'): the fewest of any number libphonenumber takes as possible, with its
#: country code ('+683 4002').  Text without them is not given to the matcher at all.
_PHONE_LIKE = re.compile(r"\d(?:[^\w\n]{0,4}\d){6}")
#: Leading digits of a UK number after the 0 (01, 02, 03, 05, 07, 08, 09).
_UK_LEADING = "1235789"


def email_key(found: str) -> str:
    """An email address as written (plainly or spelled out), in one form for comparing:
    'Jane [at] Example dot Org' -> 'jane@example.org'."""
    found = as_latin(without_accents(found.strip()))  # look-alike letters read as Latin
    match = EMAIL.fullmatch(found)
    if match is None:
        return found.casefold()
    domain = _ANY_DOT.sub(".", match.group("domain"))
    return f"{match.group('local')}@{domain}".casefold()


def phone_key(text: str) -> str | None:
    """A phone number in its international (E.164) form, read as UK text:
    '+44 (0)1922 650000' and '01922-650-000' are both '+441922650000'.  None when
    ``text`` holds no phone number (the first, when it holds more than one)."""
    return next((key for kind, _, key in contact_details(text) if kind == "phone number"),
                None)


def _e164(number: PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _is_phone(number: PhoneNumber) -> bool:
    """A number libphonenumber knows to be valid, a full-length UK number, or a possible
    number with another country's code."""
    if phonenumbers.is_valid_number(number):
        return True
    national = phonenumbers.national_significant_number(number)
    if number.country_code == 44:
        return len(national) == 10 and national[0] in _UK_LEADING
    reason = phonenumbers.is_possible_number_with_reason(number)
    return reason == phonenumbers.ValidationResult.IS_POSSIBLE


def _bare_at_is_address(local: str, domain: str) -> bool:
    """'at' as a plain word makes an address with a spelled-out dot ('jane at example dot
    org'), an address-like name ('jane.smith at example.org'), or a name that is a given
    name or no English word ('jane at example.org', 'jsmith at example.org'); never a
    sentence ("find out more at walsall.gov.uk", "details at nhs.uk")."""
    if _SPELLED_DOT.search(domain) is not None or re.search(r"[.\d_%+]", local):
        return True
    word = local.casefold()
    return is_person_name(word) or (word.isascii() and word.isalpha()
                                    and not is_english_word(word))


def _emails(text: str) -> Iterator[tuple[int, int, str]]:
    if "@" not in text and not _AT_WORD.search(text):
        return
    position = 0
    while (match := EMAIL.search(text, position)) is not None:
        if match.group("bare") is not None and not _bare_at_is_address(
                match.group("local"), match.group("domain")):
            # A sentence ('write to us at jane.smith@example.org'): an address may start
            # after its 'at'.
            position = match.start("domain")
            continue
        yield match.start(), match.end(), match.group()
        position = match.end()


#: Digits said as words ('oh seven seven double-oh nine ...'), and runs of them.
_DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1",
                "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9"}
_SAID_WORDS = "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))  # 'one' before 'o'
_SAID = rf"(?:(?:double|triple)[\s-]*)?(?:{_SAID_WORDS}|\d+)"
_SAID_RUN = re.compile(rf"(?<![\w-]){_SAID}(?:[\s,.-]+{_SAID})+(?![\w-])", re.I)
_SAID_PART = re.compile(rf"(double|triple)?[\s-]*({_SAID_WORDS}|\d+)", re.I)
#: Fewest digits said in words that make a phone number (a UK number has 10 or 11).
_FEWEST_SAID = 10
#: A run of digits with the letter O for a zero or l/I for a one among them.
_LETTER_DIGITS = re.compile(r"(?<![A-Za-z0-9])(?=[OolI]*\d)(?=[\dOolI]*[OolI])[\dOolI]{3,}"
                            r"(?![A-Za-z0-9])")
#: Any separator between digits other than those libphonenumber knows (space, dot,
#: hyphen, slash, brackets): a middle dot, a bullet, an underscore, a dash, a bar...
_ODD_SEPARATOR = re.compile(r"(?<=\d)\s*(?:_|[^\w\s.,/+()£$€%'\"-])+\s*(?=\d)")
_AT_WORD = re.compile(r"(?i)\bat\b|[\[(]\s*at\s*[\])]")


def _said_digits(match: re.Match[str]) -> str:
    digits = "".join(_DIGIT_WORDS.get(said.casefold(), said) * (
        {"double": 2, "triple": 3}.get((times or "").casefold(), 1))
        for times, said in _SAID_PART.findall(match.group()))
    has_words = any(c.isalpha() for c in match.group())
    return digits if has_words and len(digits) >= _FEWEST_SAID else match.group()


def phone_view(text: str) -> str:
    """``text`` with the disguises of a phone number undone: digits said in words, the
    letters O and l/I among digits, separators libphonenumber does not know."""
    if len(text) >= 2 * _FEWEST_SAID:
        text = _SAID_RUN.sub(_said_digits, text)
    text = _LETTER_DIGITS.sub(
        lambda m: m.group().translate(str.maketrans("OolI", "0011")), text)
    return _ODD_SEPARATOR.sub(" ", text)


def _phones(text: str) -> Iterator[tuple[int, int, str, str]]:
    if len(_DIGIT.findall(text)) < _FEWEST_DIGITS or not _PHONE_LIKE.search(text):
        return  # no phone number has fewer digits, or its digits further apart
    for match in PhoneNumberMatcher(text, REGION, leniency=Leniency.POSSIBLE):
        if _is_phone(match.number):
            yield match.start, match.end, match.raw_string.strip(), _e164(match.number)
    # Digits just before a number make the matcher read one number too long to be valid:
    # 'Room 12 07700 900123', '12/11/2012 07700 900123', '1 2 0 7 7 0 0 9 0 0 1 2 3'.  So
    # a number may also start at any group of a run of digit groups and end where it ends.
    for run in DIGIT_GROUPS.finditer(text):
        if len(_DIGIT.findall(run.group())) < _FEWEST_RUN_DIGITS and run.group()[0] != "+":
            continue  # '2011-12', '21.5': too short for a number without a country code
        gaps = _SEPARATOR.finditer(text, run.start(), run.end())
        for start in (run.start(), *(gap.end() for gap in gaps)):
            if len(_DIGIT.findall(text, start, run.end())) < _FEWEST_RUN_DIGITS:
                break
            number = _whole_number(text[start:run.end()])
            if number is not None:
                yield start, run.end(), text[start:run.end()], _e164(number)
                break


def _whole_number(written: str) -> PhoneNumber | None:
    """The phone number that the whole of ``written`` (digits, the separators between
    them, perhaps a leading '+') makes, if it makes one."""
    try:
        number = phonenumbers.parse(written, REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if _is_phone(number) else None


def contact_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each email address and phone number in ``text``, as it is given
    (already read as a reader sees it): other checks leave these to this guard."""
    spans = [(start, end) for start, end, _ in _emails(text)]
    return spans + [(start, end) for start, end, *_ in _phones(text)]


def contact_details(text: str) -> list[tuple[str, str, str]]:
    """(kind, what a reader sees, key for comparing) for each email address and phone
    number in ``text``, in text order, read as a reader would see it."""
    found: dict[tuple[str, str], tuple[int, str]] = {}  # (kind, key) -> (position, shown)
    views = reader_views(text)
    views += [v for v in (phone_view(views[-1]),) if v not in views]
    for view in views:
        emails = list(_emails(view))
        spans = [(start, end) for start, end, _ in emails]
        for start, _end, shown in emails:
            found.setdefault(("email address", email_key(shown)), (start, one_spaced(shown)))
        for start, end, shown, e164 in _phones(view):
            if any(s < end and start < e for s, e in spans):
                continue  # digits inside an address, or a number already found
            spans.append((start, end))
            found.setdefault(("phone number", e164), (start, one_spaced(shown)))
    # The tail of an address that a link split ('[jane](...).smith@example.org' holds
    # '.smith@example.org' as written) is part of the whole address a reader sees.
    emails = [key for kind, key in found if kind == "email address"]
    ordered = sorted(((kind, key), place) for (kind, key), place in found.items()
                     if kind != "email address"
                     or not any(k != key and k.endswith(key.lstrip(".")) for k in emails))
    ordered.sort(key=lambda item: item[1][0])
    return [(kind, shown, key) for (kind, key), (_, shown) in ordered]


def contacts_in(text: str) -> Iterator[tuple[str, str]]:
    """(kind, what a reader sees) for each email address and phone number in ``text``."""
    for kind, shown, _ in contact_details(text):
        yield kind, shown


def _allowed(roadmap: Roadmap) -> tuple[set[str], set[str]]:
    return allowed_contacts(getattr(roadmap.info, "public_contacts", None) or [],
                            getattr(roadmap.info, "help_contacts", None) or [])


def allowed_contacts(public_contacts: Iterable[str], help_contacts: Iterable[object]
                     ) -> tuple[set[str], set[str]]:  # contacts as models or plain dicts
    """(email keys, phone keys) that public text may hold: everything in the road map's
    ``public_contacts``, and the phone number of each public help contact whose
    ``phone`` is exactly one phone number.  A help contact's web address allows nothing:
    an email address or number written inside it is not declared by being there."""
    emails: set[str] = set()
    phones: set[str] = set()
    for contact in public_contacts:
        for kind, _, key in contact_details(contact):
            (emails if kind == "email address" else phones).add(key)
    for help_contact in help_contacts:
        read = help_contact.get if isinstance(help_contact, dict) else (
            lambda name, c=help_contact: getattr(c, name, None))
        if read("visibility") != "public":
            continue
        found = contact_details(str(read("phone") or ""))
        if len(found) == 1 and found[0][0] == "phone number":
            phones.add(found[0][2])
    return emails, phones


#: contact_details of each text, remembered from one run to the next (a rebuild reads
#: again only the texts an edit changed).
_found_in: Memo[str, list[tuple[str, str, str]]] = Memo(contact_details)


@check
def public_personal_data(context: CheckContext) -> Iterable[Problem]:
    """Email addresses and phone numbers in public text (public build only)."""
    if context.audience != "public":
        return
    _found_in.new_run()
    roadmap = context.roadmap
    allowed_emails, allowed_phones = _allowed(roadmap)
    for piece in text_fields(roadmap, "public", prose_only=False):
        if (piece.kind, piece.item_id, piece.loc[:1]) == ("file", ROADMAP_FILE,
                                                          ("public_contacts",)):
            continue
        for kind, found, compare in _found_in(piece.text):
            if compare in (allowed_emails if kind == "email address" else allowed_phones):
                continue
            yield Problem(
                roadmap.where(piece.kind, piece.item_id, *piece.loc),
                f"{piece.label}: '{piece.name}' would publish the {kind} '{found}'; the public "
                "site must not show personal contact details — remove it, or, if it is an "
                f"organisational contact, add it to public_contacts in {ROADMAP_FILE}",
                "personal-data")
