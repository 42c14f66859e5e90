"""``goldenthread new KIND [ID]``: a ready-to-fill file for a new goal, service, action...
or for one of the single files (roadmap.yml, glossary.yml, accountabilities.yml...).

The stub is written from the kind's JSON Schema (so a field added to a model appears
in new stubs at once): every field, each after a comment holding its plain-English
description.  Nothing a reader would see is guessed: text, titles, choices without a
default and numbers read ``TO DO`` (the check then says what to write: a number, or
one of the choices, which the note lists too), and links to other items read
``to-do-...``.  Placeholders are errors in the public build (``[placeholder]``), so no
stub value is published by mistake; new items also start ``visibility: internal``.

``goldenthread init`` (:mod:`.init`) writes a whole road map with ``fill=False``: the
same notes and ``TO DO`` text, but with the first choice and 0 where a choice or a number
is needed, and links between its own ``to-do-...`` items, so it builds for the intranet
at once.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from goldenthread.derive.vocabulary_lists import payers
from goldenthread.editor.schema import model_schema, schema_line
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.field_types import SLUG, is_id
from goldenthread.read.kinds import (
    BY_ATTRIBUTE,
    BY_LABEL,
    BY_PATH,
    FILES,
    ITEM_KINDS,
    ITEMS,
    KINDS,
    Kind,
)
from goldenthread.read.loader import load_file
from goldenthread.read.vocabulary import Vocabulary, resolve

TODO = "TO DO"
PLAN_PRIORITY = "plan priority"


def _references() -> dict[str, tuple[str, str]]:
    """Fields that link to other items, from the kinds table: field name -> (the folder
    of the items it names, the placeholder id a stub gives it)."""
    plans = BY_ATTRIBUTE["partner_plans"]
    found: dict[str, tuple[str, str]] = {}
    for kind in KINDS:
        for path, target in kind.references:
            if target == PLAN_PRIORITY:
                found[path[-1]] = (plans.path, "to-do-plan-id/to-do-priority-id")
            else:
                found[path[-1]] = (BY_LABEL[target].path, f"to-do-{BY_LABEL[target].name}-id")
    return found


#: Fields that link to other items: field name -> (what they name, the placeholder).
REFERENCES: dict[str, tuple[str, str]] = _references()
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()-]*$")
_KEYWORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
WIDTH = 92
#: The most ids a note lists as choices.
MAX_CHOICES = 12


class StubError(Exception):
    """A stub cannot be written; the message says why and what to do."""


def stub_kinds() -> dict[str, str]:
    """Kind name accepted by ``goldenthread new`` -> its folder (e.g. 'goal' -> 'goals')."""
    kinds = {re.sub(r"[^a-z0-9]+", "-", label): folder
             for folder, (_model, label) in ITEM_KINDS.items()}
    return dict(sorted(kinds.items()))


def file_kinds() -> dict[str, str]:
    """Single files ``goldenthread new`` writes -> their file name ('glossary' ->
    'glossary.yml')."""
    return dict(sorted((Path(kind.path).stem, kind.path) for kind in FILES))


def _yaml_text(value: str) -> str:
    if _PLAIN.match(value) and value.lower() not in _KEYWORDS and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH - len(indent) - 2, initial_indent=f"{indent}# ",
                         subsequent_indent=f"{indent}# ", break_on_hyphens=False)


def _links(name: str, node: dict[str, Any]) -> bool:
    """True when a field holds ids of other items (text, or a list of text)."""
    if name not in REFERENCES:
        return False
    items = node.get("items", node)
    return items.get("type") == "string" or "pattern" in items


class _Writer:
    """Turns a JSON Schema into commented YAML lines with placeholder values."""

    def __init__(self, schema: dict[str, Any], item_id: str, today: date,
                 choices: dict[str, list[str]], *, fill: bool = True,
                 links: dict[str, str] | None = None, internal_only: bool = False,
                 omit: frozenset[str] = frozenset(),
                 ids: dict[str, list[str]] | None = None):
        self.defs = schema.get("$defs", {})
        self.item_id = item_id
        self.today = today
        self.choices = choices
        #: True: choices and numbers read TO DO; False: valid as written (init).
        self.fill = fill
        #: Reference field -> the id to link to, in place of the to-do-... placeholder.
        self.links = links or {}
        self.internal_only = internal_only
        #: Fields left out (init --for: those the vocabulary does not use).
        self.omit = omit
        #: Field -> the ids it may take, from the vocabulary (init --for): the first is
        #: written, and the note lists them all.
        self.ids = ids or {}
        start = today.year if today.month >= 4 else today.year - 1
        # The last complete financial year, and the next one for targets.
        self.period = f"{start - 1}-{str(start)[2:]}"
        self.next_period = f"{start}-{str(start + 1)[2:]}"

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """The block a ``$ref`` (or a one-entry ``allOf`` of one) points at, else ``node``."""
        ref = node.get("$ref")
        if ref:
            return self.defs[ref.rsplit("/", 1)[-1]]
        if len(node.get("allOf", ())) == 1 and "$ref" in node["allOf"][0]:
            inner = self.resolve(node["allOf"][0])
            return {**inner, **{k: v for k, v in node.items() if k != "allOf"}}
        return node

    def block(self, schema: dict[str, Any], indent: str) -> list[str]:
        """The lines of an object's fields, each after its comment."""
        schema = self.resolve(schema)
        required = set(schema.get("required", []))
        lines: list[str] = []
        outer, self.linked = getattr(self, "linked", False), False
        for name, node in schema.get("properties", {}).items():
            if name in self.omit:
                continue
            lines.extend(self.field(name, node, name in required, indent))
        self.linked = outer
        return lines

    def field(self, name: str, node: dict[str, Any], required: bool, indent: str) -> list[str]:
        node = self.resolve(node)
        note = node.get("description", "")
        if not required and not node.get("minItems"):  # a list that needs entries is not optional
            note += " (Optional.)"
        folder = REFERENCES.get(name, ("", ""))[0]
        if _links(name, node) and self.choices.get(folder):
            ids = self.choices[folder]
            more = f", and {len(ids) - MAX_CHOICES} more in {folder}/" if len(
                ids) > MAX_CHOICES else ""
            note += " Choose from: " + ", ".join(ids[:MAX_CHOICES]) + more + "."
        if name == "visibility" and "public" in node.get("enum", []) and not self.internal_only:
            note += " New items start internal; change to public when ready to publish."
        if self.fill and self._unguessed_choice(node):
            note += " Choose one of: " + ", ".join(map(str, node["enum"])) + "."
        if self.ids.get(name):
            note += " Choose one of: " + ", ".join(self.ids[name]) + "."
        lines = _comment(note, indent)
        lines.extend(self.value(name, node, indent))
        return lines

    def value(self, name: str, node: dict[str, Any], indent: str) -> list[str]:
        options = [self.resolve(o) for o in node.get("anyOf", [])]
        if options:
            real = [o for o in options if o.get("type") != "null"]
            if len(real) < len(options):
                # In init, the first optional link of an entry names a starter item (an
                # accountability answers for exactly one goal, priority or action).
                if name in self.links and not self.linked and _links(name, real[0]):
                    self.linked = True
                    return [f"{indent}{name}: {self.links[name]}"]
                return [f"{indent}{name}:"]  # optional: left empty, which means none
            node = {**real[0], **{k: v for k, v in node.items() if k != "anyOf"}}
        kind = node.get("type")
        if name == "visibility":
            return [f"{indent}{name}: internal"]
        if name == "repository":  # a new road map's items start internal: see check.repository
            return [f"{indent}{name}: private"]
        if kind == "array":
            return self.array(name, node, indent)
        if kind == "object" and "patternProperties" in node:
            if not node.get("minProperties"):
                return [f"{indent}{name}: {{}}"]
            return [f"{indent}{name}:", f"{indent}  {self.period}: {self.number()}"]
        if kind == "object" or "properties" in node:
            return [f"{indent}{name}:", *self.block(node, indent + "  ")]
        return [f"{indent}{name}: {self.scalar(name, node)}"]

    def array(self, name: str, node: dict[str, Any], indent: str) -> list[str]:
        items = self.resolve(node.get("items", {}))
        if items.get("type") == "object" or "properties" in items:
            fields = self.block(items, indent + "    ")
            if not fields:
                return [f"{indent}{name}: []"]
            first = next(i for i, line in enumerate(fields) if not line.lstrip().startswith("#"))
            # The first field starts the list entry; its note sits at the entry's indent.
            fields[:first] = [f"{indent}  {line.lstrip()}" for line in fields[:first]]
            fields[first] = f"{indent}  - {fields[first].lstrip()}"
            if not self.fill and not node.get("minItems"):
                # In init an optional list starts empty, its entry shown as an example.
                example = [f"{indent}#{line[len(indent):]}" for line in fields]
                return [f"{indent}# For example (remove the # signs to use it):",
                        f"{indent}# {name}:", *example, f"{indent}{name}: []"]
            return [f"{indent}{name}:", *fields]
        if _links(name, node) or node.get("minItems", 0) > 0:
            return [f"{indent}{name}:", f"{indent}  - {self.scalar(name, items)}"]
        return [f"{indent}{name}: []"]

    def _unguessed_choice(self, node: dict[str, Any]) -> bool:
        node = self.resolve(node)
        return "enum" in node and node.get("default") in (None, [], {}) and len(node["enum"]) > 1

    def number(self, name: str = "") -> str:
        """A number nobody has given: TO DO (the check asks for a number).  In init, 1 (0
        is refused where a count, a duration or a sum of money must be more), but 0 for a
        total, since init leaves the lists it would add up empty."""
        if self.fill:
            return TODO
        return "0" if name.startswith("total") else "1"

    def scalar(self, name: str, node: dict[str, Any]) -> str:
        if "default" in node and node["default"] not in (None, [], {}):
            return json.dumps(node["default"])
        if "enum" in node:
            return TODO if self.fill and self._unguessed_choice(node) else _yaml_text(
                str(node["enum"][0]))
        kind = node.get("type")
        if kind == "boolean":
            return "false"
        if kind in ("integer", "number"):
            return self.number(name)
        if node.get("format") == "date":
            # Dates of things to come (due, next_update, review_by) get a date ahead.
            ahead = name == "due" or name.startswith(("next", "review"))
            days = 182 if ahead else 0
            return (self.today + timedelta(days=days)).isoformat()
        if _links(name, node):
            return self.links.get(name, REFERENCES[name][1])
        if self.ids.get(name):
            return TODO if self.fill else self.ids[name][0]
        if node.get("pattern") == SLUG:
            return "to-do"
        if "pattern" in node:
            return json.dumps(self.next_period if name == "by" else self.period)
        return TODO


