"""The MkDocs hook: checks the data, then adds one generated page per item.

Thin on purpose (as mkdocs-material's own plugins are): it guards, delegates to the
core package and rewraps errors.

Editor text never reaches a template as source, by construction:

* a generated item page is ``File.generated`` with a fixed body and the front matter
  ``render_macros: false`` only: no title, no id, nothing from the data, so neither
  Markdown nor the macros plugin (which renders a page's title as Jinja when it holds
  ``{{``) ever sees editor text;
* its title is set on the page object after the macros plugin has run
  (``on_page_markdown`` at the lowest priority), as a plain value;
* its HTML is rendered by our own autoescaped templates and put in place after
  Markdown (``on_page_content``), so it is not parsed again.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import shutil
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import get_data

from goldenthread.derive.memo import keep_results
from goldenthread.derive.review_dates import review_sentence, site_review_dates
from goldenthread.history.git import forget_last_changed, last_changed_this_build
from goldenthread.incremental import BUILDS, MEMORY, Rebuild, files_key, key, nav_titled
from goldenthread.problems import RoadmapDataError
from goldenthread.publish.open_data import build_date, open_data_files, open_data_folder
from goldenthread.publish.site_check import IMAGES_FOLDER, strip_comments
from goldenthread.read.collector import restore, spare
from goldenthread.read.kinds import PAGED, Kind
from goldenthread.render.pages import (
    in_nav_order,
    item_context,
    item_page,
    item_title,
    problems_page,
    render,
    shared_inputs,
)
from goldenthread.render.site_meta import (
    has_data,
    image_problem,
    is_placeholder,
    item_description,
    published_image,
    robots_txt,
    site_description,
    site_name,
)
from goldenthread.site import SiteData, load_site_data, settings
from goldenthread.site_options import ConfigError

log = logging.getLogger("mkdocs.plugins.goldenthread")

#: kind label -> the kind, for each kind with one generated page per item: its page
#: folder, its attribute on the road map, its title field and its template all come from
#: the one table of kinds.
GENERATED: dict[str, Kind] = {kind.label: kind for kind in PAGED}

#: The whole Markdown source of every generated page.  It is a constant: the page's
#: title and content come from the data later, as values, never as source.
GENERATED_SOURCE = "---\nrender_macros: false\n---\n"

#: src_uri of each generated page of this build -> (kind, item id).
_generated: dict[str, tuple[str, str]] = {}


def site_data(config: MkDocsConfig) -> SiteData:
    """The checked, audience-filtered road map, or a build error listing every problem."""
    try:
        return load_site_data(**_settings(config))
    except RoadmapDataError as exc:
        raise PluginError(f"{exc}\nNothing was published.") from None
    except ConfigError as exc:
        raise PluginError(f"{exc}. Nothing was published.") from None


#: Set to 1 by scripts/build once its check step has printed the data's warnings.
WARNINGS_SHOWN = "GOLDENTHREAD_WARNINGS_SHOWN"

#: The command MkDocs runs ('build' or 'serve'), and, under ``mkdocs serve`` while the
#: data has errors, the problems to show instead of the site.
_state: dict[str, object] = {"command": "build", "problems": None, "dropped": frozenset(),
                             "images": {}}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    _state["dirty"] = dirty
    keep_results(command == "serve" and dirty)  # the incremental preview's memos
    if dirty:  # mkdocs serve --dirty: the incremental preview (see _plan_rebuild)
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notice)


def on_serve(server, config: MkDocsConfig, builder, **kwargs: object):  # noqa: ANN001,ANN201
    """Watch the data folder in use, also when GOLDENTHREAD_DATA points elsewhere; under
    the incremental preview, settle the garbage collector before the first edit."""
    if _state.get("dirty"):
        MEMORY.settle_now()  # the first build is over (see goldenthread.incremental)
    try:
        server.watch(str(_settings(config)["data_dir"]))
    except ConfigError:
        pass  # the build has already said what is wrong
    return server


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    forget_last_changed()  # a new build: git history may have moved on
    _state["settings"] = _state["loaded"] = None  # this build's, worked out again
    _settle_memory(config)
    _state["problems"] = None
    _state["site_dir"] = config.site_dir
    try:
        data = site_data(config)
    except PluginError as exc:
        if _state["command"] != "serve":
            raise
        # Under mkdocs serve, a page listing the problems instead of a browser that
        # waits for a build that cannot finish; the terminal lists them too.
        # (Printed, not logged: under --strict a logged error would stop the preview.)
        print(f"ERROR   -  {exc}", file=sys.stderr)
        _state["problems"] = str(exc)
        if _state.get("dirty"):  # no page of the last build stays behind the problems
            BUILDS.forget(config.site_dir)
            clean_directory(config.site_dir)
        config.nav = [{"Problems to fix": "index.md"}]
        return config
    # scripts/build runs 'goldenthread check' first, which has printed the warnings:
    # each is printed once, not again by each build.
    shown = os.environ.get(WARNINGS_SHOWN) == "1"
    for warning in () if shown else data.warnings:
        # Logged at INFO: under --strict a WARNING would fail the build, and warnings
        # are advice, not errors.
        log.info("%s", warning)
    _from_the_data(config, data)
    return config


def _from_the_data(config: MkDocsConfig, data: SiteData) -> None:
    """Everything the site says about itself comes from the road map's data: its name
    and description (escaped: the theme prints them raw), its logo and icon, and which
    hand-written pages have anything to show."""
    info = data.views.roadmap.info
    internal = data.audience == "internal"
    config.site_name = site_name(info) + (Markup(" (intranet)") if internal else "")
    config.site_description = site_description(info)
    if is_placeholder(config.site_url):
        # INFO, not WARNING: a preview or a test build is allowed the placeholder.
        log.info("The site address (site_url) is the placeholder %s: links in the 404 "
                 "page, the sitemap and link previews will point there. Set "
                 "GOLDENTHREAD_SITE_URL%s to the address the site is published at.",
                 config.site_url, " (GOLDENTHREAD_INTRANET_URL)" if internal else "")
    _state["images"] = _images(config, info)
    for field, path in _state["images"].items():
        config.theme[field] = path
    _state["dropped"] = _pages_without_data(config, data)
    config.nav = _without(config.nav, _state["dropped"])


def _images(config: MkDocsConfig, info) -> dict[str, str]:  # noqa: ANN001 - RoadmapInfo
    """theme field ('logo', 'favicon') -> where the data folder's image is published;
    a build error if the file is missing or not a plain image."""
    data_dir = Path(_settings(config)["data_dir"])
    images = {}
    for field in ("logo", "favicon"):
        name = getattr(info, field)
        if name is None:
            continue
        path = data_dir / name
        problem = ("is not in the data folder" if path.is_symlink() or not path.is_file()
                   else image_problem(name, path.read_bytes()))
        if problem:
            raise PluginError(f"{data_dir / 'roadmap.yml'}: the {field} '{name}' {problem}; "
                              f"put a plain PNG or SVG file of that name next to roadmap.yml, "
                              f"or remove the line [invalid-value]\nNothing was published.")
        images[field] = f"{IMAGES_FOLDER}/{name}"
    return images


def _pages_without_data(config: MkDocsConfig, data: SiteData) -> frozenset[str]:
    """The hand-written pages whose front matter says ``needs: <kind>`` (a road-map
    attribute such as ``munro`` or ``stories``) when this audience's road map has none:
    they get no page and no menu entry."""
    docs = Path(config.docs_dir)
    dropped = set()
    for path in sorted(docs.rglob("*.md")):
        meta = get_data(path.read_text(encoding="utf-8"))[1]
        if "needs" not in meta:
            continue
        try:
            keep = has_data(data.views.roadmap, meta["needs"])
        except ValueError as exc:
            raise PluginError(f"{path}: {exc}") from None
        if not keep:
            dropped.add(path.relative_to(docs).as_posix())
    return frozenset(dropped)


def _without(nav, dropped: frozenset[str]):  # noqa: ANN001,ANN202 - MkDocs nav setting
    """The nav setting less the entries of ``dropped`` pages (and emptied sections)."""
    if isinstance(nav, list):
        kept = [_without(entry, dropped) for entry in nav]
        return [entry for entry in kept if entry not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {title: _without(value, dropped) for title, value in nav.items()}
        return {title: value for title, value in kept.items() if value not in (None, [])}
    return None if nav in dropped else nav


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _state["problems"] is not None:
        kept = [f for f in files if not f.is_documentation_page()]
        kept.append(File.generated(config, "index.md", content=GENERATED_SOURCE))
        return Files(kept)
    data = _loaded(config)  # as on_config read it: one road map for the whole build
    roadmap = data.views.roadmap
    for dropped in _state["dropped"]:
        if (file := files.get_file_from_path(dropped)) is not None:
            files.remove(file)
    data_dir = Path(_settings(config)["data_dir"])
    for path in _state["images"].values():
        name = path.rsplit("/", 1)[-1]  # an SVG is published as rebuilt from an allow-list
        content = published_image(name, (data_dir / name).read_bytes())
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, "robots.txt",
                                content=robots_txt(data.audience == "internal", config.site_url)))
    _generated.clear()
    for kind in in_nav_order(GENERATED.values(), config.nav):
        for item_id in getattr(roadmap, kind.attribute):
            file = File.generated(config, f"{kind.page}/{item_id}.md", content=GENERATED_SOURCE)
            _generated[file.src_uri] = (kind.label, item_id)
            files.append(file)
    # Open data (data/*.json, data/*.csv) from the same audience-filtered road map.
    try:
        built = build_date()
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    # A build writes them to a folder of its own (see open_data_folder: under
    # scripts/build, in its staging folder), and MkDocs copies them from there: held in
    # memory, they would be held to the end of the build (about 11 MiB at M).  The
    # preview keeps them in memory, to compare with the last build's without reading
    # thousands of files back.
    folder = None if _state.get("dirty") else open_data_folder()
    if folder is not None:
        _state.setdefault("open_data_folders", []).append(folder)
    for path, content in open_data_files(roadmap, data.audience, built).items():
        if folder is None:
            files.append(File.generated(config, path, content=content))
            continue
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        files.append(File.generated(config, path, abs_src_path=str(target)))
    if _state.get("dirty"):
        _plan_rebuild(files, config, data)
    return files


def _item_of(page: Page | None) -> tuple[str, str] | None:
    if page is None or page.file.generated_by is None:
        return None
    return _generated.get(page.file.src_uri)


@event_priority(-100)  # after the macros plugin, which renders a title holding "{{"
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """Give a generated item page its title, as a value."""
    if _state["problems"] is not None:
        page.meta["title"] = "Problems to fix"
        return markdown
    found = _item_of(page)
    if found is not None:
        roadmap = _views(config).roadmap
        page.meta["title"] = item_title(roadmap, *found)
        description = item_description(roadmap, *found)
        if description is not None:
            page.meta["description"] = description  # escaped: the theme prints it raw
    elif _unchanged(page, markdown):
        return ""  # the incremental preview: nothing to render, the page is not rebuilt
    return markdown


def _settings(config: MkDocsConfig) -> dict:
    """:func:`settings` of this build's configuration, worked out once per build: pages
    ask for it thousands of times."""
    known = _state.get("settings")
    if not (isinstance(known, tuple) and known[0] is config):
        known = (config, settings(config.extra, config.config_file_path))
        _state["settings"] = known
    return known[1]


def _loaded(config: MkDocsConfig) -> SiteData:
    """The road map this build's on_config read and checked (not read again)."""
    known = _state.get("loaded")
    if not (isinstance(known, tuple) and known[0] is config):
        known = (config, load_site_data(**_settings(config), refresh=False))
        _state["loaded"] = known
    return known[1]


