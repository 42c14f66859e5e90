"""Read every file of a built site as plain, unescaped, lower-case text, for leak scans."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path
from urllib.parse import unquote

_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def unescape(text: str) -> str:
    """Undo HTML entities, URL %-escapes and JSON/JS ``\\uXXXX`` escapes (repeatedly, so
    that escapes of escapes are undone too), then lower-case."""
    for _ in range(3):
        before = text
        text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        text = html.unescape(unquote(text.replace("\\/", "/")))
        if text == before:
            break
    return text.lower()


def site_files(site: Path) -> list[Path]:
    """Every file under ``site``, sorted."""
    return sorted(p for p in site.rglob("*") if p.is_file())


def file_text(path: Path) -> str:
    """A file's content as text (gzip files are unpacked first), unescaped."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return unescape(data.decode("utf-8", errors="replace"))


def find_tokens(site: Path, tokens: set[str]) -> dict[str, list[str]]:
    """token -> the site files (or file paths) it appears in, for every token found."""
    hits: dict[str, list[str]] = {}
    lowered = {t.lower(): t for t in tokens}
    for path in site_files(site):
        rel = path.relative_to(site).as_posix()
        for text, where in ((unescape(rel), f"path {rel}"), (file_text(path), rel)):
            for low, token in lowered.items():
                if low in text:
                    hits.setdefault(token, []).append(where)
    return hits
