"""Strict YAML loading: every value keeps its file, line and column.

PyYAML's defaults lose data silently (``NO`` becomes ``False``, ``010`` becomes 8, a
repeated key overwrites the first).  This loader reads YAML the way an editor using
YAML 1.2 does, refuses what could be read two ways, and records where every value
came from so that later checks can point at it.

The rules live in two places, as PyYAML intends:

* :class:`~goldenthread.resolver.StrictLoader` (a ``CSafeLoader`` subclass where libyaml
  is present, in ``resolver.py``) owns the *resolver*: which plain scalars are numbers,
  booleans, dates or nulls.
* :class:`_Constructor` walks the composed node graph and builds plain Python values,
  rejecting aliases (a node reached twice), merge keys, unknown tags, duplicate keys,
  impossible dates and nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .problems import Location, Problem
from .resolver import (  # noqa: F401 - YFloat and YInt are re-exported for the model
    ALLOWED_TAGS,
    AMBIGUOUS_TAG,
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


def _mark(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


class _Constructor:
    """Builds plain values from a node graph, collecting problems instead of raising."""

    def __init__(self, path: str, out: LoadedFile, problems: list[Problem]):
        self.path = path
        self.out = out
        self.problems = problems
        self.seen: set[int] = set()
        self.too_deep_reported = False

    def problem(self, mark: Any, message: str, code: str) -> None:
        self.problems.append(Problem(_mark(self.path, mark), message, code))

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
        self.out.values[loc] = _mark(self.path, node.start_mark)
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
        return self.scalar(node)

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
            key = self.scalar(key_node)
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
            self.out.keys[loc + (key,)] = _mark(self.path, key_node.start_mark)
            result[key] = self.build(value_node, loc + (key,), depth + 1, key_node.start_mark)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        text: str = node.value
        tag = node.tag
        if tag == TAG + "str":
            return unicodedata.normalize("NFC", text)
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
        if tag == AMBIGUOUS_TAG:
            self.problem(
                node.start_mark,
                f"'{text}' could be read as a number in two ways; write it without the "
                f"leading zero, or in quotes (\"{text}\") if it is text",
                "ambiguous-value",
            )
            return INVALID
        # A scalar node with a map or seq tag cannot happen: the tag check ran first.
        return unicodedata.normalize("NFC", text)


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "put text containing ': ' in quotes"),
    ("could not find expected ':'", "each line of a block needs 'name: value'; check the "
     "indentation of this line and the one before"),
    ("did not find expected key", "check the indentation: the fields of one block must "
     "line up, and text containing ': ' or starting with a quote needs quotes around it"),
    ("did not find expected '-'", "check the indentation of the list items ('- ')"),
    ("found unexpected end of stream", "a quote was opened and not closed"),
    ("found undefined alias", "aliases (*name) are not allowed; write the value out"),
    ("expected a single document", "a file holds one document: remove the extra '---'"),
    ("special characters are not allowed", "delete the invisible control character"),
    ("found character that cannot start any token",
     "text starting with @, ` or % needs quotes around it"),
)


def _syntax_problem(path: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    hint = "check the indentation and the quotes on this line"
    for needle, text in _SYNTAX_HINTS:
        if needle in what or (context and needle in context):
            hint = text
            break
    location = _mark(path, mark) if mark is not None else Location(path, 1, 1)
    return Problem(location, f"this is not valid YAML ({what}): {hint}", "yaml-syntax")


def _decode(path: str, raw: bytes, problems: list[Problem]) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        problems.append(
            Problem(
                Location(path, line, column),
                "this file is not UTF-8 text (a character here cannot be read, often a "
                "curly quote or dash pasted from Word); retype it, or save the file as UTF-8",
                "bad-encoding",
            )
        )
        return raw.decode("utf-8", errors="replace")


def _replace_tabs(path: str, text: str, problems: list[Problem]) -> str:
    if "\t" not in text:
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        column = line.find("\t")
        if column >= 0:
            problems.append(
                Problem(
                    Location(path, number, column + 1),
                    "a tab character; YAML needs spaces: replace the tab with spaces",
                    "tab",
                )
            )
    # Keep reading with spaces in place of tabs, so that the other problems in the
    # file are found in the same run.
    return text.replace("\t", " ")


def _report_anchors(path: str, text: str, problems: list[Problem]) -> None:
    """Point at each anchor (&name) and alias (*name); only run when one may be present."""
    parser = StrictLoader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                continue  # reported where it is used, by the constructor
            if getattr(event, "anchor", None):
                problems.append(
                    Problem(
                        _mark(path, event.start_mark),
                        f"anchors (&{event.anchor}) are not allowed; write each value out "
                        "in full",
                        "alias",
                    )
                )
    except yaml.YAMLError:
        pass  # the syntax error is reported by the main parse
    finally:
        parser.dispose()


def load_text(path: str, text: str, problems: list[Problem]) -> LoadedFile:
    """Parse YAML ``text`` (already decoded) as though it came from ``path``."""
    out = LoadedFile(path)
    text = _replace_tabs(path, text, problems)
    if "&" in text:
        _report_anchors(path, text, problems)
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(path, exc))
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
    out.data = _Constructor(path, out, problems).build(node, (), 0)
    return out


def load_file(file: Path, display: str, problems: list[Problem]) -> LoadedFile:
    """Read and parse one YAML file; ``display`` is the path shown in messages."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        problems.append(
            Problem(
                Location(display, 1, 1),
                f"this file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; split it "
                "into smaller files",
                "file-too-large",
            )
        )
        return LoadedFile(display, INVALID)
    text = _decode(display, file.read_bytes(), problems)
    return load_text(display, text, problems)
