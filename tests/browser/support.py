"""Helpers for the browser tests: find one page per template, serve a site, run axe-core.

Page templates are discovered from the built site, so a page that a later change adds to
the navigation is covered without editing these tests.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT

from goldenthread.publish.link_check import SiteLinks

#: axe-core rule tags: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: A word every example road map mentions, for the search-results page.
SEARCH_WORD = "children"
#: Folders of files that are not pages.
NOT_PAGES = ("assets/", "search/", "stylesheets/", "javascripts/")


@dataclass(frozen=True)
class PageTemplate:
    """One page standing for a template: ``name`` labels it, ``path`` is its site URL."""

    name: str
    path: str

    @property
    def slug(self) -> str:
        """The name as a file-name part, for screenshots."""
        return re.sub(r"[^a-z0-9.]+", "-", self.name.replace("*", "item").lower()).strip("-")


def page_url(html_file: str) -> str:
    """The URL path (relative to the site root) at which a built HTML file is served."""
    if html_file == "index.html":
        return ""
    if html_file.endswith("/index.html"):
        return html_file[: -len("index.html")]
    return html_file


def page_templates(site_dir: Path) -> list[PageTemplate]:
    """One page per template in the built site at ``site_dir``, plus search results.

    Every top-level page and section index is a template of its own, and so is every
    page under ``internal/``.  Item pages one level further down (``goals/<id>/`` and so
    on) share a template per folder; the fullest and the emptiest of each (by file size)
    stand for it, so both the richest and the sparsest version of the template are seen.
    """
    singles: list[PageTemplate] = []
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for path in sorted(Path(site_dir).rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(NOT_PAGES):
            continue
        url = page_url(rel)
        parts = url.strip("/").split("/") if url else []
        if len(parts) <= 1 or parts[0] == "internal":
            singles.append(PageTemplate(url.strip("/") or "home", url))
        else:
            groups["/".join(parts[:-1]) + "/*"].append((path.stat().st_size, url))
    for folder, members in sorted(groups.items()):
        members.sort(key=lambda m: (-m[0], m[1]))
        singles.append(PageTemplate(f"{folder} (fullest)", members[0][1]))
        if len(members) > 1:
            singles.append(PageTemplate(f"{folder} (emptiest)", members[-1][1]))
    singles.append(PageTemplate("search results", f"?q={SEARCH_WORD}"))
    return singles


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder under ``base_path``, quietly."""

    base_path = "/"

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path  # still %-encoded; the parent class decodes it
        if url_path + "/" == self.base_path:
            return self.directory  # the server then redirects to the path with a slash
        if not url_path.startswith(self.base_path):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + url_path[len(self.base_path):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@dataclass
class ServedSite:
    """A built site served on 127.0.0.1 at its published path (``/`` or e.g. ``/roadmap/``)."""

    name: str
    root: Path
    base_url: str
    templates: list[PageTemplate]
    server: http.server.ThreadingHTTPServer

    def url(self, path: str) -> str:
        """The full local address of a site-relative URL path."""
        return self.base_url + path

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


def serve_site(name: str, root: Path) -> ServedSite:
    """Serve ``root`` from a thread on a free port of 127.0.0.1.

    The site is served at the path of its ``site_url`` (read from the home page's
    canonical link), so absolute links such as the 404 page's work as when published.
    """
    base_path = SiteLinks(root).base_path
    handler = type("Handler", (_SiteHandler,), {"base_path": base_path})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, name=f"serve-{name}", daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    return ServedSite(name, root, base_url, page_templates(root), server)


def load(page, site: ServedSite, path: str) -> None:  # noqa: ANN001 - a playwright Page
    """Open a page of the site and wait until it is ready to check.

    Search results arrive after the page has loaded (the index is read in a worker), so
    for the results page this waits until they are shown.  Pages are opened asking for
    reduced motion, so nothing is still fading in when it is measured.
    """
    page.goto(site.url(path))
    if "?q=" in path:
        page.wait_for_selector(".md-search-result__item", state="visible")


def axe_violations(page) -> list[dict]:  # noqa: ANN001 - a playwright Page
    """axe-core's WCAG A/AA violations on the page as it is now.

    axe-core comes from axe-playwright-python; pages opened with ``open_page`` already
    have it (an init script), which saves injecting 500 kB into every page again.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    # A page that never lets axe finish must fail the test, not hang the suite.
    return page.evaluate("""options => Promise.race([axe.run(document, options),
      new Promise((_, fail) => setTimeout(() => fail(new Error('axe-core timed out')), 60000))])
    """, options)["violations"]


def describe_violation(where: str, violation: dict) -> str:
    """One line per violation: where, which rule, how bad, on which elements, the fix."""
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    first = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
    return (f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} — "
            f"on {targets} — {first}")
