"""The personal data guard: no email address or phone number in public text, however
it is written; and no name in a public story, in its text or its id."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from goldenthread.check.given_names import is_person_name
from goldenthread.check.personal_data import contact_details, contacts_in, phone_key
from goldenthread.check.pipeline import check_roadmap
from goldenthread.check.stories import known_words, names_in, names_in_id
from goldenthread.cli import main as goldenthread_main
from goldenthread.derive.normalised_text import reader_text, reader_views

from .check_helpers import line_of
from .conftest import EXAMPLE_DATA, run_build
from .test_learning import STORY


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(data: Path, code: str, audience: str = "public") -> list[str]:
    _, problems = check_roadmap(data, audience=audience)
    return [str(p) for p in problems if p.code == code]


def _personal(data: Path, audience: str = "public") -> list[str]:
    return _problems(data, "personal-data", audience)


FIX = ("the public site must not show personal contact details — remove it, or, if it is an "
       "organisational contact, add it to public_contacts in roadmap.yml [personal-data]")


# --- What counts as a contact detail -------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Write to jo.bloggs@example.gov.uk today.", [("email address", "jo.bloggs@example.gov.uk")]),
    ("J.Smith+board@Walsall.GOV.uk", [("email address", "J.Smith+board@Walsall.GOV.uk")]),
    ("Ring 01922 650000.", [("phone number", "01922 650000")]),
    ("Ring (01922) 650 000", [("phone number", "(01922) 650 000")]),
    ("Mobile 07700-900-123", [("phone number", "07700-900-123")]),
    ("+44 (0)1922 650000", [("phone number", "+44 (0)1922 650000")]),
    ("+44 20 7946 0958", [("phone number", "+44 20 7946 0958")]),
    ("0800 123 4567 is free", [("phone number", "0800 123 4567")]),
    ("an @ sign alone, or user@localhost, is not an address", []),
    ("Half-term (0) is not a number", []),
    ("A reference like 012345 is too short.", []),
    ("Call 999 in an emergency, or 101.", []),
])
def test_contacts_in_text(text, found):
    assert list(contacts_in(text)) == found


# Each hole the adversarial review found: the old guard let every one of these through.
@pytest.mark.parametrize("text, kind, shown", [
    ("jane.smith&#64;example.org", "email address", "jane.smith@example.org"),
    ("jane.smith&commat;example.org", "email address", "jane.smith@example.org"),
    ("jane&amp;#64;example.org", "email address", "jane@example.org"),
    ("jane at example dot org", "email address", "jane at example dot org"),
    ("jane [at] example [dot] org", "email address", "jane [at] example [dot] org"),
    ("jane (at) example (dot) org", "email address", "jane (at) example (dot) org"),
    ("Jane AT Example DOT org", "email address", "Jane AT Example DOT org"),
    ("jane.smith at example.org", "email address", "jane.smith at example.org"),
    ("[write to us](mailto:jane%40example.org)", "email address", "jane@example.org"),
    ("jane%2540example.org", "email address", "jane@example.org"),
    ("jane\uff20example\uff0eorg", "email address", "jane@example.org"),
    ("jane\u200b@example.org", "email address", "jane@example.org"),
    ("jane@exam\u00adple.org", "email address", "jane@example.org"),
    ("ja\u2060ne@example.org\ufeff", "email address", "jane@example.org"),
    ("jane\u202e@\u202cexample.org", "email address", "jane@example.org"),
    ("jane*@*example.org", "email address", "jane@example.org"),
    ("0044 1922 650000", "phone number", "0044 1922 650000"),
    ("wa.me/441922650000", "phone number", "441922650000"),
    ("https://wa.me/447700900123", "phone number", "447700900123"),
    ("\uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13", "phone number",
     "07700 900123"),
    ("0 7 7 0 0 9 0 0 1 2 3", "phone number", "0 7 7 0 0 9 0 0 1 2 3"),
    ("0-1-9-2-2-6-5-0-0-0-0", "phone number", "0-1-9-2-2-6-5-0-0-0-0"),
    ("077\u200b00 900\u00ad123", "phone number", "07700 900123"),
    ("07700&#32;900123", "phone number", "07700 900123"),
    ("0300 123 4567", "phone number", "0300 123 4567"),
    ("0345 678 9012", "phone number", "0345 678 9012"),
    ("<b>07700</b> 900123", "phone number", "07700 900123"),
    ("+1 212 555 0100", "phone number", "+1 212 555 0100"),
])
def test_obfuscated_contact_details_are_found(text, kind, shown):
    assert list(contacts_in(f"Contact: {text} today.")) == [(kind, shown)]


@pytest.mark.parametrize("text", [
    "In 2011-12, 21.5 per 10,000 children; in 2013-14 it was 19.8.",
    "Targets for 2012-13, 2013-14 and 2014-15; figures 2011 2012 2013 2014.",
    "From 2011/12 to 2013/14.",
    "Dates such as 2012-04-01, 01/04/2012 and 1 April 2012 are not phone numbers.",
    "We moved £1,250,000 from crisis care to early help, and £1 250 000 more next year.",
    "1,234 children and 12,345 contacts; 123,456 in all.",
    "53.7% of schools were good and 23.7% outstanding; 100% took part.",
    "Find out more at walsall.gov.uk.",
    "Follow @walsall.council for news.",
    "We met at school. Then we went home.",
    "Ofsted report 2012/0456; reference 20130401.",
])
def test_ordinary_figures_and_words_are_not_contact_details(text):
    assert list(contacts_in(text)) == []


def test_the_normalisation_undoes_each_disguise():
    assert reader_text("jane.smith&#64;example.org") == "jane.smith@example.org"
    assert reader_text("mailto:jane%40example.org") == "mailto:jane@example.org"
    assert reader_text("&amp;#64; %2540") == "@ @"
    assert reader_text("\uff10\uff17\uff17\uff10\uff10") == "07700"
    assert reader_text("\uff20\ufe6b") == "@@"  # full-width and small commercial at
    invisible = "\u200b\u200c\u200d\u2060\u00ad\ufeff\u200e\u200f\u202a\u202e\u2066\u2069"
    assert reader_text(f"a{invisible}b") == "ab"
    assert reader_text("07700\u00a0900123") == "07700 900123"  # no-break space
    assert reader_text("&#6\u200b4;") == "@"  # removing makes a new entity
    assert reader_views("jane*@*example.org") == ["jane*@*example.org", "jane@example.org"]


def test_phone_numbers_compare_by_their_international_form():
    assert phone_key("+44 (0)1922 650000") == phone_key("01922-650-000") == "+441922650000"
    assert phone_key("0044 1922 650000") == phone_key("+44 1922 650000") == "+441922650000"
    assert phone_key("not a number") is None
    assert contact_details("Ring 0 1 9 2 2 6 5 0 0 0 0") == [
        ("phone number", "0 1 9 2 2 6 5 0 0 0 0", "+441922650000")]
    assert contact_details("Jane [at] Example dot ORG") == [
        ("email address", "Jane [at] Example dot ORG", "jane@example.org")]


# --- The check, with file and line ----------------------------------------------------

def test_public_text_with_an_email_or_phone_number_is_an_error(data_copy):
    data = data_copy()
    _edit(data / "services" / "early-help.yml", "owner: Head of Early Help",
          "owner: Head of Early Help (jo.bloggs@example.gov.uk)")
    _edit(data / "glossary.yml", "meaning: The partners' shared plan.",
          "meaning: \"The partners' shared plan; ask on 07700 900123.\"")
    _edit(data / "roadmap.yml", "  - Families get help earlier.",
          "  - Families get help earlier (call 01922 650000).")
    assert _personal(data) == [
        "roadmap_data/glossary.yml:9:14: glossary.yml: 'meaning' would publish the phone "
        f"number '07700 900123'; {FIX}",
        "roadmap_data/roadmap.yml:8:5: roadmap.yml: 'benefits' would publish the phone number "
        f"'01922 650000'; {FIX}",
        "roadmap_data/services/early-help.yml:12:8: service 'early-help': 'owner' would publish "
        f"the email address 'jo.bloggs@example.gov.uk'; {FIX}",
    ]
    assert _personal(data, "internal") == []


#: (field text as written in YAML, what the message quotes) for every hole, one per file.
HOLES = [
    ("jane.smith&#64;example.org", "email address", "jane.smith@example.org"),
    ("jane at example dot org", "email address", "jane at example dot org"),
    ("jane [at] example [dot] org", "email address", "jane [at] example [dot] org"),
    ("[email](mailto:jane%40example.org)", "email address", "jane@example.org"),
    ("0044 1922 650000", "phone number", "0044 1922 650000"),
    ("wa.me/441922650000", "phone number", "441922650000"),
    ("https://wa.me/447700900123", "phone number", "447700900123"),
    ("０７７００ ９００１２３", "phone number", "07700 900123"),
    ("0 7 7 0 0 9 0 0 1 2 3", "phone number", "0 7 7 0 0 9 0 0 1 2 3"),
    ("jane\\u200b@example.org", "email address", "jane@example.org"),
    ("07700\\u00ad900123", "phone number", "07700900123"),
    ("0300 123 4567", "phone number", "0300 123 4567"),
]


@pytest.mark.parametrize("written, kind, shown", HOLES)
def test_each_disguise_is_an_error_at_its_line(data_copy, written, kind, shown):
    data = data_copy()
    goal = data / "goals" / "help-early.yml"
    # Double quotes, so that YAML reads \u200b as the invisible character it names.
    _edit(goal, "summary: Families get help before problems grow.",
          f'summary: "Families get help before problems grow. Ask {written} for help."')
    line = line_of(goal, "summary:")
    assert _personal(data) == [
        f"roadmap_data/goals/help-early.yml:{line}:10: goal 'help-early': 'summary' would "
        f"publish the {kind} '{shown}'; {FIX}"]
    assert _personal(data, "internal") == []


def test_ordinary_figures_in_public_text_are_not_errors(data_copy):
    data = data_copy()
    _edit(data / "goals" / "help-early.yml", "summary: Families get help before problems grow.",
          "summary: In 2011-12 and 2013-14, 1,234 children (12.5%) got help; we moved "
          "£1,250,000 to early help on 2012-04-01.")
    assert _personal(data) == []


def test_internal_items_and_entries_may_hold_contact_details(data_copy):
    data = data_copy()
    path = data / "services" / "early-help.yml"
    _edit(path, "owner: Head of Early Help", "owner: Head of Early Help (jo@example.gov.uk)")
    _edit(path, "visibility: public", "visibility: internal")
    _edit(data / "actions" / "publish-road-map.yml", "visibility: public", "visibility: internal")
    _edit(data / "glossary.yml", "meaning: The partners' shared plan.\n    visibility: public",
          "meaning: \"Ask on 07700 900123.\"\n    visibility: internal")
    assert _personal(data) == []


def test_organisational_contacts_listed_in_roadmap_yml_may_be_published(data_copy):
    data = data_copy()
    _edit(data / "services" / "early-help.yml", "owner: Head of Early Help",
          "owner: Head of Early Help (Early.Help@Example.gov.uk, +44 1922 650000)")
    _edit(data / "roadmap.yml", "last_reviewed:",
          "public_contacts:\n  - early.help@example.gov.uk\n  - 01922 650000\nlast_reviewed:")
    assert _personal(data) == []


def test_the_allow_list_matches_a_contact_however_it_is_written(data_copy):
    data = data_copy()
    _edit(data / "services" / "early-help.yml", "owner: Head of Early Help",
          "owner: Head of Early Help (ring 01922 650000, 0044 1922 650000 or 0300 123 4567, "
          "or write to early.help [at] example.gov.uk)")
    assert [p.split("would publish the ")[1].split(";")[0] for p in _personal(data)] == [
        "email address 'early.help [at] example.gov.uk'",
        "phone number '01922 650000'",  # the same number as 0044 1922 650000: said once
        "phone number '0300 123 4567'"]
    # Declared in other formats: international, with brackets, in capitals.
    _edit(data / "roadmap.yml", "last_reviewed:",
          "public_contacts:\n  - EARLY.HELP@EXAMPLE.GOV.UK\n  - +44 1922 650000\n"
          "  - (0300) 123-4567\nlast_reviewed:")
    assert _personal(data) == []
    # A number that is not on the list is still an error.
    _edit(data / "services" / "early-help.yml", "0300 123 4567", "0300 123 4568")
    assert [p.split(": '")[-1] for p in _personal(data)] == [
        f"owner' would publish the phone number '0300 123 4568'; {FIX}"]


def _check_output(data: Path) -> list[str]:
    """What ``goldenthread check`` (public) prints about personal data."""
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        goldenthread_main(["check", str(data), "--audience", "public"])
    return [line for line in out.getvalue().splitlines() if line.endswith("[personal-data]")]


def _help_contact(data: Path, phone: str | None, web: str | None) -> Path:
    """roadmap.yml with one public help contact, with this phone and web address."""
    path = data / "roadmap.yml"
    text = re.sub(r"^help_contacts:\n(?:[ -].*\n)*", "", path.read_text(), flags=re.M)
    text += "help_contacts:\n  - name: Front door\n    when: If you are worried.\n"
    text += f"    phone: {phone}\n" if phone else ""
    text += f"    web: {web}\n" if web else ""
    path.write_text(text + "    visibility: public\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("web, written, kind, shown", [
    ("https://example.org/write-to/jane.smith@example.org", "Write to jane.smith@example.org.",
     "email address", "jane.smith@example.org"),
    ("https://wa.me/447700900123", "Ring 07700 900123 after six.", "phone number",
     "07700 900123"),
])
def test_a_help_contacts_web_address_allows_no_address_or_number_inside_it(
        data_copy, web, written, kind, shown):
    data = data_copy()
    roadmap_file = _help_contact(data, None, web)
    goal = data / "goals" / "help-early.yml"
    _edit(goal, "summary: Families get help before problems grow.", f"summary: {written}")
    found = _check_output(data)
    # Reported where it is written in prose, and in the web address itself, which the
    # home page and every service page publish.
    assert (f"roadmap_data/goals/help-early.yml:{line_of(goal, 'summary:')}:10: goal "
            f"'help-early': 'summary' would publish the {kind} '{shown}'; {FIX}") in found
    assert [line.split(": ", 1)[0] for line in found
            if line.startswith("roadmap_data/roadmap.yml")] == [
        f"roadmap_data/roadmap.yml:{line_of(roadmap_file, '    web:')}:10"]
    assert len(found) == 2


def test_only_a_help_contacts_one_declared_phone_number_is_allowed(data_copy):
    data = data_copy()
    goal = data / "goals" / "help-early.yml"
    _edit(goal, "summary: Families get help before problems grow.",
          "summary: Ring 01632 960001 or 07700 900123.")
    # One number: it is declared, and only it may be published elsewhere.
    _help_contact(data, "01632 960001", "https://example.org/front-door")
    assert [line.split("would publish the ")[1].split(";")[0] for line in
            _check_output(data)] == ["phone number '07700 900123'"]
    # A 'phone' holding a second number (or an address) declares neither.
    roadmap_file = _help_contact(data, '"01632 960001, or text 07700 900123"', None)
    found = _check_output(data)
    summary = f"roadmap_data/goals/help-early.yml:{line_of(goal, 'summary:')}:10"
    phone = f"roadmap_data/roadmap.yml:{line_of(roadmap_file, '    phone:')}:12"
    assert [(line.split(": ", 1)[0], line.split("would publish the ")[1].split(";")[0])
            for line in found] == [
        (summary, "phone number '01632 960001'"), (summary, "phone number '07700 900123'"),
        (phone, "phone number '01632 960001'"), (phone, "phone number '07700 900123'")]


def test_the_public_build_stops_on_personal_data_and_the_intranet_does_not(data_copy, tmp_path):
    data = data_copy()
    _edit(data / "services" / "early-help.yml", "owner: Head of Early Help",
          "owner: Head of Early Help (jo.bloggs&#64;example.gov.uk)")
    public = run_build(tmp_path / "public", data, check=False)
    assert public.returncode != 0
    assert ("roadmap_data/services/early-help.yml:12:8: service 'early-help': 'owner' would "
            "publish the email address 'jo.bloggs@example.gov.uk'") in public.stderr
    assert not (tmp_path / "public" / "index.html").exists()
    run_build(tmp_path / "internal", data, config="mkdocs.internal.yml")
    assert (tmp_path / "internal" / "index.html").is_file()


# --- Names in stories -----------------------------------------------------------------


NO_NAMES = ("a public story must not identify anyone: describe people by role, e.g. 'a "
            "mother' or 'her social worker' [story-name]")


def _story(data: Path, name: str, text: str = STORY) -> Path:
    path = data / "stories" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, names", [
    ("Amira was struggling.", ["Amira"]),
    ("Amira Khan and her mother", ["Amira Khan"]),
    ("Her son, Amira's brother, came too.", ["Amira"]),
    ("Am\u200bira was struggling.", ["Amira"]),
    ("Mrs Smith and Olivia", ["Mrs Smith", "Olivia"]),
    # Names of the UK's communities, not only English ones.
    ("Siobhan, Aoife and Ciaran", ["Siobhan", "Aoife", "Ciaran"]),
    ("Wojciech and Agnieszka", ["Wojciech", "Agnieszka"]),
    ("Zainab, Tariq and Yusuf", ["Zainab", "Tariq", "Yusuf"]),
    ("Gurpreet, Sunita and Deepak", ["Gurpreet", "Sunita", "Deepak"]),
    ("Xin and Mei", ["Xin", "Mei"]),
    ("Kofi and Amara", ["Kofi", "Amara"]),
    ("Andrei and Bogdan", ["Andrei", "Bogdan"]),
    # The commonest English first names, even where they are words too.
    ("Jack and Harry", ["Jack", "Harry"]),
])
def test_given_names_are_found(text, names):
    assert names_in(text) == names


@pytest.mark.parametrize("text", [
    "Hope came back. Grace was shown. May was hard. Will they stay?",
    "Mark the date. Early help worked. Help came. Bill paid. Rose early.",
    "Faith in us grew. Joy returned. Sunny days. Ward staff helped.",
    "Peer mentors helped. Foster carers listened. Young carers spoke.",
    "In June, at Easter and at Christmas the family met on Monday.",
    "The NHS and CAMHS helped; She, He, His and Her are not names.",
])
def test_words_that_are_also_names_are_not_taken_for_names(text):
    assert names_in(text) == []


def test_the_road_maps_own_names_of_things_are_not_names():
    roadmap, _ = check_roadmap(EXAMPLE_DATA, audience="public")
    known = known_words(roadmap)
    assert names_in("The Munro review helped.") == ["Munro"]
    assert names_in("The Munro review helped.", known) == []  # a glossary term
    assert names_in("Walsall Council helped Amira.", known) == ["Amira"]
    assert is_person_name("amira") and not is_person_name("grace")


def test_a_story_id_that_is_a_name_is_found():
    assert names_in_id("amira") == ["amira"]
    assert names_in_id("amira-khan") == ["amira"]
    assert names_in_id("help-before-things-got-worse") == []
    assert names_in_id("hope-for-the-future") == []


def test_a_name_in_a_public_story_is_an_error(data_copy):
    data = data_copy()
    path = _story(data, "help.yml", STORY.replace(
        "A mother was struggling.", "Amira Khan was struggling.").replace(
        "A mother of two", "Her mum, Siob\u00adhan"))
    assert _problems(data, "story-name") == [
        f"roadmap_data/stories/help.yml:{line_of(path, 'account:')}:10: story 'help': "
        f"'account' contains what looks like a name ('Amira Khan'); {NO_NAMES}",
        f"roadmap_data/stories/help.yml:{line_of(path, 'told_by:')}:10: story 'help': "
        f"'told_by' contains what looks like a name ('Siobhan'); {NO_NAMES}",
    ]


@pytest.mark.parametrize("address", ["jane@example.org", "Jane@example.org"])
def test_an_email_address_in_a_public_story_is_reported_once(data_copy, address):
    """Once, by the personal-data guard: a name at the start of the address is part of
    the address, not a name in the story as well."""
    data = data_copy()
    path = _story(data, "help.yml", STORY.replace(
        "told_by: A mother of two", f"told_by: A mother of two, {address}"))
    _, problems = check_roadmap(data, audience="public")
    assert [str(p) for p in problems if "example.org" in str(p) or p.code == "story-name"] == [
        f"roadmap_data/stories/help.yml:{line_of(path, 'told_by:')}:10: story 'help': "
        f"'told_by' would publish the email address '{address}'; {FIX}"]


@pytest.mark.parametrize("story_id, names", [("amira", "amira"), ("amira-khan", "amira")])
def test_a_public_story_whose_id_is_a_name_is_an_error(data_copy, story_id, names):
    data = data_copy()
    _story(data, f"{story_id}.yml")
    assert _problems(data, "story-name") == [
        f"roadmap_data/stories/{story_id}.yml:1:1: story '{story_id}': its id, the file name, "
        f"contains what looks like a name ('{names}'), and the id is published (in the "
        f"page, as 'story-{story_id}', and in the open data); rename the file to say what "
        "the story is about, e.g. 'help-before-things-got-worse.yml' [story-name]"]
    # An internal story is never published, id and all.
    _story(data, f"{story_id}.yml", STORY.replace("visibility: public", "visibility: internal"))
    assert _problems(data, "story-name") == []


def test_the_example_stories_and_public_text_pass():
    _, problems = check_roadmap(EXAMPLE_DATA, audience="public")
    assert [str(p) for p in problems if p.code in ("story-name", "personal-data")] == []
