"""More tests that kill mutants which survived the rest of the suite (see README, "Mutation
testing"; the first ones are in test_mutants_killed.py).  Each docstring names the
mutation it kills; each was checked with `scripts/mutation --survivors MODULE` (the mutant
is killed) or by applying the mutation by hand.  No test depends on today's date."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from goldenthread.check.personal_data import contact_details, contacts_in, phone_key
from goldenthread.check.registry import CheckContext
from goldenthread.check.staleness import stale_level
from goldenthread.derive.audience import for_audience
from goldenthread.derive.escalation import EscalationSettingError, escalation_rules
from goldenthread.derive.normalised_text import (
    _decode,
    is_invisible,
    reader_text,
    reader_views,
    without_markup,
)
from goldenthread.derive.trend import Status, direction, distance, periods, status, trend_sentence
from goldenthread.problems import Location, Problem
from goldenthread.read.loader import (
    INVALID,
    LoadedFile,
    _read_no_follow,
    load_file,
    load_text,
    symlink_problem,
)
from goldenthread.read.text_screen import decode, describe, escaped, syntax_problem

from .check_helpers import append, line_of, messages
from .test_mutants_killed import TODAY, _counts, _indicator, _minimal


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

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
    rate = _indicator({"2010-11": 20.0}, unit="per-10000", decimals=1, population="children")
    count = _indicator({"2010-11": 20.0}, unit="count", decimals=0)
    assert distance(rate, 12.5) == "12.5 per 10,000 children"
    assert distance(count, 1234.0) == "1,234"
    assert distance(_indicator({"2010-11": 20.0}, decimals=1), 1.3) == "1.3 points"
    score = _indicator({"2010-11": 8.0}, unit="score", lowest=0, highest=12, decimals=1)
    assert distance(score, 1.3) == "1.3 points"


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


@pytest.mark.parametrize("series, sentence", [
    ({"2010-11": 2.0, "2011-12": 4.0}, "stayed at fewer than 6 from 2010-11 to 2011-12"),
    ({"2010-11": 5.8, "2011-12": 6.0}, "rose from fewer than 6 in 2010-11 to 6 in 2011-12"),
])
def test_hidden_counts_compare_as_the_middle_of_their_band(series, sentence):
    """Kills ``_comparable``: ``and False`` and ``suppressed(indicator, None)`` (the hidden
    figures compared as they are: 'rose from fewer than 6 to fewer than 6' tells that the
    hidden count went up; 5.8 to 6 read as no real change).  The mutant 3.0 -> 4.0 is
    equivalent: shown counts are 0 or 6 and more, so either middle compares the same."""
    indicator = _counts(series)
    assert trend_sentence(indicator).startswith(f"{indicator.name} {sentence}")
    assert direction(indicator)[0] == ("same" if series["2011-12"] < 6 else "worse")


def test_each_status_is_written_out_in_full():
    """Kills ``status``: the label, symbol or sentence of the 'suppressed', 'met' and
    'not-on-track' statuses set to None or changed ('XX✓XX', 'AND NOT MOVING ...'); a
    hidden figure short of its target is said to be short without any figure."""
    target = {"value": 4.0, "by": "2013-14"}
    hidden = _counts({"2010-11": 12.0, "2011-12": 3.0}, targets=[target],
                     polarity="higher-is-better")
    assert status(hidden) == Status(
        "suppressed", "Small number: not shown", "○",
        "Fewer than 6 in 2011-12. The exact figure is not published, so we cannot show here "
        "whether it meets the target of 4 by 2013-14.")
    met = _counts({"2010-11": 12.0, "2011-12": 7.0}, targets=[target],
                  polarity="higher-is-better")
    assert status(met) == Status("met", "Target met", "✓",
                                 "7 in 2011-12 meets the target of 4 by 2013-14.")
    short = _counts({"2010-11": 3.0, "2011-12": 3.0},
                    targets=[{"value": 0.0, "by": "2013-14"}], polarity="lower-is-better")
    # A hidden count short of its target says so without a figure: "3 above the target"
    # would invent one (issue 22, defect 11).
    assert status(short) == Status(
        "suppressed", "Small number: not shown", "○",
        "Fewer than 6 in 2011-12: short of the target of 0 by 2013-14. How far is not "
        "shown: the figure is too small to publish safely.")


# -- audience and reader views ------------------------------------------------------------


def test_the_public_view_of_a_road_map_is_filtered_once():
    """Kills ``for_audience``: ``_last_public[0] is not roadmap`` -> ``_last_public[1]``
    (the public view, never the road map itself, so the whole model was filtered again
    for every check that asks)."""
    roadmap = _minimal()
    public = for_audience(roadmap, "public")
    assert for_audience(roadmap, "public") is public
    assert public is not roadmap and for_audience(roadmap, "internal") is roadmap


def test_markdown_escapes_are_undone_and_plain_text_has_one_view():
    """Kills ``without_markup``: the escape replaced by 'XX\\1XX'; and ``reader_views``:
    ``and False`` (the same text given twice when it has no mark-up)."""
    assert without_markup("jane\\@example\\.org") == "jane@example.org"
    assert reader_views("Ring 01922 650000") == ["Ring 01922 650000"]
    assert reader_views("*jane*@example.org") == ["*jane*@example.org", "jane@example.org"]


# -- escalation (derive/escalation.py) ----------------------------------------------------


def test_escalation_setting_is_checked_level_by_level_in_name_order():
    """Kills ``escalation_rules``: the sort key dropped or None (a crash on a number as a
    level name: an int and a str cannot be compared), ``str(None)`` (the order as written)
    and ``str(kv[1])`` (the order of the days), each of which reports 'nope' first; and
    ``days < 1`` -> ``days <= 1`` or ``< 2`` (a limit of 1 day refused)."""
    with pytest.raises(EscalationSettingError, match="'also-nope' is not a step"):
        escalation_rules({"escalation": {"nope": 1, "also-nope": 2}})
    with pytest.raises(EscalationSettingError, match="'5' is not a step"):
        escalation_rules({"escalation": {"informal": 10, 5: 3}})
    assert escalation_rules({"escalation": {"informal": 1}})["informal"] == 1


# -- staleness (check/staleness.py) -------------------------------------------------------


def test_how_serious_a_passed_review_date_is():
    """Kills ``stale_level``: each 'warning' returned changed ('XXwarningXX', 'WARNING'),
    and the fallback for an empty setting changed ('XXerrorXX', 'ERROR': refused as a
    wrong choice)."""
    roadmap = _minimal()
    def level(audience="public", **options):
        return stale_level(CheckContext(roadmap, TODAY, audience, options))
    assert level() == level(stale=None) == level(stale="") == level(stale="error") == "error"
    assert level(stale="warning") == "warning"
    assert level("internal") == level("internal", stale="error") == "warning"


def test_the_road_maps_own_dates_are_reported_like_an_items(data_copy):
    """Kills ``_road_map_review``: the level of a passed date dropped or None (an error
    although the site says ``stale: warning``), ``<= DUE_SOON_DAYS`` -> ``<`` (30 days
    ahead not yet due), the due message's 'review_by' changed, and the arguments of its
    ``_order_of_dates`` call (label, file, dates, road map) changed; and ``_order_of_dates``:
    the road map's own name ('roadmap.yml', not "file 'roadmap.yml'")."""
    data = data_copy()
    review = date(2027, 4, 1)  # the minimal fixture's review_by
    path = data / "roadmap.yml"
    stale = messages(data, "stale", today=review + timedelta(days=1),
                     options={"stale": "warning"})
    assert [m for m in stale if "roadmap.yml" in m][0].endswith(
        "the date of the next review (warning) [stale]")
    assert messages(data, "review-due", today=review - timedelta(days=30)) == [
        f"roadmap_data/roadmap.yml:{line_of(path, 'review_by:')}:12: roadmap.yml: the road "
        "map is due for review by 2027-04-01 (in 30 days); review it soon, then set a new "
        "'review_by' (warning) [review-due]"]
    assert messages(data, "review-due", today=review - timedelta(days=31)) == []
    _edit(path, "last_reviewed: 2026-10-01", "last_reviewed: 2027-04-02")
    assert messages(data, "invalid-value") == [
        f"roadmap_data/roadmap.yml:{line_of(path, 'last_reviewed:')}:16: roadmap.yml: "
        "'last_reviewed' (2027-04-02) is after 'review_by' (2027-04-01); the next review "
        "must come after the last one — check both dates [invalid-value]"]


