"""The personal-data and name guards read text as a reader sees it on the page.

Each form below is one a determined person would use to get a contact detail or a name
past a check that reads the YAML: Markdown link syntax splitting it, a line break,
separators other than space, dot and hyphen, letters for digits, digits as words, other
full stops, ' at ' for '@', letters from other scripts that look the same, capitals,
lower case, accents, a title with a surname.  Every one is written into its own item of
one copy of the minimal road map, ``goldenthread check`` is run once over all of them,
and each must be reported at its own file and line.  Ordinary text must pass.
"""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout

import pytest

from goldenthread.check.personal_text import Allowed, Finding, personal_data_in
from goldenthread.cli import main as goldenthread_main
from goldenthread.derive.lookalikes import as_latin, skeleton
from goldenthread.derive.normalised_text import shown_text

from .adversarial_cases import goal, story
from .conftest import MINIMAL, ROOT

FIX = ("the public site must not show personal contact details — remove it, or, if it is an "
       "organisational contact, add it to public_contacts in roadmap.yml [personal-data]")
NO_NAMES = ("a public story must not identify anyone: describe people by role, e.g. 'a "
            "mother' or 'her social worker' [story-name]")

#: (id, text a goal's summary holds, kind, what the message quotes).
CONTACTS = [
    ("link-splits-address", "Write to jane.smith@[example.org](https://example.org).",
     "email address", "jane.smith@example.org"),
    ("link-splits-name-of-address", "Write to [jane](https://example.org).smith@example.org.",
     "email address", "jane.smith@example.org"),
    ("link-splits-number", "Ring 07700 [900123](https://example.org/ring).",
     "phone number", "07700 900123"),
    ("links-around-each-group", "Ring [07700](https://e.org) [900123](https://e.org).",
     "phone number", "07700 900123"),
    ("number-over-two-lines", "Ring 07700\n900123 after six.", "phone number", "07700 900123"),
    ("number-broken-inside-a-group", "Ring 077\n00 900 123 after six.", "phone number",
     "077 00 900 123"),
    ("address-over-two-lines", "Write to jane.smith@\nexample.org.", "email address",
     "jane.smith@example.org"),
    ("middle-dots", "Ring 07700·900·123.", "phone number", "07700 900 123"),
    ("underscores", "Ring 07700_900_123.", "phone number", "07700 900 123"),
    ("bullets", "Ring 07700•900•123.", "phone number", "07700 900 123"),
    ("spaced-dashes", "Ring 07700 – 900 – 123.", "phone number", "07700 – 900 – 123"),
    ("letter-o-for-zero", "Ring O77OO 9OO 123.", "phone number", "07700 900 123"),
    ("letter-l-for-one", "Ring 0l922 65OOOO.", "phone number", "01922 650000"),
    ("capital-i-for-one", "Ring 07700 9OO I23.", "phone number", "07700 900 123"),
    ("digits-as-words", "Ring zero seven seven zero zero nine zero zero one two three.",
     "phone number", "07700900123"),
    ("digits-as-words-with-oh-and-double", "Ring oh seven seven double-oh nine double oh one "
     "two three.", "phone number", "07700900123"),
    ("ideographic-full-stop", "Write to jane@example\u3002org.", "email address",
     "jane@example.org"),
    ("halfwidth-ideographic-full-stop", "Write to jane@example\uff61org.", "email address",
     "jane@example.org"),
    ("fullwidth-full-stop", "Write to jane@example\uff0eorg.", "email address",
     "jane@example.org"),
    ("at-word-without-a-dot", "Write to jane at example.org.", "email address",
     "jane at example.org"),
    ("at-word-after-no-english-word", "Write to jsmith at example.org.", "email address",
     "jsmith at example.org"),
    ("address-after-at-as-a-word", "Write to us at jane.smith@example.org.", "email address",
     "jane.smith@example.org"),
    ("cyrillic-letters-in-address", "Write to j\u0430ne@\u0435xample.org.", "email address",
     "j\u0430ne@\u0435xample.org"),
    ("mathematical-digits", "Ring \U0001d7ce\U0001d7d5\U0001d7d5\U0001d7ce\U0001d7ce "
     "\U0001d7d7\U0001d7ce\U0001d7ce\U0001d7cf\U0001d7d0\U0001d7d1.", "phone number",
     "07700 900123"),
]

#: (id, text a story's account holds, what the message quotes).
NAMES = [
    ("link-splits-name", "Am[ira](https://example.org) now feels safe at home.", "Amira"),
    ("name-in-capitals", "AMIRA now feels safe at home.", "AMIRA"),
    ("name-in-lower-case", "amira now feels safe at home.", "amira"),
    ("name-with-combining-accent", "Ami\u0301ra now feels safe at home.", "Amira"),
    ("name-with-accented-letter", "Siobh\u00e1n now feels safe at home.", "Siobhan"),
    ("cyrillic-capital-a", "\u0410mira now feels safe at home.", "Amira"),
    ("greek-capital-alpha", "\u0391mira now feels safe at home.", "Amira"),
    ("fullwidth-letters", "\uff21\uff4d\uff49\uff52\uff41 now feels safe at home.", "Amira"),
    ("title-and-surname", "Mrs Khan now feels safe at home.", "Mrs Khan"),
    ("title-and-surname-in-capitals", "MRS KHAN now feels safe at home.", "MRS KHAN"),
    ("title-and-surname-in-lower-case", "mrs khan now feels safe at home.", "mrs khan"),
    ("title-with-a-stop", "Dr. Patel said she feels safe at home.", "Dr. Patel"),
    ("surname-in-capitals-after-a-title", "Mrs. KHAN now feels safe at home.", "Mrs. KHAN"),
    ("title-and-cyrillic-surname", "Mrs \u041ahan now feels safe at home.", "Mrs Khan"),
]


