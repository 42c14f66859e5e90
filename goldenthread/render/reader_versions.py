"""The pages of the versions for every reader: easy read, young people, councillors.

Each is built from the optional fields listed in
:mod:`goldenthread.derive.reader_versions`; items without the field are left out.  Like
the other views, these compute plain structures and never format HTML; the pictures of
the easy-read page are icons from the theme's own bundled set (mkdocs-material's
Material Design icons), inlined here with a text alternative, so that the page needs
no request, no script and no extension.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from markupsafe import Markup

from goldenthread.check.plain_language import sentences
from goldenthread.derive.reader_versions import (
    VERSIONS,
    VersionItem,
    compared_with,
    present_versions,
    version_items,
)
from goldenthread.derive.trend import comparator_figures, in_sentence
from goldenthread.render.contexts import Row, TemplateContext
from goldenthread.render.views import RoadmapViews

#: The theme's bundled Material Design icons, inside the mkdocs-material package.
ICON_SET = ("templates", ".icons", "material")

#: Pictures for easy-read points: (words in an item's title, icon, text alternative).
#: The first match wins; an item matching none has its kind's picture (KIND_PICTURES).
PICTURES: tuple[tuple[str, str, str], ...] = (
    (r"school|learn|education", "school", "A school"),
    (r"famil|parent", "human-male-female-child", "A family"),
    (r"\bhome|house", "home", "A house"),
    (r"police", "police-badge", "A police badge"),
    (r"health|doctor|nurse|hospital", "hospital-box", "A health sign"),
    (r"young people|inspect|\bsay\b|voice|views", "account-voice", "A person speaking"),
    (r"partner|together|agenc|board", "handshake", "Two hands shaking"),
    (r"staff|worker|workforce|train", "account-tie", "A worker"),
    (r"\bcare\b|carer|help|support", "hand-heart", "A hand holding a heart"),
    (r"child", "human-child", "A child"),
)
#: kind -> (icon, text alternative) when no word of the title matches.
KIND_PICTURES = {"vision": ("eye", "An eye"), "goal": ("flag", "A flag"),
                 "service": ("account-group", "A group of people"),
                 "measure": ("chart-line", "A chart going up")}
#: The sections of the easy-read page: (kind, heading).
EASY_SECTIONS = (("vision", "What we want"), ("goal", "Our goals"),
                 ("service", "Our services"), ("measure", "How we check"))

_SVG = re.compile(r'^<svg xmlns="http://www.w3.org/2000/svg" viewBox="([0-9 .]+)">'
                  r'((?:<path d="[^"<>]+"/>)+)</svg>\s*$')


@lru_cache(maxsize=64)
def _icon_body(name: str) -> tuple[str, str]:
    """(viewBox, paths) of one icon of the theme's bundled set; plain paths only."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the mkdocs-material theme is not installed, so its icons "
                                "cannot be used; install it (see pyproject.toml)")
    path = Path(next(iter(spec.submodule_search_locations)), *ICON_SET, f"{name}.svg")
    found = _SVG.match(path.read_text("utf-8"))
    if found is None:
        raise ValueError(f"the theme's icon {path} is not a plain drawing of paths")
    return found.group(1), found.group(2)


def picture(name: str, alternative: str) -> Markup:
    """An icon of the theme's set, inline, as an image with ``alternative`` as its name."""
    view_box, paths = _icon_body(name)
    return Markup('<svg class="gt-picture" role="img" aria-label="{}" viewBox="{}" '
                  'focusable="false">{}</svg>').format(alternative, view_box, Markup(paths))


def picture_for(item: VersionItem) -> Markup:
    """The picture beside an easy-read point: one the item's title suggests, or its
    kind's."""
    if item.kind not in ("vision", "measure"):
        for words, icon, alternative in PICTURES:
            if re.search(words, item.title, re.IGNORECASE):
                return picture(icon, alternative)
    return picture(*KIND_PICTURES[item.kind])


# -- easy read --------------------------------------------------------------------------
@dataclass(frozen=True)
class EasyReadContext(TemplateContext):
    """The easy-read page: sections of points, each with a picture and short sentences."""

    template: ClassVar[str] = "easy_read.html"
    sections: list[Row]  # kind, heading, points (item, picture, sentences, link kind)


def easy_read(views: RoadmapViews) -> EasyReadContext:
    """Every vision, goal, service and measure with easy-read text, in that order."""
    items = version_items(views.roadmap, "easy_read")
    link = {"goal": "goal", "service": "service", "measure": "indicator"}
    sections = []
    for kind, heading in EASY_SECTIONS:
        points = [{"item": i, "picture": picture_for(i), "sentences": sentences(i.text),
                   "link": link.get(kind)} for i in items if i.kind == kind]
        if points:
            sections.append({"kind": kind, "heading": heading, "points": points})
    return EasyReadContext(sections=sections)


