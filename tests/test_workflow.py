"""The workflow files: the GitHub Actions workflow and the pre-commit hooks do what the
editors' process relies on (checked by reading them, as a reviewer would), nothing internal
leaves a public repository through them, and zizmor finds nothing to fix."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys

import pytest
import yaml

from goldenthread.cli import main
from goldenthread.editor.blockage_issue import level_id
from goldenthread.read.data_folder import read_roadmap

from .conftest import MINIMAL, ROOT
from .git_repo import commit_all, make_repo

WORKFLOW = ROOT / ".github" / "workflows" / "roadmap.yml"
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "blockage.yml"
#: The condition under which staff-only output may be kept: GitHub says it is private.
PRIVATE = "github.event.repository.private == true"
#: The most characters a GitHub comment holds.
COMMENT_LIMIT = 65_536


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def runs(workflow: dict, job: str) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow, job))


def uses(workflow: dict, job: str, action: str) -> dict:
    found = [s for s in steps(workflow, job) if s.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"{job} should use {action} once"
    return found[0]


def test_triggers(workflow):
    # PyYAML reads YAML 1.1, where the key 'on' is the boolean true.
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


def test_pull_request_checks_builds_both_sites_and_tests(workflow):
    job = workflow["jobs"]["check"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert uses(workflow, "check", "actions/setup-python")["with"]["python-version"] == "3.11"
    commands = runs(workflow, "check")
    assert commands.index("scripts/build") < commands.index("scripts/test")
    assert "goldenthread schema --check" in commands
    build = (ROOT / "scripts" / "build").read_text()
    assert "mkdocs.yml" in build and "mkdocs.internal.yml" in build
    assert "goldenthread\" check" in build


def test_pull_request_gets_the_plain_english_summary(workflow):
    job = workflow["jobs"]["summary"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"]["pull-requests"] == "write"
    assert uses(workflow, "summary", "actions/checkout")["with"]["fetch-depth"] == 0
    write = next(s for s in job["steps"] if "> summary.md" in s.get("run", ""))
    assert write["env"]["BASE_REF"] == "${{ github.base_ref }}"
    commands = runs(workflow, "summary")
    assert re.search(r"gh pr comment \"\$PR_NUMBER\" --body-file summary\.md", commands)


def _diff_commands(script: str) -> list[list[str]]:
    """The words of each 'goldenthread diff' command in a step's script."""
    words = shlex.split(script.replace("\\\n", " "), comments=True)
    starts = [i for i, w in enumerate(words[:-1]) if w == "goldenthread" and words[i + 1] == "diff"]
    return [words[i:next((j for j in range(i, len(words)) if words[j] in ("}", ";")),
                         len(words))] for i in starts]


def _option(command: list[str], name: str) -> str | None:
    return command[command.index(name) + 1] if name in command else None


def test_the_pull_request_comment_is_written_for_the_public_and_fits(workflow):
    job = workflow["jobs"]["summary"]
    write = next(s for s in job["steps"] if "> summary.md" in s.get("run", ""))
    script = write["run"]
    comment = script[:script.index("> summary.md")]
    [command] = _diff_commands(comment)
    assert _option(command, "--audience") == "public"
    # Cut to fit a comment, with room for the lines the script writes before it.
    header = sum(len(line) + 1 for line in re.findall(r'echo "?(.*?)"?$', comment, re.M))
    assert int(_option(command, "--max-chars")) + header <= COMMENT_LIMIT
    assert _option(command, "--full-summary-url") == "$RUN_URL"
    assert write["env"]["RUN_URL"] == (
        "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}")
    # Whatever else the step writes (the run's page) is for the public too.
    assert all(_option(c, "--audience") == "public" for c in _diff_commands(script))


