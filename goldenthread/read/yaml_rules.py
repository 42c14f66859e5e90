"""The strict YAML resolver: which plain scalars are numbers, booleans, dates or nulls.

It follows the YAML 1.2 core schema that editors use, minus surprises: only
``true``/``false`` are booleans (``yes``, ``NO``, ``on`` stay text), only ``YYYY-MM-DD``
is a date, ``12:30`` is text, and numbers with a leading zero or a base prefix (``010``,
``0x1F``) are flagged rather than guessed.  Numbers remember how they were written, so
a key such as ``1.10`` keeps its text.
"""

from __future__ import annotations

import functools
import re

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TAG = "tag:yaml.org,2002:"
AMBIGUOUS_TAG = "tag:goldenthread,2026:ambiguous-number"
DATE_TAG = TAG + "timestamp"


class StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader whose resolver follows the YAML 1.2 core schema, minus surprises.

    Only ``true``/``false`` are booleans (``yes``, ``NO``, ``on`` stay text), only
    ``YYYY-MM-DD`` is a date, ``12:30`` is text, and numbers with a leading zero or a
    base prefix (``010``, ``0x1F``) are flagged rather than guessed.
    """

    yaml_implicit_resolvers: dict = {}

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        """The tag of a node written without one: PyYAML's own ``resolve``, without the
        path resolvers and catch-all resolvers that this loader never has (they are
        looked up for every value, and the C parser calls this for every value)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: it may be a number, a date, true, null
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


def _resolver(tag: str, pattern: str, first: str) -> None:
    StrictLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_DIGITS = "0123456789"
_resolver(TAG + "null", r"^(?:~|null|Null|NULL|)$", "~nN")
_resolver(TAG + "bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver(AMBIGUOUS_TAG, r"^(?:[-+]?0[0-9_]+|[-+]?0[xXoObB][0-9a-fA-F_]+)$", "-+0")
_resolver(TAG + "int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+" + _DIGITS)
_resolver(
    TAG + "float",
    r"""^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    "-+." + _DIGITS,
)
_resolver(DATE_TAG, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", _DIGITS)
_resolver(TAG + "merge", r"^<<$", "<")
# The empty plain scalar is null, as in PyYAML's own resolver.
StrictLoader.yaml_implicit_resolvers.setdefault("", []).append(
    (TAG + "null", re.compile(r"^$"))
)

ALLOWED_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")} | {
    DATE_TAG,
    AMBIGUOUS_TAG,
}


class YInt(int):
    """An int that remembers how it was written, so a text field can keep ``2012``."""

    raw: str

    def __new__(cls, value: int, raw: str) -> YInt:
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj


class YFloat(float):
    """A float that remembers how it was written, so a text field keeps ``1.10``."""

    raw: str

    def __new__(cls, value: float, raw: str) -> YFloat:
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj


class _Invalid:
    """Stands in for a value the loader already reported, so it is not reported twice."""

    _instance: _Invalid | None = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


@functools.lru_cache(maxsize=4096)
def written_as(tag: str, text: str) -> bool:
    """Whether ``text``, written without a tag, would read as ``tag``: a tag written by
    hand must agree with the text (``!!float 1`` does; ``!!int abc`` does not)."""
    return any(tag == known and pattern.fullmatch(text) for known, pattern in
               StrictLoader.yaml_implicit_resolvers.get(text[:1], ()))
