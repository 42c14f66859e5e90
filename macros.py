"""Macros for the road-map pages (mkdocs-macros-plugin).

Each macro returns finished HTML built by ``goldenthread.render.pages`` from the checked road
map; editor text inside it is escaped or sanitised.  Hand-written pages call them with
``render_macros: true`` in their front matter, e.g. ``{{ roadmap_on_a_page() }}``.
The docstring of each macro is its documentation.
"""

from __future__ import annotations

from goldenthread.editor.reference import (
    render_data_reference,
    render_macro_reference,
    render_problem_codes,
)
from goldenthread.history.changes import DEFAULT_LIMIT, change_log, withheld_names
from goldenthread.history.compare import SECTION_TITLES, SECTIONS
from goldenthread.history.git import last_changed_this_build
from goldenthread.publish.open_data import data_page
from goldenthread.read.data_folder import read_roadmap
from goldenthread.render.health import health
from goldenthread.render.pages import item_page as render_item_page
from goldenthread.render.pages import render
from goldenthread.render.staff_views import blockages_view, munro_rows, story_rows
from goldenthread.render.views import RoadmapViews, summarise
from goldenthread.site import load_site_data, settings


def define_env(env) -> None:  # noqa: ANN001 - the plugin's own type
    """Register the road-map macros."""

    def views() -> RoadmapViews:
        # The hook checked the data first (and stopped the build on errors); this is a
        # cached read of the same data.
        return load_site_data(**settings(env.conf.extra, env.conf.config_file_path),
                              refresh=False).views

    def here() -> str:
        return env.page.url if env.page is not None else ""

    def data_changed() -> dict:
        # When each data file last changed in git: one `git log` per build, shared with
        # the hook, not one per page.
        return last_changed_this_build(
            settings(env.conf.extra, env.conf.config_file_path)["data_dir"])

    @env.macro
    def data_reference() -> str:
        """Intranet: every field of every data file (what to write, whether it must be given,
        what it accepts), generated from the models, as the editor's schema is."""
        return render_data_reference()

    @env.macro
    def problem_codes() -> str:
        """Intranet: every problem code 'goldenthread check' can report, with what it means
        and whether it stops the build."""
        return render_problem_codes()

    @env.macro
    def macro_reference() -> str:
        """Intranet: every macro a page can call, with its documentation (this list)."""
        return render_macro_reference(env.macros, define_env.__module__)

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
        """The page of one goal, priority, service or indicator (the site hook renders
        the generated item pages with the same function, without the macros plugin)."""
        return render_item_page(views(), kind, item_id, here(), data_changed())

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
    def actions_index() -> str:
        """Every action (milestone), grouped by progress: off track and at risk first, then
        on track, not started and done; each with its priority, owner and due date."""
        v = views()
        return render("actions_index.html", v, here(), groups=v.actions_by_status())

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

    @env.macro
    def blockages() -> str:
        """Intranet: open blockages, oldest first, each with its age, level, owner and next
        review, and those overdue for escalation marked in words; then the escalation rules
        (``extra.goldenthread.escalation`` in mkdocs.yml) and the resolved blockages.
        Blockages are never part of the public road map, so on the public site this lists
        none."""
        options = settings(env.conf.extra, env.conf.config_file_path)
        site = load_site_data(**options, refresh=False)
        return render("blockages.html", site.views, here(),
                      **blockages_view(site.views.roadmap, site.today, options["options"]))

    @env.macro
    def munro_plan() -> str:
        """Intranet: the whole Munro implementation plan, saying which entries are public."""
        v = views()
        return render("munro.html", v, here(), rows=munro_rows(v.roadmap), internal=True,
                      caption="Our self-assessment against the Munro review's principles",
                      empty="No entries are recorded yet.")

    @env.macro
    def munro_summary() -> str:
        """The public summary of the Munro implementation plan: the entries marked public."""
        v = views()
        return render("munro.html", v, here(), rows=munro_rows(v.roadmap), internal=False,
                      caption="How we measure up to the Munro review's principles",
                      empty="No entries have been published yet.")

    @env.macro
    def stories() -> str:
        """Stories of difference, newest first, each linked to its goals and measures.
        The public site shows only stories marked public whose family gave consent."""
        v = views()
        return render("stories.html", v, here(), rows=story_rows(v.roadmap))

    @env.macro
    def open_data_files() -> str:
        """The Data page: the licence (Open Government Licence v3.0) and every open-data
        file the build publishes under ``data/`` (roadmap.json, its JSON Schema, the CSV
        tables and one CSV per key measure), each with a download link and the meaning of
        every field, generated from the same descriptions as the files themselves."""
        v = views()
        audience = settings(env.conf.extra, env.conf.config_file_path)["audience"]
        return render("data_page.html", v, here(), **data_page(v.roadmap, audience))

    @env.macro
    def roadmap_health() -> str:
        """The intranet's "Health of the road map": for each goal, the partner-plan
        priorities it serves, its services, its measures with a target and the roles named
        at each level; each partner-plan priority and the goals serving it (or why it is
        out of scope); every warning from the checks; and a Flesch reading ease score for
        each public text, hardest first, as a hint for editors (never a gate)."""
        site = load_site_data(**settings(env.conf.extra, env.conf.config_file_path),
                              refresh=False)
        return render("health.html", site.views, here(), warnings=site.warnings,
                      **health(site.views.roadmap))

    @env.macro
    def changes(limit: int = DEFAULT_LIMIT) -> str:
        """The "What has changed" page: the dated changes to the road map, newest first,
        worked out from the git history of the data folder (the latest ``limit`` changes,
        20 unless given).  The public site lists changes to public items only.  A build
        without git history (from a downloaded copy) says the list is not available."""
        conf = settings(env.conf.extra, env.conf.config_file_path)
        # Items made internal since must not be named by their old, public changes.
        withhold = (withheld_names(read_roadmap(conf["data_dir"])[0])
                    if conf["audience"] == "public" else frozenset())
        log = change_log(conf["data_dir"], conf["audience"], int(limit), withhold)
        return render("changes.html", views(), here(), log=log, limit=int(limit),
                      SECTIONS=SECTIONS, SECTION_TITLES=SECTION_TITLES)