def test_the_intranet_summary_is_only_on_a_private_repositorys_run_page(workflow):
    steps = workflow["jobs"]["summary"]["steps"]
    for step in steps:
        for command in _diff_commands(step.get("run", "")):
            assert _option(command, "--audience") in ("public", "internal"), command
            if _option(command, "--audience") == "internal":
                assert step.get("if") == PRIVATE, step
                assert "summary.md" not in step["run"]
    assert any(_option(c, "--audience") == "internal" and s.get("if") == PRIVATE
               for s in steps for c in _diff_commands(s.get("run", "")))


def test_each_build_is_told_githubs_answer_through_the_environment(workflow):
    for job in ("check", "build"):
        [step] = [s for s in steps(workflow, job) if "scripts/build" in s.get("run", "")]
        assert step["env"]["GOLDENTHREAD_REPOSITORY_VISIBILITY"] == (
            "${{ github.event.repository.visibility }}")
        assert "${{" not in step["run"]
    # Not the tests: they check fixtures that say private, wherever they run.
    [tests] = [s for s in steps(workflow, "check") if "scripts/test" in s.get("run", "")]
    assert "GOLDENTHREAD_REPOSITORY_VISIBILITY" not in str(tests)


def test_main_publishes_public_site_and_keeps_intranet_only_when_private(workflow):
    assert "scripts/build" in runs(workflow, "build")
    assert uses(workflow, "build", "actions/upload-pages-artifact")["with"]["path"] == (
        "site/public")
    internal = uses(workflow, "build", "actions/upload-artifact")
    assert internal["with"]["path"] == "site/internal"
    assert internal["if"] == PRIVATE
    # No other step of any job touches the intranet site.
    for job in workflow["jobs"]:
        for step in steps(workflow, job):
            if "site/internal" in str(step):
                assert step is internal
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(workflow, "deploy", "actions/deploy-pages")["id"] == "deployment"
    # The intranet must never reach Pages.
    assert "site/internal" not in str(deploy)


