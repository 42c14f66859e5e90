"""The shape of the core package: stages in order, no cycles, small modules, one kinds table.

The tree shows the data flow: ``read`` -> ``derive`` -> ``check`` -> ``render`` ->
``publish`` -> ``history`` -> ``editor``, with the command line and the site entry
points on top.  A module may import from its own stage or an earlier one only.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pydantic import BaseModel

from goldenthread.read import models, staff_models
from goldenthread.read.kinds import KINDS

from .conftest import ROOT

PACKAGE = ROOT / "goldenthread"
#: The stages in data-flow order; ``problems`` (the message type) comes before all.
STAGES = ("problems", "read", "derive", "check", "render", "publish", "history", "editor")
TOP = len(STAGES)  # the top level: cli, site, site_options


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else TOP


def _imports(path: Path) -> set[str]:
    """The goldenthread modules ``path`` imports (a name imported from a package counts
    as the module of that name when there is one)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("goldenthread"):
            found.add(node.module)
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if (ROOT / (candidate.replace(".", "/") + ".py")).exists():
                    found.add(candidate)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("goldenthread")}
    return found


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_imports_from_a_later_stage():
    later = sorted(f"{module} imports {target}" for module, targets in _graph().items()
                   for target in targets if _stage(target) > _stage(module))
    assert later == []


def test_the_stage_rule_catches_a_backward_import():
    # Positive control: the rule itself would flag a check importing a view.
    assert _stage("goldenthread.render.views") > _stage("goldenthread.check.alignment")
    assert _stage("goldenthread.cli") == TOP > _stage("goldenthread.editor.schema")


def test_there_is_no_import_cycle():
    graph = _graph()
    cycles = []

    def visit(node: str, path: list[str], done: set[str]) -> None:
        for target in sorted(graph.get(node, ())):
            if target in path:
                cycles.append(path[path.index(target):] + [target])
            elif target in graph and target not in done:
                visit(target, path + [target], done)
        done.add(node)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module], done)
    assert cycles == []


def test_no_module_is_over_400_lines_and_the_top_level_is_small():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > 400}
    assert long == {}
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} \
        >= set(STAGES[1:])


def _field_names() -> set[str]:
    names: set[str] = set()
    for module in (models, staff_models):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                names |= set(value.model_fields)
    return names


def test_folder_and_file_names_of_the_kinds_are_written_in_one_module_only():
    # A string equal to a model's field name (an indicator's 'goals') names the field,
    # not the folder, so it is allowed; 'partner-plans', 'blockages', 'stories' and the
    # single files' names are not field names and must come from the kinds table.
    names = {kind.path for kind in KINDS} - _field_names()
    assert {"partner-plans", "blockages", "stories", "roadmap.yml", "munro.yml"} <= names
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "read" / "kinds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == []
