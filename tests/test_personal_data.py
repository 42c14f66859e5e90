"""The personal data guard: no email address or UK phone number in public text."""

from __future__ import annotations

from pathlib import Path

import pytest

from goldenthread.checks.personal_data import contacts_in, phone_digits
from goldenthread.pipeline import check_roadmap

from .conftest import run_build


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _personal(data: Path, audience: str = "public") -> list[str]:
    _, problems = check_roadmap(data, audience=audience)
    return [str(p) for p in problems if p.code == "personal-data"]


FIX = ("the public site must not show personal contact details — remove it, or, if it is an "
       "organisational contact, add it to public_contacts in roadmap.yml [personal-data]")


@pytest.mark.parametrize("text, found", [
    ("Write to jo.bloggs@example.gov.uk today.", [("email address", "jo.bloggs@example.gov.uk")]),
    ("J.Smith+board@Walsall.GOV.uk", [("email address", "J.Smith+board@Walsall.GOV.uk")]),
    ("Ring 01922 650000.", [("phone number", "01922 650000")]),
    ("Ring (01922) 650 000", [("phone number", "(01922) 650 000")]),
    ("Mobile 07700-900-123", [("phone number", "07700-900-123")]),
    ("+44 (0)1922 650000", [("phone number", "+44 (0)1922 650000")]),
    ("+44 20 7946 0958", [("phone number", "+44 20 7946 0958")]),
    ("0800 123 4567 is free", [("phone number", "0800 123 4567")]),
    ("In 2011-12, 21.5 per 10,000 children; 45 working days.", []),
    ("Dates such as 2012-04-01 or 01/04/2012 are not phone numbers.", []),
    ("A reference like 012345 is too short.", []),
    ("Half-term (0) is not a number", []),
    ("an @ sign alone, or user@localhost, is not an address", []),
])
def test_contacts_in_text(text, found):
    assert list(contacts_in(text)) == found


def test_phone_numbers_compare_by_their_digits():
    assert phone_digits("+44 (0)1922 650000") == phone_digits("01922-650-000") == "01922650000"
    assert phone_digits("+44 1922 650000") == "01922650000"


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


def test_the_public_build_stops_on_personal_data_and_the_intranet_does_not(data_copy, tmp_path):
    data = data_copy()
    _edit(data / "services" / "early-help.yml", "owner: Head of Early Help",
          "owner: Head of Early Help (jo.bloggs@example.gov.uk)")
    public = run_build(tmp_path / "public", data, check=False)
    assert public.returncode != 0
    assert ("roadmap_data/services/early-help.yml:12:8: service 'early-help': 'owner' would "
            "publish the email address 'jo.bloggs@example.gov.uk'") in public.stderr
    assert not (tmp_path / "public" / "index.html").exists()
    run_build(tmp_path / "internal", data, config="mkdocs.internal.yml")
    assert (tmp_path / "internal" / "index.html").is_file()
