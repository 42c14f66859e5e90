"""What the site build needs from the core: the checked road map for one audience.

Shared by the MkDocs hook and ``macros.py`` (which live outside this package, since
the core never imports MkDocs).  The result is cached on a fingerprint of the data
folder, so both callers of one build share one read, and ``mkdocs serve`` re-reads
the data as soon as a file changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from goldenthread.check.pipeline import check_roadmap, today_for
from goldenthread.derive.audience import Audience, for_audience
from goldenthread.incremental import files_key
from goldenthread.problems import Problem, RoadmapDataError, has_errors
from goldenthread.read.roadmap import Roadmap
from goldenthread.render.views import RoadmapViews
from goldenthread.site_options import today_of, validate_settings


@dataclass(frozen=True)
class SiteData:
    """The road map for one audience, its views, and the warnings to show."""

    audience: Audience
    views: RoadmapViews
    warnings: tuple[Problem, ...]
    #: The date the build treats as today (see :func:`goldenthread.check.pipeline.today_for`).
    today: date
    #: The whole road map as read, before the audience filter: the "What has changed" page
    #: needs to know what is *not* public now.  (No extra memory: the public filter keeps
    #: it alive anyway, see :func:`goldenthread.derive.audience.for_audience`.)
    roadmap: Roadmap


_cache: dict[tuple, SiteData] = {}
#: The road map most recently loaded for given settings (without the fingerprint).
_current: dict[tuple, SiteData] = {}


def settings(extra: dict, config_file_path: str | None) -> dict[str, Any]:
    """Keyword arguments for :func:`load_site_data` from ``extra.goldenthread`` of a MkDocs
    configuration: ``data`` (folder), ``audience``, ``today`` (YYYY-MM-DD, for tests and
    previews; empty means the clock) and any check options."""
    options = dict(extra.get("goldenthread", {}) or {})
    where = config_file_path or "mkdocs.yml"
    validate_settings(options, where)  # raises ConfigError, said in one line
    base = Path(config_file_path).parent if config_file_path else Path.cwd()
    today = today_of(options, where)
    options.pop("today", None)
    return {
        "data_dir": base / options.pop("data", "roadmap_data"),
        "audience": options.pop("audience", "public"),
        "today": today,
        "options": options,
    }


def load_site_data(data_dir: Path | str, audience: Audience, today: date | None = None,
                   options: dict[str, Any] | None = None, *, refresh: bool = True) -> SiteData:
    """Read and check the data, filter it for ``audience``; raise on any error.

    With ``refresh`` (the hook, once per build) the data folder is fingerprinted and
    re-read if anything changed.  Without it (the macros, once per page) the road map
    already read for the same settings is returned as it is, so that a build of N pages
    does not look at every data file N times.

    Raises :class:`RoadmapDataError` carrying every problem when the data has errors,
    so that nothing is published from bad data.
    """
    data_dir = Path(data_dir).resolve()
    settings_key = (str(data_dir), audience, today, repr(sorted((options or {}).items())))
    if not refresh and settings_key in _current:
        return _current[settings_key]
    key = settings_key + (files_key(data_dir) if data_dir.is_dir() else (),)
    if key in _cache:
        _current[settings_key] = _cache[key]
        return _cache[key]
    roadmap, problems = check_roadmap(data_dir, audience=audience, today=today, options=options)
    if roadmap is None or has_errors(problems):
        raise RoadmapDataError(problems)
    filtered = for_audience(roadmap, audience)
    data = SiteData(audience, RoadmapViews(filtered, today_for(roadmap, today)),
                    tuple(problems), today_for(roadmap, today), roadmap)
    _cache.clear()  # one road map at a time is enough; keep memory flat under serve
    _current.clear()
    _cache[key] = data
    _current[settings_key] = data
    return data
