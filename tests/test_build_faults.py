"""scripts/build under faults: data edited while it builds, and a build killed part-way.

* Both sites come from one version of the data, or nothing is published: an edit saved
  between the public and the intranet build fails the build.
* A build killed with ``kill -9`` (no clean-up runs) leaves no copy of the data outside
  the output folder's staging folder, and the next build sweeps that away.

The script is run for real, as in tests/test_publish.py, on a copy of the small fixture.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goldenthread.publish import swap

from .conftest import MINIMAL, MKDOCS, ROOT
from .test_publish import BUILD, _env, run_script

GOAL_TITLE = "title: Families get help early"
EDITED_TITLE = "title: Families get help sooner"


def _wrapper(path: Path, text: str) -> None:
    path.write_text("#!/bin/sh\n" + text, "utf-8")
    path.chmod(0o755)


def _venv_that_edits_after_the_public_build(where: Path, data_file: Path) -> Path:
    """A stand-in for .venv whose commands are the real ones, except that once MkDocs has
    built the public site (mkdocs.yml), the goal's title is edited in ``data_file``: an
    editor saving a file between the two builds, every time, at the same moment."""
    real = Path(sys.executable).parent  # the virtualenv running the tests
    venv = where / "venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "goldenthread"):
        _wrapper(venv / "bin" / name, f'exec "{real / name}" "$@"\n')
    _wrapper(venv / "bin" / "mkdocs", f'''"{real / 'mkdocs'}" "$@" || exit $?
case " $* " in
  *" mkdocs.yml "*) "{real / 'python'}" -c 'import pathlib, sys
p = pathlib.Path(sys.argv[1])
p.write_text(p.read_text().replace(sys.argv[2], sys.argv[3]))' \\
      "{data_file}" "{GOAL_TITLE}" "{EDITED_TITLE}" ;;
esac
''')
    return venv


def test_data_edited_between_the_two_builds_publishes_nothing(tmp_path):
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    goal = data / "goals" / "help-early.yml"
    out = tmp_path / "site"
    venv = _venv_that_edits_after_the_public_build(tmp_path, goal)
    result = subprocess.run([str(BUILD)], env=dict(_env(data, out), VENV=str(venv)),
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert EDITED_TITLE in goal.read_text("utf-8")  # the edit came between the builds
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines()[-2:] == [
        "roadmap_data/goals/help-early.yml: this file changed while the sites were being "
        "built, so the two sites could show different versions of the data",
        "Nothing was published (the previous sites are still in place): run the build "
        "again once the edit is saved."]
    assert sorted(p.name for p in out.iterdir()) == [".staging"]
    assert sorted(p.name for p in (out / ".staging").iterdir()) == ["lock"]

    # Run again, nothing edited: both sites show the one version saved.
    result = run_script(data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    for site in ("public", "internal"):
        page = (out / site / "goals" / "help-early" / "index.html").read_text("utf-8")
        assert "Families get help sooner" in page and "Families get help early" not in page


def test_the_data_version_names_each_file_edited_added_or_removed(tmp_path):
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    stage = tmp_path / "stage"
    stage.mkdir()
    (data / "goals" / ".help-early.yml.swp").write_text("an editor's swap file", "utf-8")
    os.mkfifo(data / "a-pipe")  # noted, never opened: reading it would wait forever
    swap.record_version(data, stage)
    assert swap.changed_files(data, stage) == []
    # A hidden file (an editor's swap file, the git folder) is not data: the reader
    # leaves it out, and so does the version.
    (data / "goals" / ".help-early.yml.swp").write_text("typing on", "utf-8")
    (data / ".git").mkdir()
    (data / ".git" / "index").write_text("a commit", "utf-8")
    assert swap.changed_files(data, stage) == []
    # An edit saved and then undone is a change too: the two builds may each have read
    # one of them.
    glossary = data / "glossary.yml"
    text = glossary.read_text("utf-8")
    glossary.write_text(text + "\n", "utf-8")
    glossary.write_text(text, "utf-8")
    os.utime(glossary, ns=(0, 1))  # and a time of change that cannot be the recorded one
    (data / "goals" / "help-early.yml").unlink()
    (data / "goals" / "new-goal.yml").write_text("title: New\n", "utf-8")
    changed = [Path(name).name for name in swap.changed_files(data, stage)]
    assert changed == ["glossary.yml", "help-early.yml", "new-goal.yml"]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""  # removed, or not yet written


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_build_killed_part_way_leaves_no_data_outside_the_staging_folder(tmp_path):
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    # A staff-only action: the open data that names it is the intranet's.
    action = (data / "actions" / "publish-road-map.yml").read_text("utf-8")
    (data / "actions" / "staff-only-step.yml").write_text(
        action.replace("visibility: public", "visibility: internal"), "utf-8")
    out = tmp_path / "site"
    system_tmp = tmp_path / "tmp"  # the build's TMPDIR: what the system's would hold
    system_tmp.mkdir()
    env = dict(_env(data, out), TMPDIR=str(system_tmp))
    process = subprocess.Popen([str(BUILD)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        # Kill it while the intranet build holds its open data on disk: once its
        # roadmap.json, naming the staff-only action, is written, wherever that is.
        deadline = time.monotonic() + 240
        while True:
            if any(b"staff-only-step" in _read(p) for root in (out / ".staging", system_tmp)
                   for p in root.rglob("goldenthread-open-data-*/data/roadmap.json")):
                break
            assert process.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the intranet's open data never appeared"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    assert _files_under(system_tmp) == []
    assert not (out / "public").exists() and not (out / "internal").exists()
    left = _files_under(out / ".staging")
    assert any(p.name == "roadmap.json" and "goldenthread-open-data-" in p.as_posix()
               and b"staff-only-step" in p.read_bytes() for p in left)

    # The next build sweeps away what the killed one left.
    result = subprocess.run([str(BUILD)], env=env, capture_output=True, text=True,
                            timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (out / ".staging").iterdir()) == ["lock"]
    assert _files_under(system_tmp) == []


def test_a_plain_mkdocs_build_removes_the_open_data_a_killed_build_left(tmp_path):
    # Without scripts/build, the open data goes to the system's temporary folder: a
    # build's folder there is removed once its process is gone and it is an hour old.
    system_tmp = tmp_path / "tmp"
    ended = subprocess.Popen(["true"])
    ended.wait()
    folders = {"killed": f"{ended.pid}-a1", "killed just now": f"{ended.pid}-b2",
               "running": f"{os.getpid()}-c3", "another program's": "x-d4"}
    hour_ago = time.time() - 3700
    for name, tag in folders.items():
        folder = system_tmp / f"goldenthread-open-data-{tag}"
        (folder / "data").mkdir(parents=True)
        (folder / "data" / "roadmap.json").write_text("{}\n", "utf-8")
        # Times set from this process's clock, as the build reads it (the file system
        # stamps the real time, which a clock moved ahead would take for long ago).
        when = time.time() if name == "killed just now" else hour_ago
        os.utime(folder, (when, when))
    env = dict(os.environ, GOLDENTHREAD_DATA=str(MINIMAL), NO_MKDOCS_2_WARNING="1",
               TMPDIR=str(system_tmp))
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    left = sorted(p.name for p in system_tmp.iterdir())
    assert left == sorted(f"goldenthread-open-data-{folders[name]}" for name in
                          ("killed just now", "running", "another program's"))


@pytest.mark.parametrize("argv", [[], ["a"], ["--record", "stage"], ["a", "b", "c"]])
def test_the_publish_command_says_how_it_is_used(argv, capsys):
    assert swap.main(argv) == 2
    assert "usage:" in capsys.readouterr().err
