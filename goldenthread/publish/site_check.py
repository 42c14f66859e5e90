"""Safety checks on a built site, run before it is published (``scripts/build``).

* **No HTML comments.**  Comments are invisible on the page but readable by anyone who
  views its source, so an editor's note in a comment would be published unseen.  The
  MkDocs hook strips comments from page content (:func:`strip_comments`); this check
  makes sure none reached the output from anywhere, the theme included.
* **No orphan pages.**  Every page must be reachable by following links from the home
  page (its navigation and indexes); a page nobody can find is a page nobody reviews.
  ``404.html`` is the one exception: the web server shows it for missing addresses.
* **The data folder never lands in the site**: no file in the site is a copy of a data
  file, and no folder in it is named after the data folder (other than the site's own
  open-data folder, ``data/``, so a data folder may be called ``data`` too).  The one
  exception is the organisation's logo and icon that roadmap.yml names: each is
  published as it is, at its one place (:func:`published_images`).
* **No personal contact details on a public page or in its open data**
  (:mod:`.page_guard`): each page's visible text and each open-data file, read as a
  reader sees them.

Run it with ``python -m goldenthread.publish.site_check SITE_DIR [--data DATA_DIR]``.
"""

from __future__ import annotations

import argparse
import re
import sys
from hashlib import sha256
from pathlib import Path

from goldenthread.problems import Location, Problem
from goldenthread.publish.link_check import SiteLinks, is_external, resolve
from goldenthread.publish.open_data import DATA_DIR as OPEN_DATA_DIR
from goldenthread.publish.page_guard import page_problems
from goldenthread.read.data_folder import ASSET_SUFFIXES
from goldenthread.read.kinds import ROADMAP_FILE
from goldenthread.read.loader import load_file

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
#: Pages a site may have without a link to them.
UNLINKED_ALLOWED = frozenset({"404.html"})
#: Where the organisation's logo and icon (named in roadmap.yml) are published.
IMAGES_FOLDER = "assets/organisation"


def strip_comments(html: str) -> str:
    """``html`` without comments (an unterminated comment is removed to the end)."""
    return _COMMENT.sub("", html)


def _location(site: Path, rel: str, text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(f"{site.name}/{rel}", line, column)


def comment_problems(site: Path) -> list[Problem]:
    """Every HTML comment in the site's pages."""
    found = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        for match in _COMMENT.finditer(text):
            found.append(Problem(
                _location(site, rel, text, match.start()),
                "the page contains an HTML comment, which anyone can read in the page "
                "source; remove the comment from the page or template it comes from",
                "html-comment"))
    return found


def reachable_pages(links: SiteLinks, start: str = "index.html") -> set[str]:
    """Every page reached by following links from ``start``."""
    seen = {start} if start in links.pages else set()
    todo = list(seen)
    while todo:
        page = todo.pop()
        for _, _, href in links.pages[page].links:
            if not href or is_external(href):
                continue
            target = links.target_file(resolve(page, href)[0])
            if target in links.pages and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def orphan_problems(site: Path) -> list[Problem]:
    """Pages that no chain of links from the home page reaches."""
    links = SiteLinks(site)
    reached = reachable_pages(links)
    return [Problem(Location(f"{site.name}/{page}", 1, 1),
                    "no link from the home page, its navigation or its indexes leads to this "
                    "page; link to it from an index or the navigation, or remove it",
                    "orphan-page")
            for page in sorted(set(links.pages) - reached - UNLINKED_ALLOWED)]


def _digest(path: Path) -> str:
    return sha256(path.read_bytes()).hexdigest()


def published_images(data_dir: Path) -> dict[str, str]:
    """Where in a site each image that roadmap.yml names ('logo', 'favicon') is published
    -> the digest of that data file: the one copy of a data file a site may hold, and
    only there (an image: a logo named 'glossary.yml' is still a copy of the data)."""
    info = load_file(data_dir / ROADMAP_FILE, ROADMAP_FILE, []).data
    images = {}
    for field in ("logo", "favicon"):
        name = info.get(field) if isinstance(info, dict) else None
        path = (data_dir / name if isinstance(name, str) and "/" not in name
                and name.endswith(ASSET_SUFFIXES) else None)
        if path is not None and path.is_file() and not path.is_symlink():
            images[f"{IMAGES_FOLDER}/{name}"] = _digest(path)
    return images


def data_problems(site: Path, data_dir: Path) -> list[Problem]:
    """Files in the site that are copies of data files, or folders named like the data."""
    data_files = {_digest(p): p.name for p in data_dir.rglob("*") if p.is_file()}
    images = published_images(data_dir)
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        # The site's own open-data folder is not the data folder, whatever its name; a
        # copy of a data file inside it is still found below.
        if path.is_dir() and path.name == data_dir.name and rel != OPEN_DATA_DIR:
            found.append(Problem(Location(f"{site.name}/{rel}", 1, 1),
                                 f"the site contains a folder named like the data folder "
                                 f"('{data_dir.name}'); remove it from the docs folder",
                                 "data-in-site"))
        elif path.is_file() and _digest(path) in data_files \
                and images.get(rel) != _digest(path):
            found.append(Problem(Location(f"{site.name}/{rel}", 1, 1),
                                 f"this file is a copy of the data file "
                                 f"'{data_files[_digest(path)]}'; the raw data must never be "
                                 "published — remove it from the docs folder", "data-in-site"))
    return found


def check_built_site(site: Path, data_dir: Path | None = None) -> list[Problem]:
    """Every safety problem in the built site at ``site``, sorted."""
    site = Path(site)
    problems = comment_problems(site) + orphan_problems(site)
    if data_dir is not None:
        problems += data_problems(site, Path(data_dir))
    problems += page_problems(site, data_dir)  # personal data on a public page or file
    return sorted(problems)


def main(argv: list[str] | None = None) -> int:
    """Check each site folder; exit 1 when any problem is found."""
    parser = argparse.ArgumentParser(prog="python -m goldenthread.publish.site_check",
                                     description="Safety checks on a built site.")
    parser.add_argument("sites", nargs="+", type=Path, help="built site folders")
    parser.add_argument("--data", type=Path, default=None, help="the data folder")
    args = parser.parse_args(argv)
    total = 0
    for site in args.sites:
        if not site.is_dir():
            print(f"sitecheck: '{site}' is not a built site folder", file=sys.stderr)
            return 2
        problems = check_built_site(site, args.data)
        for problem in problems:
            print(problem)
        total += len(problems)
    if total:
        print(f"{total} problem(s) in the built site: nothing was published.", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
