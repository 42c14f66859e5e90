"""Every page template of both builds reflows at phone widths (WCAG 1.4.10): at 320 and
390 px nothing extends past the screen unless it is inside a scroll region that fits the
screen, the page never scrolls sideways, and no word is split across two lines.

A positive control injects an over-wide table and a word squeezed into a narrow box into
a real page and shows each check fails on it.
"""

from __future__ import annotations

import pytest

from .support import load

pytestmark = pytest.mark.browser

WIDTHS = [320, 390]

#: Every visible element whose right edge passes the viewport and that is not inside a
#: scroll region (an ancestor that scrolls sideways and itself fits the screen); and a
#: line if the page as a whole can be scrolled sideways.
CUT_OFF = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  const scrolls = el => { const s = getComputedStyle(el);
    return ['auto', 'scroll'].includes(s.overflowX)
      && el.getBoundingClientRect().right <= vw + 1; };
  const inScrollRegion = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      if (scrolls(a)) return true; } return false; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string'
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  for (const el of document.querySelectorAll('body *')) {
    // The off-canvas menu and the search dialog are outside the page until opened.
    if (el.closest('.md-sidebar, .md-search, [hidden], script, style, svg *')) continue;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > vw + 1 && !inScrollRegion(el)) {
      out.push(`${name(el)} reaches ${Math.round(box.right)}px: `
               + (el.innerText || '').trim().slice(0, 60));
    }
  }
  // Try to scroll the page sideways, as a reader's thumb would.
  const y = window.scrollY;
  window.scrollTo(vw * 10, y);
  const moved = window.scrollX;
  window.scrollTo(0, y);
  if (moved > 1) out.push(`the page scrolls sideways by ${moved}px at ${vw}px wide`);
  return out;
}"""

#: Every word (a run of letters and digits) of the main content drawn on two lines.
SPLIT_WORDS = """() => {
  const out = [], root = document.querySelector('article') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, script, style, .md-sidebar')) continue;
    for (const m of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                             .map(r => Math.round(r.top)));
      if (tops.size > 1) out.push(m[0]);
    }
  }
  return out;
}"""


def reflow_problems(page) -> dict[str, list[str]]:  # noqa: ANN001 - a playwright Page
    return {"cut off": page.evaluate(CUT_OFF), "split words": page.evaluate(SPLIT_WORDS)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_name", ["public", "internal"])
def test_every_template_reflows_at_phone_widths(sites, open_page, site_name, width):
    site = sites[site_name]
    found = {}
    with open_page(width=width) as page:
        for template in site.templates:
            load(page, site, template.path)
            problems = {k: v for k, v in reflow_problems(page).items() if v}
            if problems:
                found[f"{template.name} ({template.path or '/'})"] = problems
    assert len(site.templates) >= 15
    assert found == {}


def test_the_road_map_on_a_page_shows_each_goal_as_a_card_on_a_phone(sites, open_page):
    with open_page(width=320) as page:
        load(page, sites["public"], "road-map/")
        cards = page.evaluate("""() => [...document.querySelectorAll('.gt-roadmap__goal')]
          .map(el => el.getBoundingClientRect().width)""")
    assert len(cards) >= 2
    assert all(0 < w <= 320 for w in cards)


def test_scroll_regions_are_labelled_and_reachable_by_keyboard(sites, open_page):
    with open_page(width=320) as page:
        for path in ("indicators/", "actions/", "accountability/", "how-are-we-doing/"):
            load(page, sites["public"], path)
            regions = page.evaluate("""() => [...document.querySelectorAll('.gt-scroll')]
              .map(el => [el.getAttribute('role'), el.getAttribute('aria-label') || '',
                          el.tabIndex])""")
            assert regions, path
            assert all(role == "region" and label and tab == 0
                       for role, label, tab in regions), (path, regions)


CONTROLS = {
    "cut off": '<table class="gt-table"><tr><td style="white-space:nowrap">'
               + "A very wide cell " * 20
               + "</td></tr></table>",
    "split words": '<p style="width:3em;overflow-wrap:anywhere">Safeguarding</p>',
}


@pytest.mark.parametrize("fault", sorted(CONTROLS))
def test_the_reflow_checks_bite_on_an_injected_fault(sites, open_page, fault):
    with open_page(width=320) as page:
        load(page, sites["public"], "road-map/")
        assert reflow_problems(page)[fault] == []
        page.evaluate("html => document.querySelector('article')"
                      ".insertAdjacentHTML('beforeend', html)", CONTROLS[fault])
        assert reflow_problems(page)[fault] != []
