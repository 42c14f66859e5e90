"""goldenthread.incremental on its own: which pages a rebuild builds, and what it carries
over (the site tests in test_incremental.py check the same through MkDocs, byte for byte)."""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import os
import posixpath
import re
import types
from datetime import date
from pathlib import Path

import jinja2
import jinja2.meta
from jinja2.utils import _PassArg
from markupsafe import Markup

from goldenthread import incremental
from goldenthread.derive.memo import keep_results
from goldenthread.derive.review_dates import ReviewDates
from goldenthread.incremental import Builds, files_key, key, nav_titled, same
from goldenthread.read.models import Term
from goldenthread.render import index_views
from goldenthread.render.pages import (
    ITEM_TEMPLATES,
    _environment,
    _relpath,
    relative_url,
    render,
    render_remembered,
    shared_inputs,
    template_sources,
)
from goldenthread.site import load_site_data

from .conftest import EXAMPLE_DATA


def _first_build(builds: Builds, site: str) -> None:
    plan = builds.start(site, "site-1")
    assert plan.full
    for page, content in (("index.md", "home"), ("a.md", "A"), ("b.md", "B")):
        assert plan.page(page, key(content))
        plan.indexed(page, [{"location": page, "text": content}])
    assert plan.generated_file("data/x.json", key(b"x"))
    plan.anchor_ids("a.md", {"top"})
    builds.finish(site, plan, ["index.html", "a/index.html", "b/index.html", "data/x.json"])


def test_only_changed_pages_are_built_and_the_others_search_entries_are_carried_over():
    builds = Builds()
    _first_build(builds, "/site")
    plan = builds.start("/site", "site-1")
    assert not plan.full
    assert plan.must_build("a.md")  # not yet known: MkDocs goes on
    assert not plan.page("a.md", key("A"))
    assert not plan.must_build("a.md")
    assert plan.page("b.md", key("B, edited"))
    assert plan.must_build("b.md")
    plan.indexed("b.md", [{"location": "b.md", "text": "B, edited"}])
    assert not plan.page("index.md", key("home"))
    # A full build's order, whoever was built: the page order, not the build order.
    assert [e["text"] for e in plan.search_entries(["index.md", "a.md", "b.md"])] == [
        "home", "A", "B, edited"]
    assert plan.anchor_ids("a.md", set()) == {"top"}  # rendered empty: the last anchors
    assert plan.anchor_ids("b.md", {"new"}) == {"new"}
    assert not plan.generated_file("data/x.json", key(b"x"))
    assert plan.generated_file("data/y.json", key(b"y"))


def test_a_changed_site_key_or_another_site_folder_builds_everything():
    builds = Builds()
    _first_build(builds, "/site")
    changed = builds.start("/site", "site-2")  # a template, the configuration...
    assert changed.full and changed.page("a.md", key("A"))
    assert changed.generated_file("data/x.json", key(b"x"))
    other = builds.start("/elsewhere", "site-1")
    assert other.full and other.page("a.md", key("A"))
    builds.forget("/site")  # after a failed build
    assert builds.start("/site", "site-1").full


def test_after_a_failed_build_what_was_published_before_is_still_known():
    # The next build is a full one, and still removes what the builds before the failure
    # published, and what the failed build may have written, that it does not publish.
    builds = Builds()
    _first_build(builds, "/site")
    builds.forget("/site", ["index.html", "c/index.html"])  # a failed build's files
    builds.forget("/site")  # and another failed build
    plan = builds.start("/site", "site-1")
    assert plan.full and plan.page("a.md", key("A"))
    assert plan.stale(["index.html", "a/index.html"]) == [
        "b/index.html", "c/index.html", "data/x.json"]


def test_files_the_last_build_published_and_this_one_does_not_are_stale():
    builds = Builds()
    _first_build(builds, "/site")
    plan = builds.start("/site", "site-2")  # a page gone changes the site key too
    assert plan.stale(["index.html", "a/index.html", "data/x.json"]) == ["b/index.html"]
    assert builds.start("/new", "site-1").stale(["index.html"]) == []


def test_the_files_key_sees_an_edit_an_addition_and_a_removal(tmp_path: Path):
    (tmp_path / "main.html").write_text("one", "utf-8")
    before = files_key(tmp_path)
    assert files_key(tmp_path) == before
    (tmp_path / "main.html").write_text("two!", "utf-8")
    edited = files_key(tmp_path)
    assert edited != before
    os.utime(tmp_path / "main.html", ns=(1, 1))  # same size, another time
    assert files_key(tmp_path) != edited
    (tmp_path / "partial.html").write_text("x", "utf-8")
    added = files_key(tmp_path)
    assert len(added) == 2
    (tmp_path / "partial.html").unlink()
    assert len(files_key(tmp_path)) == 1
    assert files_key(tmp_path / "missing") == ((str(tmp_path / "missing"), None),)