def _goal_file(case_id: str) -> str:
    return f"goals/reader-{case_id}.yml"


def _story_file(case_id: str) -> str:
    return f"stories/told-{case_id}.yml"


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> str:
    """Every form written into one copy of the minimal road map; what
    ``goldenthread check`` printed for it."""
    data = tmp_path_factory.mktemp("forms") / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    (data / "stories").mkdir()
    for case_id, text, _, _ in CONTACTS:
        (data / _goal_file(case_id)).write_text(goal(summary=text), encoding="utf-8")
    for case_id, text, _ in NAMES:
        (data / _story_file(case_id)).write_text(story(account=text), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = goldenthread_main(["check", str(data), "--audience", "public",
                                  "--config", str(ROOT / "mkdocs.yml")])
    assert code == 1
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("case_id, text, kind, shown", CONTACTS, ids=[c[0] for c in CONTACTS])
def test_each_disguised_contact_is_reported_at_its_line(checked, case_id, text, kind, shown):
    # summary is the second line of the goal; its value starts in column 10.
    assert (f"roadmap_data/{_goal_file(case_id)}:2:10: goal 'reader-{case_id}': 'summary' "
            f"would publish the {kind} '{shown}'; {FIX}") in checked.splitlines()


@pytest.mark.parametrize("case_id, text, shown", NAMES, ids=[c[0] for c in NAMES])
def test_each_disguised_name_in_a_story_is_reported_at_its_line(checked, case_id, text,
                                                                 shown):
    # account is the second line of the story; its value starts in column 10.
    assert (f"roadmap_data/{_story_file(case_id)}:2:10: story 'told-{case_id}': 'account' "
            f"contains what looks like a name ('{shown}'); {NO_NAMES}") in checked.splitlines()


def test_each_form_is_reported_once_and_nothing_else_is(checked):
    reported = [line for line in checked.splitlines()
                if re.search(r"\[(?:personal-data|story-name)\]$", line)]
    assert len(reported) == len(CONTACTS) + len(NAMES), "\n".join(reported)


# --- What is not personal data -------------------------------------------------------

ORDINARY = [
    "In 2011–12 and 2012–13, 21·5 per 10,000 children; £1,250,000 moved to early help.",
    "Figures for 2011/12, 2012/13 and 2013/14: 1,234, 12,345 and 123,456; 53.7% in all.",
    "Find out more at walsall.gov.uk, or see the details at nhs.uk.",
    "We met at school.\nThen we went home at six.",
    "One, two or three visits a week; four to nine children in each group.",
    "Room 1O and flat 2B are on the first floor.",
    "We did not miss out: the Family Support Team, the NHS and CAMHS all helped.",
    "THE FAMILY GOT HELP AT HOME FROM A SOCIAL WORKER.",
    "the family got help at home from a social worker and a nurse.",
    "SEN support, LAC reviews, the LADO and the IRO; her nan and her gran came too.",
    "A template such as {{ \"adv\" ~ \"evald\" }} is shown as it is written.",
    "Read [the review](https://www.gov.uk/review) and [our plan](plan.md).",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_personal_data(text):
    assert personal_data_in(text, names=True) == []


def test_ordinary_text_in_a_public_story_passes_the_check(tmp_path):
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    (data / "stories").mkdir()
    (data / "stories" / "help-at-home.yml").write_text(
        story(account=" ".join(ORDINARY)), encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = goldenthread_main(["check", str(data), "--audience", "public",
                                  "--config", str(ROOT / "mkdocs.yml")])
    assert code == 0, out.getvalue()


# --- The reading itself --------------------------------------------------------------

def test_the_text_a_reader_sees():
    assert shown_text("jane.smith@[example.org](https://example.org)") == (
        "jane.smith@example.org")
    assert shown_text("![a photo of Amira](amira.png) and [a link][ref]\n\n[ref]: https://x"
                      ) == "a photo of Amira and a link "
    assert shown_text("Ring 07700\n900123") == "Ring 07700 900123"
    assert shown_text("A\u0301mira, \u0410mira, \u0391mira") == "Amira, Amira, Amira"
    assert shown_text("example\u3002org") == "example.org"
    assert shown_text("Plain text stays as it is.") == "Plain text stays as it is."


def test_look_alike_letters_by_unicodes_table():
    # UTS #39's skeleton: the same for texts that look the same.
    assert skeleton("\u0410mira") == skeleton("Amira")
    assert skeleton("\u03bfpen") == skeleton("open")
    assert skeleton("Amira") != skeleton("Amina")
    # The guards' reading: only letters outside ASCII change, to the ASCII they look like.
    assert as_latin("\u0410mira \u0399sla m") == "Amira Isla m"
    assert as_latin("\u4e2d\u6587") == "\u4e2d\u6587"  # looks like no Latin letter


def test_one_guard_for_any_text():
    """What the history, the blockage from an issue and the built pages call."""
    text = "Ask Mrs Khan on 07700 900123 or at jane.smith@example.org; 01632 960001 is ours."
    allowed = Allowed.declared(["01632 960001"])
    assert personal_data_in(text, allowed) == [
        Finding("phone number", "07700 900123", "+447700900123"),
        Finding("email address", "jane.smith@example.org", "jane.smith@example.org")]
    assert personal_data_in(text, allowed, names=True)[-1] == Finding(
        "name", "Mrs Khan", "mrs khan")
    # A word the road map names something by is no surname ('Sir Ynys Môn' is a county).
    assert personal_data_in("Cyngor Sir Ynys Môn", names=True,
                            allowed=Allowed(known=frozenset({"ynys"}))) == []