def _views(config: MkDocsConfig):  # noqa: ANN202 - RoadmapViews
    return _loaded(config).views


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """The HTML of a generated item page, from our own autoescaped template; and, for
    every page, HTML comments stripped: a comment is invisible on the page but published
    in its source (goldenthread.publish.site_check checks the output too)."""
    if _state["problems"] is not None:
        return problems_page(str(_state["problems"]))
    found = _item_of(page)
    if found is not None:
        html = _prerendered.pop(page.file.src_uri, None)
        if html is None:
            options = _settings(config)
            html = item_page(_views(config), *found, page.url,
                             last_changed_this_build(options["data_dir"]))
    if isinstance(plan := _rebuild["plan"], Rebuild):
        page.present_anchor_ids = plan.anchor_ids(page.file.src_uri, page.present_anchor_ids)
    return strip_comments(html)


@event_priority(-50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs: object) -> dict:
    """Give every page without its own review line the road map's (the theme prints it)."""
    _indexed(page, config)
    if _state["problems"] is None and 'class="gt-review"' not in (page.content or ""):
        dates = site_review_dates(_views(config).roadmap,
                                  last_changed_this_build(_settings(config)["data_dir"]))
        context["gt_review_line"] = review_sentence(dates, "the road map's data")
    if _state["problems"] is None:
        context["gt_og"] = _open_graph(page, config)
    return context


