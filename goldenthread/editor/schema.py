"""JSON Schemas for editors, generated from the models, and the line that points at them.

``goldenthread schema`` writes one schema per kind of file (``schema/goal.schema.json``,
``schema/roadmap.schema.json``...) and starts every data file with the comment line
``# yaml-language-server: $schema=<relative path>``, so an editor running
yaml-language-server (VS Code's YAML extension) autocompletes fields, shows each
field's description and underlines mistakes.  The schemas are never written by hand:
the kinds come from :data:`goldenthread.read.models.ITEM_KINDS` and
:data:`goldenthread.read.models.SINGLE_FILES`, so a new kind of file gets a schema too.
``goldenthread schema --check`` reports stale schemas and data files without the line.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from goldenthread.problems import Location, Problem
from goldenthread.read.field_types import PERIOD
from goldenthread.read.kinds import ITEM_KINDS, SINGLE_FILES

#: The comment yaml-language-server reads to find a file's schema.
SCHEMA_LINE = "# yaml-language-server: $schema="
#: Draft 7 is the newest draft every yaml-language-server release understands; the
#: generated schemas use no keyword newer than it.
DIALECT = "http://json-schema.org/draft-07/schema#"
SUFFIX = ".schema.json"
_BOM = b"\xef\xbb\xbf"
_MODELINE = b"# yaml-language-server:"


def kind_name(label: str) -> str:
    """A kind's name in schema file names: 'partner plan' -> 'partner-plan'."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def schema_kinds() -> dict[str, type[BaseModel]]:
    """Kind of file -> model: one-per-file kinds by singular label, single files by stem."""
    kinds: dict[str, type[BaseModel]] = {}
    for _folder, (model, label) in ITEM_KINDS.items():
        kinds[kind_name(label)] = model
    for name, model in SINGLE_FILES.items():
        kind = kind_name(Path(name).stem)
        if kind in kinds:
            raise ValueError(f"the file {name} and a folder's items share the schema name {kind}")
        kinds[kind] = model
    return dict(sorted(kinds.items()))


def kind_of_file(file: Path, data_dir: Path) -> str | None:
    """The kind of a data file (its schema's name), or None if it is not a road-map file."""
    try:
        parts = file.relative_to(data_dir).parts
    except ValueError:
        return None
    if file.suffix not in (".yml", ".yaml"):
        return None
    if len(parts) == 1 and parts[0] in SINGLE_FILES:
        return kind_name(Path(parts[0]).stem)
    if len(parts) == 2 and parts[0] in ITEM_KINDS:
        return kind_name(ITEM_KINDS[parts[0]][1])
    return None


