"""Read the check options of a MkDocs configuration without importing MkDocs.

``goldenthread check`` and the site build must agree, so the command reads
``extra.goldenthread`` from ``mkdocs.yml`` (escalation limits, how stale review
dates count, the contact allow-list...) just as the build does.  MkDocs' ``!ENV``
tag is honoured; ``INHERIT`` is followed.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from goldenthread.derive.escalation import EscalationSettingError, setting_limits

#: Keys of extra.goldenthread that say where and for whom to build, not how to check.
NOT_CHECK_OPTIONS = ("data", "audience", "today")
AUDIENCES = ("public", "internal")
STALE_CHOICES = ("error", "warning")


class ConfigError(ValueError):
    """A mistake in a MkDocs configuration file or its ``extra.goldenthread`` settings,
    said in one line with what to write instead (the command exits 2)."""


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader plus MkDocs' ``!ENV`` tag; other tags read as plain values."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)
        names, default = values[:-1] or values, values[-1] if len(values) > 1 else None
    for name in names:
        if name in os.environ:
            try:
                return yaml.safe_load(os.environ[name])
            except (yaml.YAMLError, ValueError):
                return os.environ[name]  # e.g. 2026-13-01: validated, and told, below
    return default


def _other_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _other_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _other_tag)


def _merge(base: dict, child: dict) -> dict:
    merged = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_config(path: Path) -> dict[str, Any]:
    """A MkDocs configuration as plain data, with ``INHERIT`` merged in.

    Raises :class:`ConfigError` for a missing file or text that is not YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"the configuration file '{path}' does not exist; give the path of "
                          "the site's MkDocs file, such as mkdocs.yml") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"the configuration file '{path}' cannot be read "
                          f"({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = yaml.load(text, Loader=_ConfigLoader) or {}
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{where}: this is not valid YAML ({problem}); fix the line, "
                          "keeping the indentation of the lines around it") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a MkDocs configuration is a list of 'name: value' lines")
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(read_config((path.parent / parent).resolve()), data)
    return data


def goldenthread_settings(config_file: Path) -> dict[str, Any]:
    """``extra.goldenthread`` of ``config_file``, checked (see :func:`validate_settings`)."""
    extra = (read_config(config_file).get("extra") or {}).get("goldenthread") or {}
    if not isinstance(extra, dict):
        raise ConfigError(f"{config_file}: extra.goldenthread should be a block of "
                          "'name: value' lines")
    validate_settings(extra, str(config_file))
    return extra


def validate_settings(extra: dict[str, Any], where: str) -> None:
    """Raise :class:`ConfigError` for the first wrong value in ``extra.goldenthread``."""
    audience = extra.get("audience", "public")
    if audience not in AUDIENCES:
        raise ConfigError(f"{where}: extra.goldenthread.audience must be 'public' or "
                          f"'internal', not '{audience}'")
    stale = extra.get("stale") or "error"
    if stale not in STALE_CHOICES:
        raise ConfigError(f"{where}: extra.goldenthread.stale must be 'error' (a passed "
                          "review date stops the public build) or 'warning' (it is listed "
                          f"only), not '{stale}'")
    today_of(extra, where)
    try:
        setting_limits(extra)
    except EscalationSettingError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def today_of(extra: dict[str, Any], where: str) -> date | None:
    """The date the checks treat as today: ``GOLDENTHREAD_TODAY`` from the environment,
    else the ``today`` setting; None when neither is set (the road map's ``as_at`` date,
    else the clock, then applies).  Read here, not through MkDocs' ``!ENV``, which would
    stop on an impossible date with a traceback."""
    today = os.environ.get("GOLDENTHREAD_TODAY") or extra.get("today")
    if today in (None, ""):
        return None
    if isinstance(today, date):
        return today
    try:
        return date.fromisoformat(str(today))
    except ValueError:
        raise ConfigError(f"{where}: 'today' (GOLDENTHREAD_TODAY) must be a real date written "
                          f"YYYY-MM-DD, such as 2026-03-01, not '{today}'; or leave it empty "
                          "to use the road map's own date") from None


def check_options(config_file: Path | None) -> dict[str, Any]:
    """The check options in ``extra.goldenthread`` of ``config_file`` ({} when absent)."""
    if config_file is None or not config_file.is_file():
        return {}
    extra = goldenthread_settings(config_file)
    return {k: v for k, v in extra.items() if k not in NOT_CHECK_OPTIONS}
