"""What a data file's text holds before it is read as YAML, and how problems in it are said.

The loader (:mod:`goldenthread.read.loader`) screens the raw text first: its encoding,
tabs, anchors and aliases, hidden control characters, direction overrides, and whether
it is a data file at all (binary or plain text is never quoted).  The same rules apply
to each value it builds.  A YAML syntax error is told in plain words with a hint.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from goldenthread.problems import Location, Problem
from goldenthread.read.yaml_rules import StrictLoader

#: Control characters refused in text: C0 controls except tab and newline (both fine in
#: multi-line text; a line break inside a file is always stored as a newline), DEL, the C1
#: controls (NEL, U+0085, among them) and the line and paragraph separators U+2028/U+2029.
#: A carriage return is refused too: Windows line endings are read as newlines, so one in
#: a value was written on purpose as the escape "\\r".
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: The same, raw in the file: a carriage return there is part of a line ending.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
#: Bidirectional embeddings, overrides and isolates: they make text display in an order
#: other than the one it is stored in.  The plain marks (U+200E, U+200F, U+061C) are not
#: refused: right-to-left writing such as Arabic or Urdu may need them next to numbers.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Characters that show nothing.  A value made only of these (and spaces) looks empty
#: or absent; inside other text they are legitimate (joiners in Urdu, Persian, emoji).
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3164"
    "\ufeff\uffa0"
)
#: How many hidden-character problems one file may give before the rest are summed up.
_MAX_CHARACTER_PROBLEMS = 10


def escaped(char: str) -> str:
    """How a hidden character is written in a message: ``\\x1b``, ``\\u202e``."""
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if char in named:
        return named[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _bidi_name(char: str) -> str:
    return unicodedata.name(char).lower()  # every character BIDI matches has a name


def control_message(what: str, char: str) -> str:
    return (f"{what} holds a hidden control character ({escaped(char)}); delete it and "
            "retype the text")


def bidi_message(what: str, char: str) -> str:
    return (f"{what} holds a hidden character that changes the direction of the text "
            f"({escaped(char)}, {_bidi_name(char)}), so it can read differently from what "
            "is stored; delete it and retype the text (right-to-left writing such as Arabic "
            "or Urdu needs no such character)")


#: A letter or digit of plain ASCII: text holding one is visible (the common case, told
#: without looking at every character).
_VISIBLE_ASCII = re.compile(r"[A-Za-z0-9]")


def is_invisible(text: str) -> bool:
    """True when ``text`` has invisible characters and nothing visible besides spaces."""
    if _VISIBLE_ASCII.search(text):
        return False
    shown = [c for c in text if not c.isspace()]
    return bool(shown) and all(
        c in _INVISIBLE or unicodedata.category(c) == "Cf" for c in shown
    )


def location_of(path: str, mark: Any) -> Location:
    """The 1-based location of a YAML mark in ``path``."""
    return Location(path, mark.line + 1, mark.column + 1)


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


def syntax_problem(path: str, exc: yaml.YAMLError) -> Problem:
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
        return Problem(location_of(path, opened),
                       "this is not valid YAML: the quote opened here is not closed; add the "
                       "same quote mark at the end of the text", "yaml-syntax")
    location = location_of(path, mark) if mark is not None else Location(path, 1, 1)
    return Problem(location, f"this is not valid YAML ({what}): {hint}", "yaml-syntax")


def decode(path: str, raw: bytes, problems: list[Problem]) -> str:
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


def replace_tabs(path: str, text: str, problems: list[Problem]) -> str:
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


def hidden_characters(path: str, text: str, problems: list[Problem]) -> str:
    """Report raw control and direction-changing characters at their line and column.

    The rest of the file is still read (each such character replaced by a space, so the
    YAML reader does not stop at it and every column stays where it was); the problems
    make the file an error whatever else is found.  At most one problem per kind per
    line, and a summary after :data:`_MAX_CHARACTER_PROBLEMS`.
    """
    if not (_RAW_CONTROL.search(text) or BIDI.search(text)):
        return text
    reported = 0
    lines_left = 0
    for number, line in enumerate(text.split("\n"), start=1):
        found = [(m.start(), control_message("this line", m.group()), "control-character")
                 for m in [_RAW_CONTROL.search(line)] if m]
        found += [(m.start(), bidi_message("this line", m.group()), "bidi-text")
                  for m in [BIDI.search(line)] if m]
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
    return BIDI.sub(" ", text)


def binary_problem(path: str, text: str) -> Problem | None:
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


def report_anchors(path: str, text: str, problems: list[Problem]) -> None:
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
                        location_of(path, event.start_mark),
                        f"anchors (&{event.anchor}) are not allowed; write each value out "
                        "in full",
                        "alias",
                    )
                )
    except yaml.YAMLError:
        pass  # the syntax error is reported by the main parse
    finally:
        parser.dispose()


def value_name(loc: tuple[Any, ...] | None) -> str:
    """How a message names the value at ``loc``, or a field name (``loc`` None)."""
    return "a field name" if loc is None else describe(loc)


def describe(loc: tuple[Any, ...]) -> str:
    """How a message names the value at ``loc``: 'the title', 'an entry of goals'."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "this value" if not loc else "an entry of the list"
    if isinstance(loc[-1], int):
        return f"an entry of {names[-1]}"
    return f"the {names[-1]}"
