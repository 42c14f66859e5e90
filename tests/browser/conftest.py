"""Fixtures for the browser tests: both builds served on 127.0.0.1, and headless Chromium.

Playwright cannot download a browser here, so it drives the system Chromium
(``/usr/bin/chromium``, installed by ``scripts/test``; another path can be given in
``GOLDENTHREAD_CHROMIUM``).  Everything expensive is built once per session.

After a session in which every browser test ran and passed, the hooks at the end write
the accessibility statement's record of what was tested (see :mod:`.record`), when
``GOLDENTHREAD_RECORD_ACCESSIBILITY=1`` is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from goldenthread.render.accessibility import TESTED_RECORD

from ..conftest import ROOT
from .record import ENV, BrowserRun, in_browser_folder, tested_record, write_record
from .support import AXE_SCRIPT, ServedSite, serve_site
from .survey import SiteSurvey, survey_site

CHROMIUM = Path(os.environ.get("GOLDENTHREAD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
#: Screenshots for reviewers (git-ignored).
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
WIDE = 1280  #: px; the survey also checks 320 px (survey.VARIANTS)


@pytest.fixture(scope="session")
def sites(example_site: Path, internal_site: Path) -> Iterator[dict[str, ServedSite]]:
    """The public and the intranet build, each served from its own local port."""
    served = {"public": serve_site("public", example_site),
              "internal": serve_site("internal", internal_site)}
    yield served
    for site in served.values():
        site.close()


def require_chromium() -> None:
    """Fail with the remedy when there is no Chromium to drive."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run scripts/test, which installs it, "
                    "or set GOLDENTHREAD_CHROMIUM to its path.")


@pytest.fixture(scope="session")
def surveys(sites: dict[str, ServedSite]) -> dict[str, SiteSurvey]:
    """Every page template of both sites, surveyed in every colour scheme and width.

    The two sites are surveyed at the same time, each by its own Chromium in a thread,
    which keeps the slowest part of the suite to about half its time on two cores.
    """
    require_chromium()
    with ThreadPoolExecutor(max_workers=len(sites)) as pool:
        futures = {name: pool.submit(survey_site, site, CHROMIUM, CHROMIUM_ARGS, ARTIFACTS)
                   for name, site in sites.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the tests that need a page of their own."""
    require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def open_page(browser: Browser):
    """``with open_page(scheme="dark", width=320, js=False) as page:`` — a fresh tab."""

    @contextmanager
    def make(scheme: str = "light", width: int = WIDE, js: bool = True) -> Iterator[Page]:
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=scheme, java_script_enabled=js,
                                      reduced_motion="reduce")
        context.add_init_script(AXE_SCRIPT)  # axe-core ready in every page, for checking
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()

    return make



# -- the accessibility record -----------------------------------------------------------
_RUN = BrowserRun()
_RECORDED: list[str] = []


def pytest_collection_finish(session: pytest.Session) -> None:
    here = session.config.invocation_params.dir
    _RUN.args = [str(here / arg) for arg in session.config.args]
    browser_items = [item for item in session.items if in_browser_folder(item.path)]
    _RUN.collected = {item.nodeid for item in browser_items}
    _RUN.modules = {item.path.resolve() for item in browser_items}


def pytest_deselected(items: list[pytest.Item]) -> None:
    _RUN.deselected += sum(in_browser_folder(item.path) for item in items)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Called for the tests of this folder only (a conftest's runtest hooks are its own).
    _RUN.report(report.nodeid, report.when, report.outcome, hasattr(report, "wasxfail"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get(ENV) != "1":
        return
    why_not = _RUN.why_not_complete() or (
        "the run was interrupted" if exitstatus == pytest.ExitCode.INTERRUPTED else None)
    if why_not:
        _RECORDED.append(f"accessibility record not written: {why_not}")
        return
    write_record(TESTED_RECORD, tested_record(date.today(), len(_RUN.collected)))
    _RECORDED.append(f"accessibility record written: {TESTED_RECORD.relative_to(ROOT)} "
                     f"({len(_RUN.collected)} browser tests passed on {date.today()}); "
                     "commit it with your change")


def pytest_terminal_summary(terminalreporter) -> None:
    for line in _RECORDED:
        terminalreporter.write_line(line)
