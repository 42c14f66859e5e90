"""The data-format reference, generated: every field of every file, and every problem code.

Built from the same JSON Schemas the editor uses (themselves generated from the
models) and from :data:`goldenthread.problems.CODES`, so the reference cannot fall
behind: a field added to a model appears here on the next build, and a test fails
if any field has no description.  Rendered through our own Jinja environment with
autoescaping; nothing an editor typed is involved.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2

from goldenthread.editor.schema import kind_name, model_schema
from goldenthread.problems import CODES
from goldenthread.read.field_types import PERIOD, QUARTER, SLUG
from goldenthread.read.kinds import ITEM_KINDS, SINGLE_FILES
from goldenthread.render.contexts import (
    ReferenceCodesContext,
    ReferenceDataContext,
    ReferenceMacrosContext,
    TemplateContext,
)
from goldenthread.render.pages import scroll_regions

_PLAN_REF = r"^[a-z0-9-]+/[a-z0-9-]+$"


@dataclass(frozen=True)
class FieldDoc:
    """One field: its name, whether it must be given, what to write and what is accepted."""

    name: str
    required: bool
    description: str
    accepts: str
    default: str | None


@dataclass(frozen=True)
class BlockDoc:
    """A kind of file, or a block used inside one, with its fields."""

    anchor: str
    title: str
    where: str
    summary: str
    fields: tuple[FieldDoc, ...]


def _accepts(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """What a field accepts, in plain words."""
    if len(node.get("allOf", ())) == 1:
        node = node["allOf"][0]
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"a block of fields ({_block_title(name)}, below)"
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"])
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        if len(options) == 2 and {o.get("type") for o in options} == {"string", "integer"} \
                and any(o.get("pattern") == PERIOD for o in options):
            options = [o for o in options if o.get("type") == "string"]
        words = [_accepts(o, defs) for o in options]
        return " or ".join(dict.fromkeys(words))
    kind = node.get("type")
    if kind == "array":
        return "a list of " + _plural(_accepts(node.get("items", {}), defs))
    if kind == "object" and "patternProperties" in node:
        return "one line per period, 'period: number' (e.g. '2011-12: 21.5')"
    if kind == "boolean":
        return "true or false"
    if kind == "integer":
        return "a whole number"
    if kind == "number":
        return "a number"
    pattern = node.get("pattern")
    if node.get("format") == "date":
        return "a date (YYYY-MM-DD)"
    if pattern == SLUG:
        return "an id (lowercase letters, digits and hyphens)"
    if pattern == PERIOD:
        return "a period: '2011-12', '2012' or '2012-Q3'"
    if pattern == QUARTER:
        return "a quarter, e.g. '2013-Q1'"
    if pattern == _PLAN_REF:
        return "'plan-id/priority-id'"
    return "text"


def _plural(words: str) -> str:
    replacements = {"a block of fields": "blocks of fields", "an id ": "ids ", "a date ": "dates ",
                    "a number": "numbers", "text": "lines of text"}
    for single, plural in replacements.items():
        if words.startswith(single):
            return plural + words[len(single):]
    return words


def _block_title(def_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", def_name).lower().capitalize()


def _fields(schema: dict[str, Any], defs: dict[str, Any]) -> tuple[FieldDoc, ...]:
    required = set(schema.get("required", []))
    docs = []
    for name, node in schema.get("properties", {}).items():
        default = node.get("default")
        shown = None if default in (None, [], {}) else json.dumps(default)
        docs.append(FieldDoc(name, name in required, node.get("description", ""),
                             _accepts(node, defs), shown))
    return tuple(docs)


def _kind_files() -> list[tuple[str, str, str, type]]:
    """(kind, title, where the files live, model) for every kind of file, single files first."""
    kinds = [(kind_name(name.rsplit(".", 1)[0]), name, f"roadmap_data/{name}", model)
             for name, model in SINGLE_FILES.items()]
    kinds += [(kind_name(label), f"{folder.replace('-', ' ').capitalize()} (one file per "
               f"{label})", f"roadmap_data/{folder}/<id>.yml", model)
              for folder, (model, label) in ITEM_KINDS.items()]
    return kinds


@lru_cache(maxsize=1)
def data_reference_blocks() -> tuple[BlockDoc, ...]:
    """Every kind of file, then every block used inside files, each with its fields."""
    blocks: list[BlockDoc] = []
    nested: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for kind, title, where, model in _kind_files():
        schema = model_schema(kind, model)
        defs = schema.get("$defs", {})
        blocks.append(BlockDoc(f"file-{kind}", title, where, schema.get("description", ""),
                               _fields(schema, defs)))
        for def_name, def_schema in defs.items():
            nested.setdefault(def_name, (def_schema, []))[1].append(where)
    for def_name, (def_schema, used_in) in sorted(nested.items()):
        blocks.append(BlockDoc(f"block-{kind_name(_block_title(def_name))}",
                               f"{_block_title(def_name)} (a block inside a file)",
                               "inside " + ", ".join(sorted(set(used_in))),
                               def_schema.get("description", ""),
                               _fields(def_schema, def_schema.get("$defs", {}))))
    return tuple(blocks)


def problem_code_rows() -> list[tuple[str, str, str]]:
    """(code, severity, what it means) for every problem code, in the list's own order."""
    return [(code, severity, text) for code, (severity, text) in CODES.items()]


def macro_rows(macros: dict[str, Callable[..., Any]], module: str) -> list[tuple[str, str]]:
    """(how to call it, its documentation) for each macro defined in ``module``."""
    rows = []
    for name, function in sorted(macros.items()):
        if getattr(function, "__module__", None) != module:
            continue
        signature = str(inspect.signature(function)).split(" ->")[0]
        rows.append((f"{name}{signature}", inspect.getdoc(function) or ""))
    return rows


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("goldenthread.render", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def _render(context: TemplateContext) -> str:
    html = _environment().get_template(context.template).render(**context.values())
    # One raw HTML block, with no blank line, so Markdown leaves it alone.
    return scroll_regions(re.sub(r"\n\s*", "\n", html).strip())  # wide tables scroll alone


def render_data_reference() -> str:
    """HTML: a table of fields for every kind of file and every block inside files."""
    return _render(ReferenceDataContext(blocks=data_reference_blocks()))


def render_problem_codes() -> str:
    """HTML: every problem code with its severity and meaning."""
    return _render(ReferenceCodesContext(rows=problem_code_rows()))


def render_macro_reference(macros: dict[str, Callable[..., Any]], module: str) -> str:
    """HTML: every macro defined in ``module``, with its docstring."""
    return _render(ReferenceMacrosContext(rows=macro_rows(macros, module)))
