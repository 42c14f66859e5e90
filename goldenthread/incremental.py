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

import gc
import hashlib
import os
import stat
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goldenthread.derive.memo import same


def key(*parts: Any) -> str:
    """A digest of ``parts`` (their ``repr``, which for the values given here is their
    content: strings, numbers, dates, and lists, tuples and dicts of them)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def files_key(*paths: Path | str) -> tuple:
    """Every file under ``paths`` (folders, or single files) with its size and time of
    change: a file edited, added or removed gives another value."""
    found = []
    for root in map(str, paths):
        if os.path.isfile(root):
            candidates: Iterable[str] = (root,)
        elif os.path.isdir(root):
            candidates = (os.path.join(folder, name) for folder, _, names in os.walk(root)
                          if "__pycache__" not in Path(folder).parts for name in names)
        else:
            found.append((root, None))
            continue
        for path in candidates:
            try:
                info = os.stat(path)
            except OSError:
                continue  # a broken link, or gone since the walk: not a file
            if stat.S_ISREG(info.st_mode):
                found.append((path, info.st_mtime_ns, info.st_size))
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

    def has_built(self, site_dir: str) -> bool:
        """Whether a build of ``site_dir`` has finished in this process."""
        return str(Path(site_dir).resolve()) in self._last

    def forget(self, site_dir: str, written: Iterable[str] = ()) -> None:
        """After a failed build, or one that showed the problems page: the next build
        is a full one, and it still removes every file that the builds before it
        published (and the failed build's own files, ``written``, as it may have written
        them) which it does not: the site folder is then the full build's, nothing more."""
        where = str(Path(site_dir).resolve())
        last = self._last.get(where)
        outputs = (last.outputs if last is not None else frozenset()) | frozenset(written)
        # No site key is "": the next build is a full one, whatever its key.
        self._last[where] = Remembered("", {}, {}, {}, {}, outputs)


#: The one registry of the process (``mkdocs serve`` rebuilds in one process).
BUILDS = Builds()


class Memory:
    """The preview's rebuilds and Python's garbage collector.

    A rebuild makes hundreds of thousands of objects that outlive it (MkDocs' pages and
    files, the pages' inputs), so the collector made full passes over everything in
    memory during each rebuild: at M about 0.7 s of a rebuild's 4 s of CPU.  So, once,
    after the preview's first build, the first build's garbage is collected and every
    object still alive (modules, templates, the road map read, what the first build left
    for the next) is set aside from the collector's passes (``gc.freeze``: such an object
    is still freed when nothing refers to it; only a cycle among them would be kept, and
    they are set aside once, so memory does not grow build after build).  That is done
    as ``mkdocs serve`` starts its server after the first build (:meth:`settle_now`), or
    else :data:`SETTLE_AFTER` seconds after the first build, or, if an edit comes first,
    as the second build starts.  Then each rebuild runs
    without the collector, which makes one pass over what is not set aside
    :data:`SETTLE_AFTER` seconds after the rebuild, while the editor reads the page (or as
    the next build starts, if that comes first)."""

    #: Seconds after a preview's build before the collector is settled or makes its pass.
    SETTLE_AFTER = 0.5

    def __init__(self) -> None:
        self.settled = False
        self.building = False
        #: Whether a rebuild's garbage waits for the collector's pass.
        self.pending = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def _settle(self) -> None:
        gc.collect()
        gc.freeze()
        self.settled = True

    def _when_idle(self) -> None:
        with self._lock:
            if self.building:
                return  # the next build collects as it starts
            if not self.settled:
                self._settle()
            elif self.pending:
                gc.enable()
                gc.collect()
                self.pending = False

    def settle_now(self) -> None:
        """The preview's first build is over and its server about to start (MkDocs'
        ``on_serve``): settle the collector now, before any edit can come."""
        with self._lock:
            if not self.settled and not self.building:
                self._settle()

    def built(self) -> None:
        """A preview's build ended: settle the collector (the first time) or make its one
        pass shortly after, while the editor reads the page."""
        if self.settled and not self.pending:
            return
        if self._timer is None or not self._timer.is_alive():
            self._timer = threading.Timer(self.SETTLE_AFTER, self._when_idle)
            self._timer.daemon = True
            self._timer.start()

    def settle(self, built_before: bool) -> None:
        """A preview's build starts (``built_before``: the site folder was built before)."""
        with self._lock:
            self.building = True
            if not self.settled and built_before:
                self._settle()
            elif self.pending:  # the last build's pass has not been made yet
                gc.collect()
                self.pending = False
            if self.settled:
                gc.disable()

    def collect(self) -> None:
        """A preview's build ended, or failed: the collector's pass is to come, once the
        page is served (:meth:`built`), and the collector stays off until then."""
        with self._lock:
            self.building = False
            if self.settled and not gc.isenabled():
                self.pending = True


#: The one of the process.
MEMORY = Memory()
