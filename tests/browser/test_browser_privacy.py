"""Privacy: no page asks anything of another server — no web fonts, no CDN, no tracking."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldenthread.publish.link_check import is_external

from .survey import RequestLog, intercept_requests

#: (tag, attribute) pairs whose URL the browser fetches by itself when the page loads.
FETCHED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
           ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"),
           ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src")}
#: <link rel=...> values that make the browser fetch the linked URL.
FETCHED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                 "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""")


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        urls = [v for (name, v) in attrs if v and (tag, name) in FETCHED]
        if tag == "link" and FETCHED_LINKS & set((values.get("rel") or "").lower().split()):
            urls.append(values.get("href") or "")
        for url in urls:
            for part in url.split(","):
                candidate = part.strip().split(" ")[0]
                if is_external(candidate) and not candidate.startswith("data:"):
                    self.outside.append(f"<{tag}> {candidate}")


def outside_fetches(site: Path) -> list[str]:
    """Every URL on another server that a page or stylesheet of the site would fetch."""
    found = []
    for path in sorted(site.rglob("*.html")):
        parser = _Fetches()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: {url}" for url in parser.outside]
    for path in sorted(site.rglob("*.css")):
        found += [f"{path.relative_to(site)}: {url}"
                  for url in CSS_URL.findall(path.read_text(encoding="utf-8"))]
    return found


@pytest.mark.build
@pytest.mark.parametrize("build", ["example_site", "internal_site"])
def test_no_page_or_stylesheet_loads_anything_from_another_server(build, request):
    site = request.getfixturevalue(build)
    assert len(list(site.rglob("*.html"))) >= 40
    assert outside_fetches(site) == []


def test_the_scan_finds_outside_fetches(tmp_path: Path):
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<a href="https://example.org/">a link is not a fetch</a>'
        '<script src="//cdn.example.net/x.js"></script><img src="local.png" alt="">',
        encoding="utf-8")
    (tmp_path / "site.css").write_text("@import 'https://cdn.example.net/a.css';"
                                       "body{background:url(img/local.png)}", encoding="utf-8")
    assert outside_fetches(tmp_path) == [
        "index.html: <link> https://fonts.googleapis.com/css?family=Roboto",
        "index.html: <script> //cdn.example.net/x.js",
        "site.css: https://cdn.example.net/a.css",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_loading_every_page_makes_no_request_outside_127_0_0_1(surveys, site_name):
    survey = surveys[site_name]
    # Every page load asks for the page, its styles and its scripts; the count proves the
    # requests really went through the interceptor.
    assert survey.requests.local >= 3 * len(survey.pages)
    assert survey.requests.outside == []


@pytest.mark.browser
def test_the_interceptor_catches_a_request_to_another_server(sites, browser):
    log = RequestLog()
    context = browser.new_context()
    intercept_requests(context, log)
    page = context.new_page()
    page.goto(sites["public"].url(""))
    page.evaluate("""() => new Promise(done => { const img = new Image();
        img.onload = img.onerror = done; img.src = 'https://fonts.example.net/font.png'; })""")
    context.close()
    assert log.local >= 3
    assert log.outside == ["https://fonts.example.net/font.png"]
