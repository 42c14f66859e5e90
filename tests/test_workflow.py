"""The workflow files: the GitHub Actions workflow and the pre-commit hooks do what the
editors' process relies on (checked by reading them, as a reviewer would)."""

from __future__ import annotations

import os
import re
import shlex

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "roadmap.yml"


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
    assert workflow["permissions"] == {"contents": "read"}


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
    write = next(s for s in job["steps"] if "goldenthread diff" in s.get("run", ""))
    assert 'goldenthread diff "origin/${BASE_REF}" HEAD' in write["run"]
    assert write["env"]["BASE_REF"] == "${{ github.base_ref }}"
    commands = runs(workflow, "summary")
    assert re.search(r"gh pr comment \"\$PR_NUMBER\" --body-file summary\.md", commands)


def test_main_publishes_public_site_and_keeps_intranet_as_artifact(workflow):
    assert "scripts/build" in runs(workflow, "build")
    assert uses(workflow, "build", "actions/upload-pages-artifact")["with"]["path"] == (
        "site/public")
    internal = uses(workflow, "build", "actions/upload-artifact")["with"]
    assert internal["path"] == "site/internal"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(workflow, "deploy", "actions/deploy-pages")["id"] == "deployment"
    # The intranet must never reach Pages.
    assert "site/internal" not in str(deploy)


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