def test_a_review_on_the_day_the_next_is_due_is_in_order(data_copy):
    """Kills ``_order_of_dates``: ``last > due`` -> ``last >= due`` (reviewed on the day
    it was due: the dates are in order)."""
    data = data_copy()
    append(data / "priorities/simple-road-map.yml",
           "last_reviewed: 2026-04-30\nreview_by: 2026-04-30\n")
    assert messages(data, "invalid-value") == []


# -- loading (read/text_screen.py, read/loader.py) -----------------------------------------


@pytest.mark.parametrize("char, written", [
    ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"), ("\x1b", "\\x1b"), ("\x00", "\\x00"),
    ("\u00ff", "\\xff"), ("\u0100", "\\u0100"), ("\u202e", "\\u202e"), ("\uffff", "\\uffff"),
    ("\U00010000", "\\U00010000"), ("\U000e0001", "\\U000e0001"),
])
def test_a_hidden_character_is_written_as_an_escape_of_its_size(char, written):
    """Kills ``escaped``: the names of tab and line feed changed (key or value), ``code <
    0x100`` -> ``<=`` or ``< 257`` (U+0100 as '\\x100'), and ``code < 0x10000`` -> ``<=``,
    ``< 65537`` or ``or True`` (U+10000 and the language tag U+E0001 as '\\u10000')."""
    assert escaped(char) == written