def test_a_menu_entry_without_its_title_makes_every_build_full():
    assert nav_titled([{"Home": "index.md"}, {"For staff": [{"About": "internal/index.md"}]},
                       {"Elsewhere": "https://example.org/"}])
    assert not nav_titled([{"Home": "index.md"}, "glossary.md"])  # titled from its content
    assert not nav_titled([{"For staff": ["internal/index.md"]}])
    assert not nav_titled(None)  # MkDocs makes the menu, titles from the pages


def test_same_is_equal_of_the_same_types_in_the_same_order_all_the_way_down():
    # What renders differently is not the same, though == says equal.
    assert same([1, "a", None, date(2012, 1, 2)], [1, "a", None, date(2012, 1, 2)])
    assert not same(1, 1.0) and not same(True, 1) and not same(0.0, -0.0)
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # a template loops in order
    assert not same(Markup("x"), "x") and not same((1, 2), [1, 2])
    assert same(float("1.5"), 1.5) and not same([1, 2], [1, 2, 3])
    # Records compare field by field, whether or not they are the same object.
    term = Term(term="CAMHS", meaning="Mental health help for children.",
                stands_for="Child and Adolescent Mental Health Services", visibility="public")
    assert same(term, Term(**term.model_dump()))
    assert not same(term, term.model_copy(update={"stands_for": "Something else"}))
    assert same(ReviewDates(date(2012, 1, 1), date(2013, 1, 1), None),
                ReviewDates(date(2012, 1, 1), date(2013, 1, 1), None))
    assert not same(ReviewDates(date(2012, 1, 1), date(2013, 1, 1), None),
                    ReviewDates(date(2012, 1, 1), date(2013, 1, 1), date(2012, 5, 5)))


def test_an_item_page_whose_inputs_are_the_same_keeps_its_key_unrendered():
    builds = Builds()
    first = builds.start("/site", "site-1")
    first.share(("info", "glossary"))
    assert not first.same_inputs("goals/a.md", ("context a", "goals/a/"))  # first build
    assert first.page("goals/a.md", key("<p>A</p>"))
    assert not first.same_inputs("goals/b.md", ("context b", "goals/b/"))
    assert first.page("goals/b.md", key("<p>B</p>"))
    builds.finish("/site", first, ["goals/a/index.html", "goals/b/index.html"])

    plan = builds.start("/site", "site-1")
    plan.share(("info", "glossary"))
    assert plan.same_inputs("goals/a.md", ("context a", "goals/a/"))
    assert not plan.must_build("goals/a.md") and plan.pages["goals/a.md"] == key("<p>A</p>")
    assert not plan.same_inputs("goals/b.md", ("context b, edited", "goals/b/"))
    assert plan.must_build("goals/b.md")  # until its HTML is compared (plan.page)
    builds.finish("/site", plan, ["goals/a/index.html", "goals/b/index.html"])

    # What every item page shares changed (the glossary): each is rendered again.
    plan = builds.start("/site", "site-1")
    plan.share(("info", "glossary, edited"))
    assert not plan.same_inputs("goals/a.md", ("context a", "goals/a/"))


def _templates_used(env: jinja2.Environment, name: str, seen: dict[str, str]) -> None:
    if name not in seen:
        seen[name] = env.loader.get_source(env, name)[0]
        for used in jinja2.meta.find_referenced_templates(env.parse(seen[name])):
            _templates_used(env, used, seen)


def test_an_item_page_is_rendered_from_its_context_and_the_shared_inputs_only():
    # The preview skips an item page whose context and shared inputs are the same as the
    # last build's (goldenthread.render.pages.shared_inputs): its templates may not read
    # 'views' (the whole road map) themselves, and the one filter that reads the page's
    # Jinja context (with_officer: the officers) has its input among the shared ones.
    env = _environment()
    seen: dict[str, str] = {}
    for template in ITEM_TEMPLATES.values():
        _templates_used(env, template, seen)
    assert {"goal.html", "service.html", "indicator.html", "priority.html",
            "_parts.html"} <= set(seen)
    assert [name for name, source in seen.items() if re.search(r"\bviews\b", source)] == []
    contextual = sorted(name for name, function in env.filters.items()
                        if getattr(function, "jinja_pass_arg", None) is _PassArg.context
                        and not function.__module__.startswith("jinja2."))
    assert contextual == ["with_officer"]
    assert "officers" in inspect.getsource(shared_inputs)


def test_a_macro_renders_again_only_when_what_it_renders_from_changed():
    keep_results(True)  # as the preview does
    try:
        _macro_renders_again_only_when_what_it_renders_from_changed()
    finally:
        keep_results(False)
    views = load_site_data(EXAMPLE_DATA, "public").views
    context = index_views.indicators_index(views, "name")
    first = render_remembered(context, views, "indicators/")  # not a preview: rendered
    assert render_remembered(context, views, "indicators/") is not first


