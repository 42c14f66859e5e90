"""Generate leak-test data: a canary token in every internal item and every internal field.

The generator walks the models (``model.ITEM_KINDS`` and ``model.SINGLE_FILES``), so a
kind or field added later gets canaries without anyone editing this file:

* every item kind gets an internal item: a twin of the base fixture's first item, or,
  for a kind the base lacks, one made from the model alone; its file name (the id) is a
  token;
* every list of records in a single file, and every list of records with a
  ``visibility`` field inside an item, gets an internal twin entry;
* every free-text field of an internal record gets its own token, and so does every
  optional free-text field the record may have (kept when the record still validates).

Which tokens must stay off the public site is then decided from the road map as read,
by :func:`classify` — the allow-list rule restated independently of the code under test.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.field_types import SLUG
from goldenthread.read.kinds import ITEM_KINDS, SINGLE_FILES

from .data_helpers import (
    for_validation,
    is_model,
    pattern_of,
    read_yaml,
    union_member,
    unwrap,
    values_of,
    write_yaml,
)

TOKEN_RE = re.compile(r"cnry[0-9]{4}x")
_PATTERN_VALUES = {r"^[0-9]{4}(?:-[0-9]{2}|-Q[1-4])?$": "2012", r"^[0-9]{4}-Q[1-4]$": "2013-Q1",
                   r"^[0-9]{4}-[0-9]{2}$": "2012-13"}


#: Fields a measure has only with some units (a rate's population, a score's range).
_UNIT_FIELDS = {"population": ("rate", "per-10000"), "per": ("rate",),
                "lowest": ("score",), "highest": ("score",)}


def _fits_unit(name: str, sample: dict | None) -> bool:
    """Whether an optional field may be filled, given the sample's unit (a percentage
    takes no population: the check refuses one)."""
    units = _UNIT_FIELDS.get(name)
    return units is None or (sample or {}).get("unit") in units


class Unsynthesisable(Exception):
    """The model has a required value the generator cannot make up (a new kind of reference)."""


class Planter:
    """Makes the tokens and the records that carry them."""

    def __init__(self, base: Path, when: date):
        self.base = base
        self.when = when
        self.count = 0
        self.public_ids = {folder: sorted(p.stem for p in (base / folder).glob("*.yml"))
                           for folder in ITEM_KINDS if (base / folder).is_dir()}
        self.kind_by_name = {}
        for folder, (_, label) in ITEM_KINDS.items():
            self.kind_by_name[folder] = folder
            self.kind_by_name[label] = folder
        self.planted_models: set[str] = set()
        # A made-up 'role' would match nothing, and a named officer is only shown beside a
        # role used elsewhere; so made-up records take a role the base already uses.
        self.roles = sorted({v for p in base.rglob("*.yml") for v in values_of(
            yaml.safe_load(p.read_text(encoding="utf-8")), "role")})
        # Ids that must be one of the road map's own lists (its vocabulary's steps, levels
        # and stages, its partners): a made-up record takes the first of each.
        roadmap = read_roadmap(base)[0]
        words = roadmap.vocabulary
        self.listed = {("Blockage", "level"): words.escalation[0].id,
                       ("Accountability", "level"): words.accountability_levels[0].id,
                       ("stage",): words.stages[0].id,
                       ("partner",): roadmap.info.partners[0].id if roadmap.info.partners
                       else None}

    def token(self) -> str:
        self.count += 1
        return f"cnry{self.count:04d}x"

    # -- values ---------------------------------------------------------------------
    def make(self, name: str, annotation: Any, meta: list[Any]) -> Any:
        """A valid value for a field, from its type alone (raises Unsynthesisable)."""
        annotation, meta = unwrap(annotation, meta)
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            first = next(a for a in typing.get_args(annotation) if a is not type(None))
            return self.make(name, first, meta)
        if origin is typing.Literal:
            return typing.get_args(annotation)[0]
        if origin is list:
            return [self.make(name, typing.get_args(annotation)[0], [])]
        if origin is dict:
            key, value = typing.get_args(annotation)
            return {self.make(name, key, []): self.make(name, value, [])}
        if is_model(annotation):
            return self.record(annotation, None, internal=True)
        if annotation is bool:
            return False
        if annotation is int:
            return 1
        if annotation is float:
            return 1.0
        if annotation is date:
            return self.when
        if annotation is str:
            pattern = pattern_of(meta)
            if pattern is None and name == "role" and self.roles:
                return self.roles[0]
            if pattern is None:
                return f"Planted text {self.token()}"
            if pattern == SLUG:
                if name == "id":
                    return self.token()
                folder = self.kind_by_name.get(name)
                if folder and self.public_ids.get(folder):
                    return self.public_ids[folder][0]
            if pattern in _PATTERN_VALUES:
                return _PATTERN_VALUES[pattern]
        raise Unsynthesisable(f"cannot make a value for '{name}' ({annotation!r})")

    def plant(self, name: str, value: Any, annotation: Any, meta: list[Any]) -> Any:
        """``value`` (from a sample) with a token in every free-text part."""
        annotation, meta = unwrap(annotation, meta)
        origin = typing.get_origin(annotation)
        if value is None:
            return None
        if origin in (typing.Union, types.UnionType):
            member = union_member(value, annotation)
            return value if member is None else self.plant(name, value, member, meta)
        if origin is list and isinstance(value, list):
            return [self.plant(name, v, typing.get_args(annotation)[0], []) for v in value]
        if is_model(annotation) and isinstance(value, dict):
            return self.record(annotation, value, internal=True)
        if annotation is str and isinstance(value, str):
            pattern = pattern_of(meta)
            if pattern is None:
                return f"{value} {self.token()}"
            if pattern == SLUG and name == "id":
                return self.token()
        return value

    # -- records --------------------------------------------------------------------
    def record(self, model: type[BaseModel], sample: dict | None, internal: bool,
               top: bool = False) -> dict:
        """A record of ``model``: canaried when ``internal``, else ``sample`` with internal
        twins added to its lists of records (``top``: all lists, as in a single file whose
        entries become the road map's own collections; else lists of records that have a
        ``visibility`` field)."""
        data: dict[str, Any] = {}
        optional_filled: list[str] = []
        for name, field in model.model_fields.items():
            given = sample is not None and name in sample
            if name == "visibility" and internal:
                data[name] = "internal"
            elif given and internal:
                data[name] = self.plant(name, sample[name], field.annotation, field.metadata)
            elif given:
                data[name] = self.public_value(sample[name], field.annotation, top)
            elif field.is_required():
                listed = self.listed.get((model.__name__, name), self.listed.get((name,)))
                data[name] = listed or self.make(name, field.annotation, field.metadata)
            elif internal and _fits_unit(name, sample) and self._worth_filling(
                    field.annotation):
                try:
                    data[name] = self.make(name, field.annotation, field.metadata)
                    optional_filled.append(name)
                except Unsynthesisable:
                    pass
        data = self._validated(model, data, optional_filled)
        if internal:
            self.planted_models.add(model.__name__)
        return data

    def public_value(self, value: Any, annotation: Any, top: bool) -> Any:
        """A public sample's value, with an internal twin added to each list of records."""
        annotation, _ = unwrap(annotation, [])
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            models = [a for a in typing.get_args(annotation) if is_model(unwrap(a, [])[0])]
            if models and isinstance(value, dict):
                return self.record(unwrap(models[0], [])[0], value, internal=False)
            return value
        if origin is list and isinstance(value, list):
            inner, _ = unwrap(typing.get_args(annotation)[0], [])
            if is_model(inner):
                kept = [self.record(inner, v, internal=False) for v in value]
                if not (top or "visibility" in inner.model_fields):
                    return kept
                twin = self.record(inner, value[0] if value else None, internal=True)
                return kept + [twin]
            return value
        if is_model(annotation) and isinstance(value, dict):
            return self.record(annotation, value, internal=False)
        return value

    def _worth_filling(self, annotation: Any) -> bool:
        """Optional fields that can hold text: free text, lists of it, records."""
        annotation, meta = unwrap(annotation, [])
        if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, dict):
            return any(self._worth_filling(a) for a in typing.get_args(annotation))
        return annotation is str or is_model(annotation)

    def _validated(self, model: type[BaseModel], data: dict, optional: list[str]) -> dict:
        """Drop optional fields until the record validates (a rule may forbid them)."""
        for _ in range(len(optional) + 1):
            try:
                model.model_validate(for_validation(data))
                return data
            except ValidationError as exc:
                bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]} & set(optional)
                bad = bad or set(optional[-1:])
                if not optional:
                    raise
                for name in bad:
                    data.pop(name, None)
                    optional.remove(name)
        model.model_validate(for_validation(data))
        return data


