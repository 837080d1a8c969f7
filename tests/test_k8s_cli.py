"""`kubenotes validate`: exit codes, text and JSON output, version override, folders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from kubenotes.cli import main

BIN = Path(sys.executable).parent

POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
    "spec:\n  containers:\n  - name: c\n    image: i\n"
)
BAD = POD + "    imagePullPolicy: Always\n    lifecyle: {}\n"
HPA_BETA = (
    "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n"
    "spec:\n  scaleTargetRef: {kind: Deployment, name: d}\n  maxReplicas: 3\n"
)
PAGE = (
    '# t\n\n```yaml\n--8<-- "manifests/bad.yaml"\n```\n\n'
    "```yaml k8s=PodSpec\nrestartPolicy: [Never]\n```\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nextra:\n  kubenotes:\n    kubernetes_version: '1.34'\n"
        "    crds_dir: manifests/crds\n",
        encoding="utf-8",
    )
    (tmp_path / "manifests").mkdir()
    (tmp_path / "manifests" / "good.yaml").write_text(POD, encoding="utf-8")
    (tmp_path / "manifests" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(PAGE, encoding="utf-8")
    return tmp_path


def run(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str]:
    monkeypatch.chdir(project)
    code = main(["validate", *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "code", "lines"),
    [
        (["manifests/good.yaml"], 0, []),
        (
            ["manifests/bad.yaml"],
            1,
            [
                "manifests/bad.yaml:9:5: error: Pod/p spec.containers[0]: unknown field "
                '"lifecyle"; did you mean "lifecycle"? [k8s-schema]'
            ],
        ),
        (
            ["docs"],
            1,
            [
                "docs/page.md:8:16: error: PodSpec restartPolicy: expected string, got list "
                "[k8s-schema]",
                "manifests/bad.yaml:9:5: error: Pod/p spec.containers[0]: unknown field "
                '"lifecyle"; did you mean "lifecycle"? [k8s-schema]',
            ],
        ),
    ],
)
def test_text_output_and_exit_code(project: Path, capsys, monkeypatch, args, code, lines) -> None:
    got_code, out = run(project, capsys, monkeypatch, *args)
    assert (got_code, out.splitlines()) == (code, lines)


def test_json_output(project: Path, capsys, monkeypatch) -> None:
    code, out = run(project, capsys, monkeypatch, "--format", "json", "manifests")
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "manifests/bad.yaml",
            "line": 9,
            "column": 5,
            "severity": "error",
            "rule": "k8s-schema",
            "message": 'unknown field "lifecyle"; did you mean "lifecycle"?',
            "object": "Pod/p",
            "json_path": "spec.containers[0]",
        }
    ]


def test_an_in_process_call_leaves_the_garbage_collector_as_it_was(
    project: Path, capsys, monkeypatch
) -> None:
    """validate freezes what it loaded (a fast exit for the console script); a caller that
    goes on running must get it back, or each call would keep its garbage for ever."""
    import gc

    run(project, capsys, monkeypatch, "manifests")
    assert gc.get_freeze_count() == 0


def test_kubernetes_version_override(project: Path, capsys, monkeypatch) -> None:
    (project / "hpa.yaml").write_text(HPA_BETA, encoding="utf-8")
    code, out = run(project, capsys, monkeypatch, "--kubernetes-version", "1.25", "hpa.yaml")
    assert (code, out.splitlines()) == (
        0,
        [
            "hpa.yaml:1:13: warning: HorizontalPodAutoscaler/h apiVersion: autoscaling/v2beta2 "
            "HorizontalPodAutoscaler is removed in Kubernetes 1.26; use autoscaling/v2 "
            "[k8s-api-deprecated]"
        ],
    )
    code, out = run(project, capsys, monkeypatch, "hpa.yaml")
    assert (code, out.splitlines()) == (
        1,
        [
            "hpa.yaml:1:13: error: HorizontalPodAutoscaler/h apiVersion: autoscaling/v2beta2 "
            "HorizontalPodAutoscaler is not served in Kubernetes 1.34 (last served in 1.25); "
            "use autoscaling/v2 [k8s-api-removed]"
        ],
    )


@pytest.mark.parametrize(
    "args", [["missing.yaml"], ["--kubernetes-version", "1.99", "manifests"], ["mkdocs.yml.txt"]]
)
def test_bad_usage_exits_2(project: Path, capsys, monkeypatch, args: list[str]) -> None:
    (project / "mkdocs.yml.txt").write_text("x", encoding="utf-8")
    code, out = run(project, capsys, monkeypatch, *args)
    assert (code, out) == (2, "")


def test_console_script(project: Path) -> None:
    result = subprocess.run(
        [str(BIN / "kubenotes"), "validate", "manifests/bad.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("manifests/bad.yaml:9:5: error: Pod/p")
    assert result.stderr == "1 error(s), 0 warning(s) (Kubernetes 1.34)\n"