def test_a_yaml_error_without_a_place_or_with_only_its_context_is_located():
    """Kills ``syntax_problem``: the fall-backs for errors PyYAML raises without a problem
    mark (the ``getattr`` defaults dropped: a crash; the context mark not used; the file's
    first line and column changed or None; 'str(None)' or the second line as the
    problem), and the default hint changed."""
    plain = syntax_problem("data/x.yml", yaml.YAMLError("the stream ended\nsecond line"))
    assert plain == Problem(
        Location("data/x.yml", 1, 1),
        "this is not valid YAML (the stream ended): check the indentation and the quotes on "
        "this line", "yaml-syntax")
    mark = yaml.error.Mark("x.yml", 0, 2, 4, None, None)
    context_only = syntax_problem("data/x.yml", yaml.error.MarkedYAMLError(
        context="while reading a block", context_mark=mark, problem="a bad thing"))
    assert context_only.location == Location("data/x.yml", 3, 5)


@pytest.mark.parametrize("raw, where", [
    (b"a: 1\nb: 2\nc: x\xff\n", (3, 5)),  # the line's start is the last line break before
    (b"\nx\xff", (2, 2)),  # a line break as the very first byte
    (b"x\xff", (1, 2)),
])
def test_a_byte_that_is_not_utf8_is_reported_at_its_line_and_column(raw, where):
    """Kills ``decode``: ``rfind`` -> ``find`` (the column counted from the first line
    break), and ``rfind``/``count`` from byte 1 instead of 0 (a first-byte line break
    missed)."""
    problems: list = []
    text = decode("data/x.yml", raw, problems)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("bad-encoding", *where)]
    assert "\ufffd" in text


def test_a_byte_order_mark_is_dropped():
    """Kills ``decode``: the byte-order mark's bytes changed ('XX...XX'), so that the mark
    stayed at the start of the text."""
    problems: list = []
    assert decode("data/x.yml", b"\xef\xbb\xbfa: 1\n", problems) == "a: 1\n"
    assert problems == []


def test_where_prefers_the_value_and_falls_back_to_the_top_of_the_file():
    """Kills ``LoadedFile.where``: ``prefer_key=False`` -> ``True`` (the key's place
    given for a value written elsewhere), and the top-of-file fall-back's path, line or
    column changed or None."""
    loaded = LoadedFile("data/x.yml", _values={("a",): Location("data/x.yml", 2, 5)},
                        _keys={("a",): Location("data/x.yml", 2, 1)})
    assert loaded.where(("a",)) == Location("data/x.yml", 2, 5)
    assert loaded.where(("a",), prefer_key=True) == Location("data/x.yml", 2, 1)
    assert loaded.where(("a", "b")) == Location("data/x.yml", 2, 1)  # the key above
    assert LoadedFile("data/x.yml").where(("z", 3)) == Location("data/x.yml", 1, 1)


def test_a_file_that_becomes_a_link_after_the_check_is_not_followed(tmp_path, monkeypatch):
    """Kills ``_read_no_follow``: ``_O_NOFOLLOW & _O_NONBLOCK`` (O_NOFOLLOW dropped): a
    file swapped for a link between the check and the open must be refused by the open
    itself, not followed to its target; and, on that path, ``errno == ELOOP`` -> ``!=``
    (the error raised) and the problem dropped or given no file."""
    target = tmp_path / "secret.txt"
    target.write_text("password: hunter2\n", "utf-8")
    link = tmp_path / "goal.yml"
    link.symlink_to(target)
    monkeypatch.setattr(Path, "is_symlink", lambda self: False)  # the race: checked first
    problems: list = []
    assert _read_no_follow(link, "data/goal.yml", problems) is None
    assert problems == [symlink_problem("data/goal.yml")]
    assert problems[0].location == Location("data/goal.yml", 1, 1)


