"""Any partnership, in its own words: no sentence about children unless its data says so.

``tests/fixtures/adult-social-care`` is an adult social care and health partnership's
road map (the council's adult services, the NHS integrated care board, a hospital trust,
a housing association and the voluntary sector), built here by ``scripts/build`` as a
user builds.  Every public page, the search index and every open-data file are read as
a reader sees them, and no word of children's services may appear on them that the
road map's own data did not write.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, run_script_build
from .data_helpers import strings_of
from .test_any_partnership import site_text

pytestmark = pytest.mark.build

ADULT_CARE = FIXTURES / "adult-social-care"

#: Words and phrases of children's services that no template, message or description of
#: the tool may write for a partnership that is not about children.
CHILDRENS_WORDS = (
    "children", "child", "young people", "families", "corporate parent", "Children Act",
    "safeguarding board", "Munro", "looked after", "care leavers", "early help", "schools",
    "police",
)


def _pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as a reader reads it: any case, any spaces or hyphens between its words,
    whole words only ('child' is not found in 'childminder')."""
    words = r"[\s\-]+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![^\W_]){words}(?![^\W_])", re.IGNORECASE)


def data_text(folder: Path) -> str:
    """Every value the road map's data writes (its comments and field names are not text
    it publishes)."""
    return "\n".join(text for path in sorted(folder.rglob("*.yml"))
                     for text in strings_of(yaml.safe_load(path.read_text(encoding="utf-8"))))


def written_by_data(folder: Path) -> set[str]:
    """The children's-services words the data itself writes: those may be published."""
    text = data_text(folder)
    return {phrase for phrase in CHILDRENS_WORDS if _pattern(phrase).search(text)}


def public_texts(site: Path) -> dict[str, str]:
    """Every public page as a reader sees it, every open-data file, and each search entry
    (title and text) on its own."""
    texts = site_text(site)
    index = texts.pop("search/search_index.json", None)
    assert index is not None, "the public site has no search index"
    for entry in json.loads(index)["docs"]:
        texts[f"search: {entry['location']}"] = entry["title"] + " " + entry["text"]
    return texts


def childrens_words_found(texts: dict[str, str], allowed: set[str]) -> dict[str, list[str]]:
    """place -> each children's-services word found there that the data did not write,
    with the words around it, so a failure says where the sentence is."""
    found: dict[str, list[str]] = {}
    for place, text in sorted(texts.items()):
        for phrase in CHILDRENS_WORDS:
            if phrase in allowed:
                continue
            for match in _pattern(phrase).finditer(text):
                around = " ".join(text[max(0, match.start() - 60):match.end() + 60].split())
                found.setdefault(place, []).append(f"{phrase!r}: ...{around}...")
    return found


@pytest.fixture(scope="module")
def adult_care_public_site(tmp_path_factory) -> Path:
    return run_script_build(tmp_path_factory.mktemp("adult-social-care"), ADULT_CARE)["public"]


def test_the_fixture_writes_no_childrens_word_itself():
    # Otherwise the test below could pass by the data allowing the word.
    assert written_by_data(ADULT_CARE) == set()
    assert "vocabulary: adult-social-care" in (ADULT_CARE / "roadmap.yml").read_text()


def test_the_word_finder_reads_as_a_reader_does():
    texts = {"a.html": "What changes for Families", "b.html": "a childminder and a grandchild",
             "c.html": "the Safeguarding  Board", "d.html": "EARLY-HELP services"}
    found = childrens_words_found(texts, set())
    assert sorted(found) == ["a.html", "c.html", "d.html"]
    assert found["a.html"] == ["'families': ...What changes for Families..."]
    assert childrens_words_found(texts, {"families", "safeguarding board", "early help"}) == {}


