"""Turn loaded YAML into model objects, and pydantic's errors into plain-English problems."""

from __future__ import annotations

import difflib
import functools
import os
import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from goldenthread.problems import CODES, Location, Problem
from goldenthread.read.loader import INVALID, LoadedFile, YFloat, YInt

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


def _missing(error: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> Described:
    name = _field_name(loc)
    owner = _model_at(model, loc[:-1])
    field = owner.model_fields.get(loc[-1]) if owner else None
    about = f" ({field.description})" if field and field.description else ""
    return f"'{name}' is missing: add a line '{name}: …'{about}", "missing-field"


def _unknown_field(error: dict[str, Any], model: type[BaseModel],
                   loc: tuple[Any, ...]) -> Described:
    owner = _model_at(model, loc[:-1])
    hint = suggest(str(loc[-1]), owner.model_fields) if owner else ""
    if not hint and owner:
        hint = " — the fields here are: " + ", ".join(owner.model_fields)
    return f"'{loc[-1]}' is not a field the road map knows{hint}", "unknown-key"


def _not_finite(error: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> Described:
    return (f"'{_field_name(loc)}' must be a real number, not {_show(error.get('input'))}; "
            "give the value, or leave the period out if there is no figure"), "not-finite"


def _bad_choice(error: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> Described:
    name, value = _field_name(loc), error.get("input")
    expected = re.findall(r"'([^']*)'", (error.get("ctx") or {}).get("expected", ""))
    choices = ", ".join(expected)
    if isinstance(value, list | dict):
        # e.g. 'visibility: [internal]': a list where one word was meant
        words = [str(v) for v in value] if isinstance(value, list) else []
        fix = (f": write it without brackets, as '{words[0].lower()}'"
               if len(words) == 1 and words[0].lower() in expected else "")
        return f"'{name}' must be one of: {choices} (not {_show(value)}){fix}", "bad-choice"
    hint = suggest(_show(value), expected) or suggest(_show(value).lower(), expected)
    return f"'{name}' must be one of: {choices} (not '{_show(value)}'){hint}", "bad-choice"


def _pattern_mismatch(error: dict[str, Any], model: type[BaseModel],
                      loc: tuple[Any, ...]) -> Described:
    name, value = _field_name(loc), error.get("input")
    pattern = (error.get("ctx") or {}).get("pattern", "")
    if "Q[1-4]$" in pattern and "?" not in pattern:
        return (f"'{name}' must be a date (YYYY-MM-DD) or a quarter such as '2012-Q3'",
                "bad-date")
    if "Q[1-4])?" in pattern:
        return f"'{_show(value)}' is not a period: use {PERIOD_HINT}", "invalid-value"
    if "/" in pattern:
        return (f"'{_show(value)}' should be written 'plan-id/priority-id', e.g. "
                "'health-and-wellbeing-plan/stay-well'"), "bad-id"
    return (f"'{_show(value)}' is not a valid id: use lowercase letters, digits and "
            "hyphens, like 'help-at-home'"), "bad-id"


def _not_text(error: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> Described:
    name, value = _field_name(loc), error.get("input")
    if _expects_period(model, loc):
        # A date, a number or true where a period is wanted: say a period is needed at
        # once, rather than "add quotes" and then "not a period".
        return (f"'{name}' should be a period, not the {_kind_of(value)} {_show(value)}: "
                f"use {PERIOD_HINT}"), "invalid-value"
    return (f"'{name}' should be text; {_show(value)} is read as a "
            f"{_kind_of(value)} — put it in quotes: \"{_show(value)}\""), "wrong-type"


def _not_a_number(error: dict[str, Any], model: type[BaseModel],
                  loc: tuple[Any, ...]) -> Described:
    wanted = "a whole number" if error["type"].startswith("int") else "a number"
    return (f"'{_field_name(loc)}' should be {wanted}, without quotes or units "
            f"(found '{_show(error.get('input'))}')"), "wrong-type"


def _not_a_key(error: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> Described:
    """A mapping key of the wrong type, such as a date under 'series:'."""
    field, key = _field_name(loc[:-1]), error.get("input")
    if _expects_period(model, loc[:-1], key=True):
        return (f"'{_show(key)}' under '{field}' is not a period: use {PERIOD_HINT}",
                "invalid-value")
    return (f"'{_show(key)}' under '{field}' should be text — put it in quotes: "
            f"\"{_show(key)}\""), "wrong-type"


def _simple(template: str, code: str) -> Describer:
    def describe(error: dict[str, Any], model: type[BaseModel],
                 loc: tuple[Any, ...]) -> Described:
        return template.format(name=_field_name(loc), found=_show(error.get("input")),
                               msg=str(error.get("msg", "")).lower()), code
    return describe


def _model_rule(error: dict[str, Any], model: type[BaseModel],
                loc: tuple[Any, ...]) -> Described:
    # A model's own rule may name its code: ValueError("[no-consent] a public story ...").
    text = str((error.get("ctx") or {}).get("error", error["msg"]))
    named = re.fullmatch(r"\[([a-z-]+)\] (.*)", text, re.S)
    if named and named.group(1) in CODES:
        return named.group(2), named.group(1)
    return text, "invalid-value"


Described = tuple[str, str]
Describer = typing.Callable[[dict[str, Any], type[BaseModel], tuple[Any, ...]], Described]

#: pydantic error type -> how to say it to a communications officer.
DESCRIBERS: dict[str, Describer] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "finite_number": _not_finite,
    "literal_error": _bad_choice,
    "string_pattern_mismatch": _pattern_mismatch,
    "string_type": _not_text,
    "str_type": _not_text,
    **dict.fromkeys(("float_type", "int_type", "int_from_float", "float_parsing",
                     "int_parsing"), _not_a_number),
    **dict.fromkeys(("bool_type", "bool_parsing"),
                    _simple("'{name}' should be true or false (found '{found}')",
                            "wrong-type")),
    **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing"),
                    _simple("'{name}' should be a date written YYYY-MM-DD (found '{found}')",
                            "bad-date")),
    **dict.fromkeys(("list_type", "tuple_type"),
                    _simple("'{name}' should be a list, each entry on its own line starting "
                            "with '- ' (found {found})", "wrong-shape")),
    **dict.fromkeys(("dict_type", "model_type", "model_attributes_type"),
                    _simple("'{name}' should be a block of 'field: value' lines (found "
                            "{found})", "wrong-shape")),
    "too_short": _simple("'{name}' needs at least one entry", "wrong-shape"),
    "string_too_short": _simple("'{name}' is empty: write the text, or remove the line",
                                "missing-field"),
    **dict.fromkeys(("greater_than_equal", "less_than_equal", "greater_than", "less_than",
                     "string_too_long"), _simple("'{name}': {msg}", "invalid-value")),
    "value_error": _model_rule,
}


def _describe(error: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...],
              is_key: bool = False) -> Described:
    """(message, code) for one pydantic error, written for a communications officer."""
    if is_key:
        return _not_a_key(error, model, loc)
    describer = DESCRIBERS.get(error["type"])
    if describer is None:
        # Never pydantic's own wording: say what is wrong in general terms.
        return (f"'{_field_name(loc)}' has a value the road map cannot use "
                f"('{_show(error.get('input'))}'); see the field's description in the "
                "editor or the data reference"), "invalid-value"
    return describer(error, model, loc)


def _expects_period(model: type[BaseModel], loc: tuple[Any, ...], key: bool = False) -> bool:
    """True when the field at ``loc`` (or, with ``key``, its mapping keys) is a period."""
    owner = _model_at(model, loc[:-1]) if loc else None
    field = owner.model_fields.get(loc[-1]) if owner and isinstance(loc[-1], str) else None
    if field is None:
        return False
    if key:
        args = typing.get_args(field.annotation)
        metadata = typing.get_args(args[0])[1:] if args else ()
    else:
        metadata = field.metadata
    return any("Q[1-4])?" in str(getattr(m, "pattern", "") or "") for m in metadata)


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
            is_key = "[key]" in error["loc"]
            loc = _real_keys(loaded.data, tuple(p for p in error["loc"]
                                                if not _is_internal_loc(p)))
            if loc != tuple(error["loc"]):
                if loc in union_locs:
                    continue
                union_locs.add(loc)
            if (_touches_invalid(error.get("input"))
                    or _touches_invalid(_value_at(loaded.data, loc))):
                continue
            message, code = _describe(error, model, loc, is_key)
            where = loaded.where(loc, prefer_key=is_key or error["type"] == "extra_forbidden")
            if (where, message) in reported:
                continue
            reported.add((where, message))
            problems.append(Problem(where, f"{label}: {message}", code))
    return None


def _real_keys(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` with each mapping key as it was read: pydantic names a key that is not
    text (a date, a number) by its ``repr``, which no location or message should show."""
    real: list[Any] = []
    for part in loc:
        if isinstance(data, dict) and part not in data:
            part = next((k for k in data if repr(k) == part or str(k) == part), part)
        real.append(part)
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            data = None
    return tuple(real)


def _is_internal_loc(part: Any) -> bool:
    """Pydantic adds union-member names ('date', 'str', '[key]') to error locations."""
    return isinstance(part, str) and (
        part in ("date", "str", "float", "int", "function-after[_key_text(), str]")
        or part.startswith(("function-", "constrained-str", "[key]"))
    )


def display_path(file: Path, data_dir: Path) -> str:
    """The path shown in messages, so that an editor can open it from where the command
    runs: relative to the current folder when the file is inside it; otherwise (a data
    folder elsewhere, a past revision unpacked for the history) relative to the data
    folder's parent, e.g. 'roadmap_data/goals/x.yml'."""
    try:
        cwd = os.getcwd()
    except OSError:  # the current folder is gone
        cwd = None
    return _display_path(str(file), str(data_dir), cwd)


@functools.lru_cache(maxsize=65536)  # each file of the data folder, read after read
def _display_path(file_name: str, data_dir_name: str, cwd: str | None) -> str:
    file, data_dir = Path(file_name), Path(data_dir_name)
    try:
        if cwd is None:
            raise ValueError
        return Path(os.path.join(cwd, file)).relative_to(cwd).as_posix()
    except (ValueError, OSError):
        pass
    try:
        return file.relative_to(data_dir.parent).as_posix()
    except ValueError:
        return file.as_posix()
