"""One pass over every page template of a site, recording what the browser tests assert.

Loading a page is the slow part, so each page is loaded once per colour scheme and width,
and everything is measured on it in turn: axe-core, a screenshot, the status badges, the
skip link, the focus indicators, and how it looks in print.  Every request the pages make
is intercepted; any that would leave 127.0.0.1 is recorded and blocked.  The tests then
assert on the records, each test about one thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Route, sync_playwright

from . import scripts
from .support import AXE_SCRIPT, PageTemplate, ServedSite, axe_violations, load

#: (colour scheme, width in px); each page is surveyed in every one.
VARIANTS = [("light", 1280), ("dark", 1280), ("light", 320), ("dark", 320)]
#: The screenshot saved for reviewers in each variant (none for narrow dark).
SCREENSHOTS = {("light", 1280): "light", ("dark", 1280): "dark", ("light", 320): "narrow"}


@dataclass
class PageSurvey:
    """What one page template looked like in one colour scheme at one width."""

    site: str
    scheme: str
    width: int
    template: PageTemplate
    scheme_shown: str = ""
    violations: list[dict] = field(default_factory=list)
    screenshot: Path | None = None
    text: str = ""
    badges: list[dict] = field(default_factory=list)
    skip: dict = field(default_factory=dict)
    focus: list[dict] = field(default_factory=list)
    print_chrome: list[str] = field(default_factory=list)
    print_text: str = ""

    @property
    def where(self) -> str:
        """A label for messages: site, scheme, width and page."""
        return (f"{self.site} {self.scheme} {self.width}px {self.template.name} "
                f"({self.template.path or '/'})")


@dataclass
class RequestLog:
    """How many requests stayed on 127.0.0.1, and every one that would have left it."""

    local: int = 0
    outside: list[str] = field(default_factory=list)


def intercept_requests(context: BrowserContext, log: RequestLog) -> None:
    """Route every request of ``context`` through a guard: local ones are counted and
    served; any other is recorded in ``log`` and blocked."""

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            log.local += 1
            route.continue_()
        else:
            log.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)


@dataclass
class SiteSurvey:
    """Every page of one site in every variant, and every request the pages made."""

    pages: list[PageSurvey] = field(default_factory=list)
    requests: RequestLog = field(default_factory=RequestLog)


def survey_page(page: Page, site: ServedSite, record: PageSurvey, shots: Path) -> None:
    """Load one page and fill in ``record``; the order matters (focus changes the page)."""
    template = record.template
    load(page, site, template.path)
    record.scheme_shown = page.evaluate("document.body.dataset.mdColorScheme")
    record.violations = axe_violations(page)
    shot = SCREENSHOTS.get((record.scheme, record.width))
    if shot:
        record.screenshot = shots / site.name / f"{template.slug}-{shot}.png"
        record.screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=record.screenshot, full_page=True, animations="disabled")
    record.text = page.evaluate(scripts.ARTICLE_TEXT)
    record.badges = page.evaluate(scripts.BADGES)
    if "?q=" not in template.path:  # the open search dialog holds the focus
        page.keyboard.press("Tab")
        # The link slides into view when focused; wait until it is fully shown.
        page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
        first = page.evaluate(scripts.ACTIVE)
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        record.skip = {"first": first, "hash": page.evaluate("location.hash"),
                       "then": page.evaluate(scripts.ACTIVE),
                       "reached_content": page.evaluate(scripts.AFTER_SKIP_TARGET)}
    else:
        page.keyboard.press("Tab")  # keyboard mode, for the focus check below
    record.focus = page.evaluate(scripts.FOCUS_STYLES)
    page.emulate_media(media="print")
    record.print_chrome = page.evaluate(scripts.PRINT_CHROME)
    record.print_text = page.evaluate(scripts.ARTICLE_TEXT)
    page.emulate_media(media="screen")


def survey_site(site: ServedSite, executable: Path, args: list[str], shots: Path,
                variants: list[tuple[str, int]] = VARIANTS) -> SiteSurvey:
    """Survey every template of ``site`` with a Chromium of its own.

    It starts its own Playwright, so two sites can be surveyed at once in two threads.
    """
    result = SiteSurvey()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), headless=True,
                                             args=args)
        try:
            for scheme, width in variants:
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              color_scheme=scheme, reduced_motion="reduce")
                context.add_init_script(AXE_SCRIPT)
                intercept_requests(context, result.requests)
                page = context.new_page()
                for template in site.templates:
                    record = PageSurvey(site.name, scheme, width, template)
                    survey_page(page, site, record, shots)
                    result.pages.append(record)
                context.close()
        finally:
            browser.close()
    return result
