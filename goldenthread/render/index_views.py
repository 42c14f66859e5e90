"""The contexts of the site-wide pages (home, indexes, glossary...), built from the views.

Each function gives the typed context of one template; the macros render them.  Like
:mod:`goldenthread.render.views`, they compute and never format HTML.
"""

from __future__ import annotations

from goldenthread.render.contexts import (
    AccountabilityContext,
    ActionsIndexContext,
    GlossaryContext,
    GoalsIndexContext,
    HomeContext,
    PartnerPlansContext,
    PrioritiesIndexContext,
    RoadmapContext,
    ServicesIndexContext,
)
from goldenthread.render.performance import MeasuresIndexContext, measures_index
from goldenthread.render.reader_versions import version_links
from goldenthread.render.views import RoadmapViews


def home(views: RoadmapViews, staff: bool = False) -> HomeContext:
    """The home page (it reads the vision, goals and priorities from ``views``), with links
    to the versions for other readers the road map has; for ``staff`` (the intranet),
    first the open blockages and what changes in each service."""
    versions = version_links(views)
    if not staff:
        return HomeContext(versions=versions)
    blockages = sorted(((bid, b) for bid, b in views.roadmap.blockages.items()
                        if b.status == "open"), key=lambda kv: (kv[1].raised, kv[0]))
    services = [{"id": sid, "service": service,
                 "actions": [a for a in views.service(sid).actions
                             if a["progress"].key != "done"]}
                for sid, service in sorted(views.roadmap.services.items(),
                                           key=lambda kv: kv[1].name.casefold())]
    return HomeContext(staff=True, open_blockages=blockages, services=services,
                       versions=versions)


def roadmap_on_a_page(views: RoadmapViews) -> RoadmapContext:
    """The road map on a page (its rows come from ``views.roadmap_on_a_page()``)."""
    return RoadmapContext()


def goals_index(views: RoadmapViews) -> GoalsIndexContext:
    return GoalsIndexContext()


def priorities_index(views: RoadmapViews) -> PrioritiesIndexContext:
    return PrioritiesIndexContext()


def services_index(views: RoadmapViews) -> ServicesIndexContext:
    return ServicesIndexContext(groups=views.services_a_to_z(), goals=views.roadmap.goals)


def indicators_index(views: RoadmapViews, order: str = "name") -> MeasuresIndexContext:
    """The measures A to Z, by goal or by status (see :mod:`goldenthread.render.performance`)."""
    return measures_index(views, order)


def actions_index(views: RoadmapViews) -> ActionsIndexContext:
    return ActionsIndexContext(groups=views.actions_by_status(),
                               priorities=views.roadmap.priorities)


def accountability(views: RoadmapViews) -> AccountabilityContext:
    return AccountabilityContext(rows=views.accountability_matrix())


def partner_plans(views: RoadmapViews) -> PartnerPlansContext:
    return PartnerPlansContext(plans=views.partner_plans())


def glossary(views: RoadmapViews) -> GlossaryContext:
    """The glossary's terms, A to Z whatever their case."""
    return GlossaryContext(terms=sorted(views.roadmap.glossary, key=lambda t: t.term.casefold()))