def vocabulary_ids(vocabulary: Vocabulary, partners: Iterable[str] = ()
                   ) -> dict[str, dict[str, list[str]]]:
    """Stub kind -> field -> the ids the road map lets it take (a blockage's step, an
    accountability's level, a budget line's stage and payer), in the data's order."""
    return {"blockage": {"level": [step.id for step in vocabulary.escalation]},
            "accountabilities": {"level": [level.id for level in
                                           vocabulary.accountability_levels]},
            "budget": {"stage": [stage.id for stage in vocabulary.stages],
                       "partner": list(partners)}}


def _folder_ids(data_dir: Path, kind: str) -> dict[str, list[str]] | None:
    """:func:`vocabulary_ids` of ``kind`` for the road map in ``data_dir`` (plain words
    when its roadmap.yml cannot be read: its problems are the check's to report)."""
    roadmap = read_roadmap(data_dir, partial=True, remember=False)[0] if (
        data_dir / BY_ATTRIBUTE["info"].path).is_file() else None
    if roadmap is None:
        return vocabulary_ids(resolve(None)).get(kind)
    return vocabulary_ids(roadmap.vocabulary, payers(roadmap)).get(kind)


def existing_ids(data_dir: Path) -> dict[str, list[str]]:
    """Ids already in the data folder, by folder; plan priorities as 'plan/priority'."""
    found: dict[str, list[str]] = {}
    for kind in ITEMS:
        path = data_dir / kind.path
        if path.is_dir():
            found[kind.path] = sorted(f.stem for f in path.iterdir() if f.suffix == ".yml")
    plans = data_dir / BY_ATTRIBUTE["partner_plans"].path
    if plans.is_dir():
        refs = []
        for file in sorted(plans.glob("*.yml")):
            data = load_file(file, file.name, []).data
            entries = data.get("priorities") if isinstance(data, dict) else None
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    refs.append(f"{file.stem}/{entry['id']}")
        found[plans.name] = refs
    return found


