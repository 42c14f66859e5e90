"""Any partnership can publish its own road map: every sentence comes from its data.

``tests/fixtures/another-partnership`` is a second road map, written as another
organisation would: its own organisation and partners, other counts, no Munro plan and
no stories, Welsh names and a long title.  Its sites must say nothing that belongs to
the example road map, and have no page for a section it has no data for.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import textstat
import yaml

from goldenthread.editor.schema import expected_schemas
from goldenthread.problems import CODES
from goldenthread.publish.open_data import catalogue
from goldenthread.publish.open_data_json import schema_document
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.site_meta import has_data, image_problem, is_placeholder, robots_txt

from .conftest import EXAMPLE_DATA, FIXTURES, ROOT, run_build, run_script_build
from .data_helpers import strings_of

pytestmark = pytest.mark.build

ANOTHER = FIXTURES / "another-partnership"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

#: Words of the tool's staff guide (docs/internal/editing.md) about editing and publishing
#: that no code, template or data format of the tool uses, checked by hand; every other
#: tool word is found in its source (see :func:`tool_words`).  Any other word of the
#: example's data or of docs/ must come from the second road map's own data to appear on
#: its sites.
TOOL_WORDS = frozenset("""
approves automatically ctrl indented lined misspelt ownr visiblity press program programmer
project proposed publication recommend retire retired studio usually venv visual
""".split())


def words(text: str) -> set[str]:
    return {w.lower().replace("’", "'") for w in _WORD.findall(text) if len(w) >= 3}


def data_words(folder: Path) -> set[str]:
    """Every word of every value in a data folder (field names are the tool's)."""
    found: set[str] = set()
    for path in folder.rglob("*.yml"):
        for text in strings_of(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found |= words(text)
    return found


def docs_words() -> set[str]:
    """Every word of the hand-written pages' prose (front matter and macro calls left out)."""
    found: set[str] = set()
    for path in (ROOT / "docs").rglob("*.md"):
        text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
        found |= words(re.sub(r"\{\{.*?\}\}", "", text))
    return found


_SENTENCE_END = re.compile(r"[.!?:]['\"”’)]*$")


def _common_words(text: str) -> set[str]:
    """The words of ``text`` written as ordinary words: lower case, or capitalised only
    because they begin the text or a sentence, or a product's name written with a capital
    inside ('GitHub').  Names (capitalised in mid-sentence: a place or a review named in
    an example), abbreviations ('TTO') and parts of file names or identifiers
    ('munro.yml', 'munro_plan') are left out; a compound's words ('corporate-parenting')
    are taken."""
    found: set[str] = set()
    starts = True
    for token in text.split():
        bare = token.strip(".,;:!?()[]'\"<>*`“”‘’")
        if not re.search(r"[._/=:]", bare):
            for w in _WORD.findall(bare):
                if len(w) >= 3 and (w.islower() or (starts and w[1:].islower())
                                    or not (w[1:].islower() or w[1:].isupper())):
                    found.add(w.lower().replace("’", "'"))
        starts = bool(_SENTENCE_END.search(token))
    return found


def _code_prose(tree: ast.AST) -> set[str]:
    """The prose of a module's string values (not comments): a string with a space in it,
    or any string that an f-string with a space in it assembles ('improved' in
    f"{'improved' if better else 'got worse'} since ...")."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [n.value for n in ast.walk(node)
                     if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            if any(" " in part for part in parts):
                found |= _common_words(" ".join(parts))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and " " in node.value.strip():  # prose, not a name or an identifier
            found |= _common_words(node.value)
    return found


def _template_text(source: str) -> list[str]:
    """The text nodes of a template: Jinja tags and comments, HTML tags and inline code
    taken out, so a heading's first word starts its own text."""
    source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "\n", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", "\n", source, flags=re.S)
    return re.split(r"<[^>]*>", source)


def _yaml_strings(path: Path) -> list[str]:
    """The strings of a site settings file, keys too (a menu label is a key)."""
    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(key)
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
    return list(walk(yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)))


class _AnyTagLoader(yaml.SafeLoader):
    """A YAML loader that reads MkDocs' ``!!python/name:`` and ``!ENV`` tags as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None))


def format_words() -> set[str]:
    """Every word of the tool's own data format, as its pages and open-data files describe
    it: the JSON Schema of the open data, the editors' schema of every kind of data file
    (field names, titles, descriptions, allowed values), the open-data page's list of
    files and columns, and the problem codes of the check with their meanings.  They
    are the tool's, written once for every road map."""
    texts = [json.dumps(schema_document()), *expected_schemas().values()]
    texts += [f"{code} {meaning}" for code, (_severity, meaning) in CODES.items()]
    for file in catalogue():
        texts += [file.title, file.about]
        texts += [f"{g.heading} {g.about} {f} {m}" for g in file.groups for f, m in g.fields]
    return words(" ".join(texts))


def tool_words() -> set[str]:
    """Words the tool writes for every road map: the format of its data (see
    :func:`format_words`), the text in its code, templates, theme overrides, the theme's
    page frame and site settings (menu labels); ordinary words only outside the format."""
    found: set[str] = set(TOOL_WORDS) | format_words()
    for path in [*(ROOT / "goldenthread").rglob("*.py"), ROOT / "macros.py", ROOT / "hooks.py"]:
        found |= _code_prose(ast.parse(path.read_text(encoding="utf-8")))
    theme = Path(textstat.__file__).parent.parent / "material" / "templates" / "base.html"
    for path in [*(ROOT / "goldenthread").rglob("*.html"), *(ROOT / "overrides").rglob("*.html"),
                 theme]:
        for text in _template_text(path.read_text(encoding="utf-8")):
            found |= _common_words(text)
    for path in (ROOT / "mkdocs.yml", ROOT / "mkdocs.internal.yml"):
        for text in _yaml_strings(path):
            found |= _common_words(text)
    return found


def easy_words() -> set[str]:
    """textstat's list of common English words (it ships with the textstat dependency)."""
    return words((Path(textstat.__file__).parent / "resources" / "en" / "easy_words.txt")
                 .read_text(encoding="utf-8"))


def example_only_words() -> set[str]:
    """The example's words that no other road map's site has a reason to hold: every word
    of its data and of docs/, less the second road map's own words, common English words
    and the tool's words (a plural or singular of one of those is one of those too)."""
    known = data_words(ANOTHER) | easy_words() | tool_words()
    return {w for w in data_words(EXAMPLE_DATA) | docs_words()
            if not {w, w + "s", w.removesuffix("s")} & known}


#: Meta tags whose content is a fixed code or an address, never text (the Open Graph
#: protocol's type, locale, address and image; 'width=device-width').
_CODED_META = {("property", "og:type"), ("property", "og:locale"), ("property", "og:url"),
               ("property", "og:image"), ("name", "viewport")}


class _Visible(HTMLParser):
    """The text a reader (or a search engine, or a link preview) sees: text outside
    scripts and styles, and the values of content (but not of a coded meta tag),
    title, alt and aria-label."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        if not _CODED_META & set(attrs):
            self.parts += [v or "" for k, v in attrs
                           if k in ("content", "title", "alt", "aria-label")]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def site_text(site: Path) -> dict[str, str]:
    """path -> the reader's text of every page and open-data file of a built site."""
    texts = {}
    for path in site.rglob("*"):
        if path.suffix == ".html":
            parser = _Visible()
            parser.feed(path.read_text(encoding="utf-8"))
            texts[path.relative_to(site).as_posix()] = " ".join(parser.parts)
        elif path.suffix in (".json", ".csv", ".txt") and not path.is_relative_to(site / "assets"):
            texts[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
    return texts


@pytest.fixture(scope="module")
def another_sites(tmp_path_factory) -> dict[str, Path]:
    # Built by scripts/build: its logo, its icon and the pages it has no data for pass the
    # link and site checks, as a user's build needs.
    return run_script_build(tmp_path_factory.mktemp("another-partnership"), ANOTHER)


def test_the_word_list_holds_the_example_road_maps_own_words():
    found = example_only_words()
    # The example's place, partners and history; not words any road map uses.  ('munro'
    # is not one: munro.yml is one of the tool's kinds, for the national Munro review,
    # so the tool's format names it; see test_..._never_mentions_munro.)
    assert {"walsall", "midlands", "referrals", "ofsted"} <= found
    # Its docs/ prose counts too: the Munro page names the review's author.
    assert {"professor", "eileen"} <= found - data_words(EXAMPLE_DATA)
    # Words the example uses that are the tool's own (its menus, its data format and the
    # field descriptions the open-data page shows, its problem codes, its sentences) or
    # the second road map's are not on the list.
    tools = {"goals", "priorities", "glossary", "accessibility", "munro", "github", "yaml",
             "benefits", "statistical", "neighbours", "director", "urgent"}
    assert tools <= data_words(EXAMPLE_DATA) | docs_words()
    assert not found & (tools | {"ynys", "môn"})


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_another_partnerships_sites_hold_no_word_of_the_example(another_sites, audience):
    example = example_only_words()
    leaks = {}
    for path, text in site_text(another_sites[audience]).items():
        if found := sorted(words(text) & example):
            leaks[path] = found
    assert leaks == {}


class _VisibleOutsideFieldTables(_Visible):
    """The reader's text of a page less its tables of fields (``gt-fields``), in which the
    open-data page describes every field of the tool's file format, and less the label of
    the scroll region around each (the table's caption again)."""

    def __init__(self) -> None:
        super().__init__()
        self.region_label: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "gt-fields" in (dict(attrs).get("class") or "").split():
            self.hidden += 1000
            self.region_label = []
        self.parts += self.region_label
        self.region_label = []
        if tag == "div" and "gt-scroll" in (dict(attrs).get("class") or "").split():
            parts, self.parts = self.parts, []
            super().handle_starttag(tag, attrs)
            self.parts, self.region_label = parts, self.parts
        else:
            super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "table" and self.hidden >= 1000:
            self.hidden -= 1000
        super().handle_endtag(tag)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_a_road_map_without_a_munro_plan_never_mentions_munro(another_sites, audience):
    """A road map with no Munro plan names Munro only where the tool describes its own
    format for editors: the intranet's reference of every kind of file.  Its open data
    has no ``munro`` key, and its schema and open-data page describe none."""
    site = another_sites[audience]
    texts = site_text(site)
    document = json.loads(texts.pop("data/roadmap.json"))
    assert "munro" not in json.dumps(document, ensure_ascii=False).lower()
    # The road map's own schema: a feature it does not use is not described.
    schema = json.loads(texts.pop("data/roadmap.schema.json"))
    assert schema == schema_document(frozenset(
        {"munro", "for_young_people", "easy_read", "scrutiny_questions"}))
    assert "munro" not in json.dumps(schema).lower()
    format_pages = {"data/index.html", "internal/reference/index.html"}
    parser = _VisibleOutsideFieldTables()
    parser.feed((site / "data" / "index.html").read_text(encoding="utf-8"))
    texts["data/index.html"] = " ".join(parser.parts)
    assert "gt-fields" in (site / "data" / "index.html").read_text(encoding="utf-8")
    texts.pop("internal/reference/index.html", None)
    # The search index repeats every page's text: checked page by page, the format's
    # pages aside.
    for entry in json.loads(texts.pop("search/search_index.json"))["docs"]:
        if entry["location"].split("#")[0] not in {p.removesuffix("index.html")
                                                  for p in format_pages}:
            texts[f"search: {entry['location']}"] = entry["title"] + " " + entry["text"]
    mentions = sorted(path for path, text in texts.items() if "munro" in text.lower())
    assert mentions == []


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_sections_without_data_have_no_page_and_no_menu_entry(another_sites, audience):
    site = another_sites[audience]
    for missing in ("munro", "stories", "internal/munro"):
        assert not (site / missing).exists(), missing
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Munro" not in home and "Stories of difference" not in home
    assert "munro/" not in home and "stories/" not in home
    # Sections it does have are there.
    for present in ("partner-plans", "actions", "accountability"):
        assert (site / present / "index.html").exists()
    assert ((site / "internal" / "blockages" / "index.html").exists()) == (audience == "internal")


def test_a_road_map_without_blockages_has_no_blockages_page(tmp_path, data_copy):
    data = data_copy(ANOTHER)
    shutil.rmtree(data / "blockages")
    run_build(tmp_path / "site", data, config="mkdocs.internal.yml")
    assert not (tmp_path / "site" / "internal" / "blockages").exists()
    assert "Blockages and escalations" not in (tmp_path / "site" / "index.html").read_text()


def test_the_site_names_itself_from_the_data(another_sites):
    home = (another_sites["public"] / "index.html").read_text(encoding="utf-8")
    assert "<title>Plant Ynys Môn road map</title>" in home
    assert ('<meta name="description" content="How Gwasanaethau Plant and its partners on '
            'Ynys Môn will help young carers and their families thrive.">') in home
    assert '<meta property="og:site_name" content="Plant Ynys Môn road map">' in home
    goal = (another_sites["public"] / "goals" / "time-to-learn" / "index.html").read_text()
    assert ('<meta name="description" content="Young carers keep up with lessons and sit '
            'their exams.">') in goal
    internal = (another_sites["internal"] / "index.html").read_text(encoding="utf-8")
    assert "<title>Plant Ynys Môn road map (intranet)</title>" in internal


def test_the_intranet_asks_robots_to_stay_out_and_the_public_site_does_not(another_sites):
    public, internal = another_sites["public"], another_sites["internal"]
    assert (internal / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert "Disallow" not in (public / "robots.txt").read_text()
    for page in ("index.html", "404.html", "goals/time-to-learn/index.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in (internal / page).read_text()
        assert 'name="robots"' not in (public / page).read_text()


def test_the_organisations_logo_and_icon_are_published(another_sites):
    site = another_sites["public"]
    logo = (site / "assets/organisation/logo.svg").read_bytes()
    assert logo == (ANOTHER / "logo.svg").read_bytes()
    assert (site / "assets/organisation/favicon.png").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/organisation/logo.svg"' in home
    assert '<link rel="icon" href="assets/organisation/favicon.png">' in home
    # The reader does not call the images unknown files.
    messages = [p.message for p in read_roadmap(ANOTHER)[1]]
    assert not [m for m in messages if "logo" in m or "favicon" in m]


def test_the_accessibility_statement_is_the_organisations_own(another_sites):
    text = site_text(another_sites["public"])["accessibility/index.html"]
    assert "run by Cyngor Sir Ynys Môn, with Gwasanaethau Plant, Heddlu Gogledd Cymru" in text
    assert "within 15 working days" in text
    page = (another_sites["public"] / "accessibility/index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.ynysmon.example.gov.uk/cysylltu">' in page


PAYLOAD = "<script>alert(1)</script> {{ 7*7 }} \" onmouseover=\"x"


def test_organisation_and_title_are_shown_literally_never_run(tmp_path, data_copy):
    data = data_copy(ANOTHER)
    roadmap = data / "roadmap.yml"
    text = roadmap.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name: .*\n", "", text)
    text = re.sub(r"(?m)^description: .*\n", "", text)
    text = re.sub(r"(?m)^organisation: .*$", f"organisation: '{PAYLOAD} Org'", text)
    text = re.sub(r"(?m)^title: .*$", f"title: '{PAYLOAD} Title'", text)
    text = re.sub(r"(?m)^vision: .*$", f"vision: '{PAYLOAD} Vision.'", text)
    roadmap.write_text(text, encoding="utf-8")
    for config in ("mkdocs.yml", "mkdocs.internal.yml"):
        out = tmp_path / config
        run_build(out, data, config=config)
        for page in ("index.html", "404.html", "accessibility/index.html",
                     "goals/time-to-learn/index.html"):
            html = (out / page).read_text(encoding="utf-8")
            assert "<script>alert(1)" not in html, page
            assert 'onmouseover="x' not in html, page
            assert "{{ 7*7 }}" in _visible(html), page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in (out / "index.html").read_text()


def _visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


# -- small units ----------------------------------------------------------------------
def test_placeholder_addresses_are_recognised():
    assert is_placeholder("https://roadmap.example.org/")
    assert is_placeholder("https://intranet.example.org/roadmap/")
    assert is_placeholder(None)
    assert not is_placeholder("https://www.council.gov.uk/roadmap/")


def test_robots_txt_names_the_sitemap_only_at_a_real_address():
    assert "Sitemap: https://www.council.gov.uk/roadmap/sitemap.xml" in robots_txt(
        False, "https://www.council.gov.uk/roadmap/")
    assert "Sitemap" not in robots_txt(False, "https://roadmap.example.org/")


def test_needs_names_a_kind_and_checks_it_has_data():
    roadmap = read_roadmap(ANOTHER)[0]
    assert has_data(roadmap, "blockages") and not has_data(roadmap, "munro")
    assert not has_data(roadmap, ["blockages", "stories"])
    with pytest.raises(ValueError, match="names no kind"):
        has_data(roadmap, "munros")


@pytest.mark.parametrize("svg", [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.org/a.png"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.org/a)"/></svg>',
    b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
    b"not an image",
])
def test_a_logo_that_could_run_code_is_refused(svg):
    assert image_problem("logo.svg", svg) is not None


def test_plain_logos_pass():
    assert image_problem("logo.svg", (ANOTHER / "logo.svg").read_bytes()) is None
    assert image_problem("favicon.png", (ANOTHER / "favicon.png").read_bytes()) is None
    assert image_problem("favicon.png", b"GIF89a") is not None
