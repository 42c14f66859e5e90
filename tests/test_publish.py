"""Atomic publishing: scripts/build replaces site/ only when both builds and every check pass.

The script is run for real, pointed at other data and another output folder through its
environment overrides, so the real site/ is never touched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goldenthread.publish import swap as publish

from .conftest import FIXTURES, MINIMAL, ROOT
from .publish_helpers import refuse_internal, site_folder

BUILD = ROOT / "scripts" / "build"
ANOTHER = FIXTURES / "another-partnership"


def _env(data: Path, out: Path) -> dict[str, str]:
    return dict(os.environ, GOLDENTHREAD_DATA=str(data), GOLDENTHREAD_SITE_DIR=str(out),
                GOLDENTHREAD_NO_INSTALL="1", NO_MKDOCS_2_WARNING="1")


def run_script(data: Path, out: Path, piped: bool = False) -> subprocess.CompletedProcess:
    """Run scripts/build; ``piped`` runs it as ``scripts/build 2>&1 | cat`` under pipefail."""
    command = ["bash", "-o", "pipefail", "-c", f"'{BUILD}' 2>&1 | cat"] if piped else [str(BUILD)]
    return subprocess.run(command, env=_env(data, out), capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def snapshot(root: Path) -> dict[str, str]:
    """Every published path under ``root`` with the hash of its content ('dir' for
    folders); the build's own staging folder is not part of the published site."""
    return {p.relative_to(root).as_posix(): ("dir" if p.is_dir() else
                                            hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(root.rglob("*")) if ".staging" not in p.relative_to(root).parts}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Path]:
    """One successful build of the small fixture into a temporary output folder."""
    root = tmp_path_factory.mktemp("publish")
    data = root / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    out = root / "site"
    result = run_script(data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"root": root, "data": data, "out": out}


def test_a_build_publishes_both_sites_and_leaves_no_staging_behind(published):
    out = published["out"]
    assert sorted(p.name for p in out.iterdir()) == [".staging", "internal", "public"]
    assert (out / "public" / "index.html").is_file()
    assert (out / "internal" / "internal" / "index.html").is_file()
    assert not (out / "public" / "internal").exists()
    staging = out / ".staging"
    assert sorted(p.name for p in staging.iterdir()) == ["lock"]


