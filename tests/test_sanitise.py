"""Sanitising: hostile markup typed into any field renders inert in both builds.

payload_data.py appends a corpus (script and iframe tags, event handlers, javascript: and
data: links in mixed case, inline and as reference links, an HTML comment and Jinja
syntax) to every free-text field of the small fixture.  Both sites are built with the
real build command and every page, and every entry of the search index (whose text the
theme's search shows as HTML), is parsed: nothing executable may be left.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import MINIMAL, run_build
from .payload_data import generate
from .site_scan import unescape

DANGEROUS_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
_INVISIBLE = re.compile(r"[\x00-\x20]+")


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
