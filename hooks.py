"""The MkDocs hook: checks the data, then adds one generated page per item.

Thin on purpose (as mkdocs-material's own plugins are): it guards, delegates to the
core package and rewraps errors.  Pages are generated in memory with
``File.generated``; their Markdown carries ids only, never editor text, so nothing an
editor types is ever read as a template.
"""

from __future__ import annotations

import json
import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from goldenthread.export import build_date, open_data_files
from goldenthread.history import forget_last_changed, last_changed_this_build
from goldenthread.problems import RoadmapDataError
from goldenthread.review import review_sentence, site_review_dates
from goldenthread.site import SiteData, load_site_data, settings
from goldenthread.sitecheck import strip_comments
from goldenthread.text import page_title

log = logging.getLogger("mkdocs.plugins.goldenthread")

#: kind -> (folder in the site, attribute on the road map, field holding the title)
GENERATED = {
    "goal": ("goals", "goals", "title"),
    "priority": ("priorities", "priorities", "title"),
    "service": ("services", "services", "name"),
    "indicator": ("indicators", "indicators", "name"),
}


def site_data(config: MkDocsConfig) -> SiteData:
    """The checked, audience-filtered road map, or a build error listing every problem."""
    try:
        return load_site_data(**settings(config.extra, config.config_file_path))
    except RoadmapDataError as exc:
        raise PluginError(f"{exc}\nNothing was published.") from None


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    forget_last_changed()  # a new build: git history may have moved on
    data = site_data(config)
    for warning in data.warnings:
        # Logged at INFO: under --strict a WARNING would fail the build, and warnings
        # are advice, not errors.
        log.info("%s", warning)
    return config


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    data = site_data(config)
    roadmap = data.views.roadmap
    for kind, (folder, attribute, title_field) in GENERATED.items():
        for item_id, item in getattr(roadmap, attribute).items():
            title = json.dumps(page_title(getattr(item, title_field)))
            content = (f"---\ntitle: {title}\nrender_macros: true\n---\n\n"
                       f'{{{{ item_page("{kind}", "{item_id}") }}}}\n')
            files.append(File.generated(config, f"{folder}/{item_id}.md", content=content))
    # Open data (data/*.json, data/*.csv) from the same audience-filtered road map.
    try:
        built = build_date()
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    for path, content in open_data_files(roadmap, data.audience, built).items():
        files.append(File.generated(config, path, content=content))
    return files


@event_priority(-50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs: object) -> dict:
    """Give every page without its own review line the road map's (the theme prints it)."""
    if 'class="gt-review"' not in (page.content or ""):
        options = settings(config.extra, config.config_file_path)
        roadmap = load_site_data(**options, refresh=False).views.roadmap
        dates = site_review_dates(roadmap, last_changed_this_build(options["data_dir"]))
        context["gt_review_line"] = review_sentence(dates, "the road map's data")
    return context


def on_page_content(html: str, **kwargs: object) -> str:
    """Strip HTML comments from every page: a comment is invisible on the page but
    published in its source (goldenthread.sitecheck checks the output too)."""
    return strip_comments(html)
