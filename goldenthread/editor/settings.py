"""VS Code's settings for the road map: which schema checks which folder of data.

Every data file already names its schema on its first line; ``yaml.schemas`` in
``.vscode/settings.json`` maps the folders too, so a file that has lost that line
(or a new file not yet saved through ``goldenthread new``) is still checked.  Only the
``yaml.schemas`` key is written: any other setting in the file is kept.
"""

from __future__ import annotations

import json
from pathlib import Path

from goldenthread.editor.schema import SUFFIX, kind_name
from goldenthread.problems import Location, Problem
from goldenthread.read.kinds import ITEM_KINDS, SINGLE_FILES

#: The folders editors open, relative to the repository: the data and the test fixtures.
DATA_GLOBS = ("roadmap_data", "tests/fixtures/*")


def yaml_schemas(schema_dir: str = "schema") -> dict[str, list[str]]:
    """The ``yaml.schemas`` setting: './schema/<kind>.schema.json' -> file patterns."""
    mapping: dict[str, list[str]] = {}
    for folder, (_model, label) in ITEM_KINDS.items():
        mapping.setdefault(f"./{schema_dir}/{kind_name(label)}{SUFFIX}", []).extend(
            f"{base}/{folder}/*.yml" for base in DATA_GLOBS)
    for name in SINGLE_FILES:
        mapping.setdefault(f"./{schema_dir}/{kind_name(Path(name).stem)}{SUFFIX}", []).extend(
            f"{base}/{name}" for base in DATA_GLOBS)
    return dict(sorted(mapping.items()))


def _settings_text(current: dict) -> str:
    settings = dict(current)
    settings["yaml.schemas"] = yaml_schemas()
    return json.dumps(settings, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def write_vscode_settings(root: Path) -> list[Path]:
    """Write ``yaml.schemas`` into ``root/.vscode/settings.json``; return it if it changed."""
    path = root / ".vscode" / "settings.json"
    text = _settings_text(_read(path))
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return []
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return [path]


def stale_vscode_settings(root: Path, shown: str = ".vscode/settings.json") -> list[Problem]:
    """A problem when ``yaml.schemas`` in the VS Code settings is missing or out of date."""
    path = root / ".vscode" / "settings.json"
    if path.is_file() and _read(path).get("yaml.schemas") == yaml_schemas():
        return []
    return [Problem(Location(shown), "the editor's map of schemas to folders (yaml.schemas) is "
                    "out of date: run 'goldenthread schema' and commit the result",
                    "schema-stale")]
