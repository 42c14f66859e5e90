"""More tests that kill mutants which survived the rest of the suite (see README, "Mutation
testing"; the first ones are in test_mutants_killed.py).  Each docstring names the
mutation it kills; each was checked with `scripts/mutation --survivors MODULE` (the mutant
is killed) or by applying the mutation by hand.  No test depends on today's date."""

from __future__ import annotations

import pytest

from goldenthread.check.personal_data import contact_details, contacts_in, phone_key
from goldenthread.derive.normalised_text import _decode, is_invisible, reader_text
from goldenthread.derive.trend import distance, periods

from .test_mutants_killed import _indicator

# -- the personal-data guard (check/personal_data.py) ---------------------------------------


@pytest.mark.parametrize("text, found", [
    ("Room 12 07700 900123", [("phone number", "07700 900123", "+447700900123")]),
    ("Seen 12/11/2012 07700 900123.", [("phone number", "07700 900123", "+447700900123")]),
    ("1 2 0 7 7 0 0 9 0 0 1 2 3", [("phone number", "0 7 7 0 0 9 0 0 1 2 3", "+447700900123")]),
    ("Rooms 12 07700 900123 and 3 01922 650000", [
        ("phone number", "07700 900123", "+447700900123"),
        ("phone number", "01922 650000", "+441922650000")]),
])
def test_a_number_written_just_after_other_figures_is_found(text, found):
    """A real hole: libphonenumber reads 'Room 12 07700 900123' as one number, too long to
    be valid, so the guard let a mobile number through.  A number may now start at any
    group of a run of digit groups.  Kills, in ``_phones``, the mutants of that loop (the
    separators not removed, the run's start or end moved, ``break`` -> ``return``, which
    stops at the first run so that the second number is missed), and of ``_whole_number``
    (no region, so '07700900123' cannot be read; ``_is_phone`` not asked)."""
    assert contact_details(text) == found


@pytest.mark.parametrize("text, found", [
    ("+1 999 555 0123", [("phone number", "+1 999 555 0123")]),  # possible, not valid
    ("+1 999 555 01234567", []),  # too long for a North American number
    ("+1 999 555 012", []),  # too short
])
def test_a_foreign_number_counts_when_it_is_possible(text, found):
    """Kills ``_is_phone``: ``reason = None`` and ``is_possible_number_with_reason(None)``
    (the possible +1 999 number no longer found, or a crash), and ``reason !=
    IS_POSSIBLE`` (the impossible ones found, the possible one not)."""
    assert list(contacts_in(f"Call {text} today.")) == found


def test_a_plain_at_that_is_not_an_address_does_not_hide_a_later_address():
    """Kills ``_emails``: ``continue`` -> ``break`` after 'more at walsall.gov.uk' (a
    plain 'at' before a web address, rightly skipped), which missed every address after
    it in the same text."""
    assert list(contacts_in("Read more at walsall.gov.uk or write to jo@example.org")) == [
        ("email address", "jo@example.org")]


def test_contact_details_are_listed_in_the_order_of_the_text():
    """Kills ``contact_details``: the sort by position dropped (``key=None`` or no key:
    sorted by kind and key, so the address came first) or by what is shown
    (``item[1][1]``: '01922 ...' before '07700 ...')."""
    assert list(contacts_in("Ring 07700 900123, 01922 650000 or write to a@example.org")) == [
        ("phone number", "07700 900123"), ("phone number", "01922 650000"),
        ("email address", "a@example.org")]


@pytest.mark.parametrize("text, found", [
    ("jo@example.org+44 1922 650000",
     [("email address", "jo@example.org"), ("phone number", "+44 1922 650000")]),
    ("1 2 0 7 7 0 0 9 0 0 1 2 3+44 1922 650000",
     [("phone number", "0 7 7 0 0 9 0 0 1 2 3"), ("phone number", "+44 1922 650000")]),
])
def test_a_number_touching_another_contact_is_still_found(text, found):
    """Spans that touch do not overlap.  Kills ``contact_details``: ``start < e`` ->
    ``start <= e`` (a number starting where an address ends was dropped) and ``s < end``
    -> ``s <= end`` (a number ending where a number found earlier starts was dropped)."""
    assert list(contacts_in(text)) == found


