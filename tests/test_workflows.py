"""The GitHub workflows pass actionlint and zizmor, and every action is pinned by commit."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<ref>\S+)", re.M)


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / tool), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_expected_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "pages.yml", "links.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_is_clean(workflow: Path):
    result = run("actionlint", str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_zizmor_is_clean(workflow: Path):
    result = run("zizmor", "--offline", "--format", "plain", str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_full_commit_sha(workflow: Path):
    refs = USES.findall(workflow.read_text(encoding="utf-8"))
    unpinned = [ref for ref in refs if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref)]
    assert unpinned == []


def test_dependabot_watches_pip_and_actions_and_is_zizmor_clean():
    config = REPO / ".github" / "dependabot.yml"
    text = config.read_text(encoding="utf-8")
    assert "package-ecosystem: pip" in text and "package-ecosystem: github-actions" in text
    result = run("zizmor", "--offline", "--format", "plain", str(config))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linters_do_catch_a_bad_workflow(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\n"
        "jobs:\n"
        "  x:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
        "      - run: echo ${{ matrix.missing }}\n",
        encoding="utf-8",
    )
    assert run("actionlint", str(bad)).returncode != 0
    zizmor = run("zizmor", "--offline", "--format", "plain", str(bad))
    assert zizmor.returncode != 0
    assert "unpinned-uses" in zizmor.stdout + zizmor.stderr
