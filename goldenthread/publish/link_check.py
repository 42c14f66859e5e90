"""Check a built site for broken internal links and anchors, without a browser.

Every ``href``/``src`` in every HTML file of the site is resolved against the page's
own URL, exactly as a browser would: a directory URL means its ``index.html``, and a
``#fragment`` must be the id of an element on the target page.  When the site has an
address (``site_url``, read from the home page's canonical link), links written with that
address, or with its path such as ``/roadmap/...`` on the 404 page, count as internal.
Other links that leave the site (``https:``, ``mailto:`` and so on) are not followed.
Each broken link comes back as a :class:`~goldenthread.problems.Problem` located at
``page:line:column``, with the fix.

Run it on a built site with ``python -m goldenthread.publish.link_check site/public``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from goldenthread.problems import Location, Problem

#: (tag, attribute) pairs that point at another page or a file the page loads.
LINK_ATTRIBUTES = {
    ("a", "href"), ("area", "href"), ("link", "href"),
    ("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src"),
    ("audio", "src"), ("video", "src"), ("embed", "src"), ("track", "src"),
}
#: A made-up origin used only to resolve relative URLs the way a browser does.
_ORIGIN = "http://site.invalid/"


@dataclass
class PageLinks:
    """What one HTML page offers (its ids) and asks for (its links)."""

    ids: set[str] = field(default_factory=set)
    #: (line, column, href) of every link, in document order
    links: list[tuple[int, int, str]] = field(default_factory=list)
    #: the page's own published address (<link rel="canonical">), if the site has one
    canonical: str = ""


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            elif tag == "link" and name == "href" and dict(attrs).get("rel") == "canonical":
                self.page.canonical = value
            elif (tag, name) in LINK_ATTRIBUTES:
                self.page.links.append((line, offset + 1, value.strip()))
            elif name == "srcset" and tag in ("img", "source"):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.page.links.append((line, offset + 1, url))

    handle_startendtag = handle_starttag


def parse_page(html: str) -> PageLinks:
    """The ids and links of one HTML document."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser.page


def is_external(href: str) -> bool:
    """True for links that leave the site: any scheme (https:, mailto:...) or //host."""
    parts = urlsplit(href)
    return bool(parts.scheme) or href.startswith("//")


def resolve(page: str, href: str) -> tuple[str, str]:
    """The site file a link on ``page`` reaches, and its fragment.

    ``page`` and the result are paths relative to the site folder, such as
    ``goals/index.html``; a path that climbs out of the site starts with ``../``.
    """
    url = urlsplit(urljoin(_ORIGIN + page, href))
    path = unquote(url.path)
    if not path.startswith("/"):
        path = "/" + path
    # urljoin stops '..' at the site root, as a browser does; a link that tried to climb
    # higher still lands inside the site, so it is judged on where it lands.
    target = path.lstrip("/")
    if target == "" or target.endswith("/"):
        target += "index.html"
    return target, unquote(url.fragment)


class SiteLinks:
    """Every page of a built site, parsed once, with checks over the links between them.

    ``site_url`` is where the site is published; by default it is read from the home
    page's canonical link (MkDocs writes one when ``site_url`` is set).
    """

    def __init__(self, site_dir: Path, site_url: str | None = None):
        self.site_dir = Path(site_dir)
        self.pages: dict[str, PageLinks] = {}
        for path in sorted(self.site_dir.rglob("*.html")):
            rel = path.relative_to(self.site_dir).as_posix()
            self.pages[rel] = parse_page(path.read_text(encoding="utf-8"))
        if site_url is None:
            site_url = self.pages["index.html"].canonical if "index.html" in self.pages else ""
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.base_path = urlsplit(self.site_url).path or "/"

    def internal_href(self, page: str, href: str) -> str | None:
        """``href`` as a link within the site, or None when it leaves the site.

        Links written with the site's own address, or starting with its path, are made
        relative to the site root so that they resolve like any other link.
        """
        if self.site_url and href.startswith(self.site_url):
            href = "/" + href[len(self.site_url):]
        elif is_external(href):
            return None
        elif self.base_path != "/" and href.startswith("/"):
            if not (href + "/").startswith(self.base_path):
                return href  # outside the published folder: resolves to a missing file
            href = "/" + href[len(self.base_path):]
        return href

    def target_file(self, target: str) -> str | None:
        """The file a resolved target names, following a directory to its index.html."""
        candidate = self.site_dir / target
        if candidate.is_file():
            return target
        if candidate.is_dir() and (candidate / "index.html").is_file():
            return f"{target}/index.html"
        return None

    def check_link(self, page: str, line: int, column: int, href: str) -> Problem | None:
        """A problem if the link at ``page:line:column`` is broken, else None."""
        internal = self.internal_href(page, href) if href else None
        if internal is None:
            return None
        where = Location(page, line, column)
        target, fragment = resolve(page, internal)
        found = self.target_file(target)
        if found is None:
            return Problem(where, f"link '{href}' goes to '{target}', which is not in the "
                           "built site — correct the address or add the missing page",
                           "broken-link")
        if fragment and found in self.pages and fragment not in self.pages[found].ids:
            return Problem(where, f"link '{href}' points at '#{fragment}', but '{found}' has "
                           "no element with that id — point it at a heading that exists, "
                           "or drop the '#' part", "broken-anchor")
        return None

    def problems(self) -> list[Problem]:
        """Every broken link and anchor in the site, sorted by page and position."""
        found = []
        for page, links in self.pages.items():
            for line, column, href in links.links:
                problem = self.check_link(page, line, column, href)
                if problem is not None:
                    found.append(problem)
        return sorted(found)


def check_site(site_dir: Path) -> list[Problem]:
    """Every broken internal link or anchor in the built site at ``site_dir``."""
    return SiteLinks(site_dir).problems()


def main(argv: list[str] | None = None) -> int:
    """Check each site folder named on the command line; exit 1 if any link is broken."""
    folders = argv if argv is not None else sys.argv[1:]
    if not folders:
        print("usage: python -m goldenthread.publish.link_check SITE_DIR [SITE_DIR ...]",
              file=sys.stderr)
        return 2
    broken = 0
    for folder in folders:
        site = SiteLinks(Path(folder))
        problems = site.problems()
        for problem in problems:
            print(f"{folder}/{problem}")
        broken += len(problems)
        print(f"{folder}: {len(site.pages)} pages, {len(problems)} broken link(s).",
              file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
