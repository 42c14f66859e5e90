"""Read the check options of a MkDocs configuration without importing MkDocs.

``goldenthread check`` and the site build must agree, so the command reads
``extra.goldenthread`` from ``mkdocs.yml`` (escalation limits, how stale review
dates count, the contact allow-list...) just as the build does.  MkDocs' ``!ENV``
tag is honoured; ``INHERIT`` is followed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

#: Keys of extra.goldenthread that say where and for whom to build, not how to check.
NOT_CHECK_OPTIONS = ("data", "audience", "today")


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
            return yaml.safe_load(os.environ[name])
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
    """A MkDocs configuration as plain data, with ``INHERIT`` merged in."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(read_config((path.parent / parent).resolve()), data)
    return data


def check_options(config_file: Path | None) -> dict[str, Any]:
    """The check options in ``extra.goldenthread`` of ``config_file`` ({} when absent)."""
    if config_file is None or not config_file.is_file():
        return {}
    extra = (read_config(config_file).get("extra") or {}).get("goldenthread") or {}
    return {k: v for k, v in extra.items() if k not in NOT_CHECK_OPTIONS}
