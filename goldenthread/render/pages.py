"""Render page fragments from templates: presentation only, editor text always escaped.

The Jinja environment here is our own, with autoescaping on; it renders our templates
with view data.  Editor text arrives as data and is escaped (or sanitised by
:func:`goldenthread.render.safe_text.rich`); it is never itself treated as a template.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from typing import Any

import jinja2

from goldenthread.derive.officers import with_officer
from goldenthread.derive.reader_text import acronym_expansions
from goldenthread.derive.review_dates import review_dates
from goldenthread.render.safe_text import abbreviate, plain, rich
from goldenthread.render.views import LEVEL_LABELS, LEVELS, RoadmapViews

ITEM_URLS = {
    "goal": "goals/{}/",
    "priority": "priorities/{}/",
    "service": "services/{}/",
    "indicator": "indicators/{}/",
}


def relative_url(from_page: str, to_page: str) -> str:
    """The relative link from one directory-style page URL to another ('' is the home)."""
    start = posixpath.dirname(from_page.rstrip("/") + "/x") or "."
    if from_page in ("", "/", "index.html"):
        start = "."
    target, _, fragment = to_page.partition("#")
    rel = posixpath.relpath(target.rstrip("/") or ".", start)
    rel = "./" if rel == "." else rel + ("/" if target.endswith("/") or not target else "")
    return rel + (f"#{fragment}" if fragment else "")


class Urls:
    """Links from the page being rendered to items and fixed pages."""

    def __init__(self, page_url: str):
        self.page_url = page_url

    def item(self, kind: str, item_id: str) -> str:
        return relative_url(self.page_url, ITEM_URLS[kind].format(item_id))

    def page(self, url: str) -> str:
        return relative_url(self.page_url, url)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("goldenthread.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["rich"] = rich
    env.filters["plain"] = plain
    env.filters["with_officer"] = with_officer
    env.filters["long_date"] = lambda d: f"{d.day} {d:%B %Y}"
    env.globals.update(LEVELS=LEVELS, LEVEL_LABELS=LEVEL_LABELS)
    return env


_BLANKS = re.compile(r"\n\s*")


#: The template of each kind of item page.
ITEM_TEMPLATES = {"goal": "goal.html", "priority": "priority.html", "service": "service.html",
                  "indicator": "indicator.html"}


def item_page(views: RoadmapViews, kind: str, item_id: str, page_url: str,
              changed: Any = None) -> str:
    """The finished HTML of one item's page, rendered from our own template.

    The site hook puts this straight into the page after Markdown has run, so an item
    page never passes through Markdown or through the macros plugin's Jinja: the text
    an editor typed is only ever a value given to an autoescaped template.
    """
    context = getattr(views, kind)(item_id)
    context["review"] = review_dates(views.roadmap, kind, item_id, changed)
    return render(ITEM_TEMPLATES[kind], views, page_url, **context)


def problems_page(report: str) -> str:
    """The page ``mkdocs serve`` shows while the data has errors: the check's report,
    one problem per line, escaped."""
    lines = [line for line in report.splitlines() if line.strip()]
    items = "".join(f"<li><code>{plain(line)}</code></li>" for line in lines[1:])
    return (f'<h1>The road map has problems to fix</h1>\n<p>{plain(lines[0] if lines else "")}'
            f" Fix them and save: this page updates by itself.</p>\n<ul class=\"gt-problems\">"
            f"{items}</ul>")


def render(template: str, views: RoadmapViews, page_url: str, **context: Any) -> str:
    """Render ``template`` for the page at ``page_url`` as one block of HTML.

    Leading spaces and blank lines are removed so that Markdown, which the page passes
    through afterwards, sees a single raw HTML block and leaves it alone.
    """
    html = _environment().get_template(template).render(
        info=views.roadmap.info, views=views, urls=Urls(page_url), **context)
    # Glossary abbreviations get their expansion (<abbr>) on the finished, escaped HTML.
    html = abbreviate(html, acronym_expansions(views.roadmap.glossary))
    return _BLANKS.sub("\n", html).strip()
