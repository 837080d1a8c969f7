"""Validation rules, one table row per rule: inline YAML in, exact findings out."""

from __future__ import annotations

from pathlib import Path

import pytest
from kubenotes.findings import format_text, sort_findings
from kubenotes.k8s.check import Checker

ROOT = Path(__file__).resolve().parents[1]

POD_PRESTOP = """\
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: web
    image: nginx
    lifecycle:
      preStop:
        exec: {}
        command: ["/usr/sbin/nginx", "-s", "quit"]
"""

QUOTA = """\
apiversion: v1
kind: ResourceQuota
metadata:
  name: pods-high
spec:
  hard:
    pods: "10"
  scopeSelector:
    mathExpressions:
    - operator: In
      scopeName: PriorityClass
      values: [high]
"""

# Two manifests pasted into one document without "---" (seed 001).
PASTED = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data:
  x: "1"
apiVersion: v1
kind: Pod
metadata:
  name: b
"""

SPC = """\
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: spc
spec:
  provider: cce
  parameters:
    objects: |
      - objectName: "x"
  secretObjects:
  - secretName: env
    type: Opaque
    data:
    - objectName: x
      key: x
      keys: y
"""

MANIFEST_CASES = [
    (
        "prestop-beside-exec",
        POD_PRESTOP,
        [
            "t.yaml:12:9: error: Pod/lifecycle-demo spec.containers[0].lifecycle.preStop: "
            'unknown field "command" [k8s-schema]',
        ],
    ),
    (
        "apiversion-case-and-typo",
        QUOTA,
        [
            't.yaml:1:1: error: missing "apiVersion": found "apiversion" (field names are '
            'case-sensitive; write "apiVersion") [k8s-missing-field]',
            "t.yaml:9:5: error: ResourceQuota/pods-high spec.scopeSelector: unknown field "
            '"mathExpressions"; did you mean "matchExpressions"? [k8s-schema]',
        ],
    ),
    (
        "pasted-without-separator",
        PASTED,
        [
            "t.yaml:7:1: error: duplicate key 'apiVersion' (first defined at line 1) "
            "[yaml-duplicate-key]",
            "t.yaml:8:1: error: duplicate key 'kind' (first defined at line 2) "
            "[yaml-duplicate-key]",
            "t.yaml:9:1: error: duplicate key 'metadata' (first defined at line 3) "
            "[yaml-duplicate-key]",
        ],
    ),
    (
        "crd-v1beta1-removed",
        "apiVersion: apiextensions.k8s.io/v1beta1\n"
        "kind: CustomResourceDefinition\nmetadata: {name: foos.x.io}\n",
        [
            "t.yaml:1:13: error: CustomResourceDefinition/foos.x.io apiVersion: "
            "apiextensions.k8s.io/v1beta1 CustomResourceDefinition is not served in Kubernetes "
            "1.34 (last served in 1.21); use apiextensions.k8s.io/v1 [k8s-api-removed]",
        ],
    ),
    (
        "removed-in-bundled-range",
        "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n",
        [
            "t.yaml:1:13: error: HorizontalPodAutoscaler/h apiVersion: autoscaling/v2beta2 "
            "HorizontalPodAutoscaler is not served in Kubernetes 1.34 (last served in 1.25); "
            "use autoscaling/v2 [k8s-api-removed]",
        ],
    ),
    (
        "removed-no-replacement",
        "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\n",
        [
            "t.yaml:1:13: error: PodSecurityPolicy apiVersion: policy/v1beta1 PodSecurityPolicy is "
            "not served in Kubernetes 1.34 (last served in 1.24); Kubernetes 1.34 has no "
            "PodSecurityPolicy in any API group [k8s-api-removed]",
        ],
    ),
    (
        "kind-in-wrong-group",
        "apiVersion: v1\nkind: Deployment\n",
        [
            "t.yaml:1:13: error: Deployment apiVersion: Deployment is not in v1 in Kubernetes "
            "1.34; use apps/v1 [k8s-unknown-kind]",
        ],
    ),
    (
        "kind-case",
        "apiVersion: apps/v1\nkind: deployment\n",
        [
            't.yaml:1:13: error: deployment apiVersion: unknown kind "deployment" in apps/v1; '
            'did you mean "Deployment"? [k8s-unknown-kind]',
        ],
    ),
    (
        "unknown-custom-resource",
        "apiVersion: example.com/v1\nkind: Widget\n",
        [
            "t.yaml:1:13: error: Widget apiVersion: no schema for custom resource example.com/v1 "
            "Widget: add its CustomResourceDefinition to the CRD folder, or mark the block "
            'k8s=skip reason="..." [k8s-unknown-kind]',
        ],
    ),
    (
        "custom-resource-from-crd",
        SPC,
        [
            "t.yaml:16:7: error: SecretProviderClass/spc spec.secretObjects[0].data[0]: unknown "
            'field "keys"; did you mean "key"? [k8s-schema]',
        ],
    ),
    (
        "missing-kind",
        "apiVersion: v1\nmetadata: {name: x}\n",
        [
            't.yaml:1:1: error: x: missing "kind" [k8s-missing-field]',
        ],
    ),
    (
        "not-an-object",
        "- a\n- b\n",
        [
            "t.yaml:1:1: error: expected a Kubernetes object (apiVersion, kind, ...), got list "
            "[k8s-missing-field]",
        ],
    ),
    (
        "no-identity",
        "name: x\n",
        [
            't.yaml:1:1: error: missing "apiVersion" and "kind": not a Kubernetes object '
            "[k8s-missing-field]",
        ],
    ),
    (
        "wrong-type",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n"
        "  type: ClusterIP\n  ports:\n  - port: '80'\n",
        [
            "t.yaml:7:11: error: Service/s spec.ports[0].port: expected integer, got string "
            "[k8s-schema]",
        ],
    ),
    (
        "int-or-string",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n"
        "  ports:\n  - port: 80\n    targetPort: [1]\n",
        [
            "t.yaml:7:17: error: Service/s spec.ports[0].targetPort: expected string or integer, "
            "got list [k8s-schema]",
        ],
    ),
    (
        "nested-required",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        "  containers: [{name: c, image: i}]\n  affinity:\n    nodeAffinity:\n"
        "      requiredDuringSchedulingIgnoredDuringExecution: {}\n",
        [
            "t.yaml:8:7: error: Pod/p spec.affinity.nodeAffinity."
            "requiredDuringSchedulingIgnoredDuringExecution: missing required field "
            '"nodeSelectorTerms" [k8s-missing-field]',
        ],
    ),
    (
        "list-items",
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
        "  metadata: {name: a}\n  datta: {}\n- kind: Secret\n",
        [
            't.yaml:7:3: error: ConfigMap/a items[0]: unknown field "datta"; did you mean "data"? '
            "[k8s-schema]",
            't.yaml:8:3: error: Secret items[1]: missing "apiVersion" [k8s-missing-field]',
        ],
    ),
    (
        "label-key-quoting",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n"
        "    app.kubernetes.io/name: 3\nspec: {containers: []}\n",
        [
            't.yaml:6:29: error: Pod/p metadata.labels["app.kubernetes.io/name"]: expected '
            "string, got integer [k8s-schema]",
        ],
    ),
    (
        "valid-deployment",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
        "  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n"
        "    spec: {containers: [{name: c, image: i,\n"
        "      resources: {limits: {cpu: 500m, memory: 1Gi}}}]}\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MANIFEST_CASES], ids=[c[0] for c in MANIFEST_CASES]
)
def test_manifests(project_checker, text: str, expected: list[str]) -> None:
    findings = sort_findings(project_checker.check_text(text, "t.yaml"))
    assert [format_text(f) for f in findings] == expected


FRAGMENT_CASES = [
    ("selector-infers-labelselector-owner", None, "selector:\n  matchLabels:\n    app: x\n", []),
    (
        "valuefrom-and-mounts",
        None,
        "env:\n- name: A\n  valueFrom:\n    configMapKeyRef: {name: c, key: k}\n"
        "volumeMounts:\n- name: v\n  mountPath: /etc/c\n",
        [],
    ),
    (
        "podspec-without-containers-is-partial",
        None,
        "terminationGracePeriodSeconds: 60\nrestartPolicy: Never\n",
        [],
    ),
    (
        "mixed-container-and-podspec",
        None,
        "lifecycle:\n  preStop: {exec: {command: [a]}}\nterminationGracePeriodSeconds: 3\n",
        [
            "t.yaml:3:1: error: fragment mixes Container fields (lifecycle) with PodSpec fields "
            "(terminationGracePeriodSeconds) [k8s-fragment]",
        ],
    ),
    (
        "nested-fully-checked",
        None,
        "containers:\n- name: x\n  image: y\naffinity:\n  nodeAffinity:\n"
        "    requiredDuringSchedulingIgnoredDuringExecution: {}\n",
        [
            "t.yaml:6:5: error: PodSpec affinity.nodeAffinity."
            "requiredDuringSchedulingIgnoredDuringExecution: missing required field "
            '"nodeSelectorTerms" [k8s-missing-field]',
        ],
    ),
    (
        "named-container",
        "Container",
        "name: x\nlifecycle:\n  preStop: {exec: {}, command: [b]}\n",
        [
            't.yaml:3:23: error: Container lifecycle.preStop: unknown field "command" [k8s-schema]',
        ],
    ),
    ("named-full-definition", "io.k8s.api.core.v1.PodSpec", "containers: []\n", []),
    (
        "named-list",
        "Container",
        "- name: a\n  image: b\n- name: c\n  imag: d\n",
        [
            't.yaml:4:3: error: Container [1]: unknown field "imag"; did you mean "image"? '
            "[k8s-schema]",
        ],
    ),
    (
        "named-unknown",
        "PodSpek",
        "a: 1\n",
        [
            't.yaml:1:1: error: unknown schema definition "PodSpek" in k8s=…; did you mean '
            '"PodSpec"? [k8s-fragment]',
        ],
    ),
    (
        "not-kubernetes",
        None,
        "foo: 1\nbar: 2\n",
        [
            "t.yaml:1:1: error: no Kubernetes schema has the fields bar, foo; if this is not "
            'Kubernetes, mark the block k8s=none reason="..." [k8s-fragment]',
        ],
    ),
    (
        "typo-at-top-level",
        None,
        "containers: []\nrestartPolicy: Never\nnodeSelecter: {}\n",
        [
            't.yaml:3:1: error: PodSpec: unknown field "nodeSelecter"; '
            'did you mean "nodeSelector"? '
            "[k8s-schema]",
        ],
    ),
]


@pytest.mark.parametrize(
    ("target", "text", "expected"),
    [c[1:] for c in FRAGMENT_CASES],
    ids=[c[0] for c in FRAGMENT_CASES],
)
def test_fragments(project_checker, target: str | None, text: str, expected: list[str]) -> None:
    findings = sort_findings(
        project_checker.check_text(text, "t.yaml", fragments=True, target=target)
    )
    assert [format_text(f) for f in findings] == expected


def test_fragment_not_allowed_in_files(project_checker) -> None:
    findings = project_checker.check_text("selector:\n  matchLabels: {app: x}\n", "f.yaml")
    assert [format_text(f) for f in findings] == [
        'f.yaml:1:1: error: missing "apiVersion" and "kind": not a Kubernetes object '
        "[k8s-missing-field]"
    ]


def test_line_offset_counts_lines_before_the_yaml(project_checker) -> None:
    findings = project_checker.check_text(POD_PRESTOP, "page.md", 41)
    assert [(f.line, f.column) for f in findings] == [(53, 9)]


def test_deep_nesting_gives_a_finding_not_a_crash(project_checker) -> None:
    deep = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 400))
    findings = project_checker.check_text(deep, "t.yaml", fragments=True, target="PodSpec")
    # stopped by the depth limit where the 101st level starts (scalars count as a level)
    assert [(f.line, f.rule) for f in findings] == [(100, "yaml-limit")]
    assert findings[0].message.startswith("YAML nested more than 100 levels deep")


def _fence(items: int, lines: int) -> str:
    body = "items:\n" + "".join(f"- {i}\n" for i in range(items)) + "\n" * (lines - items)
    return f"```yaml\n{body}```\n\n"


def _limit_lines(checker, markdown: str) -> list[int]:
    """One build of one page with a build budget of 100 YAML values: the lines out of budget."""
    from kubenotes.k8s.load import LIMIT_RULE, Budget

    checker.new_build()
    checker.budget = Budget("build", 100, 100, 100_000)
    return [f.line for f in checker.check_markdown(markdown, "p.md")[0] if f.rule == LIMIT_RULE]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # fences that were cached still cost their values in the next build
        ("# P\n\n" + _fence(60, 60), "# P\n\n" + _fence(60, 60) + _fence(60, 60)),
        # a fence that ran out of budget is not reported again once the page no longer uses it up
        ("# P\n\n" + _fence(60, 60) + _fence(60, 60), "# P\n\n" + _fence(5, 60) + _fence(60, 60)),
    ],
)
def test_a_rebuild_in_one_process_reports_the_yaml_budget_as_a_fresh_build(
    first: str, second: str
) -> None:
    # `mkdocs serve` keeps the hook's checker (and its cache) across rebuilds
    serving = Checker("1.34")
    _limit_lines(serving, first)
    assert _limit_lines(serving, second) == _limit_lines(Checker("1.34"), second)


def test_a_kind_shaped_like_a_path_probes_no_file(tmp_path: Path) -> None:
    """The bundle is looked up by a file name made from kind and apiVersion, both written by
    the page's author: a kind with ``../`` must not learn whether a file exists elsewhere."""
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "secret-v1.json").write_text("{}", encoding="utf-8")
    up = "../" * 40
    messages = []
    for kind in (f"{up}{probe}/secret", f"{up}{probe}/absent", "../v1.33.0-local-strict/pod"):
        text = f"apiVersion: v1\nkind: {kind}\nmetadata: {{name: x}}\n"
        found = Checker("1.34").check_text(text, "t.yaml")
        messages.append([f.message.replace(kind, "KIND") for f in found])
    assert messages[0] == messages[1] == messages[2]
    assert all("served" not in m for m in messages[0]), messages[0]
