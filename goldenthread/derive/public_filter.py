"""The public allow-list, applied generically to the whole road map.

Every item kind and every sub-record that has a ``visibility`` field is filtered by
walking the model, not by listing kinds by hand: a kind or field added later is
covered without anyone remembering to add it here.  The rules:

* A record kept in a collection of the road map (a dict of items or a tuple of
  entries) is published only when it says ``visibility: public``.  A top-level record
  with no ``visibility`` field at all is never published: public is an allow-list.
* Inside a published record, any nested record that has a ``visibility`` field and
  does not say ``public`` is dropped from its list or dict, or set to nothing when it
  is a single optional field.
* ``Roadmap.sources`` (where each value was written, for check messages) keeps only
  the files of records still present, and loses the raw YAML data itself.

:func:`unfilterable_fields` lists model fields the walker could not drop safely (a
required single record that carries its own visibility); a test keeps it empty.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from goldenthread.derive.memo import IdentityMemo
from goldenthread.read.kinds import ITEMS, KINDS
from goldenthread.read.roadmap import Roadmap

PUBLIC = "public"


def is_public(record: object) -> bool:
    """True only when ``record`` says ``visibility: public`` (the allow-list test)."""
    return getattr(record, "visibility", None) == PUBLIC


def has_visibility(record: object) -> bool:
    """True when ``record`` is a model with a ``visibility`` field."""
    return isinstance(record, BaseModel) and "visibility" in type(record).model_fields


def _keep_nested(record: Any) -> bool:
    return not has_visibility(record) or is_public(record)


def _filter_value(value: Any) -> Any:
    """``value`` with every non-public nested record removed (records kept are filtered too)."""
    if isinstance(value, BaseModel):
        return _filter_record(value)
    if isinstance(value, dict):
        return {k: _filter_value(v) for k, v in value.items() if _keep_nested(v)}
    if isinstance(value, list | tuple):
        return type(value)(_filter_value(v) for v in value if _keep_nested(v))
    return value


def _filter_record(record: BaseModel) -> BaseModel:
    """A copy of a kept record whose non-public nested records are gone."""
    updates: dict[str, Any] = {}
    for name, field in type(record).model_fields.items():
        value = getattr(record, name)
        if isinstance(value, BaseModel) and has_visibility(value) and not is_public(value):
            if not field.is_required() and field.default is None:
                updates[name] = None
                continue
            raise TypeError(
                f"{type(record).__name__}.{name} holds a non-public record that cannot be "
                "removed: make the field optional or a list")
        filtered = _filter_value(value)
        if filtered is not value and filtered != value:
            updates[name] = filtered
    return record.model_copy(update=updates) if updates else record


#: Each record's filtered copy, remembered by the record (frozen) from one road map to the
#: next: a rebuild under ``mkdocs serve`` filters only the records of the edited files.
_filtered = IdentityMemo(_filter_record)


def _filter_collection(value: Any) -> Any:
    """A top-level field of the road map: collections keep only public records."""
    if isinstance(value, BaseModel):
        return _filtered(value)  # a single file such as roadmap.yml: always shown
    # Only a model has a visibility, so every entry kept here is a record.
    if isinstance(value, dict):
        return {k: _filtered(v) for k, v in value.items() if is_public(v)}
    if isinstance(value, list | tuple):
        return type(value)(_filtered(v) for v in value if is_public(v))
    return value


def _public_sources(sources: dict, kept: dict[str, Any]) -> dict:
    """Locations of the files still published, without their raw data or text (which
    hold the internal entries of single files): checks on the public road map still point at the
    right line, and nothing internal travels with it."""
    attributes = {kind.label: kind.attribute for kind in ITEMS}
    public = {}
    for (kind, item_id), loaded in sources.items():
        if kind == "file" or item_id in (kept.get(attributes.get(kind)) or {}):
            public[(kind, item_id)] = loaded.locations_only()
    return public


#: Road-map fields that are never published, whatever their entries say: blockages
#: (a blockage marked public is also an error, [public-blockage]) and named officers.
NEVER_PUBLIC: tuple[str, ...] = tuple(kind.attribute for kind in KINDS if kind.internal_only)


def public_only(roadmap: Roadmap) -> Roadmap:
    """The road map with only what is marked public, at every level; blockages and
    officers are dropped whole."""
    updates: dict[str, Any] = {}
    _filtered.new_run()
    for spec in dataclasses.fields(roadmap):
        if spec.name in NEVER_PUBLIC:
            updates[spec.name] = type(getattr(roadmap, spec.name))()
        elif spec.name != "sources":
            updates[spec.name] = _filter_collection(getattr(roadmap, spec.name))
    updates["sources"] = _public_sources(roadmap.sources, updates)
    return dataclasses.replace(roadmap, **updates)


def walk_records(value: Any) -> Iterator[BaseModel]:
    """Every model record inside ``value`` (a road map, record or collection), depth first."""
    if isinstance(value, Roadmap):
        for spec in dataclasses.fields(value):
            if spec.name != "sources":
                yield from walk_records(getattr(value, spec.name))
    elif isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from walk_records(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk_records(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk_records(item)


def _inner_types(annotation: Any) -> list[tuple[Any, bool]]:
    """(type, inside a container or optional) for every concrete type in ``annotation``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        optional = type(None) in args
        return [(t, inside or optional) for a in args for t, inside in _inner_types(a)]
    if origin in (list, tuple, dict, set, frozenset):
        return [(t, True) for a in typing.get_args(annotation) for t, _ in _inner_types(a)]
    return [(annotation, False)]


def model_classes(roots: list[type[BaseModel]]) -> list[type[BaseModel]]:
    """Every model class reachable from ``roots`` through field annotations, sorted by name."""
    seen: dict[str, type[BaseModel]] = {}
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model.__name__ in seen:
            continue
        seen[model.__name__] = model
        for field in model.model_fields.values():
            for kind, _ in _inner_types(field.annotation):
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    todo.append(kind)
    return [seen[name] for name in sorted(seen)]


def unfilterable_fields(roots: list[type[BaseModel]]) -> list[str]:
    """Fields holding a record with its own visibility that the filter could not remove."""
    found = []
    for model in model_classes(roots):
        for name, field in model.model_fields.items():
            for kind, contained in _inner_types(field.annotation):
                if (isinstance(kind, type) and issubclass(kind, BaseModel)
                        and "visibility" in kind.model_fields and not contained):
                    found.append(f"{model.__name__}.{name}")
    return found
