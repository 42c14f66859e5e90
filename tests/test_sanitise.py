"""Sanitising: hostile markup typed into any field renders inert in both builds.

payload_data.py appends a corpus (script and iframe tags, event handlers, javascript: and
data: links in mixed case, inline and as reference links, an HTML comment and Jinja
syntax) to every free-text field of the small fixture.  Both sites are built with the
real build command and every page, and every entry of the search index (whose text the
theme's search shows as HTML), is parsed: nothing executable may be left.

The organisation's SVG logo is a document a browser runs on its own: every hostile form
(style sheets, CSS escapes and comments, mixed case, character references, entities,
processing instructions, outside references) is refused with its reason, by the build
too, and a drawing program's logo is published as its safe subset.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldenthread.render.site_meta import image_problem, published_image

from .conftest import FIXTURES, MINIMAL, run_build
from .payload_data import generate
from .site_scan import unescape

DANGEROUS_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
_INVISIBLE = re.compile(r"[\x00-\x20]+")
ANOTHER = FIXTURES / "another-partnership"


class Inertness(HTMLParser):
    """Collects everything in a document that could run code."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.found: list[str] = []
        self._script: bool = False

    def _flag(self, what: str) -> None:
        self.found.append(f"{self.where}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self._flag(f"<{tag}>")
        if tag == "script":
            self._script = True
            src = dict(attrs).get("src") or ""
            if src and ("://" in src or src.startswith("//")):
                self._flag(f"<script src={src!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self._flag(f"<{tag} {name}=...>")
            if name == "srcdoc":
                self._flag(f"<{tag} srcdoc>")
            if name in URL_ATTRIBUTES and value:
                scheme = _INVISIBLE.sub("", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:")):
                    self._flag(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and ("alert(" in data or "zq-" in data):
            self._flag(f"script content {data[:60]!r}")

    def handle_comment(self, data: str) -> None:
        self._flag(f"comment {data[:60]!r}")


def dangers(html: str, where: str) -> list[str]:
    """What in ``html`` could run code or hide text (empty when the markup is inert)."""
    parser = Inertness(where)
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def attacked_sites(tmp_path_factory) -> dict[str, Path]:
    data = tmp_path_factory.mktemp("attack") / "roadmap_data"
    generate(MINIMAL, data)
    sites = {}
    for audience, config in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml")):
        sites[audience] = tmp_path_factory.mktemp(f"attack-{audience}")
        run_build(sites[audience], data, config=config)
    return sites


def test_the_inertness_check_catches_each_kind_of_payload():
    hostile = ('<script>alert(1)</script><iframe src=x></iframe><img src=x OnError=y>'
               '<a href=" JaVa&#x09;ScRiPt:alert(1)">a</a><a href="DATA:text/html,x">b</a>'
               '<!-- note --><script src="https://evil.invalid/x.js"></script>')
    assert len(dangers(hostile, "t")) == 7
    assert dangers('<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://x">x</a></p>',
                   "t") == []


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_page_has_executable_markup(attacked_sites, audience):
    site = attacked_sites[audience]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    found = [d for page in pages
             for d in dangers(page.read_text(encoding="utf-8"),
                              page.relative_to(site).as_posix())]
    assert found == []


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_search_index_has_no_executable_markup(attacked_sites, audience):
    index = json.loads((attacked_sites[audience] / "search" / "search_index.json").read_text())
    found = [d for doc in index["docs"] for key in ("title", "text")
             for d in dangers(doc.get(key, ""), f"search {doc['location']} {key}")]
    assert found == []
    assert any("zq-script" in doc["text"] for doc in index["docs"]), "the payload was not indexed"


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_payload_shows_as_text(attacked_sites, audience):
    site = attacked_sites[audience]
    text = "\n".join(unescape(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    assert "<script>alert(\"xss-script\")</script>".lower() in text  # shown, escaped
    assert "zq-hidden-comment" in text or "zq-inline-js" in text


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_jinja_in_the_data_is_never_evaluated(attacked_sites, audience):
    site = attacked_sites[audience]
    every_file = "\n".join(unescape(p.read_text(encoding="utf-8", errors="replace"))
                           for p in site.rglob("*") if p.is_file() and p.suffix != ".gz")
    assert "j1[49]" not in every_file
    assert "looploop" not in every_file and "loop loop" not in every_file
    assert "j1[{{ 7*7 }}]" in every_file
    assert "j2[{% for i in range(3) %}loop{% endfor %}]" in every_file
    assert "j3[{{ config }}]" in every_file
    assert "site_name" not in every_file.split("j3[", 1)[1][:200]


# -- the organisation's SVG logo -----------------------------------------------------------
_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 10 10">{}</svg>')
_ELSEWHERE = "https://elsewhere.invalid/x"

#: What a determined person would try, and the reason the logo is refused.
HOSTILE_LOGOS = {
    "style-element": (_SVG.format(f"<style>rect{{fill:url({_ELSEWHERE})}}</style>"),
                      "has a style sheet (<style>)"),
    "style-in-cdata": (_SVG.format(f"<style><![CDATA[@import url({_ELSEWHERE});]]></style>"),
                       "has a style sheet (<style>)"),
    "prefixed-style": ('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:style>@import '
                       f'"{_ELSEWHERE}";</s:style></s:svg>', "has a style sheet (<style>)"),
    "xml-stylesheet": (f'<?xml-stylesheet type="text/css" href="{_ELSEWHERE}"?>'
                       + _SVG.format(""), "has a processing instruction"),
    "css-escape": (_SVG.format(f'<rect style="fill:\\75 rl({_ELSEWHERE})"/>'),
                   "has a CSS escape (a backslash) in the style of <rect>"),
    "css-escape-inside": (_SVG.format(f'<rect style="fill:u\\72l({_ELSEWHERE})"/>'),
                          "has a CSS escape (a backslash)"),
    "comment-in-url": (_SVG.format(f'<rect style="fill:url(/**/{_ELSEWHERE})"/>'),
                       "has a CSS comment ('/*')"),
    "comment-in-name": (_SVG.format(f'<rect style="fill:u/**/rl({_ELSEWHERE})"/>'),
                        "has a CSS comment ('/*')"),
    "mixed-case-url": (_SVG.format(f'<rect style="fill:UrL({_ELSEWHERE})"/>'),
                       "has url() of another file or site in the style of <rect>"),
    "url-in-attribute": (_SVG.format(f"<rect fill=\"URL('{_ELSEWHERE}')\"/>"),
                         "in the attribute fill of <rect>"),
    "character-references": (_SVG.format('<rect fill="&#117;&#x72;l(//elsewhere.invalid/x)"/>'),
                             "has url() of another file or site in the attribute fill"),
    "import-in-style": (_SVG.format(f'<rect style="@import url({_ELSEWHERE})"/>'),
                        "has '@' (as in @import)"),
    "expression": (_SVG.format('<rect style="width:expression(alert(1))"/>'),
                   "has the CSS function expression()"),
    "entity": ('<!DOCTYPE svg [<!ENTITY e "url(//elsewhere.invalid/x)">]>'
               + _SVG.format('<rect fill="&e;"/>'), "holds a document type or entities"),
    "entity-in-utf16": (('<!DOCTYPE svg [<!ENTITY e "x">]>' + _SVG.format("")).encode("utf-16"),
                        "holds a document type or entities"),
    "use-of-another-file": (_SVG.format(f'<use href="{_ELSEWHERE}.svg#logo"/>'),
                            "refers to another file or site"),
    "xlink-use-of-another-file": (_SVG.format('<use xlink:href="sprite.svg#logo"/>'),
                                  "refers to another file or site"),
    "script": (_SVG.format("<script>alert(1)</script>"), "has a script (<script>)"),
    "xhtml-script": (_SVG.format('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)'
                                 "</h:script>"), "has a script (<script>)"),
    "event-attribute": ('<svg xmlns="http://www.w3.org/2000/svg" OnLoad="alert(1)"/>',
                        "has the event attribute OnLoad on <svg>"),
    "foreign-object": (_SVG.format("<foreignObject><p>x</p></foreignObject>"),
                       "embeds another document (<foreignObject>)"),
    "image": (_SVG.format(f'<image href="{_ELSEWHERE}.png"/>'), "shows another file (<image>)"),
    "animation": (_SVG.format('<set attributeName="fill" to="url(//elsewhere.invalid)"/>'),
                  "uses <set>, which a logo may not"),
    "javascript-value": (_SVG.format('<rect fill="javascript:alert(1)"/>'),
                         "has the character ':'"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_LOGOS))
def test_a_hostile_svg_logo_is_refused_with_the_reason(name):
    svg, reason = HOSTILE_LOGOS[name]
    content = svg if isinstance(svg, bytes) else svg.encode()
    problem = image_problem("logo.svg", content)
    assert problem is not None and reason in problem, problem


#: A logo as a drawing program saves it: metadata, its own attributes, comments, a class,
#: a style attribute with a property of its own, gradients referring to each other.
EDITOR_LOGO = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Created with a drawing program -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     viewBox="0 0 10 10" inkscape:version="1.2" class="logo">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
  <defs><linearGradient id="a"><stop offset="0" style="stop-color:#fff"/></linearGradient>
    <linearGradient id="b" xlink:href="#a"/></defs>
  <g inkscape:label="Layer 1" style="fill:url(#b);-inkscape-font-specification:Arial">
    <rect x="1" y="1" width="8" height="8" transform="rotate(45 5 5)"/>
    <text x="1" y="9" font-family="'Open Sans', Arial">Smith &amp; Jones &lt;3</text>
  </g>
</svg>
"""
EDITOR_LOGO_PUBLISHED = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10"><defs><linearGradient id="a"><stop offset="0" '
    'style="stop-color:#fff"/></linearGradient><linearGradient id="b" xlink:href="#a"/>'
    '</defs><g style="fill:url(#b)"><rect x="1" y="1" width="8" height="8" '
    'transform="rotate(45 5 5)"/><text x="1" y="9" font-family="\'Open Sans\', Arial">'
    "Smith &amp; Jones &lt;3</text></g></svg>\n")


def test_a_drawing_programs_logo_is_published_as_its_safe_subset():
    assert image_problem("logo.svg", EDITOR_LOGO.encode()) is None
    assert published_image("logo.svg", EDITOR_LOGO.encode()).decode() == EDITOR_LOGO_PUBLISHED
    plain = (ANOTHER / "logo.svg").read_bytes()
    assert published_image("logo.svg", plain) == plain  # a plain logo is left as it is


def _logo_site(tmp_path: Path, logo: bytes) -> tuple[subprocess.CompletedProcess, Path]:
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    (data / "logo.svg").write_bytes(logo)
    roadmap = data / "roadmap.yml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8") + "logo: logo.svg\n",
                       encoding="utf-8")
    out = tmp_path / "site"
    return run_build(out, data, check=False), out


def test_the_build_publishes_the_safe_subset_of_a_logo(tmp_path):
    result, site = _logo_site(tmp_path, EDITOR_LOGO.encode())
    assert result.returncode == 0, result.stdout + result.stderr
    published = (site / "assets" / "organisation" / "logo.svg").read_text(encoding="utf-8")
    assert published == EDITOR_LOGO_PUBLISHED
    assert 'src="assets/organisation/logo.svg"' in (site / "index.html").read_text("utf-8")


@pytest.mark.parametrize("name", ["xml-stylesheet", "css-escape"])
def test_the_build_refuses_a_hostile_logo_and_says_why(tmp_path, name):
    svg, reason = HOSTILE_LOGOS[name]
    result, site = _logo_site(tmp_path, svg.encode())
    assert result.returncode != 0
    assert f"the logo 'logo.svg' {reason}" in result.stdout + result.stderr
    assert "Nothing was published." in result.stdout + result.stderr
    assert not (site / "assets" / "organisation" / "logo.svg").exists()
