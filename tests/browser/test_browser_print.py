"""Print: the road map on a page fits one sheet of A4 landscape; other pages print
without the navigation."""

from __future__ import annotations

import re

import pytest

from .support import load

pytestmark = pytest.mark.browser

#: A page object in a PDF (not the /Pages tree that holds them).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_the_road_map_on_a_page_prints_on_one_sheet_of_a4_landscape(sites, open_page,
                                                                      site_name):
    with open_page() as page:
        load(page, sites[site_name], "road-map/")
        page.emulate_media(media="print")
        # Guard against a trivial pass: the whole table is printed, every goal a row.
        rows = page.locator(".gt-roadmap table tbody tr")
        assert rows.count() >= 6
        assert all(row.is_visible() for row in rows.all())
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    assert len(PDF_PAGE.findall(pdf)) == 1


def test_the_pdf_page_count_is_not_fooled_by_the_page_tree():
    pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page /Parent 1 0 R >>"
    assert len(PDF_PAGE.findall(pdf)) == 2


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_every_page_prints_its_content_without_navigation(surveys, site_name):
    pages = surveys[site_name].pages
    assert [f"{p.where}: {p.print_chrome}" for p in pages if p.print_chrome] == []
    assert [p.where for p in pages if len(p.print_text) < 20] == []
