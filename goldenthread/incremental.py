"""The incremental preview: after an edit, rebuild only the pages the edit changes.

Under ``mkdocs serve --dirty`` MkDocs skips a page whose file says it is not modified.
The site hook uses this module to answer, page by page:

* a **site key** covers what every page shows or is made with: the configuration (with
  the site's name, description, menu and images set from the data), the theme and our
  templates, the hand-written pages' sources, the list of every page and file, and the
  road map's own review line.  When it differs from the last build's, every page is
  rebuilt: a configuration or template change is a full rebuild;
* a **page key** per page: what it shows. For a generated item page (whose source is a
  constant), the HTML our own templates render from the road map just read, its title
  and description, known before MkDocs reads the page, so an unchanged one is skipped
  altogether. Rendering every item page to compare its HTML was most of a rebuild's
  work, so an item page is first compared by its **inputs**, the values its template is
  rendered from (its context, title, description and address, and what every item page
  shares, :func:`goldenthread.render.pages.shared_inputs`): when they are the same as
  the last build's (:func:`same`: equal, of the same types, in the same order, all the
  way down), so is its HTML, and it keeps its last key without being rendered. For a
  hand-written page, what its macros and Markdown made, its title, front matter and
  table of contents: MkDocs renders its content, and only if the key changed does it go
  on into the theme, the search index and the site folder. So the edited item's page is
  rebuilt, and every page that shows anything of it (a title in a list, a figure in a
  summary), whatever the link between them: the key is what the page shows, not a guess
  at what it depends on;
* open data and other generated files are written again only when their content
  changed.

Each build leaves a :class:`Remembered` for the next: the keys, each page's search
entries (the search plugin indexes only the pages built in a run, so the entries of the
pages not rebuilt are carried over, in the order a full build writes them), and the
files it published (a page that is gone, say an item made internal, is deleted).

Correctness first: anything unknown is a full rebuild.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel


def key(*parts: Any) -> str:
    """A digest of ``parts`` (their ``repr``, which for the values given here is their
    content: strings, numbers, dates, and lists, tuples and dicts of them)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def same(a: Any, b: Any) -> bool:
    """Whether two values a page is rendered from would render the same: equal, and of the
    same types and in the same order all the way down, since ``==`` alone is not enough
    (``1 == 1.0 == True``, ``0.0 == -0.0`` and two dicts in another order are equal, yet
    each prints otherwise).  Values that are the same object are the same (the road map
    is frozen); a value of a type not known here is the same only when equal with an
    equal ``repr``.  Records (pydantic models, dataclasses) compare field by field."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if issubclass(kind, str) or kind in (int, bool):
        return a == b
    if kind is float:
        return repr(a) == repr(b)
    if kind in (list, tuple):
        return len(a) == len(b) and all(map(same, a, b))
    if kind is dict:
        return len(a) == len(b) and all(same(ka, kb) and same(va, vb) for (ka, va), (kb, vb)
                                        in zip(a.items(), b.items(), strict=True))
    if isinstance(a, BaseModel):
        return (same(a.__dict__, b.__dict__) and same(a.__pydantic_extra__, b.__pydantic_extra__)
                and same(a.__pydantic_private__, b.__pydantic_private__))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if kind in (set, frozenset):
        return a == b and list(a) == list(b)
    try:
        return bool(a == b) and repr(a) == repr(b)
    except Exception:  # noqa: BLE001 - a value that cannot be compared is not the same
        return False


def files_key(*paths: Path | str) -> tuple:
    """Every file under ``paths`` (folders, or single files) with its size and time of
    change: a file edited, added or removed gives another value."""
    found = []
    for root in map(Path, paths):
        if root.is_file():
            candidates: Iterable[Path] = (root,)
        elif root.is_dir():
            candidates = root.rglob("*")
        else:
            found.append((str(root), None))
            continue
        for path in candidates:
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found, key=lambda entry: entry[0]))


def nav_titled(nav: Any) -> bool:
    """Whether every page in a MkDocs ``nav`` setting has its title written there.  A page
    listed without one (or a site without a ``nav``) is titled from its content, which
    every page's menu shows: then a page's key would not cover all it shows, and every
    page is rebuilt."""
    def titled(entry: Any) -> bool:
        if not isinstance(entry, dict):
            return False  # a bare path
        return all(isinstance(value, str) or (isinstance(value, list) and all(map(titled, value)))
                   for value in entry.values())

    return isinstance(nav, list) and all(map(titled, nav))


@dataclass(frozen=True)
class Remembered:
    """What one build of a site folder leaves for the next."""

    site_key: str
    #: src_uri of each generated item page -> its page key.
    pages: dict[str, str]
    #: src_uri of each page -> its search entries.
    search: dict[str, list[dict]]
    #: dest_uri of each generated file that is not a page (open data...) -> its key.
    generated: dict[str, str]
    #: src_uri of each page -> the ids of its anchors (to check links to them).
    anchors: dict[str, Any]
    #: Every file the build published, relative to the site folder.
    outputs: frozenset[str]
    #: src_uri of each generated item page -> what it was rendered from (see same()).
    inputs: dict[str, Any] = field(default_factory=dict)
    #: What every generated item page was rendered from besides its own inputs.
    shared: Any = None


@dataclass
class Rebuild:
    """One build's plan: which pages to build, and what it leaves for the next build."""

    site_key: str
    previous: Remembered | None = None
    pages: dict[str, str] = field(default_factory=dict)
    search: dict[str, list[dict]] = field(default_factory=dict)
    generated: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, Any] = field(default_factory=dict)
    #: src_uri of each page whose key is known -> whether it is built.
    decided: dict[str, bool] = field(default_factory=dict)
    inputs: dict[str, Any] = field(default_factory=dict)
    shared: Any = None
    #: Whether ``shared`` is the same as the last build's.
    shared_same: bool = False

    @property
    def full(self) -> bool:
        """True when every page is built: no earlier build, or the site key changed."""
        return self.previous is None or self.previous.site_key != self.site_key

    def page(self, src_uri: str, page_key: str) -> bool:
        """Record a page's key, once its content is rendered; True if the page must be
        built (written, and indexed for search)."""
        self.pages[src_uri] = page_key
        changed = self.full or self.previous.pages.get(src_uri) != page_key
        self.decided[src_uri] = changed
        return changed

    def share(self, shared: Any) -> None:
        """Record what every generated item page is rendered from besides its own inputs
        (the road map's own file, the glossary...): when it differs from the last build's,
        every item page is rendered again and compared by its HTML."""
        self.shared = shared
        self.shared_same = not self.full and same(shared, self.previous.shared)

    def same_inputs(self, src_uri: str, inputs: Any) -> bool:
        """Record what a generated item page is rendered from; True when it and the shared
        inputs are the same as the last build's: then so is the page, which keeps its last
        key and is neither rendered nor built.  False: render it, and call :meth:`page`."""
        self.inputs[src_uri] = inputs
        if not self.shared_same or src_uri not in self.previous.pages \
                or src_uri not in self.previous.inputs \
                or not same(inputs, self.previous.inputs[src_uri]):
            return False
        self.pages[src_uri] = self.previous.pages[src_uri]
        self.decided[src_uri] = False
        return True

    def must_build(self, src_uri: str) -> bool:
        """Whether MkDocs must go on with a page: until its key is known, yes."""
        return self.decided.get(src_uri, True)

    def generated_file(self, dest_uri: str, content_key: str) -> bool:
        """Record the key of a generated file that is not a page (open data, images);
        True if it must be written (a file the same as last time is left as it is)."""
        self.generated[dest_uri] = content_key
        return self.full or self.previous.generated.get(dest_uri) != content_key

    def anchor_ids(self, src_uri: str, rendered: Any) -> Any:
        """The anchors a page has, to check other pages' links to them: those just
        ``rendered``, or, for a page not rebuilt (rendered empty), the last build's."""
        if self.decided.get(src_uri) is False:
            rendered = self.previous.anchors.get(src_uri)
        self.anchors[src_uri] = rendered
        return rendered

    def indexed(self, src_uri: str, entries: list[dict]) -> None:
        """The search entries the search plugin made for a page built now."""
        self.search[src_uri] = entries

    def search_entries(self, order: Iterable[str]) -> list[dict]:
        """Every page's search entries, pages in ``order`` (the build's order of pages):
        this build's for the pages it built, the last build's for the others."""
        entries: list[dict] = []
        for src_uri in order:
            if src_uri in self.search:
                page_entries = self.search[src_uri]
            elif self.decided.get(src_uri) is False:
                page_entries = self.previous.search.get(src_uri, [])
                self.search[src_uri] = page_entries
            else:
                page_entries = []
            entries.extend(page_entries)
        return entries

    def stale(self, outputs: Iterable[str]) -> list[str]:
        """Files the last build published that this one does not (relative paths)."""
        if self.previous is None:
            return []
        return sorted(self.previous.outputs - set(outputs))

    def remember(self, outputs: Iterable[str]) -> Remembered:
        return Remembered(self.site_key, dict(self.pages), dict(self.search),
                          dict(self.generated), dict(self.anchors), frozenset(outputs),
                          dict(self.inputs), self.shared)


class Builds:
    """The last build of each site folder, kept for the life of the ``mkdocs`` process."""

    def __init__(self) -> None:
        self._last: dict[str, Remembered] = {}

    def start(self, site_dir: str, site_key: str) -> Rebuild:
        return Rebuild(site_key, self._last.get(str(Path(site_dir).resolve())))

    def finish(self, site_dir: str, rebuild: Rebuild, outputs: Iterable[str]) -> None:
        self._last[str(Path(site_dir).resolve())] = rebuild.remember(outputs)

    def forget(self, site_dir: str) -> None:
        """After a failed build, or one that showed the problems page: the next build
        is a full one."""
        self._last.pop(str(Path(site_dir).resolve()), None)


#: The one registry of the process (``mkdocs serve`` rebuilds in one process).
BUILDS = Builds()