def test_a_killed_build_and_a_failed_build_leave_the_site_exactly_as_it_was(published,
                                                                           tmp_path):
    out = published["out"]
    before = snapshot(out)
    staging = out / ".staging"
    process = subprocess.Popen([str(BUILD)], env=_env(published["data"], out), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        # Kill it as late as possible: once the public site is built and the intranet
        # build has begun, just before anything would be published.
        deadline = time.monotonic() + 240
        while not list(staging.glob("build-*/internal")):
            assert process.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build never reached the intranet step"
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert list(staging.glob("build-*/public/index.html")), "killed before the public build"
    assert snapshot(out) == before

    # A build of broken data fails, even when piped, and publishes nothing; it also
    # clears away what the killed build left behind.
    data = tmp_path / "roadmap_data"
    shutil.copytree(published["data"], data)
    goal = data / "goals" / "help-early.yml"
    goal.write_text(goal.read_text().replace("visibility: public", "visibility: Internal"))
    result = run_script(data, out, piped=True)
    assert result.returncode != 0
    assert ("roadmap_data/goals/help-early.yml:9:13: goal 'help-early': 'visibility' must be "
            "one of: public, internal (not 'Internal')") in result.stdout
    assert snapshot(out) == before
    assert sorted(p.name for p in staging.iterdir()) == ["lock"]


def test_every_script_is_strict():
    # Only files: Python writes scripts/__pycache__ where bytecode is on (every user's
    # machine), and a folder is not a script.
    scripts = [path for path in sorted((ROOT / "scripts").iterdir()) if path.is_file()]
    assert any(path.name == "build" for path in scripts)
    for script in scripts:
        if script.suffix in ("", ".sh"):
            assert "set -euo pipefail" in script.read_text(), script.name


# -- publish.install on its own ---------------------------------------------------------

@pytest.mark.parametrize("atomic_exchange", [True, False])
def test_install_swaps_in_the_new_sites(tmp_path, monkeypatch, atomic_exchange):
    if not atomic_exchange:
        monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    out, stage = tmp_path / "site", tmp_path / "stage"
    site_folder(out / "public", "old public")
    site_folder(out / "internal", "old internal")
    site_folder(stage / "public", "new public")
    site_folder(stage / "internal", "new internal")
    publish.install(stage, out)
    assert (out / "public" / "index.html").read_text() == "new public"
    assert (out / "internal" / "index.html").read_text() == "new internal"
    old = "public" if atomic_exchange else "public.previous"
    assert (stage / old / "index.html").read_text() == "old public"


def test_install_moves_nothing_unless_every_site_was_built(tmp_path):
    out, stage = tmp_path / "site", tmp_path / "stage"
    site_folder(out / "public", "old public")
    site_folder(stage / "public", "new public")
    with pytest.raises(publish.PublishError, match="no built site in .* for: internal"):
        publish.install(stage, out)
    assert (out / "public" / "index.html").read_text() == "old public"
    assert publish.main([str(stage), str(out)]) == 1


def test_install_into_an_empty_output_folder(tmp_path):
    stage = tmp_path / "stage"
    site_folder(stage / "public", "p")
    site_folder(stage / "internal", "i")
    assert publish.main([str(stage), str(tmp_path / "new" / "site")]) == 0
    assert (tmp_path / "new" / "site" / "internal" / "index.html").read_text() == "i"


@pytest.mark.parametrize("atomic_exchange", [True, False])
def test_install_publishes_both_sites_or_neither(tmp_path, monkeypatch, atomic_exchange):
    # The intranet cannot be replaced (as after `chattr +i site/internal`): the public
    # site, already swapped in, is swapped back, and the message says so truthfully.
    if not atomic_exchange:
        monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    out, stage = tmp_path / "site", tmp_path / "stage"
    for name in ("public", "internal"):
        site_folder(out / name, f"old {name}")
        site_folder(stage / name, f"new {name}")
    refuse_internal(out, monkeypatch, PermissionError(1, "Operation not permitted"))
    with pytest.raises(publish.PublishError) as caught:
        publish.install(stage, out)
    assert str(caught.value) == (
        f"could not publish the internal site (Operation not permitted: {out}/internal); "
        "nothing was published: the previous sites are still in place")
    assert (out / "public" / "index.html").read_text() == "old public"
    assert (out / "internal" / "index.html").read_text() == "old internal"


def test_install_says_when_the_old_site_could_not_be_put_back(tmp_path, monkeypatch):
    out, stage = tmp_path / "site", tmp_path / "stage"
    for name in ("public", "internal"):
        site_folder(out / name, f"old {name}")
        site_folder(stage / name, f"new {name}")
    calls = []

    def exchange(first, second):
        calls.append(Path(second).name)
        if len(calls) > 1:  # the intranet, then the undo of the public site
            raise PermissionError(1, "Operation not permitted", str(second))
        aside = Path(f"{first}.aside")  # a stand-in for the atomic exchange
        os.rename(second, aside)
        os.rename(first, second)
        os.rename(aside, first)
        return True

    monkeypatch.setattr(publish, "exchange", exchange)
    with pytest.raises(publish.PublishError, match="public is new and internal is old"):
        publish.install(stage, out)


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                           str(folder)], capture_output=True).returncode == 0


@pytest.fixture
def mounted(tmp_path):
    """A site folder that is a file system of its own (a tmpfs), unmounted afterwards."""
    mounts: list[Path] = []

    def mount(size: str) -> Path:
        folder = tmp_path / f"mount-{len(mounts)}"
        if not _mount_tmpfs(folder, size):
            pytest.skip("mounting a tmpfs needs root")
        mounts.append(folder)
        return folder

    yield mount
    for folder in mounts:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_site_folder_on_its_own_mount_is_published(published, mounted):
    out = mounted("64m")
    result = run_script(published["data"], out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "public" / "index.html").is_file()
    assert (out / "internal" / "internal" / "index.html").is_file()


