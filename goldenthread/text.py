"""Editor text made safe for a page: escaped, or rendered from Markdown and sanitised.

Editor text is data, never template: it is not passed through Jinja, and the HTML it
becomes is cleaned with nh3 against an allow-list, so no script, frame, event handler
or ``javascript:``/``data:`` link can survive.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "br", "code", "abbr", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


def sanitise(html: str) -> str:
    """Clean HTML against the allow-list; comments are dropped."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def rich(text: str | None) -> Markup:
    """Markdown text from an editor, as sanitised HTML ready for a template."""
    if not text:
        return Markup("")
    md = _markdown()
    md.reset()
    return Markup(sanitise(md.convert(text)))


def plain(text: str | None) -> Markup:
    """Plain text from an editor, escaped."""
    return Markup(escape(text or ""))


def page_title(text: str) -> str:
    """An item title safe for the page's <title> and navigation (the theme prints it raw).

    Angle brackets are dropped and ampersands spelled out, so no markup can form however
    the theme filters the title.
    """
    return re.sub(r"\s+", " ", text.replace("&", "and").replace("<", "").replace(">", "")).strip()
