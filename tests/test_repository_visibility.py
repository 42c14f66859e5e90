"""Who can read the repository: on a public one, nothing only staff may read is kept.

A road map says ``repository: private`` in roadmap.yml, or its repository is treated as
public.  On a public repository ``goldenthread check`` (and so every build) refuses each
route by which internal content would sit where anyone can read it: every item or entry
not marked public, every blockage, the named officers and the blockage issue form, each
at its own file and line.  In the workflow GitHub's own answer is passed in
``GOLDENTHREAD_REPOSITORY_VISIBILITY``; a road map that says private in a repository
GitHub says is public fails.  Each test runs the command a user runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE_DATA, MINIMAL, ROOT, run_build
from .git_repo import git

ENV = "GOLDENTHREAD_REPOSITORY_VISIBILITY"
FORM = Path(".github") / "ISSUE_TEMPLATE" / "blockage.yml"
DECLARED = re.compile(r"(?m)^repository: private\n")
PROBLEM = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+):\d+: (?P<message>.*) \[(?P<code>[a-z-]+)\]$", re.M)


def _env(visibility: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != ENV}
    if visibility is not None:
        env[ENV] = visibility
    return env


def goldenthread(cwd: Path, *args: str, visibility: str | None = None
                 ) -> subprocess.CompletedProcess:
    """Run the ``goldenthread`` command in ``cwd`` (told ``visibility`` as GitHub would)."""
    return subprocess.run([sys.executable, "-m", "goldenthread", *args], cwd=cwd,
                          env=_env(visibility), capture_output=True, text=True, timeout=300)


def refusals(result: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    """(path, line, message) of every [public-repository] problem the check printed."""
    return sorted((m["path"], int(m["line"]), m["message"])
                  for m in PROBLEM.finditer(result.stdout) if m["code"] == "public-repository")


def site(tmp_path: Path, source: Path = EXAMPLE_DATA, declare: str | None = "public",
         form: bool = True) -> Path:
    """A site's repository folder holding a copy of ``source`` as roadmap_data, saying
    ``repository: <declare>`` (or nothing), with the blockage issue form."""
    root = tmp_path / "site"
    data = root / "roadmap_data"
    shutil.copytree(source, data)
    roadmap = data / "roadmap.yml"
    text = roadmap.read_text("utf-8")
    assert DECLARED.search(text), "the example and the fixtures say they are private"
    text = DECLARED.sub("" if declare is None else f"repository: {declare}\n", text)
    roadmap.write_text(text, "utf-8")
    if form:
        (root / FORM).parent.mkdir(parents=True)
        shutil.copy(ROOT / FORM, root / FORM)
    return root


def _first_line(file: Path, pattern: str) -> int:
    lines = file.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if re.match(pattern, line))


def internal_routes(root: Path) -> set[tuple[str, int]]:
    """Where each route is, read from the files as a person would find it: every line
    'visibility: internal', each blockage file's first field, officers.yml's first
    officer and the issue form."""
    data = root / "roadmap_data"
    expected = {(FORM.as_posix(), 1)}
    for file in sorted(data.rglob("*.yml")):
        path = file.relative_to(root).as_posix()
        if file.parent.name == "blockages":
            expected.add((path, _first_line(file, r"[a-z_]+:")))
        elif file.name == "officers.yml":
            expected.add((path, _first_line(file, r"\s*- ")))
        else:
            lines = file.read_text("utf-8").splitlines()
            expected |= {(path, n) for n, line in enumerate(lines, 1)
                         if re.fullmatch(r"\s*visibility: internal\s*", line)}
    return expected


def test_a_public_repository_refuses_each_internal_route_at_its_file_and_line(tmp_path):
    root = site(tmp_path, declare="public")
    result = goldenthread(root, "check", "roadmap_data")
    assert result.returncode == 1, result.stdout + result.stderr
    found = refusals(result)
    where = [(path, line) for path, line, _ in found]
    assert len(where) == len(set(where)), "one error per route"
    expected = internal_routes(root)
    assert set(where) == expected
    # The example holds every kind of route: items, entries, blockages, officers, the form.
    assert {p.split("/")[1] for p, _ in expected if "/" in p} >= {
        "actions", "blockages", "stories", "budgets", "officers.yml", "roadmap.yml",
        "accountabilities.yml", "munro.yml", "ISSUE_TEMPLATE"}
    for _, _, message in found:
        assert "roadmap.yml says 'repository: public'" in message, message
        assert "keep the road map in a private repository" in message, message
    messages = {path: message for path, _, message in found}
    assert "delete this file" in messages["roadmap_data/blockages/office-moves.yml"]
    assert "delete officers.yml" in messages["roadmap_data/officers.yml"]
    form = messages[FORM.as_posix()]
    assert "every issue on a public repository is public" in form
    assert "delete this file and raise blockages by the private route" in form
    story = messages["roadmap_data/stories/staying-at-the-same-school.yml"]
    assert story.startswith("story 'staying-at-the-same-school' is marked 'internal'")
    assert "or mark it public if it may be published" in story


def test_a_repository_that_does_not_say_is_treated_as_public(tmp_path):
    root = site(tmp_path, declare=None)
    result = goldenthread(root, "check", "roadmap_data")
    assert result.returncode == 1
    found = refusals(result)
    assert {(path, line) for path, line, _ in found} == internal_routes(root)
    assert all("roadmap.yml does not say who can read the repository (so it is treated as "
               "public)" in message for _, _, message in found)


def test_a_private_repository_keeps_its_internal_content(tmp_path):
    root = site(tmp_path, declare="private")
    for visibility in (None, "private", "internal"):
        result = goldenthread(root, "check", "roadmap_data", visibility=visibility)
        assert result.returncode == 0, (visibility, result.stdout + result.stderr)
        assert refusals(result) == []


def test_a_road_map_saying_private_in_a_repository_github_says_is_public_fails(tmp_path):
    root = site(tmp_path, declare="private")
    roadmap = root / "roadmap_data" / "roadmap.yml"
    result = goldenthread(root, "check", "roadmap_data", visibility="public")
    assert result.returncode == 1
    found = refusals(result)
    line = _first_line(roadmap, "repository: private")
    assert ("roadmap_data/roadmap.yml", line,
            "roadmap.yml says 'repository: private', but GitHub says this repository is "
            "public, so everything in it can be read by anyone; make the repository private "
            "on GitHub, or write 'repository: public' and remove what only staff may read"
            ) in found
    # And every route is refused as well, GitHub's answer given as the reason.
    assert {(p, n) for p, n, _ in found} == internal_routes(root) | {
        ("roadmap_data/roadmap.yml", line)}
    assert sum("GitHub says this repository is public" in m for _, _, m in found) == len(found)


def test_an_answer_that_is_not_githubs_is_an_error_and_counts_as_public(tmp_path):
    root = site(tmp_path, MINIMAL, declare="private", form=False)
    result = goldenthread(root, "check", "roadmap_data", visibility="Pubic")
    assert result.returncode == 1
    assert [m for _, _, m in refusals(result)] == [
        f"the environment variable {ENV} is 'pubic', which is not one of GitHub's answers "
        "(public, private or internal); pass github.event.repository.visibility to it in "
        "the workflow"]


def test_a_public_road_map_with_nothing_internal_passes(tmp_path):
    # The minimal fixture holds nothing internal: public, without an issue form, it is fine.
    root = site(tmp_path, MINIMAL, declare="public", form=False)
    result = goldenthread(root, "check", "roadmap_data", visibility="public")
    assert result.returncode == 0, result.stdout + result.stderr
    # ...until a blockage, an unreadable one too, or a named officers' file is added.
    data = root / "roadmap_data"
    (data / "blockages").mkdir()
    (data / "blockages" / "half-written.yml").write_text("title: Stuck\n", "utf-8")
    (data / "officers.yml").write_text("officers: []\n", "utf-8")
    result = goldenthread(root, "check", "roadmap_data")
    assert [(p, n) for p, n, _ in refusals(result)] == [
        ("roadmap_data/blockages/half-written.yml", 1), ("roadmap_data/officers.yml", 1)]


def test_the_issue_form_is_found_at_the_git_top_level_above_the_data_folder(tmp_path):
    repo = tmp_path / "repo"
    root = site(repo, MINIMAL, declare="public", form=False)  # repo/site/roadmap_data
    git(repo, "init", "-q")
    (repo / FORM).parent.mkdir(parents=True)
    shutil.copy(ROOT / FORM, repo / FORM)
    result = goldenthread(repo, "check", "site/roadmap_data")
    assert [(p, n) for p, n, _ in refusals(result)] == [(FORM.as_posix(), 1)]
    result = goldenthread(root, "check", "roadmap_data")
    assert [(p, n) for p, n, _ in refusals(result)] == [("../" + FORM.as_posix(), 1)]


@pytest.mark.build
def test_scripts_build_publishes_nothing_from_a_public_repository(tmp_path):
    root = site(tmp_path, declare="public", form=False)
    out = tmp_path / "out"
    env = dict(_env(), GOLDENTHREAD_DATA=str(root / "roadmap_data"),
               GOLDENTHREAD_SITE_DIR=str(out), GOLDENTHREAD_NO_INSTALL="1",
               NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([str(ROOT / "scripts" / "build")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "[public-repository]" in result.stdout
    assert not (out / "public").exists() and not (out / "internal").exists()


@pytest.mark.build
@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.internal.yml"])
def test_neither_site_builds_in_a_repository_github_says_is_public(tmp_path, config,
                                                                    monkeypatch):
    # The minimal fixture, saying private, with one internal achievement: GitHub says public.
    root = site(tmp_path, MINIMAL, declare="private", form=False)
    monkeypatch.setenv(ENV, "public")
    result = run_build(tmp_path / "out", root / "roadmap_data", config=config, check=False)
    assert result.returncode != 0
    assert "GitHub says this repository is public" in result.stdout + result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_new_road_map_says_private_and_is_refused_when_made_public(tmp_path):
    data = tmp_path / "roadmap_data"
    result = goldenthread(tmp_path, "init", "roadmap_data", "--schema-dir", str(ROOT / "schema"))
    assert result.returncode == 0, result.stdout + result.stderr
    roadmap = data / "roadmap.yml"
    assert "\nrepository: private\n" in roadmap.read_text("utf-8")
    args = ("check", "roadmap_data", "--audience", "internal")
    assert refusals(goldenthread(tmp_path, *args)) == []
    roadmap.write_text(roadmap.read_text("utf-8").replace(
        "\nrepository: private\n", "\nrepository: public\n"), "utf-8")
    found = {p for p, _, _ in refusals(goldenthread(tmp_path, *args))}
    assert {"roadmap_data/blockages/to-do-blockage.yml", "roadmap_data/officers.yml",
            "roadmap_data/goals/to-do-goal.yml"} <= found


def test_a_blockage_from_an_issue_is_never_written_into_a_public_repository(tmp_path):
    from .test_readers import ISSUE_BODY

    root = site(tmp_path, declare="public", form=False)
    before = sorted(p.name for p in (root / "roadmap_data" / "blockages").iterdir())
    (root / "issue.md").write_text(ISSUE_BODY, "utf-8")
    result = goldenthread(root, "blockage-from-issue", "issue.md", "--data-dir", "roadmap_data",
                          "--id", "police-meetings")
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("blockage 'police-meetings' is for staff only, but roadmap.yml says 'repository: "
            "public'") in result.stdout
    assert sorted(p.name for p in (root / "roadmap_data" / "blockages").iterdir()) == before