def test_a_full_disk_leaves_the_site_and_says_so_in_one_line(published, mounted):
    out = mounted("300k")
    site_folder(out / "public", "old public")
    site_folder(out / "internal", "old internal")
    before = snapshot(out)
    result = run_script(published["data"], out)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert ("Error: the disk is full, so the public site could not be written; free some "
            "space and run the build again. Nothing was published.") in output
    assert snapshot(out) == before


def test_the_build_prints_each_data_warning_once(tmp_path):
    # The check step prints the warnings (the intranet's own too); the two builds do not
    # print them again.
    from goldenthread.check.pipeline import check_roadmap
    data = tmp_path / "roadmap_data"
    shutil.copytree(MINIMAL, data)
    result = run_script(data, tmp_path / "site", piped=True)
    assert result.returncode == 0, result.stdout
    _, problems = check_roadmap(data, audience="internal")
    warnings = [f"{p.message}" for p in problems if p.severity == "warning"]
    assert warnings
    for warning in warnings:
        assert result.stdout.count(warning) == 1, warning


def test_the_organisations_logo_and_icon_are_published_by_the_build(tmp_path):
    # The command a user runs: both builds, the link check and the site check, which
    # takes neither published image for a copy of the data.
    data = tmp_path / "roadmap_data"
    shutil.copytree(ANOTHER, data)
    out = tmp_path / "site"
    result = run_script(data, out, piped=True)
    assert result.returncode == 0, result.stdout
    for site in ("public", "internal"):
        assert (out / site / "assets/organisation/logo.svg").is_file()
        assert (out / site / "assets/organisation/favicon.png").read_bytes() == \
            (data / "favicon.png").read_bytes()
        assert 'src="assets/organisation/logo.svg"' in (out / site / "index.html").read_text()
    command = [sys.executable, "-m", "goldenthread.publish.site_check", str(out / "public"),
               "--data", str(data)]
    # Each image is allowed as the data folder has it, at its one place...
    shutil.copy(data / "logo.svg", out / "public/assets/organisation/logo.svg")
    assert subprocess.run(command, capture_output=True, cwd=ROOT).returncode == 0
    # ...and a real copy of a data file is still refused: one named like the logo, in the
    # logo's place; the icon anywhere else.
    shutil.copy(data / "roadmap.yml", out / "public/assets/organisation/logo.svg")
    shutil.copy(data / "favicon.png", out / "public/assets/favicon.png")
    refused = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 1
    assert refused.stdout.splitlines() == [
        "public/assets/favicon.png:1:1: this file is a copy of the data file 'favicon.png'; the "
        "raw data must never be published — remove it from the docs folder [data-in-site]",
        "public/assets/organisation/logo.svg:1:1: this file is a copy of the data file "
        "'roadmap.yml'; the raw data must never be published — remove it from the docs "
        "folder [data-in-site]"]


def test_only_an_image_named_as_the_logo_may_be_published_as_it_is(tmp_path):
    from goldenthread.publish.site_check import check_built_site
    data = tmp_path / "roadmap_data"
    shutil.copytree(ANOTHER, data)
    site = tmp_path / "public"
    (site / "assets" / "organisation").mkdir(parents=True)
    (site / "index.html").write_text("<p>Home</p>", "utf-8")
    shutil.copy(data / "favicon.png", site / "assets/organisation/favicon.png")
    assert check_built_site(site, data) == []
    # roadmap.yml naming a data file as the icon does not make the file an image.
    roadmap = data / "roadmap.yml"
    roadmap.write_text(roadmap.read_text("utf-8").replace("favicon: favicon.png",
                                                          "favicon: glossary.yml"), "utf-8")
    shutil.copy(data / "glossary.yml", site / "assets/organisation/glossary.yml")
    assert [(p.location.path, p.code) for p in check_built_site(site, data)] == [
        ("public/assets/organisation/favicon.png", "data-in-site"),
        ("public/assets/organisation/glossary.yml", "data-in-site")]
