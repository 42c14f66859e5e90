"""The core package never imports MkDocs, and each module imports on its own.

Only macros.py and hooks.py may import mkdocs (as in sphinx-needs'
tests/test_circular_imports.py, each module is imported alone, catching cycles).
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

SCRIPT = r"""
import importlib, pkgutil, sys
import goldenthread
names = sorted(m.name for m in pkgutil.walk_packages(goldenthread.__path__, "goldenthread.")
               if not m.name.endswith("__main__"))
bad = []
for name in names:
    for loaded in [m for m in sys.modules if m.startswith(("goldenthread", "mkdocs"))]:
        del sys.modules[loaded]
    importlib.import_module(name)
    if any(m == "mkdocs" or m.startswith("mkdocs.") or m.startswith("mkdocs_macros")
           for m in sys.modules):
        bad.append(name)
print(len(names), ",".join(bad))
"""


def test_core_modules_import_alone_without_mkdocs():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, bad = result.stdout.strip().split(" ", 1) if " " in result.stdout.strip() else (
        result.stdout.strip(), "")
    assert int(count) >= 10
    assert bad == "", f"these core modules import mkdocs: {bad}"
