"""Render page fragments from templates: presentation only, editor text always escaped.

The Jinja environment here is our own, with autoescaping on; it renders our templates
with view data.  Editor text arrives as data and is escaped (or sanitised by
:func:`goldenthread.render.safe_text.rich`); it is never itself treated as a template.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

import jinja2
import jinja2.meta

from goldenthread.derive.memo import keeping, same
from goldenthread.derive.officers import with_officer
from goldenthread.derive.reader_text import acronym_expansions
from goldenthread.derive.review_dates import review_dates
from goldenthread.read.kinds import BY_LABEL, PAGED, Kind
from goldenthread.read.roadmap import Roadmap
from goldenthread.render.contexts import TemplateContext
from goldenthread.render.safe_text import abbreviate, page_title, plain, rich
from goldenthread.render.views import LEVEL_LABELS, LEVELS, RoadmapViews, of_organisation

#: kind label -> the URL of an item's generated page, ``{}`` standing for its id.
ITEM_URLS: dict[str, str] = {kind.label: f"{kind.page}/{{}}/" for kind in PAGED}
#: kind label -> the template of its item pages (the context its view builds names it).
ITEM_TEMPLATES: dict[str, str] = {kind.label: kind.template for kind in PAGED if kind.template}


def relative_url(from_page: str, to_page: str) -> str:
    """The relative link from one directory-style page URL to another ('' is the home)."""
    start = posixpath.dirname(from_page.rstrip("/") + "/x") or "."
    if from_page in ("", "/", "index.html"):
        start = "."
    target, _, fragment = to_page.partition("#")
    rel = _relpath(target.rstrip("/") or ".", start)
    rel = "./" if rel == "." else rel + ("/" if target.endswith("/") or not target else "")
    return rel + (f"#{fragment}" if fragment else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)``, without its two looks at the current folder
    for two relative paths that do not climb ('..'): the same answer, as the common
    folder they are both joined to cancels out.  (Pages link to many pages each.)"""
    parts = [p for p in posixpath.normpath(path).split("/") if p and p != "."]
    start_parts = [p for p in posixpath.normpath(start).split("/") if p and p != "."]
    if path.startswith("/") or start.startswith("/") or ".." in parts or ".." in start_parts:
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(parts, start_parts):  # noqa: B905 - up to the shorter
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + parts[common:]) or "."


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
    env.filters["of_organisation"] = of_organisation
    env.filters["long_date"] = lambda d: f"{d.day} {d:%B %Y}"
    env.globals.update(LEVELS=LEVELS, LEVEL_LABELS=LEVEL_LABELS)
    return env


_BLANKS = re.compile(r"\n\s*")
#: A table of ours that may be wider than a phone (not one that reflows into cards).
_WIDE_TABLE = re.compile(r'<table class="gt-table(?![^"]*gt-reflow)[^"]*".*?</table>', re.S)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def scroll_regions(html: str) -> str:
    """Put each wide table in a scroll region of its own: labelled by its caption (already
    escaped), reachable by keyboard, so that on a phone the table scrolls, not the page."""
    def wrap(match: re.Match) -> str:
        caption = _CAPTION.search(match.group(0))
        label = " ".join(_TAGS.sub("", caption.group(1)).split()) if caption else "Table"
        return (f'<div class="gt-scroll" role="region" aria-label="{label}" tabindex="0">'
                f"{match.group(0)}</div>")
    return _WIDE_TABLE.sub(wrap, html)


def nav_pages(nav: Any) -> list[str]:
    """Every page path in a MkDocs ``nav`` setting, in order, sections flattened."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    if isinstance(nav, list):
        return [page for entry in nav for page in nav_pages(entry)]
    return []


def in_nav_order(kinds: Iterable[Kind], nav: Any) -> list[Kind]:
    """``kinds`` in the order the navigation lists their index pages, so that generated
    pages (and the sitemap and search index) follow the menu; a kind whose index page
    is not in the navigation comes last, in the kinds table's order."""
    listed = nav_pages(nav)

    def position(kind: Kind) -> int:
        index = f"{kind.page}/index.md"
        return listed.index(index) if index in listed else len(listed)

    return sorted(kinds, key=position)


def item_title(roadmap: Roadmap, kind: str, item_id: str) -> str:
    """The title of an item's page, safe for the theme to print raw."""
    item_kind = BY_LABEL[kind]
    item = getattr(roadmap, item_kind.attribute)[item_id]
    return page_title(getattr(item, item_kind.title_field or "title"))