def _open_graph(page: Page, config: MkDocsConfig) -> dict[str, str]:
    """The page's Open Graph tags (link previews), every value escaped or made by us."""
    title = (config.site_name if page.is_homepage
             else escape(page.meta.get("title") or page.title or ""))
    tags = {"og:type": "website", "og:site_name": config.site_name, "og:title": title,
            "og:description": page.meta.get("description") or config.site_description,
            "og:locale": "en_GB"}
    if page.canonical_url:
        tags["og:url"] = escape(page.canonical_url)
    logo = _state["images"].get("logo")
    if logo and config.site_url and not is_placeholder(config.site_url):
        tags["og:image"] = escape(config.site_url.rstrip("/") + "/" + logo)
    return tags



# -- The incremental preview (mkdocs serve --dirty) ------------------------------------
# goldenthread/incremental.py decides; these functions give it MkDocs' values and act on
# its answers.  Off unless MkDocs was started with --dirty: `mkdocs build` is unchanged.

#: src_uri -> the HTML of a generated item page to build, rendered by _plan_rebuild.
_prerendered: dict[str, str] = {}
#: This build's plan, and how many of the search plugin's entries are already claimed.
_rebuild: dict[str, object] = {"plan": None, "claimed": 0}


def _settle_memory(config: MkDocsConfig) -> None:
    """Under the preview, the garbage collector's passes (see goldenthread.incremental);
    in any other build, fewer of them until it ends (see goldenthread.read.collector)."""
    if _state.get("dirty") and _state["command"] == "serve":
        MEMORY.settle(BUILDS.has_built(config.site_dir))
    elif "collector" not in _state:
        _state["collector"] = spare()


