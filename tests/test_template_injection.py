"""Editor text is data, never code: Jinja markup typed into the data is shown, never run.

An adversarial review found that a goal title holding ``{{ ... os.popen('touch x') }}``
ran on the build machine: the hook wrote the title into the generated page's front
matter, and mkdocs-macros renders a page title that contains ``{{``, ``{%`` or ``{#``.
These tests put payloads that would create a marker file into the title of every kind
of generated page (and into their other text), run both real builds and ``mkdocs
serve``, and check that no marker file exists and that each title shows literally.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest

from .conftest import run_build
from .serve_helpers import serving

pytestmark = pytest.mark.build


def _payloads(marker: Path) -> dict[str, str]:
    """One payload per way Jinja source can start; the first two would create ``marker``."""
    run = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    block = (f"{{% set x = cycler.__init__.__globals__.os.popen('touch {marker}').read() %}}"
             "{{ x }}")
    return {
        "goals/safe-at-home.yml": f"Children are safe {run}",
        "goals/help-early.yml": f"Help for families {{#1 priority}} {block}",
        "priorities/simple-road-map.yml": "A simple road map {% include 'x' %}",
        "services/early-help.yml": "Early help {{ unclosed",
        "indicators/re-referrals.yml": f"Re-referrals {{{{ config }}}} {run}",
    }


def _poison(data: Path, marker: Path) -> dict[str, str]:
    """Write each payload into the title (or name) of an item; returns file -> title."""
    titles = _payloads(marker)
    for rel, title in titles.items():
        path = data / rel
        field = "name" if rel.split("/")[0] in ("services", "indicators") else "title"
        text = path.read_text(encoding="utf-8")
        quoted = title.replace("'", "''")
        line = f"{field}: '{quoted}'"
        text, count = re.subn(rf"(?m)^{field}: .*$", lambda _m, new=line: new, text)
        assert count == 1, rel
        # The same payload in the item's summary, a Markdown field, where it has one.
        summary = f"summary: '{quoted}'"
        text = re.sub(r"(?m)^summary: .*$", lambda _m, new=summary: new, text)
        path.write_text(text, encoding="utf-8")
    return titles


def _item_page(site: Path, rel: str) -> str:
    folder, name = rel.split("/")
    return (site / folder / name.removesuffix(".yml") / "index.html").read_text("utf-8")


def _assert_shown_literally(page: str, title: str) -> None:
    # The page's <h1> shows the title exactly as typed (escaped as HTML, not evaluated).
    assert html.escape(title, quote=True).replace("&#x27;", "&#39;") in page or \
        html.escape(title, quote=False) in page, title


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.internal.yml"])
def test_jinja_in_titles_is_shown_and_never_run(tmp_path, data_copy, config):
    data = data_copy()
    marker = tmp_path / "marker-created-by-code"
    titles = _poison(data, marker)
    site = tmp_path / "site"
    result = run_build(site, data, config=config, check=False)
    assert not marker.exists(), "text from the data ran as code"
    assert result.returncode == 0, result.stderr
    for rel, title in titles.items():
        page = _item_page(site, rel)
        _assert_shown_literally(page, title)
        # The page title (<title>) keeps the braces as text too.
        head = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert "{" in head, head


def test_the_goldenthread_check_accepts_jinja_looking_text(tmp_path, data_copy):
    data = data_copy()
    _poison(data, tmp_path / "marker")
    from goldenthread.check.pipeline import check_roadmap

    _, problems = check_roadmap(data, audience="public")
    assert [p for p in problems if p.severity == "error"] == []


def test_mkdocs_serve_shows_jinja_in_titles_and_never_runs_it(tmp_path, data_copy):
    data = data_copy()
    marker = tmp_path / "marker-created-by-serve"
    titles = _poison(data, marker)
    with serving(data) as server:
        deadline = time.monotonic() + 120
        for rel, title in titles.items():
            folder, name = rel.split("/")
            page = server.get(f"{folder}/{name.removesuffix('.yml')}/", deadline)
            _assert_shown_literally(page, title)
    assert not marker.exists(), "text from the data ran as code under mkdocs serve"
