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


#: Elements whose text is never given an <abbr>: inside them it would be invalid or double.
_NO_ABBR = frozenset({"abbr", "svg", "script", "style", "title", "textarea", "code", "pre"})
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def abbreviate(html: str, expansions: dict[str, str]) -> str:
    """Mark the first use of each glossary abbreviation in finished, safe HTML with
    ``<abbr title="what it stands for">``.

    Runs only on HTML whose editor text is already escaped or sanitised (the output of
    our own templates), and only on text between tags, never inside a tag or attribute.
    The expansion is escaped.  Text inside ``<abbr>``, ``<svg>``, ``<code>`` and similar
    is left alone.
    """
    if not expansions:
        return html
    words = tuple(sorted(expansions, key=lambda a: (-len(a), a)))
    if _any_word(words).search(html) is None:
        return html  # most pages: no abbreviation anywhere, so nothing to mark
    pattern = _abbr_pattern(words)
    seen: set[str] = set()
    skipping: list[str] = []
    parts = _TAG.split(html)
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            match = _TAG_NAME.match(part)
            if match and match.group(2).lower() in _NO_ABBR and not part.endswith("/>"):
                name = match.group(2).lower()
                if match.group(1):
                    if name in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
                else:
                    skipping.append(name)
            continue
        if skipping or not part:
            continue

        def mark(found: re.Match[str]) -> str:
            word = found.group(0)
            if word in seen:
                return word
            seen.add(word)
            return f'<abbr title="{escape(expansions[word], quote=True)}">{word}</abbr>'

        parts[i] = pattern.sub(mark, part)
    return "".join(parts)


@lru_cache(maxsize=8)
def _abbr_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w&#-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


@lru_cache(maxsize=8)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` anywhere, even inside a longer word: a page without one has
    nothing to mark.  Without :func:`_abbr_pattern`'s look-behind, the search skips
    ahead to the words' first letters instead of trying every word at every place
    (about 20 times faster on an item page)."""
    return re.compile("|".join(re.escape(w) for w in words))