def _kind_of(kind: str) -> Kind:
    """The kinds-table entry of a stub kind ('goal', 'partner-plan', 'glossary')."""
    if kind in file_kinds():
        return BY_PATH[file_kinds()[kind]]
    return BY_PATH[stub_kinds()[kind]]


def stub_text(kind: str, item_id: str, file: Path, schema_dir: Path, today: date,
              choices: dict[str, list[str]] | None = None, *, fill: bool = True,
              links: dict[str, str] | None = None, omit: frozenset[str] = frozenset(),
              vocabulary: str | None = None, ids: dict[str, list[str]] | None = None) -> str:
    """The text of a new ``kind`` file for ``item_id`` (for a single file, its name),
    written at ``file``.  ``fill=False`` writes values that are valid as written, and
    ``links`` gives the ids that reference fields name (see :mod:`.init`); ``omit`` names
    fields to leave out, ``vocabulary`` the words roadmap.yml starts with and ``ids`` the
    ids a field may take (a level, a stage)."""
    table = _kind_of(kind)
    schema = model_schema(kind, table.model)
    writer = _Writer(schema, item_id, today, choices or {}, fill=fill, links=links,
                     internal_only=table.internal_only, omit=omit, ids=ids)
    what = (f"The file {table.path}" if table.single_file
            else f"A new {table.label}, '{item_id}'")
    intro = (f"{what}. Each field follows a note (the lines starting with #) saying what "
             "to write. Replace every TO DO and every to-do-... id, then run 'goldenthread "
             "check': the public site is not built while one remains. Notes are never "
             "published.")
    head = [schema_line(file, kind, schema_dir), *_comment(intro, ""), ""]
    lines = writer.block(schema, "")
    if vocabulary is not None:
        lines = [f"vocabulary: {vocabulary}" if line.startswith("vocabulary: ") else line
                 for line in lines]
    return "\n".join(head + lines) + "\n"