def test_a_pipe_in_the_data_folder_is_opened_without_waiting(tmp_path, monkeypatch):
    """Kills ``_read_no_follow``: ``_O_NONBLOCK & _O_BINARY`` (O_NONBLOCK dropped), under
    which opening a named pipe waits for ever for something to write to it; and the
    not-an-ordinary-file problem dropped, or its place, words or code changed; and, in
    ``load_file``, the file's path left out of what it returns.  The flags
    asked for are checked, and the pipe is always opened without waiting, so that the test
    itself never waits."""
    flags: list[int] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, how, *rest: flags.append(how) or real_open(
        path, how | os.O_NONBLOCK, *rest))
    pipe = tmp_path / "goal.yml"
    os.mkfifo(pipe)
    problems: list = []
    loaded = load_file(pipe, "data/goal.yml", problems)
    assert (loaded.path, loaded.data) == ("data/goal.yml", INVALID)
    assert flags and flags[0] & os.O_NONBLOCK and flags[0] & os.O_NOFOLLOW
    assert problems == [Problem(
        Location("data/goal.yml", 1, 1),
        "this is not an ordinary file (it may be a pipe or a device), so it cannot be read "
        "as text; replace it with an ordinary file", "bad-encoding")]


@pytest.mark.parametrize("loc, named", [
    ((), "this value"), ((0,), "an entry of the list"), ((0, 1), "an entry of the list"),
    (("goals", 2), "an entry of goals"), (("goals", 2, "title"), "the title"),
])
def test_how_a_message_names_a_value(loc, named):
    """Kills ``text_screen.describe`` (was loader._describe): the two names of a place
    without a field name changed or swapped (``not loc`` negated, ``and False``, ``or True``)."""
    assert describe(loc) == named


def test_a_binary_file_is_refused_under_its_own_name(tmp_path):
    """Kills ``load_file``: the path left out of what it returns for a file holding a NUL
    byte (binary data, or UTF-16 text)."""
    path = tmp_path / "goal.yml"
    path.write_bytes(b"title: x\x00y\n")
    problems: list = []
    loaded = load_file(path, "data/goal.yml", problems)
    assert (loaded.path, loaded.data) == ("data/goal.yml", INVALID)
    assert [(p.location.path, p.code) for p in problems] == [("data/goal.yml", "bad-encoding")]


def test_a_merge_key_or_a_block_as_a_field_name_is_reported_and_the_rest_is_read():
    """Kills ``_Constructor.mapping``: ``continue`` -> ``break`` after a merge key (the
    fields after it dropped), and the wrong-shape problem of a list used as a field name
    dropped, or its place, words or code changed."""
    problems: list = []
    assert load_text("data/x.yml", "<<: {a: 1}\nb: 2\n", problems).data == {"b": 2}
    assert [str(p) for p in problems] == [
        "data/x.yml:1:1: merge keys (<<) are not allowed; write the fields out in full [alias]"]
    problems = []
    assert load_text("data/x.yml", "? [a, b]\n: 1\nc: 3\n", problems).data == {"c": 3}
    assert [str(p) for p in problems] == [
        "data/x.yml:1:3: a field name must be a plain word, not a list or block [wrong-shape]"]


def test_blocks_nested_too_deep_are_reported_once_per_file():
    """Kills ``_Constructor.build``: ``too_deep_reported = True`` -> ``False`` or ``None``
    (the problem repeated for every branch that goes too deep)."""
    deep = "[" * 52 + "]" * 52
    problems: list = []
    load_text("data/x.yml", f"a: {deep}\nb: {deep}\n", problems)
    assert [str(p) for p in problems] == [
        "data/x.yml:1:54: blocks are nested more than 50 levels deep; flatten the data "
        "[too-deep]"]


def test_a_file_of_exactly_the_byte_limit_is_read_and_one_byte_more_is_not(tmp_path):
    """Kills ``_read_no_follow``: ``size <= MAX_BYTES`` -> ``<`` (a file of exactly the
    limit never read: a crash), ``size > MAX_BYTES`` -> ``>=`` (it refused), and
    ``read(MAX_BYTES + 1)`` -> ``read(MAX_BYTES - 1)`` (its last bytes cut off)."""
    limit = 1_000_000
    exact = tmp_path / "exact.yml"
    exact.write_bytes(b"a: " + b"x" * (limit - 4) + b"\n")
    problems: list = []
    raw = _read_no_follow(exact, "data/exact.yml", problems)
    assert raw is not None and len(raw) == limit and raw.endswith(b"x\n")
    assert problems == []
    over = tmp_path / "over.yml"
    over.write_bytes(b"a: " + b"x" * (limit - 3) + b"\n")
    assert _read_no_follow(over, "data/over.yml", problems) is None
    assert problems == [Problem(
        Location("data/over.yml", 1, 1),
        "this file is 1,000,001 bytes, over the 1,000,000-byte limit; split it into smaller "
        "files", "file-too-large")]
