"""axe-core finds 0 WCAG 2.2 A/AA violations on every page template of both builds,
in the light and the dark colour scheme, 1280 and 320 px wide; screenshots for review."""

from __future__ import annotations

import pytest

from .support import axe_violations, describe_violation, load
from .survey import SCREENSHOTS, VARIANTS

pytestmark = pytest.mark.browser

#: The theme's name for each colour scheme, set on <body> by its palette script.
THEME_SCHEME = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize(("scheme", "width"), VARIANTS)
@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_every_page_template_has_no_wcag_violations(sites, surveys, site_name, scheme, width):
    pages = [p for p in surveys[site_name].pages if (p.scheme, p.width) == (scheme, width)]
    assert [p.template for p in pages] == sites[site_name].templates
    assert len(pages) >= 15  # home, road map, indexes, items, glossary, search, statement...
    # The palette follows the device setting: the scheme under test is the one shown.
    assert {p.scheme_shown for p in pages} == {THEME_SCHEME[scheme]}
    assert [describe_violation(p.where, v) for p in pages for v in p.violations] == []


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_a_screenshot_of_every_template_is_saved_for_review(sites, surveys, site_name):
    shots = [p.screenshot for p in surveys[site_name].pages if p.screenshot]
    assert len(shots) == len(SCREENSHOTS) * len(sites[site_name].templates)
    for path in shots:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path


#: Faults injected into a real page, and the axe rule each must trip.
FAULTS = {
    "low contrast": ('<p style="color:#b0b0b0;background:#ffffff">Pale grey text on white.</p>',
                     "color-contrast"),
    "image without alt text": ('<img src="assets/images/favicon.png" width="40" height="40">',
                               "image-alt"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_the_accessibility_check_bites_on_an_injected_fault(sites, open_page, fault):
    markup, rule = FAULTS[fault]
    with open_page() as page:
        load(page, sites["public"], "")
        assert axe_violations(page) == []
        page.evaluate("html => document.querySelector('article')"
                      ".insertAdjacentHTML('beforeend', html)", markup)
        assert [v["id"] for v in axe_violations(page)] == [rule]
