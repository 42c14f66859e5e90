"""The personal-data guard on the built public site: every page and every open-data file.

The check of the road map (:mod:`goldenthread.check.personal_data`) reads the YAML; what
is published is what the build made of it, with the theme, the templates and every other
page around it.  So the built public site is read once more, as a reader would: each
page's visible text (with the text of images, titles and labels, and the addresses of
``mailto:`` and ``tel:`` links), and each string of the open data (JSON and CSV), through
the same guard as everything else
(:func:`goldenthread.check.personal_text.personal_data_in`).  Contacts the road map
declares (``public_contacts``, the phone numbers of public ``help_contacts``) may be
shown; anything else stops the publication at the page and line where it stands.

Only a public site is read: the intranet may show staff contacts (a site is public when
its open data says ``"audience": "public"``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from goldenthread.check.personal_text import Allowed, Finding, personal_data_in
from goldenthread.problems import Location, Problem
from goldenthread.publish.open_data import DATA_DIR, JSON_FILE
from goldenthread.read.kinds import ROADMAP_FILE

#: Elements whose content no reader sees (with the content).
_HIDDEN = re.compile(r"<(script|style|template|head)\b.*?</\1\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
#: Tags that start a new block of text: text on either side is not read as one.
_BLOCK = re.compile(r"</?(?:address|article|aside|blockquote|br|dd|details|div|dl|dt|fieldset|"
                    r"figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|"
                    r"section|summary|table|tbody|td|tfoot|th|thead|tr|ul|option|label|button|"
                    r"input|select|textarea)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
#: Attributes a reader is shown or read (a tooltip, an image's text, a screen reader's),
#: and the address of a mail or phone link.
_SHOWN_ATTRIBUTE = re.compile(
    r"""\s(?:alt|title|aria-label|placeholder|value|(href))\s*=\s*(?:"([^"]*)"|'([^']*)')""",
    re.I)


#: What a text needs to hold for the guard to find anything in it: a digit, an '@' (or
#: an entity or escape that may be one), 'at' or 'dot' as words, digits said in words,
#: or a character outside ASCII.  Most blocks of a page (menus, headings) have none.
_MAYBE = re.compile(r"[\d@%&]|\b(?:at|dot|zero|oh|o|nought|one|two|three|four|five|six|"
                    r"seven|eight|nine)\b", re.I)


#: A block or cell that is a figure and nothing else, as the tool writes one it computed
#: (a present value, a ratio: '1073741824', '304430.0156').  No phone number is written
#: so: a UK number keeps its leading 0 or its +44 (the editor's text is kept as text), and
#: the check of the road map has already read every text the editor wrote.
_FIGURE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")  # lines keep their numbers


def page_blocks(page: str) -> list[tuple[int, str]]:
    """(line, text) of each block of text a reader sees on the HTML ``page``: the text
    between block tags, and the shown attributes."""
    page = _HIDDEN.sub(_blank, _COMMENT.sub(_blank, page))
    blocks = []
    line, counted, start = 1, 0, 0
    for tag in (*_BLOCK.finditer(page), None):
        end = tag.start() if tag else len(page)
        piece = page[start:end]
        text = html.unescape(_TAG.sub("", piece)) if "<" in piece or "&" in piece else piece
        if text.strip():
            first = start + len(piece) - len(piece.lstrip())
            line += page.count("\n", counted, first)
            counted = first
            blocks.append((line, text))
        start = tag.end() if tag else end
    for match in _SHOWN_ATTRIBUTE.finditer(page):
        value = html.unescape(match.group(2) or match.group(3) or "")
        if match.group(1) and not value.lower().startswith(("mailto:", "tel:", "sms:")):
            continue
        if value.strip():
            blocks.append((page.count("\n", 0, match.start()) + 1, value))
    return blocks


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _json_strings(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def data_blocks(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string in an open-data file (JSON or CSV)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":  # the line is looked for only for a string reported
        return [(0, text) for text in _json_strings(json.loads(raw))]
    reader = csv.reader(io.StringIO(raw, newline=""))
    return [(reader.line_num, cell) for row in reader for cell in row if cell.strip()]


def _json_line(path: Path, text: str) -> int:
    """The line of ``path`` (a JSON file) where the string ``text`` is written."""
    written = json.dumps(text, ensure_ascii=False)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return next((n for n, each in enumerate(lines, 1) if written in each), 1)


def declared(data_dir: Path | None) -> Allowed:
    """What the road map at ``data_dir`` declares may be published (read from its own
    file, as the check reads it)."""
    if data_dir is None or not (Path(data_dir) / ROADMAP_FILE).is_file():
        return Allowed()
    try:
        info = yaml.safe_load((Path(data_dir) / ROADMAP_FILE).read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return Allowed()  # the check of the road map reports it
    info = info if isinstance(info, dict) else {}
    public = [str(c) for c in info.get("public_contacts") or [] if c]
    helps = [c for c in info.get("help_contacts") or [] if isinstance(c, dict)]
    return Allowed.declared(public, helps)


def is_public_site(site: Path) -> bool:
    """Whether ``site`` is a public build (its open data says so)."""
    try:
        document = json.loads((Path(site) / JSON_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and document.get("audience") == "public"


def _problem(site: Path, rel: str, line: int, finding: Finding) -> Problem:
    return Problem(
        Location(f"{site.name}/{rel}", line, 1),
        f"the built page or file would publish the {finding.kind} '{finding.shown}'; the "
        "public site must not show personal contact details — remove it from the "
        "road map's text or the page it comes from, or, if it is an organisational contact, "
        f"add it to public_contacts in {ROADMAP_FILE}", "personal-data")


def page_problems(site: Path, data_dir: Path | None = None) -> list[Problem]:
    """Personal data on any page or in any open-data file of the public site ``site``
    (none for an intranet site)."""
    site = Path(site)
    if not is_public_site(site):
        return []
    allowed = declared(data_dir)
    seen: dict[str, list[Finding]] = {}  # the same text (a menu, a footer) is read once
    found = []
    files = sorted(site.rglob("*.html")) + sorted(
        p for p in (site / DATA_DIR).rglob("*") if p.suffix in (".json", ".csv"))
    for path in files:
        rel = path.relative_to(site).as_posix()
        blocks = (page_blocks(path.read_text(encoding="utf-8", errors="replace"))
                  if path.suffix == ".html" else data_blocks(path))
        reported: set[Finding] = set()
        for line, text in blocks:
            if text not in seen:
                seen[text] = (personal_data_in(text, allowed)
                              if (not text.isascii() or _MAYBE.search(text))
                              and not _FIGURE.fullmatch(text.strip()) else [])
            for finding in seen[text]:
                if finding not in reported:
                    reported.add(finding)
                    found.append(_problem(site, rel, line or _json_line(path, text), finding))
    return found
