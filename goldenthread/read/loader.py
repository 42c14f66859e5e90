"""Strict YAML loading: every value keeps its file, line and column.

PyYAML's defaults lose data silently (``NO`` becomes ``False``, ``010`` becomes 8, a
repeated key overwrites the first).  This loader reads YAML the way an editor using
YAML 1.2 does, refuses what could be read two ways, and records where every value
came from so that later checks can point at it.

The rules live in two places, as PyYAML intends:

* :class:`~goldenthread.read.yaml_rules.StrictLoader` (a ``CSafeLoader`` subclass where libyaml
  is present, in ``yaml_rules.py``) owns the *resolver*: which plain scalars are numbers,
  booleans, dates or nulls.
* :class:`_Constructor` walks the composed node graph and builds plain Python values,
  rejecting aliases (a node reached twice), merge keys, unknown tags, duplicate keys,
  impossible dates and nesting deeper than :data:`MAX_DEPTH`.

Text is refused when it could show something other than what is stored: hidden control
characters (raw, or written as YAML escapes such as ``"\\e[31m"``), characters that
override the direction of the text around them, and values made only of invisible
characters.  A link (symbolic link) is never followed: :func:`load_file` refuses it
without opening it, so the content of a file outside the data folder is never read, let
alone shown in a message.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from goldenthread.problems import Location, Problem
from goldenthread.read.files import (  # noqa: F401 - re-exported: the readers' one entry point
    MAX_BYTES,
    _read_no_follow,
    symlink_problem,
)
from goldenthread.read.text_screen import (
    BIDI,
    CONTROL,
    bidi_message,
    binary_problem,
    control_message,
    decode,
    escaped,
    hidden_characters,
    is_invisible,
    location_of,
    replace_tabs,
    report_anchors,
    syntax_problem,
    value_name,
)
from goldenthread.read.yaml_rules import (  # noqa: F401 - YFloat and YInt are re-exported for the model
    ALLOWED_TAGS,
    DATE_TAG,
    INVALID,
    TAG,
    StrictLoader,
    YFloat,
    YInt,
    written_as,
)

MAX_DEPTH = 50

Path_ = tuple[Any, ...]

@dataclass
class LoadedFile:
    """The plain data of one file and where each value and each key was written.

    Where each value was written is worked out when first asked for (:meth:`where`), from
    the text the data was read from: a road map read without problems never asks, so a
    large one neither spends the time nor holds the memory (a location for each of its
    values and keys).
    """

    path: str
    #: The values read.  A road map's reader drops them once they are validated (the
    #: records hold them), keeping only :attr:`numbers`.
    data: Any = None
    #: How each number was written, by its path, where that is not how Python would show
    #: it (``1.10``, ``007``, a 30-digit number): the checks on figures quote it.
    numbers: dict[Path_, str] = field(default_factory=dict, repr=False, compare=False)
    #: The text the data was parsed from (after tabs and hidden characters were
    #: replaced), kept to find locations later; None for a file that was not parsed.
    text: str | None = field(default=None, repr=False, compare=False)
    _values: dict[Path_, Location] | None = field(default=None, repr=False, compare=False)
    _keys: dict[Path_, Location] | None = field(default=None, repr=False, compare=False)
    #: Answers :meth:`where` for a copy that holds neither data nor text (see
    #: :meth:`locations_only`).
    _locator: Any = field(default=None, repr=False, compare=False)

    def locations_only(self) -> LoadedFile:
        """A copy that can say where each value was written but holds neither the data nor
        the text (for the public road map: a file's text may hold internal entries)."""
        return LoadedFile(self.path, _locator=self.where)

    @property
    def values(self) -> dict[Path_, Location]:
        """Where each value was written, by its path in the data."""
        self._locate()
        return self._values  # type: ignore[return-value]

    @property
    def keys(self) -> dict[Path_, Location]:
        """Where each field name was written, by the path of its value."""
        self._locate()
        return self._keys  # type: ignore[return-value]

    def _locate(self) -> None:
        if self._values is not None:
            return
        self._values, self._keys = {}, {}
        if self.text is None:
            return
        loader = StrictLoader(self.text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        # The same walk as the first read, which found the same problems; this time it
        # records where each value is and reports nothing.
        _Constructor(self.path, self, [], aliases="&" in self.text, locate=True).build(
            node, (), 0)

    def where(self, loc: Path_, prefer_key: bool = False) -> Location:
        """The location of the value at ``loc`` (or its nearest written ancestor)."""
        if self._locator is not None:
            return self._locator(loc, prefer_key)
        loc = tuple(loc)
        values, keys = self.values, self.keys
        while True:
            if prefer_key and loc in keys:
                return keys[loc]
            if loc in values:
                return values[loc]
            if not loc:
                return Location(self.path, 1, 1)
            loc = loc[:-1]
            prefer_key = True


class _Constructor:
    """Builds plain values from a node graph, collecting problems instead of raising."""

    def __init__(self, path: str, out: LoadedFile, problems: list[Problem], *,
                 aliases: bool, locate: bool = False):
        self.path = path
        self.out = out
        self.problems = problems
        #: Record where each value and field name is (into ``out``), for LoadedFile.where.
        self.locate = locate
        #: The nodes built so far, to find one reached twice (an alias); None when the
        #: text has no anchor ('&'), so no node can be reached twice.
        self.seen: set[int] | None = set() if aliases else None
        self.too_deep_reported = False

    def problem(self, mark: Any, message: str, code: str) -> None:
        self.problems.append(Problem(location_of(self.path, mark), message, code))

    def build(self, node: yaml.Node, loc: Path_, depth: int, used_at: Any = None) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                where = used_at or node.start_mark
                self.problem(
                    where,
                    "this value repeats another part of the file with an alias (*name); "
                    "write it out in full instead",
                    "alias",
                )
                if self.locate:  # located where its problem is, not at the value it repeats
                    self.out._values[loc] = location_of(self.path, where)  # type: ignore[index]
                return INVALID
            self.seen.add(id(node))
        if self.locate:
            self.out._values[loc] = location_of(self.path, node.start_mark)  # type: ignore[index]
        if depth > MAX_DEPTH:
            if not self.too_deep_reported:
                self.too_deep_reported = True
                self.problem(
                    node.start_mark,
                    f"blocks are nested more than {MAX_DEPTH} levels deep; flatten the data",
                    "too-deep",
                )
            return INVALID
        if node.tag not in ALLOWED_TAGS:
            shown = node.tag.replace(TAG, "!!")
            self.problem(
                node.start_mark,
                f"the tag '{shown}' is not allowed; remove it and write a plain value",
                "bad-tag",
            )
            return INVALID
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(n, loc + (i,), depth + 1) for i, n in enumerate(node.value)]
        return self.scalar(node, loc)

    def mapping(self, node: yaml.MappingNode, loc: Path_, depth: int) -> Any:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == TAG + "merge":
                self.problem(
                    key_node.start_mark,
                    "merge keys (<<) are not allowed; write the fields out in full",
                    "alias",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node.start_mark,
                    "a field name must be a plain word, not a list or block",
                    "wrong-shape",
                )
                continue
            key = self.scalar(key_node, None)
            if key is INVALID:
                continue
            if isinstance(key, YInt | YFloat):
                key = key.raw
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.problem(
                    key_node.start_mark,
                    f"'{key}' appears twice in this block (lines {first_line[key]} and {line}); "
                    "keep one and delete the other",
                    "duplicate-key",
                )
                continue
            first_line[key] = line
            if self.locate:
                self.out._keys[loc + (key,)] = location_of(  # type: ignore[index]
                    self.path, key_node.start_mark)
            result[key] = self.build(value_node, loc + (key,), depth + 1, key_node.start_mark)
        return result

    def text(self, node: yaml.ScalarNode, loc: Path_ | None) -> Any:
        """A text value, NFC-normalised; INVALID (reported) when it hides something.

        Raw hidden characters were reported at their own line and column, and replaced,
        before parsing (:func:`hidden_characters`); any found here were written as YAML
        escapes ("\\e", "\\x07", "\\u202e"), so the value's start is the place to point.
        """
        text = node.value
        if text.isascii():  # most text: already NFC, and no direction-changing character
            control, bidi = CONTROL.search(text), None
        else:
            text = unicodedata.normalize("NFC", text)
            control, bidi = CONTROL.search(text), BIDI.search(text)
        if not (control or bidi or is_invisible(text)):
            return text
        what = value_name(loc)
        if control:
            self.problem(node.start_mark, control_message(what, control.group()),
                         "control-character")
        if bidi:
            self.problem(node.start_mark, bidi_message(what, bidi.group()), "bidi-text")
        if control or bidi:
            return INVALID
        if is_invisible(text):
            shown = ", ".join(escaped(c) for c in dict.fromkeys(text) if not c.isspace())
            self.problem(
                node.start_mark,
                f"{what} is made only of invisible characters ({shown}), so it looks empty; "
                "write the text, or remove the field",
                "invisible-text",
            )
            return INVALID
        return text

    def number(self, value: YInt | YFloat, loc: Path_ | None) -> YInt | YFloat:
        """``value``, its text noted in :attr:`LoadedFile.numbers` when Python would show
        it otherwise (a field name's is not: it is kept as text)."""
        if loc is not None and value.raw != f"{value:g}":
            self.out.numbers[loc] = value.raw
        return value

    def scalar(self, node: yaml.ScalarNode, loc: Path_ | None) -> Any:
        """The value of a scalar: at ``loc`` in the data, or a field name (``loc`` None)."""
        text: str = node.value
        tag = node.tag
        if tag == _STR:
            return self.text(node, loc)
        if not written_as(tag, text):
            # A tag written by hand ("!!int abc", "!!bool yes") that the text does not
            # fit, or any other tag on a field name (build checks only a value's tag).
            self.problem(
                node.start_mark,
                f"the tag '{tag.replace(TAG, '!!')}' does not match how {value_name(loc)} is "
                "written; remove the tag and write a plain value",
                "bad-tag",
            )
            return INVALID
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            return text.lower() == "true"
        if tag == TAG + "int":
            return self.number(YInt(int(text), text), loc)
        if tag == TAG + "float":
            lowered = text.lower()
            if lowered.endswith((".inf", ".nan")):  # YAML writes these as .inf and .nan
                lowered = lowered.replace(".", "")
            return self.number(YFloat(float(lowered), text), loc)
        if tag == DATE_TAG:
            try:
                return date.fromisoformat(text)
            except ValueError:
                self.problem(
                    node.start_mark,
                    f"'{text}' is not a real date; write a date that exists, as YYYY-MM-DD",
                    "bad-date",
                )
                return INVALID
        # The one tag left that text can be written as: a number with a leading zero or
        # a base prefix (a merge key, '<<', was refused before).
        self.problem(
            node.start_mark,
            f"'{text}' could be read as a number in two ways; write it without the "
            f"leading zero, or in quotes (\"{text}\") if it is text",
            "ambiguous-value",
        )
        return INVALID


_STR = TAG + "str"


def load_text(path: str, text: str, problems: list[Problem]) -> LoadedFile:
    """Parse YAML ``text`` (already decoded) as though it came from ``path``."""
    out = LoadedFile(path)
    binary = binary_problem(path, text)
    if binary is not None:
        problems.append(binary)
        out.data = INVALID
        return out
    text = replace_tabs(path, text, problems)
    text = hidden_characters(path, text, problems)
    if "&" in text:
        report_anchors(path, text, problems)
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        problems.append(syntax_problem(path, exc))
        out.data = INVALID
        return out
    finally:
        loader.dispose()
    if node is None:
        problems.append(
            Problem(Location(path, 1, 1), "this file is empty; add its fields or delete it",
                    "empty-file")
        )
        out.data = INVALID
        return out
    if isinstance(node, yaml.ScalarNode):
        # One piece of plain text: most likely not a data file at all (a copied key or
        # notes); say so without quoting any of it.
        problems.append(Problem(
            location_of(path, node.start_mark),
            "this file is not a block of 'field: value' lines (it reads as one piece of "
            "plain text); write each field as 'name: value', or if this is not a road-map "
            "file, move it out of the data folder",
            "wrong-shape"))
        out.data = INVALID
        return out
    out.text = text
    out.data = _Constructor(path, out, problems, aliases="&" in text).build(node, (), 0)
    return out


def load_file(file: Path, display: str, problems: list[Problem]) -> LoadedFile:
    """Read and parse one YAML file; ``display`` is the path shown in messages.

    A link (symbolic link) is refused, never followed; see :func:`symlink_problem`.
    """
    raw = _read_no_follow(file, display, problems)
    if raw is None:
        return LoadedFile(display, INVALID)
    if b"\x00" in raw:
        # Binary data (or UTF-16 text): reported without decoding or quoting any of it.
        problems.append(binary_problem(display, raw.decode("utf-8", errors="replace")))
        return LoadedFile(display, INVALID)
    text = decode(display, raw, problems)
    return load_text(display, text, problems)