def test_a_number_inside_an_address_does_not_hide_a_later_number():
    """Kills ``contact_details``: ``continue`` -> ``break`` after the digits inside an
    address (rightly not a number of their own), which dropped every number after it."""
    assert list(contacts_in("jo.01922650000@example.org or 07700 900123")) == [
        ("email address", "jo.01922650000@example.org"), ("phone number", "07700 900123")]


def test_phone_key_is_the_first_number_not_an_address():
    """Kills ``phone_key``: ``kind == "phone number"`` -> ``!=`` (an address's key
    returned as a phone number's), and ``None`` as the default."""
    assert phone_key("jo@example.org, or 01922 650000") == "+441922650000"
    assert phone_key("jo@example.org") is None


# -- trend and status (derive/trend.py) ---------------------------------------------------


def test_every_period_of_the_comparators_is_a_period_of_the_indicator():
    """Kills ``periods``: ``series | england | neighbours`` -> ``series | england &
    neighbours`` (a period only England has, with no statistical neighbours, dropped)."""
    indicator = _indicator({"2010-11": 20.0, "2011-12": 19.0},
                           england={"2009-10": 21.0, "2011-12": 18.0}, targets=[])
    assert periods(indicator) == ["2009-10", "2010-11", "2011-12"]


def test_a_distance_is_written_in_the_indicators_unit():
    """Kills ``distance``: ``format_value(indicator, gap)`` with the indicator or the gap
    dropped or None (a crash, or 'no figure'), for units other than percentages."""
    rate = _indicator({"2010-11": 20.0}, unit="per-10000", decimals=1)
    count = _indicator({"2010-11": 20.0}, unit="count", decimals=0)
    assert distance(rate, 12.5) == "12.5 per 10,000 children"
    assert distance(count, 1234.0) == "1,234"
    assert distance(_indicator({"2010-11": 20.0}, decimals=1), 1.3) == "1.3 points"


# -- what a reader sees (derive/normalised_text.py) ----------------------------------------
# reader_text is cached (functools.lru_cache), so mutmut, which finds the tests of a function
# by calling it, credits is_invisible and _decode only to the first test that reads a given
# text; these tests call them directly.


@pytest.mark.parametrize("char, invisible", [
    ("\u200b", True), ("\u00ad", True), ("\ufeff", True),  # format characters (Cf)
    ("\u3164", True), ("\u034f", True), ("\ufe0f", True),  # listed: not Cf, show nothing
    ("\x07", True), ("\x00", True), ("\x7f", True),  # control characters
    ("\t", False), ("\n", False), ("\r", False),  # controls that do show: white space
    ("a", False), (" ", False), ("@", False), ("\u00a0", False),
])
def test_which_characters_show_nothing(char, invisible):
    """Kills ``is_invisible``: each test of the three (the category 'Cf', the listed
    characters, a control character but not a tab or line break) changed, dropped or
    joined with ``and`` instead of ``or``."""
    assert is_invisible(char) is invisible


def test_entities_then_escapes_are_decoded_and_a_broken_escape_is_replaced():
    """Kills ``_decode``: ``html.unescape`` or ``unquote`` dropped, given None, or the
    order swapped, and ``errors="replace"`` changed to an unknown handler ('%FF' is not
    UTF-8: it reads as the replacement character, not a crash)."""
    assert _decode("jane&#64;example%2Eorg") == "jane@example.org"
    # Entities first, then escapes: an escaped entity is left as an entity for the next
    # round, and an entity for '%' makes an escape decoded in the same round.
    assert _decode("%26%2364;") == "&#64;"
    assert _decode("&#37;40") == "@"
    assert _decode("a%FFb") == "a\ufffdb"
    assert reader_text.__wrapped__("%26%2364;") == "@"  # rounds repeat until nothing changes
