"""The text a reader would see, for the checks that guard public text.

An editor's text reaches a reader through Markdown, HTML and a browser, so what the
reader sees is not always what the YAML says: ``jane&#64;example.org`` shows as
``jane@example.org``, ``mailto:jane%40example.org`` opens a mail to that address, a
full-width ``０７７００`` reads as ``07700``, and a zero-width space or a soft hyphen in
the middle of an address or number cannot be seen at all.  :func:`reader_text` undoes
all of that before a check looks at the text, so a check on the YAML is a check on the
page (and on the JSON and CSV, which carry the same text).

:func:`reader_views` adds the same text with Markdown and HTML mark-up taken out
(``jane*@*example.org``, ``<b>07700</b> 900123``), and :func:`shown_text`, the text as
it stands on the page: a Markdown link as its visible text (``jane.smith@[example.org](…)``
reads ``jane.smith@example.org``; the address it links to is still in the first view),
line breaks as the space a browser shows (a number broken over two lines is one number),
no combining marks (``A\u0301mira`` is ``Amira``), the ideographic and full-width full
stops as ``.``, and letters from other scripts that look like Latin ones as those
(:mod:`.lookalikes`, Unicode's confusables table): a check looks at every view.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import unquote

from goldenthread.derive.lookalikes import as_latin, without_accents

#: Decoding is repeated (``&amp;#64;`` -> ``&#64;`` -> ``@``; ``%2540`` -> ``%40`` ->
#: ``@``) until nothing changes, at most this many times.
_MAX_ROUNDS = 8

#: Characters that take no space on the page: every Unicode "format" character (zero-width
#: space, zero-width non-joiner and joiner, word joiner, soft hyphen, byte-order mark,
#: bidirectional embeddings, overrides and isolates, ...) is in category Cf.  The few that
#: are not in Cf but still show nothing are listed.
_INVISIBLE_OTHER = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u3164"
                             "\uffa0\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08"
                             "\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f")

#: What in ASCII text could need work: an entity, an escape, a control character.
_ASCII_WORK = re.compile(r"[&%\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^<>]*>")
#: Markdown escapes (``\@``, ``\.``): the backslash is not shown.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Markdown emphasis and code marks, which are not shown either.
_MARKS = re.compile(r"[*`~]+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")


def is_invisible(char: str) -> bool:
    """True for a character that shows nothing on the page (zero-width, soft hyphen, a
    control character other than a tab or line break, ...)."""
    category = unicodedata.category(char)
    return (category == "Cf" or char in _INVISIBLE_OTHER
            or (category == "Cc" and char not in "\t\n\r"))


def _decode(text: str) -> str:
    return unquote(html.unescape(text), errors="replace")


@functools.lru_cache(maxsize=8192)
def reader_text(text: str) -> str:
    """``text`` as a reader would see it: invisible characters removed, HTML entities and
    percent-escapes decoded, compatibility forms folded (NFKC: full-width digits and
    letters, the small and full-width '@', non-breaking spaces).  Repeated until nothing
    changes, since each step can make work for another ('&amp;#64;' -> '&#64;' -> '@';
    '&#6' + zero-width space + '4;' -> '&#64;')."""
    if text.isascii() and not _ASCII_WORK.search(text):
        return text  # most text: nothing to decode, fold or remove
    for _ in range(_MAX_ROUNDS):
        seen = "".join(c for c in text if not is_invisible(c))
        seen = unicodedata.normalize("NFKC", _decode(seen))
        if seen == text:
            break
        text = seen
    return text


def without_markup(text: str) -> str:
    """``text`` (already through :func:`reader_text`) without HTML tags, Markdown
    escapes and emphasis marks, which a reader does not see either."""
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return _MARKS.sub("", text)


#: A Markdown link or image, inline (``[text](address "title")``) or by reference
#: (``[text][ref]``): the reader sees the text (an image's alternative text).
_INLINE_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"!?\[([^\[\]]*)\]\[[^\[\]]*\]")
#: A reference definition (``[ref]: https://...``): not shown at all.
_REF_DEFINITION = re.compile(r"(?m)^ {0,3}\[[^\[\]]+\]:[ \t]*\S.*$")
#: A line break between the parts of an address ('jane.smith@' / 'example.org'): the
#: parts run together in a reader's eye.
_BROKEN_ADDRESS = re.compile(r"(?<=@)[ \t]*\\?\n\s*(?=\w)|(?<=\w\.)[ \t]*\\?\n\s*(?=[a-z\d])"
                             r"|(?<=\w)[ \t]*\\?\n\s*(?=@\w)")
#: What in ASCII text could make the page show something other than the text.
_SHOWN_WORK = re.compile(r"[\[\n\r<>&%*`_~\\]")


def visible_link_text(text: str) -> str:
    """``text`` with each Markdown link and image as the text a reader sees of it."""
    if "[" not in text:
        return text
    text = _REF_DEFINITION.sub("", text)
    for _ in range(_MAX_ROUNDS):  # a link inside a link's text
        done = _REF_LINK.sub(r"\1", _INLINE_LINK.sub(r"\1", text))
        if done == text:
            break
        text = done
    return text


@functools.lru_cache(maxsize=8192)
def shown_text(text: str) -> str:
    """``text`` as it stands on the page, for a reader's eye: decoded and without
    invisible characters (:func:`reader_text`), Markdown links and images as their
    visible text, no mark-up, line breaks as spaces (none inside an address), no
    combining marks, and look-alike letters of other scripts as the Latin letters they
    look like.  Letter case is kept (a check that ignores case folds it itself)."""
    if text.isascii() and not _SHOWN_WORK.search(text) and not _ASCII_WORK.search(text):
        return text  # most text: nothing to do
    seen = without_markup(visible_link_text(reader_text(text)))
    seen = as_latin(without_accents(seen))
    seen = _BROKEN_ADDRESS.sub("", seen)
    return re.sub(r"[ \t]*[\r\n]+\s*", " ", seen)


def reader_views(text: str) -> list[str]:
    """The text a reader sees (with the addresses of its links), then, when different,
    the same without mark-up, and :func:`shown_text`."""
    seen = reader_text(text)
    views = [seen]
    for view in (without_markup(seen), shown_text(text)):
        if view not in views:
            views.append(view)
    return views


def one_spaced(text: str) -> str:
    """``text`` with every run of white space made one space, trimmed."""
    return " ".join(text.split())
