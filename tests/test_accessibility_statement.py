"""The accessibility statement: in the UK model format, and linked from every page's footer
in both builds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldenthread.check.placeholders import placeholder_in
from goldenthread.publish.link_check import SiteLinks, resolve

pytestmark = pytest.mark.build

STATEMENT = "accessibility/index.html"
#: The sections of the GOV.UK model accessibility statement, in order.
SECTIONS = [
    "Accessibility statement",
    "How accessible this site is",
    "Feedback and contact information",
    "Reporting accessibility problems with this site",
    "Enforcement procedure",
    "Technical information about this site's accessibility",
    "Compliance status",
    "Content that is not within the scope of the accessibility regulations",
    "What we are doing to improve accessibility",
    "Preparation of this accessibility statement",
]


class _FooterLinks(HTMLParser):
    """The links inside <footer>, with their text; and the headings and text of <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_footer = self.in_article = 0
        self.footer_links: list[tuple[str, str]] = []
        self.headings: list[str] = []
        self.article_text: list[str] = []
        self._href: str | None = None
        self._heading: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.in_footer += tag == "footer"
        self.in_article += tag == "article"
        if tag == "a" and self.in_footer:
            self._href, self._text = dict(attrs).get("href"), []
        if re.fullmatch(r"h[1-3]", tag) and self.in_article:
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.footer_links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None
        if re.fullmatch(r"h[1-3]", tag) and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None
        self.in_footer -= tag == "footer"
        self.in_article -= tag == "article"

    def handle_data(self, data):
        self._text.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self.in_article:
            self.article_text.append(data)


def read(path: Path) -> _FooterLinks:
    parser = _FooterLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("build", ["example_site", "internal_site"])
def test_every_page_links_to_the_statement_from_its_footer(build, request):
    site_dir: Path = request.getfixturevalue(build)
    site = SiteLinks(site_dir)
    missing = []
    for page in site.pages:
        if page.startswith(("assets/", "search/")):
            continue
        links = [href for text, href in read(site_dir / page).footer_links
                 if text == "Accessibility statement"]
        targets = {resolve(page, site.internal_href(page, href) or href)[0] for href in links}
        if targets != {STATEMENT}:
            missing.append(f"{page}: footer statement links go to {sorted(targets)}")
    assert len(site.pages) >= 40
    assert missing == []


@pytest.mark.parametrize("build", ["example_site", "internal_site"])
def test_the_statement_follows_the_uk_model_and_names_no_person(build, request):
    page = read(request.getfixturevalue(build) / STATEMENT)
    assert page.headings == SECTIONS
    text = " ".join("".join(page.article_text).split())
    for required in ("Equality and Human Rights Commission",
                     "Equality Advisory and Support Service",
                     "Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                     "Accessibility Regulations 2018",
                     "Web Content Accessibility Guidelines version 2.2 AA standard",
                     "axe-core", "JavaScript turned off", "one sheet of A4"):
        assert required in text
    # The tool's record of its browser tests is named as a test of the page designs,
    # never as a test of this site; the example declares no status of its own, so the
    # site claims none.
    assert re.search(r"The page designs \(templates\) this site uses were tested on "
                     r"\d{1,2} [A-Z][a-z]+ 20\d\d by the tool's own automated browser tests",
                     text)
    assert "not of this site and its content" in text
    assert "has not yet declared how far this site complies" in text
    assert "fully compliant" not in text and "last tested on" not in text
    # Reports go to a role (a contact form), never to a person's email or phone number.
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    assert not re.search(r"\b0\d{3}[\s-]?\d{3}[\s-]?\d{4}\b|\+44", text)


def test_no_public_page_publishes_text_awaiting_confirmation(example_site):
    """Text a person still had to confirm ('To be confirmed by the road-map team:') or a
    placeholder ('TBC', 'TO DO', 'lorem ipsum') never reaches a public page."""
    site_dir: Path = example_site
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        text = " ".join("".join(read(page).article_text).split())
        word = placeholder_in(text)
        if word or re.search(r"to be confirmed", text, re.IGNORECASE):
            found.append(f"{page.relative_to(site_dir)}: {word or text[:80]}")
    assert found == []


def test_a_status_short_of_fully_compliant_must_name_what_is_not_accessible(
        data_copy, capsys):
    """The check refuses an own statement that declares a problem without naming it, at
    the file and line of the block, with the fix."""
    from goldenthread.cli import main

    data = data_copy()
    roadmap = data / "roadmap.yml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8") + (
        "accessibility:\n  status: partially compliant\n  tested_on: 2026-10-05\n"
        "  tested_by: our digital team\n"), encoding="utf-8")
    assert main(["check", str(data), "--config", ""]) == 1
    out = capsys.readouterr().out
    line = roadmap.read_text(encoding="utf-8").splitlines().index("accessibility:") + 1
    assert re.search(rf"roadmap\.yml:{line + 1}:\d+: .*list what is not accessible under "
                     r"'known_issues'", out), out