def test_an_adult_care_partnerships_public_site_holds_no_childrens_word_of_its_own(
        adult_care_public_site):
    texts = public_texts(adult_care_public_site)
    # Every kind of public page is read: the optional pages this road map uses are there.
    for page in ("index.html", "goals/index.html", "services/index.html", "stories/index.html",
                 "money/index.html", "councillors/index.html", "easy-read/index.html",
                 "accessibility/index.html", "data/index.html", "data/roadmap.json"):
        assert page in texts, f"{page} was not built"
    assert childrens_words_found(texts, written_by_data(ADULT_CARE)) == {}


def test_a_template_sentence_put_back_is_found(adult_care_public_site):
    """The check bites: one of the example's sentences put back on a built page is found,
    with the page it is on."""
    texts = public_texts(adult_care_public_site)
    page = "services/reablement/index.html"
    assert page in texts
    texts[page] += " What changes for families "
    found = childrens_words_found(texts, written_by_data(ADULT_CARE))
    assert page in found and any("'families'" in f for f in found[page])


def test_the_accessibility_statement_is_the_partnerships_own(adult_care_public_site):
    """The statement declares the status the partnership's own test found, and names the
    tool's record as a test of the page designs, never of this site."""
    text = " ".join(site_text(adult_care_public_site)["accessibility/index.html"].split())
    assert ("This site is partially compliant with the Web Content Accessibility Guidelines "
            "version 2.2 AA standard, because of the problems listed") in text
    assert ("This site was last tested on 5 October 2026, by the council's digital "
            "accessibility team.") in text
    assert "Two charts on the measures pages have labels" in text
    assert "We will ask people who use screen readers and voice control" in text
    assert "last reviewed it on 12 October 2026" in text
    assert "not of this site and its content" in text
    assert "fully compliant" not in text and "To be confirmed" not in text


def test_features_the_road_map_does_not_use_leave_no_trace_in_its_open_data(
        adult_care_public_site):
    """No Munro self-assessment and no for_young_people text: no key in roadmap.json, no
    field in its schema, no column in any table, and no page, menu entry or search entry."""
    site = adult_care_public_site
    document = json.loads((site / "data/roadmap.json").read_text(encoding="utf-8"))
    assert "munro" not in document
    assert all("for_young_people" not in record
               for name in ("reader_versions", "goals", "services") for record in document[name])
    # The versions it has are still there.
    assert any(row.get("easy_read") for row in document["reader_versions"])
    schema = (site / "data/roadmap.schema.json").read_text(encoding="utf-8")
    assert "munro" not in schema.lower() and "for_young_people" not in schema
    for table in sorted((site / "data").glob("*.csv")):
        header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert not {"munro", "for_young_people"} & set(header), table.name
    assert "easy_read" in (site / "data/goals.csv").read_text().splitlines()[0].split(",")
    data_page = (site / "data/index.html").read_text(encoding="utf-8")
    assert "munro" not in data_page.lower() and "for_young_people" not in data_page
    assert not (site / "munro").exists() and not (site / "young-people").exists()
    search = (site / "search/search_index.json").read_text(encoding="utf-8").lower()
    assert "munro" not in search and "young-people/" not in search


def test_money_is_published_by_the_partnerships_own_stages(adult_care_public_site):
    """The open data sums each budget by the road map's own stages of spending (its
    vocabulary's), not by a fixed list of the example's."""
    rows = (adult_care_public_site / "data/money-by-stage.csv").read_text(
        encoding="utf-8").splitlines()
    assert rows[0] == "budget,year,stage,money"
    stages = {row.split(",")[2] for row in rows[1:]}
    assert stages and not stages & {"early-help", "crisis", "both"}
    header = (adult_care_public_site / "data/budgets.csv").read_text().splitlines()[0]
    assert "early_help_money" not in header


def test_the_accountability_page_counts_no_levels_the_road_map_does_not_have(
        adult_care_public_site):
    """Five levels of the partnership's own, and no sentence about 'three levels'."""
    text = " ".join(site_text(adult_care_public_site)["accountability/index.html"].split())
    assert "at team, service, organisation, place and system level" in text
    assert not re.search(r"\b(?:three|3) levels\b", text)
