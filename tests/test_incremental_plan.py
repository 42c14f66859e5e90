"""goldenthread.incremental on its own: which pages a rebuild builds, and what it carries
over (the site tests in test_incremental.py check the same through MkDocs, byte for byte)."""

from __future__ import annotations

import os
from pathlib import Path

from goldenthread.incremental import Builds, files_key, key, nav_titled


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