def item_context(views: RoadmapViews, kind: str, item_id: str,
                 changed: Any = None) -> TemplateContext:
    """What one item's page shows, with its review dates: all :func:`render` gives its
    template besides :func:`shared_inputs` and the page's address."""
    context = getattr(views, kind)(item_id)
    return replace(context, review=review_dates(views.roadmap, kind, item_id, changed))


def shared_inputs(views: RoadmapViews) -> tuple:
    """What :func:`render` gives every item page besides its own context and address: the
    road map's own file (``info``, which also decides the ``words`` and ``vocabulary``
    every template is given), the glossary's abbreviations (:func:`abbreviate`), the
    officers (the ``with_officer`` filter reads them through ``views``) and the build's
    today.  An item page's template uses nothing else of ``views``: the incremental
    preview relies on it (tests/test_incremental_plan.py checks the templates), so a
    template that starts to use more must add it here."""
    roadmap = views.roadmap
    return (roadmap.info, acronym_expansions(roadmap.glossary), roadmap.officers, views.today)


def item_page(views: RoadmapViews, kind: str, item_id: str, page_url: str,
              changed: Any = None) -> str:
    """The finished HTML of one item's page, rendered from our own template.

    The site hook puts this straight into the page after Markdown has run, so an item
    page never passes through Markdown or through the macros plugin's Jinja: the text
    an editor typed is only ever a value given to an autoescaped template.
    """
    return render(item_context(views, kind, item_id, changed), views, page_url)


def template_sources(name: str) -> tuple[tuple[str, str], ...] | None:
    """(name, source) of template ``name`` and of every template it uses: with its
    context, its page's address and :func:`shared_inputs`, all :func:`render` makes its
    HTML from.  None when one of them reads ``views`` (the whole road map) itself, but
    for ``views.today`` (a shared input): then what it shows is known only by rendering
    it."""
    env = _environment()
    sources: dict[str, str] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in sources:
            sources[current] = env.loader.get_source(env, current)[0]
            todo.extend(_referenced(sources[current]))
    if any(_VIEWS.search(source) for source in sources.values()):
        return None
    return tuple(sorted(sources.items()))


@lru_cache(maxsize=256)
def _referenced(source: str) -> tuple[str | None, ...]:
    """The templates a template's source imports or includes."""
    env = _environment()
    return tuple(jinja2.meta.find_referenced_templates(env.parse(source)))


_VIEWS = re.compile(r"\bviews\b(?!\.today\b)")


def render_remembered(context: TemplateContext, views: RoadmapViews, page_url: str) -> str:
    """:func:`render`, but only when what it renders from changed since the last time
    this template was rendered for this page: a preview makes every hand-written page's
    Markdown again after each edit, and most of their macros show nothing of it."""
    sources = None if not keeping() else template_sources(context.template)
    if sources is None:  # not a preview, or the template reads the whole road map
        return render(context, views, page_url)
    inputs = (sources, context, page_url, shared_inputs(views))
    last = _rendered.get((context.template, page_url))
    if last is None or not same(last[0], inputs):
        last = (inputs, render(context, views, page_url))
        _rendered[(context.template, page_url)] = last
    return last[1]


#: (template, page address) -> (what it was rendered from, the HTML), from the last time.
_rendered: dict[tuple[str, str], tuple[Any, str]] = {}


def problems_page(report: str) -> str:
    """The page ``mkdocs serve`` shows while the data has errors: the check's report,
    one problem per line, escaped."""
    lines = [line for line in report.splitlines() if line.strip()]
    items = "".join(f"<li><code>{plain(line)}</code></li>" for line in lines[1:])
    return (f'<h1>The road map has problems to fix</h1>\n<p>{plain(lines[0] if lines else "")}'
            f" Fix them and save: this page updates by itself.</p>\n<ul class=\"gt-problems\">"
            f"{items}</ul>")


def render(context: TemplateContext, views: RoadmapViews, page_url: str) -> str:
    """Render ``context`` (its template, with its inputs) for the page at ``page_url`` as
    one block of HTML.

    Leading spaces and blank lines are removed so that Markdown, which the page passes
    through afterwards, sees a single raw HTML block and leaves it alone.
    """
    vocabulary = views.roadmap.vocabulary  # resolved from info: a shared input already
    html = _environment().get_template(context.template).render(
        info=views.roadmap.info, views=views, urls=Urls(page_url), words=vocabulary.words,
        vocabulary=vocabulary, LEVELS=views.levels, LEVEL_LABELS=views.level_labels,
        **context.values())
    html = scroll_regions(html)
    # Glossary abbreviations get their expansion (<abbr>) on the finished, escaped HTML.
    html = abbreviate(html, acronym_expansions(views.roadmap.glossary))
    return _BLANKS.sub("\n", html).strip()
