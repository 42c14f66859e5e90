"""The live preview: `mkdocs serve` shows problems as a page, and watches the data in use."""

from __future__ import annotations

import os

import pytest

from .serve_helpers import serving
from .test_incremental import _edit, _project

pytestmark = [
    pytest.mark.build,
    # mkdocs serve notices an edit by comparing file times with the clock; under
    # faketime (the suite's run two years ahead) only the clock moves, so it never would.
    # The behaviour under test does not depend on the date.
    pytest.mark.skipif("faketime" in os.environ.get("LD_PRELOAD", ""),
                       reason="mkdocs serve's watcher cannot see edits under faketime"),
]


def test_a_data_error_is_shown_as_a_page_and_the_site_returns_when_fixed(data_copy):
    data = data_copy()
    goal = data / "goals" / "help-early.yml"
    good = goal.read_text("utf-8")
    goal.write_text(good.replace("visibility: public", "visibility: publik"), "utf-8")
    with serving(data) as server:
        page = server.wait_for("", "The road map has problems to fix")
        assert ("roadmap_data/goals/help-early.yml:9:13: goal &#x27;help-early&#x27;: "
                "&#x27;visibility&#x27; must be one of: public, internal (not "
                "&#x27;publik&#x27;)") in page
        goal.write_text(good, "utf-8")
        home = server.wait_for("", "Families get help early")
        assert "problems to fix" not in home


def test_edits_in_a_data_folder_outside_the_project_are_watched(data_copy):
    # GOLDENTHREAD_DATA points at a copy in a temporary folder, not roadmap_data/.
    data = data_copy()
    goal = data / "goals" / "help-early.yml"
    with serving(data) as server:
        server.wait_for("goals/help-early/", "Families get help early")
        goal.write_text(goal.read_text("utf-8").replace(
            "title: Families get help early", "title: Families get help sooner"), "utf-8")
        server.wait_for("goals/help-early/", "Families get help sooner")


def test_after_a_failed_rebuild_the_dirty_preview_drops_a_page_made_internal(tmp_path,
                                                                            data_copy):
    # The incremental preview, as an editor runs it.  A broken link in a hand-written page
    # fails each build (--strict) until it is fixed; a measure made internal meanwhile
    # (in a build that fails too) must leave the preview once it builds again.
    data = data_copy()
    project = _project(tmp_path)
    statement = project / "docs" / "accessibility.md"
    good = statement.read_text("utf-8")
    goal = data / "goals" / "help-early.yml"
    with serving(data, config=str(project / "mkdocs.yml"), args=("--dirty",)) as server:
        server.wait_for("indicators/re-referrals/", "Re-referrals")
        statement.write_text(good + "\nSee [a page that is not there](not-there.md).\n",
                             "utf-8")
        failed = server.wait_for_output("Aborted with 1 warnings in strict mode")
        _edit(data / "indicators" / "re-referrals.yml", "visibility: public",
              "visibility: internal")
        server.wait_for_output("Aborted with 1 warnings in strict mode", after=failed)
        statement.write_text(good, "utf-8")
        _edit(goal, "title: Families get help early", "title: Families get help at once")
        server.wait_for("goals/help-early/", "Families get help at once")
        server.wait_gone("indicators/re-referrals/", seconds=15)
        page = server.wait_for("goals/safe-at-home/", "Children are safe at home")
        assert "re-referrals" not in page
