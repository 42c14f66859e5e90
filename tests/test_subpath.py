"""Publishing anywhere: both builds work when served under a sub-path, 404 page included.

Each build is made with its address set (GOLDENTHREAD_SITE_URL /
GOLDENTHREAD_INTRANET_URL ending in /roadmap/) and served by a tiny server on
127.0.0.1 that maps /roadmap/ to the built folder and answers anything else, or any
missing file, with the site's 404 page, as a web server configured for the site would.
Every page, and the 404 page shown at a deep missing address, is fetched, and every
link, script, stylesheet and image on it must resolve.
"""

from __future__ import annotations

import os
import subprocess
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from .conftest import FIXTURES, MKDOCS, ROOT

pytestmark = pytest.mark.build

PREFIX = "/roadmap/"
DATA = FIXTURES / "another-partnership"
ADDRESSES = {"mkdocs.yml": ("GOLDENTHREAD_SITE_URL", "https://www.council.gov.uk/roadmap/"),
             "mkdocs.internal.yml": ("GOLDENTHREAD_INTRANET_URL",
                                     "https://intranet.council.gov.uk/roadmap/")}


def build(out: Path, config: str, address: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOLDENTHREAD_DATA=str(DATA), NO_MKDOCS_2_WARNING="1")
    for name in ("GOLDENTHREAD_SITE_URL", "GOLDENTHREAD_INTRANET_URL"):
        env.pop(name, None)
    if address:
        env[ADDRESSES[config][0]] = ADDRESSES[config][1]
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(ROOT / config),
                             "-d", str(out)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def serve_under_prefix(site: Path) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            path = urlsplit(self.path).path
            target = None
            if path.startswith(PREFIX):
                candidate = (site / path[len(PREFIX):]).resolve()
                if candidate.is_dir():
                    candidate = candidate / "index.html"
                if candidate.is_file() and candidate.is_relative_to(site.resolve()):
                    target = candidate
            status = 200 if target else 404
            body = (target or site / "404.html").read_bytes()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        for key in ("href", "src"):
            if tag in ("a", "link", "script", "img") and found.get(key):
                self.refs.append(found[key])


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read()
    except HTTPError as exc:
        return exc.code, exc.read()


def broken_references(site: Path) -> tuple[list[str], int]:
    server, origin = serve_under_prefix(site)
    try:
        pages = [origin + PREFIX + p.relative_to(site).as_posix().removesuffix("index.html")
                 for p in site.rglob("*.html") if p.name != "404.html"]
        pages.append(origin + PREFIX + "no/such/page/at/all/")  # shows the 404 page
        checked: dict[str, int] = {}
        broken = []
        for page in pages:
            status, body = fetch(page)
            if status != 200 and not page.endswith("/at/all/"):
                broken.append(f"{page}: {status}")
                continue
            parser = _Refs()
            parser.feed(body.decode("utf-8"))
            for ref in parser.refs:
                if ref.startswith("#"):
                    continue  # a place on the same page
                url = urldefrag(urljoin(page, ref))[0]
                if not url.startswith(origin) and urlsplit(url).scheme in ("http", "https"):
                    continue  # another site (the theme's and statement's outside links)
                if urlsplit(url).scheme not in ("http", "https"):
                    continue  # mailto:
                if url not in checked:
                    checked[url] = fetch(url)[0]
                if checked[url] != 200 or not urlsplit(url).path.startswith(PREFIX):
                    broken.append(f"{page}: {ref} -> {url} ({checked[url]})")
        return broken, len(pages)
    finally:
        server.shutdown()


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.internal.yml"])
def test_every_page_works_under_a_sub_path_404_included(tmp_path, config):
    build(tmp_path / "site", config)
    broken, pages = broken_references(tmp_path / "site")
    assert pages > 20
    assert broken == []
    not_found = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert "<title>Page not found - " in not_found
    assert 'href="/roadmap/assets/' in not_found


def test_a_build_at_the_placeholder_address_says_so_and_its_404_would_break(tmp_path):
    result = build(tmp_path / "site", "mkdocs.yml", address=False)
    assert "The site address (site_url) is the placeholder" in result.stderr
    broken, _ = broken_references(tmp_path / "site")
    assert broken and all("/at/all/" in line for line in broken)
