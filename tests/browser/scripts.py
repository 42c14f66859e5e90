"""JavaScript run in the page by the browser tests (each a function taking no arguments)."""

#: The page's main content as the reader sees it (innerText leaves out what is hidden).
ARTICLE_TEXT = """() => {
  const article = document.querySelector('article');
  return article ? article.innerText.trim() : '';
}"""

#: What the element with focus is, and whether it is fully on screen.
ACTIVE = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), text: (el.innerText || '').trim(),
          href: el.getAttribute('href'),
          inView: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                  && box.bottom <= innerHeight && box.right <= innerWidth};
}"""

#: Whether the focused element comes after the skip link's target: past the header and
#: the navigation, in the content or after it.
AFTER_SKIP_TARGET = """() => {
  const target = document.getElementById('gt-content'), el = document.activeElement;
  return !!target && el !== document.body
    && !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
    && !el.closest('.md-header, .md-sidebar');
}"""

#: Focus every element that takes focus from the keyboard, one by one, and record its
#: outline and shadow with and without focus.  Run after a real Tab press, so that the
#: browser is in keyboard mode and :focus-visible applies as it would for a keyboard user.
FOCUS_STYLES = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const look = el => { const s = getComputedStyle(el);
    return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
            shadow: s.boxShadow}; };
  const takesFocus = el => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden'
    && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const first = document.activeElement, out = [];
  const elements = [...document.querySelectorAll(selector)].filter(takesFocus);
  // Unfocused looks first; the element the Tab press focused is measured at the end.
  const before = new Map(elements.filter(el => el !== first).map(el => [el, look(el)]));
  for (const el of elements) {
    el.focus();
    if (document.activeElement !== el) continue;  // e.g. inside a closed drawer
    out.push({el, what: `${el.tagName.toLowerCase()}.${el.className} "${
                (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`,
              focusVisible: el.matches(':focus-visible'), after: look(el)});
  }
  if (document.activeElement === first) elements.find(el => el !== first)?.focus();
  if (!before.has(first) && first !== document.activeElement) before.set(first, look(first));
  document.activeElement.blur();
  return out.map(({el, ...entry}) => ({...entry, before: before.get(el)}));
}"""

#: Every status or progress badge: its symbol, its words, and whether it can be seen.
BADGES = """() => [...document.querySelectorAll('.gt-status, .gt-progress')].map(el => {
  const symbol = el.querySelector('[aria-hidden="true"]'), box = el.getBoundingClientRect();
  return {symbol: symbol ? symbol.innerText.trim() : '',
          words: el.innerText.replace(symbol ? symbol.innerText : '', '').trim(),
          visible: box.width > 0 && box.height > 0};
})"""

#: Navigation chrome still visible (under print media this should be none).
PRINT_CHROME = """() => ['.md-header', '.md-tabs', '.md-sidebar', '.md-footer', '.md-search',
                        '.gt-skip', '.md-top', '.md-content__button']
  .filter(sel => [...document.querySelectorAll(sel)].some(el =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
    && el.getBoundingClientRect().width > 0))"""

#: Each chart: size, accessible name, drawn lines, and whether a table of figures follows.
CHARTS = """() => [...document.querySelectorAll('svg.gt-chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const labelled = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/)
    .map(id => document.getElementById(id)).filter(Boolean).map(el => el.textContent.trim());
  const title = svg.querySelector('title');
  const figure = svg.closest('figure');
  // The figures follow the chart, as a table or inside its labelled scroll region.
  let next = figure ? figure.nextElementSibling : null;
  let table = null;
  while (next && !table) {
    table = next.tagName === 'TABLE' ? next : next.querySelector('table');
    next = next.nextElementSibling;
  }
  return {width: box.width, height: box.height, role: svg.getAttribute('role'),
          name: svg.getAttribute('aria-label') || labelled.join(' ')
                || (title ? title.textContent.trim() : ''),
          lines: [...svg.querySelectorAll('path, polyline, line, circle, rect')]
                 .filter(el => { const b = el.getBoundingClientRect();
                                 return b.width > 0 || b.height > 0; }).length,
          tableRows: table ? table.querySelectorAll('tbody tr').length : 0,
          tableVisible: !!table && table.getBoundingClientRect().height > 0};
})"""

#: Each table in the content: visible, with rows.
TABLES = """() => [...document.querySelectorAll('article table')]
  // A table inside a closed <details> is shown when its summary is opened (which needs
  // no JavaScript); it is not part of the page as first shown.
  .filter(t => !t.closest('details:not([open])')).map(t => ({
  caption: t.caption ? t.caption.innerText.trim() : '',
  rows: t.querySelectorAll('tbody tr').length,
  visible: t.getBoundingClientRect().height > 0 && getComputedStyle(t).visibility !== 'hidden'
}))"""
