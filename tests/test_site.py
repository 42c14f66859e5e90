"""Real `mkdocs build --strict` runs, with the output HTML queried."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from goldenthread.read.data_folder import read_roadmap

from .conftest import EXAMPLE_DATA, MINIMAL, run_build


class Page(HTMLParser):
    """Links (with their text) and the text of the main content of one built page."""

    def __init__(self, path: Path):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.text_parts: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._href is not None:
            self._text.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))


def resolve(page_url: str, href: str) -> str:
    """The site-relative directory URL a relative link points at."""
    href = href.split("#")[0]
    return posixpath.normpath(posixpath.join(page_url, href)).lstrip("./") + "/" \
        if href else page_url


def test_home_page_shows_the_vision(example_site: Path):
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    home = Page(example_site / "index.html")
    assert roadmap.info.vision in home.text
    assert 'id="vision"' in (example_site / "index.html").read_text(encoding="utf-8")
    for goal in roadmap.goals.values():
        assert goal.title in home.text


def test_one_page_per_item_at_a_readable_address(example_site: Path):
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    public = [(folder, i) for folder, items in (
        ("goals", roadmap.goals), ("priorities", roadmap.priorities),
        ("services", roadmap.services), ("indicators", roadmap.indicators))
        for i, item in items.items() if item.visibility == "public"]
    assert len(public) > 40
    for folder, item_id in public:
        assert (example_site / folder / item_id / "index.html").is_file(), (folder, item_id)


def test_every_service_page_links_to_a_goal_and_to_the_vision(example_site: Path):
    pages = sorted((example_site / "services").glob("*/index.html"))
    assert len(pages) >= 8
    for path in pages:
        url = f"services/{path.parent.name}/"
        targets = [resolve(url, href) for href, _ in Page(path).links]
        assert any(t.startswith("goals/") and t != "goals/" for t in targets), url
        # The vision lives on the home page, two levels up from a service page.
        assert ("../../#vision", "our vision") in Page(path).links, url


def test_service_page_draws_the_golden_thread(minimal_site: Path):
    html = (minimal_site / "services/early-help/index.html").read_text(encoding="utf-8")
    thread = html[html.index('<ol class="gt-thread">'):html.index("</ol>", html.index(
        '<ol class="gt-thread">'))]
    assert "Early help in neighbourhoods" in thread
    assert '<a href="../../goals/help-early/">Families get help early</a>' in thread
    assert "Every child grows up safe, healthy and supported" in html


def test_indicator_page_has_chart_table_status_and_comparators(minimal_site: Path):
    html = (minimal_site / "indicators/re-referrals/index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<desc" in html
    assert '<caption>Re-referrals within 12 months: the figures behind the chart</caption>' in html
    assert "Improving: " in html and " above target" in html
    assert "better than England (23.0%) in 2011-12" in html
    assert "Illustrative figures." in html


def test_index_pages_list_items_but_the_nav_does_not(example_site: Path):
    home = (example_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert "services/early-help-in-neighbourhoods/" not in nav
    services = Page(example_site / "services/index.html")
    listed = {resolve("services/", href) for href, _ in services.links
              if not href.startswith(("#", "http"))}
    assert len({t for t in listed if re.fullmatch(r"services/[a-z0-9-]+/", t)}) >= 8


def test_search_index_and_sitemap_are_built(example_site: Path):
    assert (example_site / "search/search_index.json").is_file()
    assert "services/early-help-in-neighbourhoods/" in (
        example_site / "sitemap.xml").read_text(encoding="utf-8")


def test_no_request_leaves_the_site(example_site: Path):
    """System fonts only: no Google Fonts or other third-party address in any page."""
    for path in example_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_bad_data_fails_the_build_listing_every_problem(data_copy, tmp_path: Path):
    data = data_copy(MINIMAL)
    goal = data / "goals/help-early.yml"
    goal.write_text(goal.read_text(encoding="utf-8").replace("summary:", "sumary:"),
                    encoding="utf-8")
    service = data / "services/early-help.yml"
    service.write_text(service.read_text(encoding="utf-8").replace(
        "  - goal: safe-at-home", "  - goal: nowhere"), encoding="utf-8")
    result = run_build(tmp_path / "out", data, check=False)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "'sumary' is not a field the road map knows — did you mean 'summary'?" in output
    assert "unknown goal id 'nowhere'" in output
    assert "Nothing was published." in output
    assert not (tmp_path / "out" / "index.html").exists()


def test_same_data_same_bytes(tmp_path: Path, minimal_site: Path):
    again = tmp_path / "again"
    run_build(again, MINIMAL)
    for name in ("services/early-help/index.html", "indicators/re-referrals/index.html",
                 "road-map/index.html"):
        assert (again / name).read_bytes() == (minimal_site / name).read_bytes(), name


def test_find_your_service_shows_the_goals_each_serves(minimal_site: Path):
    page = Page(minimal_site / "services/index.html")
    assert ("early-help/", "Early help in neighbourhoods") in page.links
    assert ("../goals/help-early/", "Families get help early") in page.links
    assert ("../goals/safe-at-home/", "Children are safe at home") in page.links
    assert "Serves: Families get help early; Children are safe at home" in page.text


def test_actions_page_lists_what_needs_attention_first(example_site: Path):
    roadmap, _ = read_roadmap(EXAMPLE_DATA)
    public = {a.title for a in roadmap.actions.values() if a.visibility == "public"}
    internal = {a.title for a in roadmap.actions.values() if a.visibility == "internal"}
    html = (example_site / "actions/index.html").read_text(encoding="utf-8")
    text = Page(example_site / "actions/index.html").text
    assert all(title in text for title in public)
    assert not any(title in text for title in internal)
    headings = re.findall(r'<h2 id="status-([a-z-]+)"', html)
    # Overdue (computed from the due date and the build's today) comes before any typed status.
    order = ["overdue", "off-track", "at-risk", "on-track", "not-started", "done"]
    assert headings == [k for k in order if k in headings]