def test_every_action_is_pinned_to_a_commit_and_no_checkout_keeps_its_token(workflow):
    lines = [line for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    assert len(lines) == 9
    for line in lines:
        assert re.fullmatch(r"\s+(- )?uses: [a-z-]+/[a-z-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+",
                            line), line
    for job in workflow["jobs"]:
        for step in steps(workflow, job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_no_permission_is_granted_but_what_each_job_states(workflow):
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert job["permissions"], name
        assert set(job["permissions"].values()) <= {"read", "write"}
    assert workflow["jobs"]["check"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}


def test_zizmor_finds_nothing_to_fix_in_the_workflows():
    zizmor = os.path.join(os.path.dirname(sys.executable), "zizmor")
    for persona in ("regular", "pedantic"):
        result = subprocess.run(
            [zizmor, "--offline", "--persona", persona, "--format", "json", ".github"],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        assert json.loads(result.stdout) == [], persona


def _summary_repo(tmp_path):
    """A repository whose second commit changes many things in the minimal road map."""
    data = make_repo(tmp_path / "repo", MINIMAL)
    for n in range(40):
        (data / "goals" / f"goal-number-{n}.yml").write_text(
            (data / "goals" / "safe-at-home.yml").read_text("utf-8"), "utf-8")
    commit_all(data, "Forty goals", "2026-03-03")
    return data


def test_goldenthread_diff_cuts_a_summary_over_the_limit_at_a_line(tmp_path, capsys):
    data = _summary_repo(tmp_path)
    args = ["diff", "HEAD~1", "HEAD", "--data-dir", str(data), "--audience", "public"]
    assert main(args) == 0
    full = capsys.readouterr().out
    limit = len(full) // 2
    url = "https://github.com/example/roadmap/actions/runs/123"
    assert main(args + ["--max-chars", str(limit), "--full-summary-url", url]) == 0
    cut = capsys.readouterr().out
    assert len(full) > limit >= len(cut)
    kept, note = cut.rsplit("\n\n", 1)
    assert full.startswith(kept + "\n")  # whole lines, none changed
    assert len(kept) > limit // 2  # as much as fits
    assert note == ("This summary is too long for one comment, so it stops here; the full "
                    f"summary is on the run's page: {url}\n")
    # Under the limit, the summary is as it was.
    assert main(args + ["--max-chars", str(len(full))]) == 0
    assert capsys.readouterr().out == full


def test_a_summary_longer_than_a_comment_fits_one(tmp_path, capsys):
    data = _summary_repo(tmp_path)
    args = ["diff", "HEAD~1", "HEAD", "--data-dir", str(data), "--audience", "public"]
    assert main(args) == 0
    once = capsys.readouterr().out
    # The same changes many times over: far longer than a comment.
    for n in range(40, 40 + 80 * (COMMENT_LIMIT // len(once) + 1)):
        (data / "goals" / f"goal-number-{n}.yml").write_text(
            (data / "goals" / "safe-at-home.yml").read_text("utf-8"), "utf-8")
    commit_all(data, "Many more goals", "2026-03-04")
    args = ["diff", "HEAD~2", "HEAD", "--data-dir", str(data), "--audience", "public"]
    assert main(args) == 0
    full = capsys.readouterr().out
    assert len(full) > COMMENT_LIMIT
    assert main(args + ["--max-chars", "65000", "--full-summary-url", "https://x.test/r"]) == 0
    cut = capsys.readouterr().out
    assert COMMENT_LIMIT - 600 < len(cut) <= 65000
    assert cut.endswith("the full summary is on the run's page: https://x.test/r\n")


def test_the_issue_form_says_truthfully_who_can_read_it():
    form = yaml.safe_load(ISSUE_FORM.read_text())
    intro = " ".join(f["attributes"]["value"] for f in form["body"] if f["type"] == "markdown")
    words = " ".join((form["description"], intro))
    assert "everyone who can see this repository" in words.lower()
    assert "must only exist in a private repository" in intro
    assert "never published" not in ISSUE_FORM.read_text()
    for detail in ("name", "age", "address", "phone number", "personal details"):
        assert re.search(rf"\b{detail}\b", intro), detail
    assert "Do not write anyone's name" in intro


def test_the_issue_form_holds_for_any_partnership():
    form = yaml.safe_load(ISSUE_FORM.read_text())
    # The steps are the road map's own (its vocabulary's escalation list).
    levels = {step.id for step in read_roadmap(ROOT / "roadmap_data")[0].vocabulary.escalation}
    [dropdown] = [f for f in form["body"] if f["type"] == "dropdown"]
    # Each choice becomes one of the road map's steps when the issue becomes a file.
    assert {level_id(option) for option in dropdown["attributes"]["options"]} == levels
    # Apart from the ids of the steps, no word assumes a field of work.
    text = yaml.safe_dump(form)
    for level in levels:
        text = text.replace(level, "")
    for word in ("child", "safeguarding", "board", "family", "families", "social worker"):
        assert word not in text.lower(), word


def test_scripts_the_workflow_runs_exist(workflow):
    for job in workflow["jobs"]:
        for word in shlex.split(runs(workflow, job).replace("\\\n", " "), comments=True):
            if word.startswith("scripts/"):
                assert os.access(ROOT / word, os.X_OK), word


def test_pre_commit_runs_the_check_on_data_changes():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local"
             for hook in repo["hooks"]}
    check = hooks["goldenthread-check"]
    assert check["entry"].split()[1:] == ["check", "roadmap_data"]
    assert check["entry"].split()[0].endswith("goldenthread")
    assert check["pass_filenames"] is False and check["language"] == "system"
    assert re.search(check["files"], "roadmap_data/services/care-panel.yml")
    assert not re.search(check["files"], "docs/index.md")
    schema = hooks["goldenthread-schema"]
    assert "schema --check" in schema["entry"]
    assert re.search(schema["files"], "goldenthread/read/models.py")
