"""Shared helpers for generated test data: reading model annotations, reading and writing
YAML the way the strict loader expects it."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel


def unwrap(annotation: Any, meta: list[Any]) -> tuple[Any, list[Any]]:
    """The type inside ``Annotated[...]`` layers, and their metadata added to ``meta``."""
    while typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        annotation, meta = args[0], meta + list(args[1:])
    return annotation, meta


def union_member(value: Any, annotation: Any) -> Any | None:
    """The member of a union annotation that ``value`` (text, a block or a list) fits."""
    for arg in typing.get_args(annotation):
        inner, _ = unwrap(arg, [])
        if (isinstance(value, str) and inner is str) or (
                isinstance(value, dict) and is_model(inner)) or (
                isinstance(value, list) and typing.get_origin(inner) is list):
            return arg
    return None


def pattern_of(meta: list[Any]) -> str | None:
    """The regular expression a text type must match, if any (None for free text)."""
    return next((m.pattern for m in meta if getattr(m, "pattern", None)), None)


def is_model(kind: Any) -> bool:
    """True for a pydantic model class."""
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def values_of(data: Any, key: str) -> list[str]:
    """Every text value of ``key`` anywhere in loaded YAML."""
    if isinstance(data, dict):
        found = [data[key]] if isinstance(data.get(key), str) else []
        return found + [v for child in data.values() for v in values_of(child, key)]
    if isinstance(data, list):
        return [v for child in data for v in values_of(child, key)]
    return []


def for_validation(value: Any) -> Any:
    """YAML text keys such as 2012 become strings, as the strict loader keeps them."""
    if isinstance(value, dict):
        return {str(k) if isinstance(k, int) else k: for_validation(v) for k, v in value.items()}
    if isinstance(value, list):
        return [for_validation(v) for v in value]
    return value


def read_yaml(path: Path) -> tuple[str, Any]:
    """(the file's first line if it is a comment, e.g. the schema line; its data)."""
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True)[:1] if line.startswith("#"))
    return header, yaml.safe_load(text)


class NoAliases(yaml.SafeDumper):
    """Writes repeated values out in full: the strict loader refuses anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_yaml(path: Path, header: str, data: Any) -> None:
    """Write ``data`` as YAML after ``header``, with no anchors or aliases."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump(for_validation(data), Dumper=NoAliases, sort_keys=False,
                     allow_unicode=True, width=1000)
    path.write_text(header + body, encoding="utf-8")


def strings_of(value: Any) -> Iterator[str]:
    """Every string value inside ``value`` (a file's YAML), keys left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)
