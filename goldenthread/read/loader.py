"""Strict YAML loading: every value keeps its file, line and column.

PyYAML's defaults lose data silently (``NO`` becomes ``False``, ``010`` becomes 8, a
repeated key overwrites the first).  This loader reads YAML the way an editor using
YAML 1.2 does, refuses what could be read two ways, and records where every value
came from so that later checks can point at it.

The rules live in two places, as PyYAML intends:

* :class:`~goldenthread.read.yaml_rules.StrictLoader` (a ``CSafeLoader`` subclass where libyaml
  is present, in ``resolver.py``) owns the *resolver*: which plain scalars are numbers,
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
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from goldenthread.problems import Location, Problem
from goldenthread.read.yaml_rules import (  # noqa: F401 - YFloat and YInt are re-exported for the model
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

#: Control characters refused in text: C0 controls except tab and newline (both fine in
#: multi-line text; a line break inside a file is always stored as a newline), DEL, the C1
#: controls (NEL, U+0085, among them) and the line and paragraph separators U+2028/U+2029.
#: A carriage return is refused too: Windows line endings are read as newlines, so one in
#: a value was written on purpose as the escape "\\r".
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: The same, raw in the file: a carriage return there is part of a line ending.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
#: Bidirectional embeddings, overrides and isolates: they make text display in an order
#: other than the one it is stored in.  The plain marks (U+200E, U+200F, U+061C) are not
#: refused: right-to-left writing such as Arabic or Urdu may need them next to numbers.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Characters that show nothing.  A value made only of these (and spaces) looks empty
#: or absent; inside other text they are legitimate (joiners in Urdu, Persian, emoji).
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3164"
    "\ufeff\uffa0"
)
#: How many hidden-character problems one file may give before the rest are summed up.
_MAX_CHARACTER_PROBLEMS = 10


def _escaped(char: str) -> str:
    """How a hidden character is written in a message: ``\\x1b``, ``\\u202e``."""
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if char in named:
        return named[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _bidi_name(char: str) -> str:
    return unicodedata.name(char, "direction control").lower()


def _control_message(what: str, char: str) -> str:
    return (f"{what} holds a hidden control character ({_escaped(char)}); delete it and "
            "retype the text")


def _bidi_message(what: str, char: str) -> str:
    return (f"{what} holds a hidden character that changes the direction of the text "
            f"({_escaped(char)}, {_bidi_name(char)}), so it can read differently from what "
            "is stored; delete it and retype the text (right-to-left writing such as Arabic "
            "or Urdu needs no such character)")


def _is_invisible(text: str) -> bool:
    """True when ``text`` has invisible characters and nothing visible besides spaces."""
    shown = [c for c in text if not c.isspace()]
    return bool(shown) and all(
        c in _INVISIBLE or unicodedata.category(c) == "Cf" for c in shown
    )


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
            self.out.keys[loc + (key,)] = _mark(self.path, key_node.start_mark)
            result[key] = self.build(value_node, loc + (key,), depth + 1, key_node.start_mark)
        return result

    def text(self, node: yaml.ScalarNode, what: str) -> Any:
        """A text value, NFC-normalised; INVALID (reported) when it hides something.

        Raw hidden characters were reported at their own line and column, and replaced,
        before parsing (:func:`_hidden_characters`); any found here were written as YAML
        escapes ("\\e", "\\x07", "\\u202e"), so the value's start is the place to point.
        """
        text = unicodedata.normalize("NFC", node.value)
        control = _CONTROL.search(text)
        bidi = _BIDI.search(text)
        if control:
            self.problem(node.start_mark, _control_message(what, control.group()),
                         "control-character")
        if bidi:
            self.problem(node.start_mark, _bidi_message(what, bidi.group()), "bidi-text")
        if control or bidi:
            return INVALID
        if _is_invisible(text):
            shown = ", ".join(_escaped(c) for c in dict.fromkeys(text) if not c.isspace())
            self.problem(
                node.start_mark,
                f"{what} is made only of invisible characters ({shown}), so it looks empty; "
                "write the text, or remove the field",
                "invisible-text",
            )
            return INVALID
        return text

    def scalar(self, node: yaml.ScalarNode, what: str = "this value") -> Any:
        text: str = node.value
        tag = node.tag
        if tag == TAG + "str":
            return self.text(node, what)
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
        return self.text(node, what)


def _describe(loc: Path_) -> str:
    """How a message names the value at ``loc``: 'the title', 'an entry of goals'."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "this value" if not loc else "an entry of the list"
    if isinstance(loc[-1], int):
        return f"an entry of {names[-1]}"
    return f"the {names[-1]}"


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
    opened = getattr(exc, "context_mark", None)
    if context and "quoted scalar" in context and opened is not None:
        # Point where the quote was opened, not where the file ran out.
        return Problem(_mark(path, opened),
                       "this is not valid YAML: the quote opened here is not closed; add the "
                       "same quote mark at the end of the text", "yaml-syntax")
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


def _hidden_characters(path: str, text: str, problems: list[Problem]) -> str:
    """Report raw control and direction-changing characters at their line and column.

    The rest of the file is still read (each such character replaced by a space, so the
    YAML reader does not stop at it and every column stays where it was); the problems
    make the file an error whatever else is found.  At most one problem per kind per
    line, and a summary after :data:`_MAX_CHARACTER_PROBLEMS`.
    """
    if not (_RAW_CONTROL.search(text) or _BIDI.search(text)):
        return text
    reported = 0
    lines_left = 0
    for number, line in enumerate(text.split("\n"), start=1):
        found = [(m.start(), _control_message("this line", m.group()), "control-character")
                 for m in [_RAW_CONTROL.search(line)] if m]
        found += [(m.start(), _bidi_message("this line", m.group()), "bidi-text")
                  for m in [_BIDI.search(line)] if m]
        if not found:
            continue
        if reported >= _MAX_CHARACTER_PROBLEMS:
            lines_left += 1
            continue
        for column, message, code in sorted(found):
            problems.append(Problem(Location(path, number, column + 1), message, code))
            reported += 1
    if lines_left:
        problems.append(Problem(
            Location(path, 1, 1),
            f"{lines_left} more line(s) of this file hold hidden control or direction "
            "characters; if this is not a road-map data file, move it out of the data folder",
            "control-character"))
    text = _RAW_CONTROL.sub(" ", text)
    return _BIDI.sub(" ", text)


def _binary_problem(path: str, text: str) -> Problem | None:
    """A file holding a null character is binary data, not text: say so, and read no
    further (its content is never quoted)."""
    at = text.find("\x00")
    if at < 0:
        return None
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(
        Location(path, line, column),
        "this file holds binary data (a null character), not text, so it is not a road-map "
        "data file; move it out of the data folder, or save it again as UTF-8 text",
        "bad-encoding",
    )


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
    binary = _binary_problem(path, text)
    if binary is not None:
        problems.append(binary)
        out.data = INVALID
        return out
    text = _replace_tabs(path, text, problems)
    text = _hidden_characters(path, text, problems)
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
    if isinstance(node, yaml.ScalarNode):
        # One piece of plain text: most likely not a data file at all (a copied key or
        # notes); say so without quoting any of it.
        problems.append(Problem(
            _mark(path, node.start_mark),
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
        problems.append(_binary_problem(display, raw.decode("utf-8", errors="replace")))
        return LoadedFile(display, INVALID)
    text = _decode(display, raw, problems)
    return load_text(display, text, problems)
