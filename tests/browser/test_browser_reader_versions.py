"""The versions for every reader in the browser: easy read, young people, councillors.

Their pages are page templates of both builds, so the survey runs axe, 320 px reflow,
keyboard, no-JS and print over them with every other page (support.page_templates finds
them in the built site).  Here, each is also checked on its own, in both colour schemes
at 320 px, and in print: easy read on A4 portrait in large type, the councillors'
briefing on at most two sides of A4.
"""

from __future__ import annotations

import re

import pytest

from .support import axe_violations, describe_violation, load
from .test_browser_reflow import reflow_problems

pytestmark = pytest.mark.browser

#: The three pages, as the example road map has them.
VERSIONS = ("easy-read/", "young-people/", "councillors/")
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
#: A page's size in a PDF: [x0 y0 width height] in points.
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]")


def _print(page, path: str, sites, site_name: str) -> bytes:  # noqa: ANN001
    load(page, sites[site_name], path)
    page.emulate_media(media="print")
    # The page's own size (@page gt-portrait), as a browser's print dialog uses it.
    return page.pdf(print_background=True, prefer_css_page_size=True)


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_each_version_is_a_page_template_the_survey_checks(sites, site_name):
    templates = {t.path for t in sites[site_name].templates}
    assert set(VERSIONS) <= templates


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_the_versions_have_no_wcag_violations_and_reflow_at_320_px(sites, open_page,
                                                                   site_name, scheme):
    found, reflow = [], {}
    with open_page(scheme=scheme, width=320) as page:
        for path in VERSIONS:
            load(page, sites[site_name], path)
            found += [describe_violation(path, v) for v in axe_violations(page)]
            problems = {k: v for k, v in reflow_problems(page).items() if v}
            if problems:
                reflow[path] = problems
            # Guard against a trivial pass: the page has its content.
            assert page.locator("article h2").count() >= 2, path
    assert found == []
    assert reflow == {}


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_every_easy_read_point_has_a_picture_with_a_text_alternative(sites, open_page,
                                                                     site_name):
    with open_page() as page:
        load(page, sites[site_name], "easy-read/")
        points = page.evaluate("""() => [...document.querySelectorAll('.gt-easy__point')]
          .map(p => { const svg = p.querySelector('svg');
            return svg ? [svg.getAttribute('role'), svg.getAttribute('aria-label') || '',
                          svg.getBoundingClientRect().width] : null; })""")
    assert len(points) >= 10
    assert all(p is not None and p[0] == "img" and p[1] and p[2] >= 32 for p in points)


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_easy_read_prints_on_a4_portrait_in_large_type(sites, open_page, site_name):
    with open_page() as page:
        pdf = _print(page, "easy-read/", sites, site_name)
        size = page.evaluate("""() => parseFloat(getComputedStyle(
          document.querySelector('.gt-easy__text p')).fontSize)""")
    boxes = {(round(float(w)), round(float(h))) for w, h in MEDIA_BOX.findall(pdf)}
    assert boxes == {(595, 842)}  # A4 portrait, in points
    assert len(PDF_PAGE.findall(pdf)) >= 2  # every point printed, not cut to one page
    assert size >= 18  # 14 pt or more


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_the_councillors_briefing_prints_on_two_sides_of_a4_at_most(sites, open_page,
                                                                    site_name):
    with open_page() as page:
        pdf = _print(page, "councillors/", sites, site_name)
        # Guard against a trivial pass: every goal is printed, with its questions.
        goals = page.locator(".gt-brief__goal")
        assert goals.count() >= 6
        assert all(goal.is_visible() for goal in goals.all())
        assert page.locator(".gt-brief__goal ol li").count() >= 12
    assert {(round(float(w)), round(float(h))) for w, h in MEDIA_BOX.findall(pdf)} == {
        (595, 842)}
    assert 1 <= len(PDF_PAGE.findall(pdf)) <= 2
