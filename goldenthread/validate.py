"""Turn loaded YAML into model objects, and pydantic's errors into plain-English problems."""

from __future__ import annotations

import difflib
import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .load import INVALID, LoadedFile, YFloat, YInt
from .problems import CODES, Location, Problem

PERIOD_HINT = "a period such as '2011-12' (a year range), '2012' (a year) or '2012-Q3' (a quarter)"


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """' — did you mean 'x'?' when a close match exists (difflib, cutoff 0.6), else ''."""
    match = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" — did you mean '{match[0]}'?" if match else ""


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated/list/dict annotations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the fields at ``loc`` (a pydantic error location)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) and isinstance(current, type) and issubclass(current, BaseModel):
            continue  # the list index of an entry: the field's list was already unwrapped
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            current = field.annotation
        candidates = _unwrap(current)
        current = candidates[0] if candidates else None
        origin = typing.get_origin(current)
        if origin in (list, dict) and isinstance(part, str | int):
            current = typing.get_args(current)[-1]
            candidates = _unwrap(current)
            current = candidates[0] if candidates else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else "this value"


def _show(value: Any) -> str:
    if isinstance(value, YInt | YFloat):
        return value.raw
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(error: dict[str, Any], model: type[BaseModel],
              loc: tuple[Any, ...]) -> tuple[str, str]:
    """(message, code) for one pydantic error, written for a communications officer."""
    kind = error["type"]
    name = _field_name(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        field = owner.model_fields.get(loc[-1]) if owner else None
        about = f" ({field.description})" if field and field.description else ""
        return f"'{name}' is missing: add a line '{name}: …'{about}", "missing-field"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        hint = suggest(str(loc[-1]), owner.model_fields) if owner else ""
        if not hint and owner:
            hint = " — the fields here are: " + ", ".join(owner.model_fields)
        return f"'{loc[-1]}' is not a field the road map knows{hint}", "unknown-key"
    if kind == "finite_number":
        return (f"'{name}' must be a real number, not {_show(value)}; give the value, or "
                "leave the period out if there is no figure"), "not-finite"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        choices = ", ".join(expected)
        if isinstance(value, list | dict):
            # e.g. 'visibility: [internal]': a list where one word was meant
            words = [str(v) for v in value] if isinstance(value, list) else []
            fix = (f": write it without brackets, as '{words[0].lower()}'"
                   if len(words) == 1 and words[0].lower() in expected else "")
            return (f"'{name}' must be one of: {choices} (not {_show(value)}){fix}",
                    "bad-choice")
        hint = suggest(_show(value), expected) or suggest(_show(value).lower(), expected)
        return f"'{name}' must be one of: {choices} (not '{_show(value)}'){hint}", "bad-choice"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "Q[1-4]$" in pattern and "?" not in pattern:
            return (f"'{name}' must be a date (YYYY-MM-DD) or a quarter such as '2012-Q3'",
                    "bad-date")
        if "Q[1-4])?" in pattern:
            return f"'{_show(value)}' is not a period: use {PERIOD_HINT}", "invalid-value"
        if "/" in pattern:
            return (f"'{_show(value)}' should be written 'plan-id/priority-id', e.g. "
                    "'children-and-young-people-plan/stay-safe'"), "bad-id"
        return (f"'{_show(value)}' is not a valid id: use lowercase letters, digits and "
                "hyphens, like 'early-help'"), "bad-id"
    if kind in ("string_type", "str_type"):
        return (f"'{name}' should be text; {_show(value)} is read as a "
                f"{_kind_of(value)} — put it in quotes: \"{_show(value)}\""), "wrong-type"
    if kind in ("float_type", "int_type", "int_from_float", "float_parsing", "int_parsing"):
        wanted = "a whole number" if kind.startswith("int") else "a number"
        return (f"'{name}' should be {wanted}, without quotes or units "
                f"(found '{_show(value)}')"), "wrong-type"
    if kind in ("bool_type", "bool_parsing"):
        return f"'{name}' should be true or false (found '{_show(value)}')", "wrong-type"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"'{name}' should be a date written YYYY-MM-DD (found '{_show(value)}')", "bad-date"
    if kind in ("list_type", "tuple_type"):
        return (f"'{name}' should be a list, each entry on its own line starting with '- ' "
                f"(found {_show(value)})"), "wrong-shape"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (f"'{name}' should be a block of 'field: value' lines "
                f"(found {_show(value)})"), "wrong-shape"
    if kind == "too_short":
        return f"'{name}' needs at least one entry", "wrong-shape"
    if kind == "string_too_short":
        return f"'{name}' is empty: write the text, or remove the line", "missing-field"
    if kind in ("greater_than_equal", "less_than_equal", "string_too_long"):
        return f"'{name}': {error['msg'].lower()}", "invalid-value"
    if kind == "value_error":
        # A model's own rule may name its code: ValueError("[no-consent] a public story ...").
        text = str(ctx.get("error", error["msg"]))
        named = re.fullmatch(r"\[([a-z-]+)\] (.*)", text, re.S)
        if named and named.group(1) in CODES:
            return named.group(2), named.group(1)
        return text, "invalid-value"
    return f"'{name}': {error['msg']}", "invalid-value"


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, date):
        return "date"
    return "number" if isinstance(value, int | float) else "value"


def _touches_invalid(value: Any) -> bool:
    if value is INVALID:
        return True
    if isinstance(value, dict):
        return any(_touches_invalid(v) for v in value.values())
    if isinstance(value, list):
        return any(_touches_invalid(v) for v in value)
    return False


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate(loaded: LoadedFile, model: type[BaseModel], label: str,
             problems: list[Problem]) -> BaseModel | None:
    """Validate one loaded file against ``model``; report every error with its location.

    Values the loader already reported (INVALID) are not reported a second time.
    ``label`` (e.g. "service 'early-help'") starts each message.
    """
    if loaded.data is INVALID:
        return None
    if not isinstance(loaded.data, dict):
        problems.append(Problem(
            loaded.where(()),
            f"{label}: the file should be a block of 'field: value' lines, not "
            f"{_show(loaded.data)}", "wrong-shape"))
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        reported: set[tuple[Location, str]] = set()
        union_locs: set[tuple[Any, ...]] = set()
        # For a value that may take several forms (a date or a quarter), pydantic reports
        # one error per form; the most specific one (a pattern) is put first and kept.
        errors = sorted(exc.errors(include_url=False),
                        key=lambda e: e["type"] not in ("string_pattern_mismatch", "literal_error"))
        for error in errors:
            loc = tuple(p for p in error["loc"] if not _is_internal_loc(p))
            if loc != tuple(error["loc"]):
                if loc in union_locs:
                    continue
                union_locs.add(loc)
            if (_touches_invalid(error.get("input"))
                    or _touches_invalid(_value_at(loaded.data, loc))):
                continue
            message, code = _describe(error, model, loc)
            where = loaded.where(loc, prefer_key=error["type"] == "extra_forbidden")
            if (where, message) in reported:
                continue
            reported.add((where, message))
            problems.append(Problem(where, f"{label}: {message}", code))
    return None


def _is_internal_loc(part: Any) -> bool:
    """Pydantic adds union-member names ('date', 'str', '[key]') to error locations."""
    return isinstance(part, str) and (
        part in ("date", "str", "float", "int", "function-after[_key_text(), str]")
        or part.startswith(("function-", "constrained-str", "[key]"))
    )


def display_path(file: Path, data_dir: Path) -> str:
    """The path shown in messages: relative to the data folder's parent."""
    try:
        return file.relative_to(data_dir.parent).as_posix()
    except ValueError:
        return file.as_posix()
