"""A throwaway git repository holding a copy of a data folder, for history tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def git(repo: Path, *args: str, day: str = "2026-03-02") -> str:
    """Run git in ``repo`` as a test author, with commits dated ``day`` at noon."""
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{day}T12:00:00+00:00",
               GIT_COMMITTER_DATE=f"{day}T12:00:00+00:00")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def make_repo(root: Path, source: Path, day: str = "2026-03-01") -> Path:
    """A new repository under ``root`` whose first commit holds ``source`` as roadmap_data;
    returns the data folder."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    data = root / "roadmap_data"
    shutil.copytree(source, data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "First version of the road map", day=day)
    return data


def commit_all(data: Path, message: str, day: str) -> None:
    """Commit every change in the repository holding ``data``."""
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-q", "-m", message, day=day)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a file (fails loudly when absent)."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), "utf-8")
