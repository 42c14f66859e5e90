"""Keyboard use on every page template of both builds: the skip link, visible focus, and
status badges that never rely on colour alone."""

from __future__ import annotations

import re

import pytest

from . import scripts
from .support import load

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_a_skip_link_comes_first_and_reaches_the_content(surveys, site_name):
    problems, checked = [], 0
    for page in surveys[site_name].pages:
        if not page.skip:
            continue  # the search-results page: the search dialog holds the focus
        checked += 1
        first = page.skip["first"]
        if (first["text"], first["href"], first["inView"]) != (
                "Skip to content", "#gt-content", True):
            problems.append(f"{page.where}: the first Tab stop is {first}")
        elif page.skip["hash"] != "#gt-content" or not page.skip["reached_content"]:
            problems.append(f"{page.where}: after the skip link, Tab went to {page.skip['then']}")
    assert checked >= 4 * 14
    assert problems == []


def focus_is_visible(entry: dict) -> bool:
    """A focus outline at least 2 px wide, or a focus shadow, that is not there unfocused."""
    before, after = entry["before"], entry["after"]
    outline = (after["outlineStyle"] not in ("none", "hidden") and after["outlineWidth"] >= 2
               and "rgba(0, 0, 0, 0)" not in after["outline"]
               and after["outline"] != before["outline"])
    shadow = after["shadow"] != "none" and after["shadow"] != before["shadow"]
    return entry["focusVisible"] and (outline or shadow)


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_every_focusable_element_shows_a_visible_focus_indicator(surveys, site_name):
    pages = surveys[site_name].pages
    problems = [f"{page.where}: {entry['what']} has no visible focus: {entry['after']}"
                for page in pages for entry in page.focus if not focus_is_visible(entry)]
    # Every page has at least the ten navigation links, the logo and the footer link.
    assert min(len(page.focus) for page in pages) >= 12
    assert problems == []


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_a_status_is_never_given_by_colour_alone(surveys, site_name):
    symbols: dict[str, set[str]] = {}
    problems = []
    for page in surveys[site_name].pages:
        for badge in page.badges:
            symbols.setdefault(badge["words"], set()).add(badge["symbol"])
            if not (badge["visible"] and badge["symbol"]
                    and re.search(r"[A-Za-z]{2}", badge["words"])):
                problems.append(f"{page.where}: badge {badge} lacks a symbol or words")
    # The same status always has the same symbol, so the symbol can be learnt.
    problems += [f"'{words}' is shown with different symbols {sorted(marks)}"
                 for words, marks in sorted(symbols.items()) if len(marks) > 1]
    assert len(symbols) >= 3  # the example road map shows several different statuses
    assert problems == []


def test_the_focus_check_bites_when_focus_styles_are_removed(sites, open_page):
    with open_page() as page:
        load(page, sites["public"], "")
        page.keyboard.press("Tab")
        assert all(focus_is_visible(e) for e in page.evaluate(scripts.FOCUS_STYLES))
        page.add_style_tag(content="*:focus, *:focus-visible { outline: none !important;"
                                   " box-shadow: none !important; }")
        page.keyboard.press("Tab")
        entries = page.evaluate(scripts.FOCUS_STYLES)
        assert len(entries) >= 12 and not any(focus_is_visible(e) for e in entries)
