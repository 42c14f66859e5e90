"""With JavaScript turned off, every page's content, charts and tables are all there."""

from __future__ import annotations

import pytest

from . import scripts
from .survey import VARIANTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_every_page_reads_the_same_without_javascript(sites, surveys, open_page, site_name):
    site = sites[site_name]
    scheme, width = VARIANTS[0]
    with_js = {p.template: p.text for p in surveys[site_name].pages
               if (p.scheme, p.width) == (scheme, width)}
    problems, charts, tables = [], [], []
    with open_page(scheme=scheme, width=width, js=False) as page:
        assert page.evaluate("1 + 1") == 2  # the test's own probes still run
        for template in site.templates:
            if "?q=" in template.path:
                continue  # search needs JavaScript (the accessibility statement says so)
            page.goto(site.url(template.path))
            # The theme's own first script did not run: JavaScript really is off.
            assert page.evaluate("typeof window.__md_scope") == "undefined"
            text = page.evaluate(scripts.ARTICLE_TEXT)
            if not text or text != with_js[template]:
                problems.append(f"{template.name}: the content differs without JavaScript")
            charts += [(template.name, c) for c in page.evaluate(scripts.CHARTS)]
            tables += [(template.name, t) for t in page.evaluate(scripts.TABLES)]
    problems += [f"{name}: chart {chart} is not drawn, named and followed by its figures"
                 for name, chart in charts
                 if not (chart["width"] > 200 and chart["height"] > 100
                         and chart["role"] == "img" and len(chart["name"]) > 10
                         and chart["lines"] >= 3 and chart["tableRows"] >= 1
                         and chart["tableVisible"])]
    problems += [f"{name}: table {table} is hidden or empty" for name, table in tables
                 if not (table["visible"] and table["rows"] >= 1 and table["caption"])]
    # Guard against a trivial pass: the surveyed pages include a chart and several tables.
    assert charts and len(tables) >= 5
    assert problems == []