def _dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build makes 'inaccurate navigation'; under --strict that
    warning would stop the preview.  Ours is not inaccurate (every page whose content
    changed is rebuilt), so it is said at INFO, in our words."""
    if record.levelno == logging.WARNING and "'dirty' build" in record.getMessage():
        record.levelno, record.levelname = logging.INFO, "INFO"
        record.msg, record.args = ("Incremental preview: only the pages an edit changes "
                                   "are rebuilt."), ()
    return True


def _search_index(config: MkDocsConfig):  # noqa: ANN202 - material's SearchIndex or None
    plugin = config.plugins.get("material/search")
    return getattr(plugin, "search_index", None)


def _site_key(files: Files, config: MkDocsConfig, data: SiteData, changed: dict) -> str:
    """What every page shows or is made with (see goldenthread.incremental)."""
    settled = {name: value for name, value in config.items() if name not in ("plugins", "hooks")}
    here = Path(__file__).parent
    review = review_sentence(site_review_dates(data.views.roadmap, changed),
                             "the road map's data")
    return key(settled, files_key(config.docs_dir, *config.theme.dirs, config.config_file_path,
                                  here / "hooks.py", here / "macros.py",
                                  here / "goldenthread" / "render" / "templates"),
               [(f.src_uri, f.dest_uri, f.inclusion) for f in files], review, data.today,
               data.audience, sorted(_state["dropped"]), _state["images"])


def _plan_rebuild(files: Files, config: MkDocsConfig, data: SiteData) -> None:
    """Start this build's plan.  A generated item page's key is known now (its source is
    a constant, so its HTML, title and description are all it shows): MkDocs skips the
    page altogether when it is unchanged.  A hand-written page's content comes from its
    macros: MkDocs reads it (it asks whether the page's file is modified: yes), the
    macros run, and on_page_markdown keys the Markdown they made; an unchanged page
    gets no Markdown to render and is not built (MkDocs asks again: the plan's answer)."""
    _prerendered.clear()
    if _search_index(config) is None or not nav_titled(config.nav):  # build every page:
        for file in files.documentation_pages(inclusion=lambda level: True):
            file.is_modified = lambda: True  # (MkDocs' own test: is the .md file newer?)
        return
    options = _settings(config)
    changed = last_changed_this_build(options["data_dir"])
    plan = BUILDS.start(config.site_dir, _site_key(files, config, data, changed))
    _rebuild.update(plan=plan, claimed=0, files=files)
    roadmap = data.views.roadmap
    site = Path(config.site_dir)
    plan.share(shared_inputs(data.views))
    for file in files:
        if file.is_documentation_page():
            file.is_modified = functools.partial(plan.must_build, file.src_uri)
            if (found := _generated.get(file.src_uri)) is not None:
                # Rendered only when what it is rendered from changed, then compared by
                # its HTML: a page that shows nothing of the edit is not built.
                context = item_context(data.views, *found, changed)
                title, description = item_title(roadmap, *found), item_description(roadmap, *found)
                if plan.same_inputs(file.src_uri, (context, file.url, title, description)):
                    continue
                html = render(context, data.views, file.url)
                if plan.page(file.src_uri, key(html, title, description)):
                    _prerendered[file.src_uri] = html
        elif (file.generated_by is not None
              and not plan.generated_file(file.dest_uri, key(file.content_bytes))
              and (site / file.dest_uri).is_file()):
            file.is_modified = lambda: False  # the same open data file as last time


def _unchanged(page: Page, markdown: str) -> bool:
    """A hand-written page's key, once its macros have run: the Markdown they made is,
    with its front matter, title and address, all that the page's HTML is made from.

    So a page whose HTML a hook puts in place later (on_page_content) from the data must
    not be keyed here: a generated page other than an item page is always rebuilt, and
    a new kind of generated page that should be incremental is keyed in _plan_rebuild
    from what it shows, as item pages are."""
    plan = _rebuild["plan"]
    return (isinstance(plan, Rebuild) and page.file.generated_by is None
            and not plan.page(page.file.src_uri, key(markdown, page.meta, page.title, page.url)))


def _indexed(page: Page, config: MkDocsConfig) -> None:
    """Claim the search entries the search plugin has just made for ``page``."""
    plan, index = _rebuild["plan"], _search_index(config)
    if isinstance(plan, Rebuild) and index is not None:
        plan.indexed(page.file.src_uri, index.entries[_rebuild["claimed"]:])
        _rebuild["claimed"] = len(index.entries)


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    plan, files = _rebuild["plan"], _rebuild.get("files")
    _rebuild.update(plan=None, files=None, claimed=0)
    if not isinstance(plan, Rebuild) or not isinstance(files, Files):
        _built()
        return
    order = [f.src_uri for f in files.documentation_pages(inclusion=lambda level: True)]
    config.plugins["material/search"].search_index.entries = plan.search_entries(order)
    config.plugins["material/search"].search_index_prev = None  # its own merge: one page
    outputs = [f.dest_uri for f in files if not f.inclusion.is_excluded()]
    site = Path(config.site_dir)
    for stale in plan.stale(outputs):
        (site / stale).unlink(missing_ok=True)
        for folder in (site / stale).parents:
            if folder == site or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    BUILDS.finish(config.site_dir, plan, outputs)
    _built()


@atexit.register  # also after a build stopped midway
def _remove_open_data() -> None:
    for folder in _state.pop("open_data_folders", []):
        shutil.rmtree(folder, ignore_errors=True)


def _built() -> None:
    """A build ended (or failed): the garbage collector's turn (goldenthread.incremental);
    the open data's folder, copied into the site by now, is removed."""
    restore(_state.pop("collector", None))
    _remove_open_data()
    MEMORY.collect()
    if _state["command"] == "serve":
        MEMORY.built()


def on_build_error(error: Exception, **kwargs: object) -> None:
    """A failed build leaves the next one to build everything."""
    _built()
    files = _rebuild.get("files")
    _rebuild.update(plan=None, files=None, claimed=0)
    _prerendered.clear()
    if _state.get("site_dir"):  # the files it may have written are removed by the next
        BUILDS.forget(str(_state["site_dir"]),
                      [f.dest_uri for f in files] if isinstance(files, Files) else ())