def generate(base: Path, out: Path) -> Planter:
    """Copy ``base`` to ``out`` and plant internal records and canaries, as described above."""
    shutil.copytree(base, out)
    info = yaml.safe_load((base / "roadmap.yml").read_text(encoding="utf-8"))
    planter = Planter(base, info["last_reviewed"])
    for folder, (model, _) in ITEM_KINDS.items():
        samples = sorted((base / folder).glob("*.yml")) if (base / folder).is_dir() else []
        for sample in samples:
            header, data = read_yaml(sample)
            write_yaml(out / folder / sample.name, header, planter.record(model, data, False))
        # A twin of a sample keeps its references and numbers (which other checks judge);
        # with no sample, the item is made from the model alone.
        header, data = read_yaml(samples[0]) if samples else ("", None)
        record = planter.record(model, copy.deepcopy(data), internal=True)
        write_yaml(out / folder / f"{planter.token()}.yml", header, record)
    for name, model in SINGLE_FILES.items():
        path = base / name
        header, data = read_yaml(path) if path.is_file() else ("", None)
        if data is None:
            record = planter.record(model, None, internal=True)
        else:
            record = planter.record(model, data, internal=False, top=True)
        write_yaml(out / name, header, record)
    return planter


def tokens_in(value: Any) -> set[str]:
    """Every token in a string, or in the strings of a list or dict (keys too)."""
    if isinstance(value, str):
        return set(TOKEN_RE.findall(value))
    if isinstance(value, dict):
        return set().union(*(tokens_in(k) | tokens_in(v) for k, v in value.items()), set())
    if isinstance(value, list | tuple):
        return set().union(*(tokens_in(v) for v in value), set())
    return set()


