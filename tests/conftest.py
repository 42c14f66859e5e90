"""Shared test helpers: paths, a data-folder builder and a real `mkdocs build` runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
EXAMPLE_DATA = ROOT / "roadmap_data"
MKDOCS = Path(sys.executable).parent / "mkdocs"


def run_build(out_dir: Path, data_dir: Path = EXAMPLE_DATA, config: str = "mkdocs.yml",
              check: bool = True) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build --strict` of ``data_dir`` into ``out_dir``."""
    env = dict(os.environ, GOLDENTHREAD_DATA=str(data_dir), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(ROOT / config), "-d", str(out_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def data_copy(tmp_path: Path):
    """A writable copy of a data folder: ``data_copy()`` copies the minimal fixture."""

    def make(source: Path = MINIMAL) -> Path:
        target = tmp_path / "roadmap_data"
        shutil.copytree(source, target)
        return target

    return make


def run_script_build(out_dir: Path, data_dir: Path = EXAMPLE_DATA) -> dict[str, Path]:
    """Run scripts/build, the command a user runs (the check, both builds, the link and
    site checks, publishing), of ``data_dir`` into ``out_dir``; the two sites published."""
    env = dict(os.environ, GOLDENTHREAD_DATA=str(data_dir), GOLDENTHREAD_SITE_DIR=str(out_dir),
               GOLDENTHREAD_NO_INSTALL="1", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([str(ROOT / "scripts" / "build")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"scripts/build failed:\n{result.stdout}\n{result.stderr}")
    return {"public": out_dir / "public", "internal": out_dir / "internal"}


@pytest.fixture(scope="session")
def example_sites(tmp_path_factory) -> dict[str, Path]:
    """Both sites of the example data, built once by scripts/build: what every test of
    them sees has passed the link and site checks and been published."""
    return run_script_build(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def example_site(example_sites) -> Path:
    """The public site of the example data."""
    return example_sites["public"]


@pytest.fixture(scope="session")
def internal_site(example_sites) -> Path:
    """The intranet site (mkdocs.internal.yml) of the example data."""
    return example_sites["internal"]


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> Path:
    """The public site built once from the small fixture data."""
    out = tmp_path_factory.mktemp("minimal-public")
    run_build(out, MINIMAL)
    return out
