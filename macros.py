"""Macros for the road-map pages (mkdocs-macros-plugin).

Each macro returns finished HTML built by ``goldenthread.pages`` from the checked road
map; editor text inside it is escaped or sanitised.  Hand-written pages call them with
``render_macros: true`` in their front matter, e.g. ``{{ roadmap_on_a_page() }}``.
The docstring of each macro is its documentation.
"""

from __future__ import annotations

from goldenthread.pages import render
from goldenthread.site import load_site_data, settings
from goldenthread.views import RoadmapViews, summarise

ITEM_TEMPLATES = {"goal": "goal.html", "priority": "priority.html", "service": "service.html",
                  "indicator": "indicator.html"}


def define_env(env) -> None:  # noqa: ANN001 - the plugin's own type
    """Register the road-map macros."""

    def views() -> RoadmapViews:
        # The hook checked the data first (and stopped the build on errors); this is a
        # cached read of the same data.
        return load_site_data(**settings(env.conf.extra, env.conf.config_file_path)).views

    def here() -> str:
        return env.page.url if env.page is not None else ""

    @env.macro
    def home() -> str:
        """The home page: vision, goals, priorities and what has gone well."""
        return render("home.html", views(), here())

    @env.macro
    def roadmap_on_a_page() -> str:
        """The whole road map in one table: goals, priorities, key measures, who leads."""
        return render("roadmap.html", views(), here())

    @env.macro
    def item_page(kind: str, item_id: str) -> str:
        """The page of one goal, priority, service or indicator (used by generated pages)."""
        v = views()
        context = getattr(v, kind)(item_id)
        return render(ITEM_TEMPLATES[kind], v, here(), **context)

    @env.macro
    def goals_index() -> str:
        """Every goal, in order, with its summary."""
        return render("goals_index.html", views(), here())

    @env.macro
    def priorities_index() -> str:
        """Every priority (work stream), in order, with its lead."""
        return render("priorities_index.html", views(), here())

    @env.macro
    def services_a_to_z() -> str:
        """The 'find your service' index: every service, A to Z."""
        v = views()
        return render("services_index.html", v, here(), groups=v.services_a_to_z())

    @env.macro
    def indicators_index() -> str:
        """Every key measure with its latest figure and status against target."""
        v = views()
        summaries = [summarise(i, ind) for i, ind in v.roadmap.indicators.items()]
        return render("indicators_index.html", v, here(), summaries=summaries)

    @env.macro
    def accountability_matrix() -> str:
        """Who is accountable for each goal and priority, by level."""
        v = views()
        return render("accountability.html", v, here(), rows=v.accountability_matrix())

    @env.macro
    def partner_plans() -> str:
        """Each partner plan's priorities and the goals that serve them."""
        v = views()
        return render("partner_plans.html", v, here(), plans=v.partner_plans())

    @env.macro
    def glossary() -> str:
        """Plain meanings of terms, and the jargon each replaces."""
        v = views()
        terms = sorted(v.roadmap.glossary, key=lambda t: t.term.casefold())
        return render("glossary.html", v, here(), terms=terms)
