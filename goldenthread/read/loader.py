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

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from goldenthread.problems import Location, Problem
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
)
from goldenthread.read.yaml_rules import (  # noqa: F401 - YFloat and YInt are re-exported for the model
    ALLOWED_TAGS,
    DATE_TAG,
    INVALID,
    TAG,
    StrictLoader,
    YFloat,
    YInt,
)

MAX_BYTES = 1_000_000
MAX_DEPTH = 50

Path_ = tuple[Any, ...]

@dataclass
class LoadedFile:
    """The plain data of one file and where each value and each key was written."""

    path: str
    data: Any = None
    values: dict[Path_, Location] = field(default_factory=dict)
    keys: dict[Path_, Location] = field(default_factory=dict)

    def where(self, loc: Path_, prefer_key: bool = False) -> Location:
        """The location of the value at ``loc`` (or its nearest written ancestor)."""
        loc = tuple(loc)
        while True:
            if prefer_key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if not loc:
                return Location(self.path, 1, 1)
            loc = loc[:-1]
            prefer_key = True


class _Constructor:
    """Builds plain values from a node graph, collecting problems instead of raising."""

    def __init__(self, path: str, out: LoadedFile, problems: list[Problem]):
        self.path = path
        self.out = out
        self.problems = problems
        self.seen: set[int] = set()
        self.too_deep_reported = False

    def problem(self, mark: Any, message: str, code: str) -> None:
        self.problems.append(Problem(location_of(self.path, mark), message, code))

    def build(self, node: yaml.Node, loc: Path_, depth: int, used_at: Any = None) -> Any:
        if id(node) in self.seen:
            self.problem(
                used_at or node.start_mark,
                "this value repeats another part of the file with an alias (*name); "
                "write it out in full instead",
                "alias",
            )
            return INVALID
        self.seen.add(id(node))
        self.out.values[loc] = location_of(self.path, node.start_mark)
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
        return self.scalar(node, _describe(loc))

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
            key = self.scalar(key_node, "a field name")
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
            self.out.keys[loc + (key,)] = location_of(self.path, key_node.start_mark)
            result[key] = self.build(value_node, loc + (key,), depth + 1, key_node.start_mark)
        return result

    def text(self, node: yaml.ScalarNode, what: str) -> Any:
        """A text value, NFC-normalised; INVALID (reported) when it hides something.

        Raw hidden characters were reported at their own line and column, and replaced,
        before parsing (:func:`hidden_characters`); any found here were written as YAML
        escapes ("\\e", "\\x07", "\\u202e"), so the value's start is the place to point.
        """
        text = unicodedata.normalize("NFC", node.value)
        control = CONTROL.search(text)
        bidi = BIDI.search(text)
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

    def scalar(self, node: yaml.ScalarNode, what: str) -> Any:
        text: str = node.value
        tag = node.tag
        if tag == TAG + "str":
            return self.text(node, what)
        if not _written_as(tag, text):
            # A tag written by hand ("!!int abc", "!!bool yes") that the text does not
            # fit, or any other tag on a field name (build checks only a value's tag).
            self.problem(
                node.start_mark,
                f"the tag '{tag.replace(TAG, '!!')}' does not match how {what} is written; "
                "remove the tag and write a plain value",
                "bad-tag",
            )
            return INVALID
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            return text.lower() == "true"
        if tag == TAG + "int":
            return YInt(int(text), text)
        if tag == TAG + "float":
            lowered = text.lower()
            if lowered.endswith((".inf", ".nan")):  # YAML writes these as .inf and .nan
                lowered = lowered.replace(".", "")
            return YFloat(float(lowered), text)
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


def _written_as(tag: str, text: str) -> bool:
    """Whether ``text``, written without a tag, would read as ``tag``: a tag written by
    hand must agree with the text (``!!float 1`` does; ``!!int abc`` does not)."""
    return any(tag == known and pattern.fullmatch(text) for known, pattern in
               StrictLoader.yaml_implicit_resolvers.get(text[:1], ()))


def _describe(loc: Path_) -> str:
    """How a message names the value at ``loc``: 'the title', 'an entry of goals'."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "this value" if not loc else "an entry of the list"
    if isinstance(loc[-1], int):
        return f"an entry of {names[-1]}"
    return f"the {names[-1]}"


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
    out.data = _Constructor(path, out, problems).build(node, (), 0)
    return out


def symlink_problem(display: str, folder: bool = False) -> Problem:
    """The problem for a link (symbolic link) found in the data folder."""
    what, thing = ("folder", "folder") if folder else ("file", "file")
    return Problem(
        Location(display, 1, 1),
        f"this {what} is a link (a symbolic link) to another {thing}; the road map never "
        f"follows links, so nothing in it was read: replace the link with the {thing} itself",
        "symlink",
    )


_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


def _read_no_follow(file: Path, display: str, problems: list[Problem]) -> bytes | None:
    """The bytes of ``file``; None (with a problem) when it is a link, not an ordinary
    file, or over :data:`MAX_BYTES`.  A link is refused without opening its target."""
    if file.is_symlink():
        problems.append(symlink_problem(display))
        return None
    try:
        fd = os.open(file, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link after the check above
            problems.append(symlink_problem(display))
            return None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(
                Location(display, 1, 1),
                "this is not an ordinary file (it may be a pipe or a device), so it cannot "
                "be read as text; replace it with an ordinary file", "bad-encoding"))
            return None
        size = info.st_size
        if size <= MAX_BYTES:
            raw = handle.read(MAX_BYTES + 1)
            size = max(size, len(raw))
    if size > MAX_BYTES:
        problems.append(
            Problem(
                Location(display, 1, 1),
                f"this file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; split it "
                "into smaller files",
                "file-too-large",
            )
        )
        return None
    return raw


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