def _macro_renders_again_only_when_what_it_renders_from_changed() -> None:
    views = load_site_data(EXAMPLE_DATA, "public").views
    context = index_views.indicators_index(views, "name")
    assert template_sources(context.template) is not None
    assert template_sources("goals_index.html") is None  # reads views.roadmap itself
    first = render_remembered(context, views, "indicators/")
    assert first == render(context, views, "indicators/")
    # The same inputs, built again: the HTML of last time, not rendered again.
    assert render_remembered(index_views.indicators_index(views, "name"), views,
                             "indicators/") is first
    # Another order shows other headings; another page has other links.
    by_goal = dataclasses.replace(context, order="goal",
                                  groups=index_views.indicators_index(views, "goal").groups)
    assert render_remembered(by_goal, views, "indicators/") == render(by_goal, views,
                                                                      "indicators/") != first
    assert render_remembered(context, views, "other/page/") == render(context, views,
                                                                      "other/page/") != first


def _fake_gc(monkeypatch) -> tuple[list[str], list[bool]]:  # noqa: ANN001
    calls: list[str] = []
    enabled = [True]
    fake = types.SimpleNamespace(
        collect=lambda: calls.append("collect"), freeze=lambda: calls.append("freeze"),
        disable=lambda: enabled.__setitem__(0, False), isenabled=lambda: enabled[0],
        enable=lambda: enabled.__setitem__(0, True))
    monkeypatch.setattr(incremental, "gc", fake)
    return calls, enabled


def test_an_edit_before_the_collector_settled_settles_it_and_passes_wait(monkeypatch):
    calls, enabled = _fake_gc(monkeypatch)
    memory = incremental.Memory()
    memory.settle(built_before=False)  # the preview's first build: left alone
    memory.collect()
    assert calls == [] and enabled[0]
    memory.settle(built_before=True)  # an edit first: the first build's garbage, then aside
    assert calls == ["collect", "freeze"] and not enabled[0]
    memory.collect()  # the rebuild ended: its pass waits, the collector stays off
    assert calls == ["collect", "freeze"] and not enabled[0] and memory.pending
    memory.settle(built_before=True)  # another edit before the pass: made now
    assert calls == ["collect", "freeze", "collect"] and not enabled[0]
    memory.collect()
    memory.collect()  # a failed build's post-build and error both end it: one pass
    memory._when_idle()
    assert calls == ["collect", "freeze", "collect", "collect"] and enabled[0]


def test_the_collector_works_while_the_editor_reads_the_page(monkeypatch):
    calls, enabled = _fake_gc(monkeypatch)
    memory = incremental.Memory()
    memory.SETTLE_AFTER = 0
    memory.settle(built_before=False)  # the first build
    memory.collect()
    memory.built()
    memory._timer.join()  # the editor reads the page: the collector is settled meanwhile
    assert memory._timer.daemon and calls == ["collect", "freeze"] and memory.settled
    memory.settle(built_before=True)  # the first edit: nothing left to settle
    assert calls == ["collect", "freeze"] and not enabled[0]
    memory.collect()
    memory.built()
    memory._timer.join()  # its pass, once the page is served
    assert calls == ["collect", "freeze", "collect"] and enabled[0] and not memory.pending
    memory.built()  # nothing waiting: no timer
    assert not memory._timer.is_alive()
    # A build under way when the time comes: it is left alone.
    busy = incremental.Memory()
    busy.settle(built_before=False)
    busy._when_idle()
    assert not busy.settled


def test_relative_links_are_posixpaths_own():
    # relative_url computes relpath without looking at the current folder: the same answer.
    pages = ["", "index.html", "services/", "services/care-panel/", "goals/help-early/",
             "data/roadmap.json", "a/b/c/", "a/./b/", "a//b/", "../up/", "/abs/", "é/"]
    for from_page, to_page in itertools.product(pages, repeat=2):
        start = posixpath.dirname(from_page.rstrip("/") + "/x") or "."
        if from_page in ("", "/", "index.html"):
            start = "."
        path = to_page.rstrip("/") or "."
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)
    assert (relative_url("services/care-panel/", "goals/help-early/#x")
            == "../../goals/help-early/#x")
    assert relative_url("", "services/") == "services/"


def test_the_collector_is_settled_as_the_server_starts(monkeypatch):
    calls, enabled = _fake_gc(monkeypatch)
    memory = incremental.Memory()
    memory.settle(built_before=False)  # the first build
    memory.collect()
    memory.settle_now()  # mkdocs serve's on_serve, after the first build
    assert calls == ["collect", "freeze"] and memory.settled
    memory.settle_now()  # once only
    memory._when_idle()  # the timer after the first build: nothing left to do
    assert calls == ["collect", "freeze"] and enabled[0]
    busy = incremental.Memory()
    busy.settle(built_before=False)
    busy.settle_now()  # never in the middle of a build
    assert not busy.settled