# -- for children and young people ----------------------------------------------------------
@dataclass(frozen=True)
class YoungPeopleContext(TemplateContext):
    """"Our promises to you": each goal's and service's promise, then the stories told
    about those goals, each with the measures it is linked to."""

    template: ClassVar[str] = "young_people.html"
    goals: list[VersionItem]
    services: list[VersionItem]
    stories: list[Row]  # id, story, measures: (id, indicator)
    all_stories: bool  # the road map has stories for this audience (the stories page exists)


def young_people(views: RoadmapViews) -> YoungPeopleContext:
    """Every goal and service with text for young people; then how young people shaped
    the road map: the stories told about those goals, newest first, each with the
    measures it backs up (the figures that show whether the promise is kept)."""
    roadmap = views.roadmap
    items = version_items(roadmap, "for_young_people")
    goals = [i for i in items if i.kind == "goal"]
    promised = {i.item_id for i in goals}
    stories = sorted(((sid, s) for sid, s in roadmap.stories.items()
                      if promised & set(s.goals)), key=lambda kv: (kv[1].recorded, kv[0]),
                     reverse=True)
    return YoungPeopleContext(
        goals=goals, services=[i for i in items if i.kind == "service"],
        stories=[{"id": sid, "story": story,
                  "measures": [(i, roadmap.indicators[i]) for i in story.indicators
                               if i in roadmap.indicators]} for sid, story in stories],
        all_stories=bool(roadmap.stories))


# -- for councillors ------------------------------------------------------------------------
#: Measure statuses that are off track: short of the target and not moving towards it.
#: Those short of it but improving are named apart, in one line.
OFF_TRACK = ("not-on-track",)
IMPROVING = ("improving",)
#: Action progress that is off track.
ACTIONS_OFF_TRACK = ("overdue", "off-track")


@dataclass(frozen=True)
class CouncillorsContext(TemplateContext):
    """The councillors' briefing: their duties, then each goal with scrutiny questions."""

    template: ClassVar[str] = "councillors.html"
    goals: list[Row]
    measures_off_track: int
    actions_off_track: int


def _comparison(summaries: list[Any], key: str) -> Row:
    """How the goal's measures compare with one comparator (its id): counts and the worse
    ones."""
    judged = [(s, compared_with(s.indicator, comparator_figures(s.indicator).get(key, {})))
              for s in summaries]
    judged = [(s, verdict) for s, verdict in judged if verdict is not None]
    return {"compared": len(judged),
            "better": sum(1 for _, v in judged if v == "better"),
            "same": sum(1 for _, v in judged if v == "same"),
            "worse": [s for s, v in judged if v == "worse"]}


def _used(views: RoadmapViews) -> list[tuple[str, str]]:
    """(id, name) of each comparator some measure of the road map has figures for."""
    used = {key for ind in views.roadmap.indicators.values() for key in comparator_figures(ind)}
    return [(key, name) for key, name in views.comparators if key in used]


def councillors(views: RoadmapViews) -> CouncillorsContext:
    """For each goal with scrutiny questions: what is off track (measures short of their
    target and not improving, actions overdue or off track), which measures are short of
    target but improving, how its measures compare with England and
    similar councils, who is accountable, and the questions to ask."""
    goals = []
    for item in version_items(views.roadmap, "scrutiny_questions"):
        summaries = views.indicators_for(item.item_id)
        actions = views.goal(item.item_id).actions
        accountable = views.accountable("goal", item.item_id)
        goals.append({
            "item": item,
            "measures": [s for s in summaries if s.status.key in OFF_TRACK],
            "improving": [s for s in summaries if s.status.key in IMPROVING],
            "actions": [a for a in actions if a["progress"].key in ACTIONS_OFF_TRACK],
            # Each comparator some measure of the road map has figures for, by its name.
            "comparisons": [(in_sentence(name), _comparison(summaries, key))
                            for key, name in _used(views)],
            "accountable": [(level, acc) for level in views.levels for acc in accountable[level]
                            if acc.responsibility == "accountable"],
        })
    return CouncillorsContext(
        goals=goals,
        # A measure or action serving several goals is counted once.
        measures_off_track=len({s.id for g in goals for s in g["measures"]}),
        actions_off_track=len({a["id"] for g in goals for a in g["actions"]}))


# -- the home page's links --------------------------------------------------------------------
def version_links(views: RoadmapViews) -> list[Row]:
    """The versions this road map has, as the home page links to them."""
    present = {v.field for v in present_versions(views.roadmap)}
    return [{"page": v.page, "title": v.title, "about": v.about}
            for v in VERSIONS if v.field in present]