def write_stub(kind: str, item_id: str | None, data_dir: Path, schema_dir: Path,
               today: date | None = None) -> Path:
    """Write the stub for a new item or single file; refuses a bad id, an unknown kind or
    an existing file."""
    kinds = stub_kinds()
    files = file_kinds()
    if kind not in kinds:
        folder_kinds = {folder: k for k, folder in kinds.items()}
        folder_kinds.update({name: k for k, name in files.items()})
        kind = folder_kinds.get(kind, kind)
    if kind in files:
        if item_id is not None:
            raise StubError(f"{files[kind]} is a single file, so it takes no id: run "
                            f"'goldenthread new {kind}'")
        file = data_dir / files[kind]
        if file.exists() or file.with_suffix(".yaml").exists():
            raise StubError(f"{file.as_posix()} already exists; edit that file instead")
        text = stub_text(kind, files[kind], file, schema_dir, today or date.today(),
                         existing_ids(data_dir) if data_dir.is_dir() else {},
                         ids=_folder_ids(data_dir, kind))
        data_dir.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8", newline="\n")
        return file
    if kind not in kinds:
        raise StubError(f"'{kind}' is not a kind of item or file; choose one of: "
                        f"{', '.join([*kinds, *files])}")
    if item_id is None:
        raise StubError(f"give the new {kind}'s id, e.g. 'goldenthread new {kind} "
                        "early-help' (it becomes the file name)")
    if not is_id(item_id):
        slug = re.sub(r"[^a-z0-9]+", "-", item_id.lower()).strip("-") or "my-item"
        raise StubError(f"'{item_id}' is not a valid id: use lowercase letters, digits and "
                        f"hyphens, like '{slug[:80]}'")
    folder = data_dir / kinds[kind]
    file = folder / f"{item_id}.yml"
    if file.exists() or file.with_suffix(".yaml").exists():
        raise StubError(f"{file.as_posix()} already exists; edit that file, or choose another "
                        "id")
    text = stub_text(kind, item_id, file, schema_dir, today or date.today(),
                     existing_ids(data_dir),
                     ids=_folder_ids(data_dir, kind))
    folder.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8", newline="\n")
    return file
