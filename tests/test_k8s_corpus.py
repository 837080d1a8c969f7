"""Peer test suites as data: kubeconform's fixtures and the kubernetes/examples manifests.

The corpora are read from ../shared/corpus (never copied here). kubeconform's strict-mode
verdicts are reproduced exactly; for kubernetes/examples every finding is recorded in
tests/fixtures/k8s/kubernetes-examples.expected (reviewed; notable ones explained in its
header). Regenerate it with KUBENOTES_UPDATE_GOLDEN=1 after reviewing a change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from kubenotes.findings import format_text, sort_findings
from kubenotes.k8s.check import Checker
from kubenotes.k8s.load import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
KUBECONFORM = CORPUS / "kubeconform-fixtures"
EXAMPLES = CORPUS / "kubernetes-examples"
EXPECTED = ROOT / "tests" / "fixtures" / "k8s" / "kubernetes-examples.expected"

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"shared test corpus not found at {CORPUS}"
)


def _findings(checker: Checker, folder: Path, name: str) -> list[str]:
    return [format_text(f) for f in sort_findings(checker.check_yaml_file(folder / name, name))]


# file, number of resources, exact findings (kubeconform strict: valid / invalid / error)
KUBECONFORM_CASES = [
    ("valid.yaml", 1, []),
    ("int_or_string.yaml", 1, []),
    ("generate_name.yaml", 1, []),
    ("quantity.yaml", 1, []),
    ("null_string.yaml", 1, []),
    ("folder_valid.yaml", 1, []),
    ("multi_valid.yaml", 6, []),
    ("folder_multi_valid.yaml", 6, []),
    ("list_valid.yaml", 1, []),
    ("unconventional_keys.yaml", 1, []),
    ("blank.yaml", 0, []),
    ("comment.yaml", 0, []),
    (
        "invalid.yaml",
        1,
        [
            "invalid.yaml:6:13: error: ReplicationController/bob spec.replicas: expected "
            "integer, got string [k8s-schema]",
            'invalid.yaml:9:3: error: ReplicationController/bob spec: unknown field "templates"; '
            'did you mean "template"? [k8s-schema]',
        ],
    ),
    (
        "multi_invalid.yaml",
        6,
        [
            "multi_invalid.yaml:12:11: error: Service/redis-master spec.ports[0].port: expected "
            "integer, got string [k8s-schema]"
        ],
    ),
    (
        "list_invalid.yaml",
        1,
        [
            "list_invalid.yaml:26:15: error: ReplicationController/bob items[1].spec.replicas: "
            "expected integer, got string [k8s-schema]",
            "list_invalid.yaml:29:5: error: ReplicationController/bob items[1].spec: unknown "
            'field "templates"; did you mean "template"? [k8s-schema]',
        ],
    ),
    (
        "extra_property.yaml",
        1,
        [
            'extra_property.yaml:7:3: error: DaemonSet/nginx-ds spec: unknown field "replicas" '
            "[k8s-schema]",
            # the template has no labels: the API server also rejects the selector
            "extra_property.yaml:11:3: error: DaemonSet/nginx-ds spec.template.metadata: selector "
            "k8s-app=nginx-ds does not match template labels (none) (`selector` does not match "
            "template `labels`); add the selector's labels to the pod template [k8s-semantic]",
        ],
    ),
    (
        "duplicate_property.yaml",
        1,
        [
            'duplicate_property.yaml:7:3: error: DaemonSet/nginx-ds spec: unknown field "replicas" '
            "[k8s-schema]",
            "duplicate_property.yaml:11:3: error: DaemonSet/nginx-ds spec.template.metadata: "
            "selector k8s-app=nginx-ds does not match template labels (none) (`selector` does not "
            "match template `labels`); add the selector's labels to the pod template "
            "[k8s-semantic]",
            "duplicate_property.yaml:16:7: error: duplicate key 'containers' (first defined at "
            "line 13) [yaml-duplicate-key]",
        ],
    ),
    (
        "missing_kind.yaml",
        1,
        [
            'missing_kind.yaml:1:1: error: missing "apiVersion" and "kind": not a Kubernetes '
            "object [k8s-missing-field]"
        ],
    ),
    (
        "missing_kind_value.yaml",
        1,
        [
            'missing_kind_value.yaml:1:1: error: missing "apiVersion" [k8s-missing-field]',
            'missing_kind_value.yaml:1:6: error: kind: "kind" must be a non-empty string, got '
            "null [k8s-missing-field]",
        ],
    ),
    (
        "missing_apiversion.yaml",
        1,
        [
            'missing_apiversion.yaml:1:1: error: ReplicationController/bob: missing "apiVersion" '
            "[k8s-missing-field]"
        ],
    ),
    (
        "test_crd.yaml",
        1,
        [
            "test_crd.yaml:1:13: error: TrainingJob/xgboost-mnist-debugger apiVersion: no schema "
            "for custom resource sagemaker.aws.amazon.com/v1 TrainingJob: add its "
            'CustomResourceDefinition to the CRD folder, or mark the block k8s=skip reason="..." '
            "[k8s-unknown-kind]"
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "resources", "expected"), KUBECONFORM_CASES, ids=[c[0] for c in KUBECONFORM_CASES]
)
def test_kubeconform_fixture(
    checker: Checker, name: str, resources: int, expected: list[str]
) -> None:
    text = (KUBECONFORM / name).read_text(encoding="utf-8")
    assert len(parse_yaml(text, name).documents) == resources
    assert _findings(checker, KUBECONFORM, name) == expected


def test_every_kubeconform_fixture_has_a_verdict() -> None:
    assert sorted(p.name for p in KUBECONFORM.glob("*.yaml")) == sorted(
        c[0] for c in KUBECONFORM_CASES
    )


def _example_findings(checker: Checker) -> list[str]:
    names = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".yml"))
    return [line for name in names for line in _findings(checker, EXAMPLES, name)]


def test_kubernetes_examples_findings_are_the_recorded_ones(checker: Checker) -> None:
    text = EXPECTED.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    expected = [line for line in text.splitlines() if line and not line.startswith("#")]
    actual = _example_findings(checker)
    if os.environ.get("KUBENOTES_UPDATE_GOLDEN"):
        EXPECTED.write_text("\n".join([*header, *actual]) + "\n", encoding="utf-8")
    assert actual == expected