def classify(roadmap: Any) -> dict[str, bool]:
    """token -> may it be public?  The allow-list rule, restated for the test:

    a record in a collection of the road map is public only if it says ``public``; a
    nested record only if its parent is public and it does not say otherwise.
    """
    found: dict[str, bool] = {}

    def note(tokens: set[str], public: bool) -> None:
        for token in tokens:
            found[token] = found.get(token, False) or public

    def visit(record: BaseModel, public: bool) -> None:
        for name in type(record).model_fields:
            value = getattr(record, name)
            children = value if isinstance(value, list | tuple) else [value]
            if any(isinstance(c, BaseModel) for c in children):
                for child in children:
                    if isinstance(child, BaseModel):
                        says = getattr(child, "visibility", "public")
                        visit(child, public and says == "public")
            else:
                note(tokens_in(value), public)

    for spec in dataclasses.fields(roadmap):
        if spec.name in ("sources", "broken"):
            continue
        value = getattr(roadmap, spec.name)
        if isinstance(value, BaseModel):
            visit(value, True)
        elif isinstance(value, dict):
            for key, record in value.items():
                public = getattr(record, "visibility", None) == "public"
                note(tokens_in(key), public)
                visit(record, public)
        elif isinstance(value, list | tuple):
            for record in value:
                visit(record, getattr(record, "visibility", None) == "public")
    return found