def _walk(node: Any) -> None:
    """Make the schema say what the model accepts, where pydantic's output differs."""
    if isinstance(node, list):
        for item in node:
            _walk(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _walk(value)
    # Periods are always keyed by pattern; the model refuses any other key.
    if "patternProperties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    # A period written as a bare year (by: 2012) is a number to a YAML 1.2 editor; the
    # model reads it as the text '2012', so the schema must accept the number too.
    if node.get("type") == "string" and node.get("pattern") == PERIOD:
        pattern = {"type": "string", "pattern": PERIOD}
        year = {"type": "integer", "minimum": 1000, "maximum": 9999}
        del node["type"], node["pattern"]
        node["anyOf"] = [pattern, year]
    # An optional period is 'one of (a period or a year) or nothing': flatten the nesting.
    if "anyOf" in node:
        flat: list[Any] = []
        for option in node["anyOf"]:
            flat.extend(option["anyOf"] if set(option) == {"anyOf"} else [option])
        node["anyOf"] = flat


def _describe_refs(schema: dict[str, Any]) -> None:
    """Give every field that is a block of fields its description, where editors show it.

    In draft 7 a keyword beside ``$ref`` is ignored, so the reference is wrapped in
    ``allOf``; pydantic leaves the description out when it repeats the block's own.
    """
    defs = schema.get("$defs", {})
    for block in [schema, *defs.values()]:
        for name, node in block.get("properties", {}).items():
            if "$ref" not in node:
                continue
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            wrapped = {k: v for k, v in node.items() if k != "$ref"}
            wrapped["allOf"] = [{"$ref": node["$ref"]}]
            wrapped.setdefault("description", target.get("description", ""))
            wrapped.setdefault("title", name.replace("_", " ").title())
            block["properties"][name] = wrapped


def model_schema(kind: str, model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema for one kind of file."""
    schema = model.model_json_schema(mode="validation")
    _walk(schema)
    _describe_refs(schema)
    schema["$schema"] = DIALECT
    schema["title"] = f"Golden Thread road map: {kind} file"
    return schema


def schema_text(kind: str, model: type[BaseModel]) -> str:
    """The schema as it is written to disk: sorted keys, two-space indent, final newline."""
    return json.dumps(model_schema(kind, model), indent=2, sort_keys=True,
                      ensure_ascii=False) + "\n"


def expected_schemas() -> dict[str, str]:
    """File name -> text of every schema that ``goldenthread schema`` writes."""
    return {f"{kind}{SUFFIX}": schema_text(kind, model)
            for kind, model in schema_kinds().items()}


def write_schemas(schema_dir: Path) -> list[Path]:
    """Write every schema into ``schema_dir``; return the files whose content changed.

    Schemas of kinds that no longer exist are deleted (and listed).
    """
    schema_dir.mkdir(parents=True, exist_ok=True)
    changed: list[Path] = []
    expected = expected_schemas()
    for name, text in expected.items():
        target = schema_dir / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
            changed.append(target)
    for old in sorted(schema_dir.glob(f"*{SUFFIX}")):
        if old.name not in expected:
            old.unlink()
            changed.append(old)
    return changed


def stale_schemas(schema_dir: Path) -> list[Problem]:
    """A problem for each schema that is missing, out of date or left over."""
    problems: list[Problem] = []
    expected = expected_schemas()
    shown = shown_path(schema_dir)
    for name, text in expected.items():
        target = schema_dir / name
        if not target.is_file():
            problems.append(Problem(Location(f"{shown}/{name}"),
                                    "this schema is missing: run 'goldenthread schema' to "
                                    "write it, and commit it", "schema-stale"))
        elif target.read_text(encoding="utf-8") != text:
            problems.append(Problem(Location(f"{shown}/{name}"),
                                    "this schema is out of date with the models: run "
                                    "'goldenthread schema' and commit the result",
                                    "schema-stale"))
    if schema_dir.is_dir():
        for old in sorted(schema_dir.glob(f"*{SUFFIX}")):
            if old.name not in expected:
                problems.append(Problem(Location(f"{shown}/{old.name}"),
                                        "no kind of file uses this schema any more: run "
                                        "'goldenthread schema' to delete it", "schema-stale"))
    return problems


def shown_path(path: Path) -> str:
    """A path as shown in messages, never absolute: relative to the working folder, with
    '../' to reach one outside it, so that it opens from where the command runs."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return path.as_posix()


def data_files(data_dir: Path) -> list[tuple[Path, str]]:
    """Every road-map data file in ``data_dir`` with its kind, in sorted order."""
    found: list[tuple[Path, str]] = []
    for file in sorted(data_dir.rglob("*")):
        # A link is never written through (the reader refuses it: [symlink]).
        if file.is_file() and not any(p.is_symlink() for p in (file, *file.parents)
                                      if data_dir in p.parents or p == file):
            kind = kind_of_file(file, data_dir)
            if kind is not None:
                found.append((file, kind))
    return found


def schema_line(file: Path, kind: str, schema_dir: Path) -> str:
    """The first line a data file should have (without its line ending)."""
    target = os.path.relpath(schema_dir.resolve() / f"{kind}{SUFFIX}", file.resolve().parent)
    return SCHEMA_LINE + Path(target).as_posix()


def stamped(content: bytes, line: str) -> bytes:
    """``content`` with ``line`` as its first line: added, or put in place of an older one.

    Every other byte is kept as it was (a byte-order mark stays first; a file written
    with Windows line endings gets one on the new line too).
    """
    bom = _BOM if content.startswith(_BOM) else b""
    body = content[len(bom):]
    first, sep, rest = body.partition(b"\n")
    if first.startswith(_MODELINE):
        cr = b"\r" if first.endswith(b"\r") else b""
        return bom + line.encode("utf-8") + cr + sep + rest
    newline = b"\r\n" if first.endswith(b"\r") else b"\n"
    return bom + line.encode("utf-8") + newline + body


def stamp_data(data_dir: Path, schema_dir: Path) -> list[Path]:
    """Give every data file in ``data_dir`` its schema line; return the files changed."""
    changed: list[Path] = []
    for file, kind in data_files(data_dir):
        content = file.read_bytes()
        new = stamped(content, schema_line(file, kind, schema_dir))
        if new != content:
            file.write_bytes(new)
            changed.append(file)
    return changed


def missing_schema_lines(data_dir: Path, schema_dir: Path) -> list[Problem]:
    """A problem for each data file whose first line does not name its schema."""
    problems: list[Problem] = []
    for file, kind in data_files(data_dir):
        want = schema_line(file, kind, schema_dir)
        first = file.read_bytes().removeprefix(_BOM).split(b"\n", 1)[0].rstrip(b"\r")
        text = first.decode("utf-8", errors="replace")
        if text == want:
            continue
        if text.startswith(SCHEMA_LINE):
            message = (f"the first line names the wrong schema; it should be '{want}' "
                       "(run 'goldenthread schema' to correct it)")
        else:
            message = (f"the first line should be '{want}', so that the editor checks this "
                       f"{kind} file as you type (run 'goldenthread schema' to add it)")
        problems.append(Problem(Location(shown_path(file)), message, "schema-line"))
    return problems


def as_json(value: Any) -> Any:
    """Loaded YAML as the editor sees it: dates as 'YYYY-MM-DD' text, numbers as numbers."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"no JSON form for {value!r}")
