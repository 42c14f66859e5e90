"""What the theme prints about the site as a whole, from the road map's own data.

The site's name and description, each page's description, the Open Graph tags,
``robots.txt``, which hand-written pages have data to show, and the organisation's
logo and icon.  The theme's Jinja is not autoescaped and prints these raw, so every
value from the data is escaped here and handed over as :class:`markupsafe.Markup`
(which the theme's own ``| e`` then leaves alone, so nothing is escaped twice).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from goldenthread.derive.reader_versions import BY_FIELD, has_version
from goldenthread.read.kinds import BY_ATTRIBUTE, BY_LABEL
from goldenthread.read.models import RoadmapInfo
from goldenthread.read.roadmap import Roadmap
from goldenthread.render.svg_logo import LogoRefused, safe_svg

#: Host names reserved for examples (RFC 2606): a site address on one of these is the
#: placeholder in mkdocs.yml, not where the site is really published.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")

#: The field holding an item's own one-line text, by kind label, for its page's
#: description (the first of these the item has).
DESCRIPTION_FIELDS = ("summary", "description", "detail")


_TAG = re.compile(r"<[^>]*>?")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ADDRESS = re.compile(r"\b(?:https?|ftp|javascript|data):\S*", re.IGNORECASE)


def _one_line(text: str, limit: int = 300) -> str:
    """Plain words on one line: a summary for a meta tag or a link preview keeps no
    mark-up, link or web address (a preview is not the place to follow one)."""
    text = _ADDRESS.sub("", _TAG.sub("", _MARKDOWN_LINK.sub(r"\1", text)))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def site_name(info: RoadmapInfo) -> Markup:
    """The site's name (``site_name``, or else the title), escaped."""
    return escape(_one_line(info.site_name or info.title, 120))


def site_description(info: RoadmapInfo) -> Markup:
    """One sentence on the site (``description``, or else the vision), escaped."""
    return escape(_one_line(info.description or info.vision))


def item_description(roadmap: Roadmap, kind: str, item_id: str) -> Markup | None:
    """An item page's description, from the item's own summary or description, escaped."""
    item = getattr(roadmap, BY_LABEL[kind].attribute)[item_id]
    for field in DESCRIPTION_FIELDS:
        value = getattr(item, field, None)
        if isinstance(value, str) and value.strip():
            return escape(_one_line(value))
    return None


def is_placeholder(site_url: str | None) -> bool:
    """Whether ``site_url`` is missing or on a host reserved for examples."""
    host = (urlsplit(site_url or "").hostname or "").lower()
    return not host or any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


def robots_txt(internal: bool, site_url: str | None) -> str:
    """``robots.txt``: the intranet asks every robot to stay out; the public site lets
    them in and names its sitemap."""
    if internal:
        return "User-agent: *\nDisallow: /\n"
    lines = ["User-agent: *", "Allow: /"]
    if site_url and not is_placeholder(site_url):
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def has_data(roadmap: Roadmap, needs: Any) -> bool:
    """Whether the road map has anything for a page whose front matter says
    ``needs: <attribute>`` (a :class:`~goldenthread.read.roadmap.Roadmap` attribute
    named in the kinds table, e.g. ``munro``, ``stories``, ``blockages``) or, for a
    version for some readers, the field it is made from (``easy_read``,
    ``for_young_people``, ``scrutiny_questions``: some item has it); a list needs every
    one.  Raises ValueError for a name that is neither."""
    names = [needs] if isinstance(needs, str) else list(needs or [])
    for name in names:
        if name not in BY_ATTRIBUTE and name not in BY_FIELD:
            raise ValueError(f"'needs: {name}' names no kind of the road map and no version; "
                             "use one of " + ", ".join(sorted([*BY_ATTRIBUTE, *BY_FIELD])))
    return all(has_version(roadmap, name) if name in BY_FIELD else bool(getattr(roadmap, name))
               for name in names)


# -- the organisation's logo and icon ----------------------------------------------------
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def image_problem(name: str, content: bytes) -> str | None:
    """Why ``content`` may not be published as the image ``name``, or None.

    A PNG must be a PNG.  An SVG is a document a browser can run scripts in, so it is
    rebuilt from an allow-list of plain shapes and text (:mod:`.svg_logo`), and refused,
    with the reason, when it holds anything that could run code or fetch a file."""
    if len(content) > 1_000_000:
        return "is larger than 1 MB"
    if name.endswith(".png"):
        return None if content.startswith(PNG_SIGNATURE) else "is not a PNG image"
    try:
        safe_svg(content)
    except LogoRefused as refused:
        return str(refused)
    return None


def published_image(name: str, content: bytes) -> bytes:
    """What the site publishes for the image ``name`` (one :func:`image_problem` passed):
    a PNG as it is, an SVG as rebuilt from the allow-list, never the file's own bytes."""
    return content if name.endswith(".png") else safe_svg(content)
