"""Macros for the road-map pages (mkdocs-macros-plugin).

Each macro returns finished HTML built by ``goldenthread.render`` from the checked road
map; editor text inside it is escaped or sanitised.  Hand-written pages call them with
``render_macros: true`` in their front matter, e.g. ``{{ roadmap_on_a_page() }}``.

Each macro is a small function here taking the :class:`Site` of the page being built
(and, after it, the arguments a page gives); :data:`MACROS` lists them and
:func:`define_env` registers them.  The docstring of each macro is its documentation
(the intranet's macro reference is generated from them).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from goldenthread.editor.reference import (
    render_data_reference,
    render_macro_reference,
    render_problem_codes,
)
from goldenthread.history.changes import DEFAULT_LIMIT, change_log, withheld_names
from goldenthread.history.compare import SECTION_TITLES, SECTIONS
from goldenthread.history.git import last_changed_this_build
from goldenthread.publish.open_data import data_page
from goldenthread.render import index_views, performance, reader_versions
from goldenthread.render.accessibility import accessibility_view
from goldenthread.render.contexts import ChangesContext, DataPageContext, TemplateContext
from goldenthread.render.health import health
from goldenthread.render.money_views import money_view, social_return_view
from goldenthread.render.pages import item_page as render_item_page
from goldenthread.render.pages import render_remembered
from goldenthread.render.staff_views import blockages_view, munro_view, stories_view
from goldenthread.render.views import RoadmapViews
from goldenthread.site import SiteData, load_site_data, settings


class Site:
    """What a macro needs from the MkDocs environment of the page being built.

    (A plain class: mkdocs-macros loads this file outside ``sys.modules``, where a
    dataclass cannot be made.)"""

    def __init__(self, env: Any):  # the macros plugin's environment
        self.env = env

    def settings(self) -> dict[str, Any]:
        """``extra.goldenthread`` of the configuration, as :func:`load_site_data` takes it."""
        return settings(self.env.conf.extra, self.env.conf.config_file_path)

    def data(self) -> SiteData:
        # The hook checked the data first (and stopped the build on errors); this is a
        # cached read of the same data.
        return load_site_data(**self.settings(), refresh=False)

    def views(self) -> RoadmapViews:
        return self.data().views

    def here(self) -> str:
        """The URL of the page being built."""
        return self.env.page.url if self.env.page is not None else ""

    def data_changed(self) -> dict:
        # When each data file last changed in git: one `git log` per build, shared with
        # the hook, not one per page.
        return last_changed_this_build(self.settings()["data_dir"])

    def page(self, build: Callable[[RoadmapViews], TemplateContext]) -> str:
        """Render the context ``build`` makes from the views, for this page (again only
        when what it is rendered from changed: a preview remakes every page's Markdown)."""
        views = self.views()
        return render_remembered(build(views), views, self.here())


def data_reference(site: Site) -> str:
    """Intranet: every field of every data file (what to write, whether it must be given,
    what it accepts), generated from the models, as the editor's schema is."""
    return render_data_reference()


def problem_codes(site: Site) -> str:
    """Intranet: every problem code 'goldenthread check' can report, with what it means
    and whether it stops the build."""
    return render_problem_codes()


def macro_reference(site: Site) -> str:
    """Intranet: every macro a page can call, with its documentation (this list)."""
    return render_macro_reference(site.env.macros, __name__)


def home(site: Site) -> str:
    """The home page: vision, goals, priorities and what has gone well.  On the intranet
    it starts with what staff need: the open blockages, how to raise one, and what
    changes in each service, with its unfinished actions."""
    staff = site.data().audience == "internal"
    return site.page(lambda views: index_views.home(views, staff))


def roadmap_on_a_page(site: Site) -> str:
    """The whole road map in one table: goals, priorities, key measures, who leads."""
    return site.page(index_views.roadmap_on_a_page)


def item_page(site: Site, kind: str, item_id: str) -> str:
    """The page of one goal, priority, service or indicator (the site hook renders
    the generated item pages with the same function, without the macros plugin)."""
    return render_item_page(site.views(), kind, item_id, site.here(), site.data_changed())


def goals_index(site: Site) -> str:
    """Every goal, in order, with its summary."""
    return site.page(index_views.goals_index)


def priorities_index(site: Site) -> str:
    """Every priority (work stream), in order, with its lead."""
    return site.page(index_views.priorities_index)


def services_a_to_z(site: Site) -> str:
    """The 'find your service' index: every service, A to Z."""
    return site.page(index_views.services_index)


def indicators_index(site: Site, order: str = "name") -> str:
    """Every key measure with its latest figure, target, England's figure and status:
    A to Z (``order="name"``), grouped by goal (``"goal"``) or by status, exceptions
    first (``"status"``), with links between the three orders."""
    return site.page(lambda views: index_views.indicators_index(views, order))


def how_are_we_doing(site: Site) -> str:
    """"How are we doing?": every measure against its target, England and similar
    councils, exceptions first (not on track, then figures out of date), with the role
    accountable; the overdue actions; and a key to the statuses.  Dates are judged on
    the build's today (the road map's as_at date, or GOLDENTHREAD_TODAY)."""
    return site.page(performance.how_are_we_doing)


def actions_index(site: Site) -> str:
    """Every action (milestone), grouped by progress: off track and at risk first, then
    on track, not started and done; each with its priority, owner and due date."""
    return site.page(index_views.actions_index)


def accountability_matrix(site: Site) -> str:
    """Who is accountable for each goal and priority, by level."""
    return site.page(index_views.accountability)


def partner_plans(site: Site) -> str:
    """Each partner plan's priorities and the goals that serve them."""
    return site.page(index_views.partner_plans)


def glossary(site: Site) -> str:
    """Plain meanings of terms, and the jargon each replaces."""
    return site.page(index_views.glossary)


def blockages(site: Site) -> str:
    """Intranet: open blockages, oldest first, each with its age, level, owner and next
    review, and those overdue for escalation marked in words; then the escalation rules
    (``extra.goldenthread.escalation`` in mkdocs.yml) and the resolved blockages.
    Blockages are never part of the public road map, so on the public site this lists
    none."""
    data, options = site.data(), site.settings()["options"]
    return site.page(lambda views: blockages_view(views.roadmap, data.today, options))


def munro_plan(site: Site) -> str:
    """Intranet: the whole Munro implementation plan, saying which entries are public."""
    return site.page(lambda views: munro_view(views.roadmap, internal=True))


def munro_summary(site: Site) -> str:
    """The public summary of the Munro implementation plan: the entries marked public."""
    return site.page(lambda views: munro_view(views.roadmap, internal=False))


def stories(site: Site) -> str:
    """Stories of difference, newest first, each linked to its goals and measures.
    The public site shows only stories marked public with the recorded consent of the
    people they are about; the words of who tells them come from the vocabulary."""
    return site.page(lambda views: stories_view(views.roadmap))


def where_the_money_goes(site: Site) -> str:
    """"Where the money goes": each year's money and staff from the budgets, by stage of
    help (early help, crisis services, both), by goal and by partner, with a chart of
    early help against crisis services and how that balance changes year by year, then
    every budget line.  On the public site, lines marked internal are counted only in
    the totals, as "not shown item by item"; the intranet names them."""
    data = site.data()
    internal = data.audience == "internal"
    return site.page(lambda views: money_view(views.roadmap, data.today, internal))


def social_return(site: Site) -> str:
    """Each social return on investment analysis: "for every £1 spent, about £X of
    social value, if these assumptions hold", with every assumption beside it (people,
    financial proxies and their sources, durations, deadweight, attribution,
    displacement, drop-off, the discount rate), a sensitivity line and the working
    year by year."""
    return site.page(lambda views: social_return_view(views.roadmap))


def open_data_files(site: Site) -> str:
    """The Data page: the licence (Open Government Licence v3.0) and every open-data
    file the build publishes under ``data/`` (roadmap.json, its JSON Schema, the CSV
    tables and one CSV per key measure), each with a download link and the meaning of
    every field, generated from the same descriptions as the files themselves."""
    audience = site.settings()["audience"]
    return site.page(lambda views: DataPageContext(**data_page(views.roadmap, audience)))


def roadmap_health(site: Site) -> str:
    """The intranet's "Health of the road map": for each goal, the partner-plan
    priorities it serves, its services, its measures with a target and the roles named
    at each level; each partner-plan priority and the goals serving it (or why it is
    out of scope); every warning from the checks; and a Flesch reading ease score for
    each public text, hardest first, as a hint for editors (never a gate)."""
    warnings = site.data().warnings
    return site.page(lambda views: health(views.roadmap, warnings))


def changes(site: Site, limit: int = DEFAULT_LIMIT) -> str:
    """The "What has changed" page: the dated changes to the road map, newest first,
    worked out from the git history of the data folder (the latest ``limit`` changes,
    20 unless given).  The public site lists changes to public items only.  A build
    without git history (from a downloaded copy) says the list is not available."""
    conf = site.settings()
    # Items made internal since must not be named by their old, public changes: the road
    # map as it is now is the one this build already read and checked (unfiltered), used
    # for both rules; the history itself compares commits only.
    current = site.data().roadmap if conf["audience"] == "public" else None
    log = change_log(conf["data_dir"], conf["audience"], int(limit),
                     withheld_names(current), current=current)
    return site.page(lambda views: ChangesContext(
        log=log, limit=int(limit), SECTIONS=SECTIONS, SECTION_TITLES=SECTION_TITLES))


def easy_read(site: Site) -> str:
    """The easy-read version: the vision, goals, services and measures that have
    ``easy_read:`` text, each point with a picture from the theme's icons (with a text
    alternative), in large text.  Items without easy-read text are left out."""
    return site.page(reader_versions.easy_read)


def young_people(site: Site) -> str:
    """"Our promises to you", for children and young people: the goals and services that
    have ``for_young_people:`` text, each goal with the measures and stories that show
    whether it is kept."""
    return site.page(reader_versions.young_people)


def councillors_briefing(site: Site) -> str:
    """The briefing for councillors: their duties (the vocabulary's ``briefing``: none
    listed when it has none), then, for each goal with ``scrutiny_questions:``, what is
    off track (measures short of target, actions overdue or off track, on the build's
    today), how its measures compare
    with England and similar councils, who is accountable, and the questions to ask."""
    return site.page(reader_versions.councillors)


def accessibility_statement(site: Site) -> str:
    """The accessibility statement (UK model): who runs the site and how to reach them,
    from roadmap.yml (organisation, partners, accessibility_contact,
    accessibility_reply_days), and the organisation's own compliance status, test and
    known issues (accessibility:; without it no status is declared).  The tool's browser
    tests of the page designs are named as that, never as a test of this site."""
    return site.page(lambda views: accessibility_view(views.roadmap))


#: Every macro a page can call, under its own name.
MACROS: tuple[Callable[..., str], ...] = (
    data_reference, problem_codes, macro_reference,
    home, roadmap_on_a_page, item_page, goals_index, priorities_index, services_a_to_z,
    indicators_index, how_are_we_doing, actions_index, accountability_matrix, partner_plans,
    glossary, easy_read, young_people, councillors_briefing,
    where_the_money_goes, social_return,
    blockages, munro_plan, munro_summary, stories, open_data_files, roadmap_health, changes,
    accessibility_statement,
)


def for_page(macro: Callable[..., str], site: Site) -> Callable[..., str]:
    """``macro`` with its :class:`Site` given: what a page calls, with the macro's name,
    documentation and signature (less the site) for the macro reference."""
    @functools.wraps(macro)
    def called(*args: Any, **kwargs: Any) -> str:
        return macro(site, *args, **kwargs)

    parameters = list(inspect.signature(macro).parameters.values())[1:]
    called.__signature__ = inspect.signature(macro).replace(parameters=parameters)
    return called


def define_env(env) -> None:  # noqa: ANN001 - the plugin's own type
    """Register the road-map macros."""
    site = Site(env)
    for macro in MACROS:
        env.macro(for_page(macro, site), macro.__name__)
