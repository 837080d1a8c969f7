"""A Job's selector, with the API server's verdict (kubernetes/kubernetes
``pkg/apis/batch/validation`` ``validateGeneratedSelector``, ``ValidateJobSpec`` and
``ValidateJobTemplateSpec``, after ``pkg/registry/batch/job`` ``generateSelector``).

Without ``manualSelector: true`` the API server writes the selector itself: it adds
``batch.kubernetes.io/controller-uid=<uid>`` to the selector and the job labels to the pod
template, then refuses a selector that asks for more ("`selector` not auto-generated",
TestValidateJob; `kubectl create` of such a Job fails with that message). With
``manualSelector: true`` the selector is required and must select the template's labels; an
empty one selects every pod. A CronJob's job template never has a selector.
"""

from __future__ import annotations

import textwrap

import pytest
from kubenotes.findings import format_text
from kubenotes.k8s.check import Checker

JOB = """\
apiVersion: batch/v1
kind: Job
metadata: {{name: j}}
spec:
{spec}  template:
    metadata: {{labels: {{app: job}}}}
    spec: {{restartPolicy: Never, containers: [{{name: a, image: i}}]}}
"""

CASES = [
    # no selector: generated (TestValidateJob successCases)
    ("", []),
    # a selector written without manualSelector: refused, even when it selects the template
    (
        "  selector: {matchLabels: {app: job}}\n",
        [(5, "spec.selector", "`selector` not auto-generated")],
    ),
    # ... and when it does not, the generated labels do not save it either
    (
        "  selector: {matchLabels: {app: other}}\n",
        [
            (5, "spec.selector", "`selector` not auto-generated"),
            (7, "spec.template.metadata.labels", "selector app=other does not match"),
        ],
    ),
    # manualSelector: false is the default, said aloud (OpenShift QE OCP-11193)
    (
        "  manualSelector: false\n  selector: {matchLabels: {app: job}}\n",
        [(6, "spec.selector", "`selector` not auto-generated")],
    ),
    # an empty selector, or one the generated uid label satisfies, is what generation makes
    ("  selector: {}\n", []),
    (
        "  selector:\n    matchExpressions:\n"
        "    - {key: batch.kubernetes.io/controller-uid, operator: Exists}\n",
        [],
    ),
    # manualSelector: true: the selector must select the template's labels
    ("  manualSelector: true\n  selector: {matchLabels: {app: job}}\n", []),
    (
        "  manualSelector: true\n  selector: {matchLabels: {app: other}}\n",
        [(8, "spec.template.metadata.labels", "selector app=other does not match")],
    ),
    ("  manualSelector: true\n", [(4, "spec", "selector: Required value")]),
    # an empty selector selects every pod: valid for a Job (not for a Deployment)
    ("  manualSelector: true\n  selector: {}\n", []),
]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker("1.34")


def _semantic(checker: Checker, text: str) -> list[tuple[int, str, str]]:
    found = [f for f in checker.check_text(text, "t.yaml") if f.rule == "k8s-semantic"]
    assert all(f.severity == "error" for f in found), [format_text(f) for f in found]
    return sorted((f.line, f.json_path, f.message) for f in found)


def _expect(found: list[tuple[int, str, str]], expected: list[tuple[int, str, str]]) -> None:
    assert [(line, path) for line, path, _ in found] == [(e[0], e[1]) for e in expected], found
    for (_, _, message), (_, _, fragment) in zip(found, expected, strict=True):
        assert fragment in message, message


@pytest.mark.parametrize(("spec", "expected"), CASES)
def test_job_selector(checker: Checker, spec: str, expected: list[tuple[int, str, str]]) -> None:
    _expect(_semantic(checker, JOB.format(spec=spec)), expected)


CRON_JOB = """\
apiVersion: batch/v1
kind: CronJob
metadata: {{name: c}}
spec:
  schedule: '@daily'
  jobTemplate:
    spec:
{spec}      template:
        metadata: {{labels: {{app: job}}}}
        spec: {{restartPolicy: Never, containers: [{{name: a, image: i}}]}}
"""


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("", []),
        (
            "      selector: {matchLabels: {app: job}}\n",
            [(8, "spec.jobTemplate.spec.selector", "`selector` will be auto-generated")],
        ),
        (
            "      manualSelector: true\n",
            [
                (
                    8,
                    "spec.jobTemplate.spec.manualSelector",
                    'Unsupported value: true: supported values: "nil", "false"',
                )
            ],
        ),
    ],
)
def test_cron_job_template_selector(
    checker: Checker, spec: str, expected: list[tuple[int, str, str]]
) -> None:
    # ValidateJobTemplateSpec: "jobtemplate will always have the selector automatically generated"
    _expect(_semantic(checker, textwrap.dedent(CRON_JOB.format(spec=spec))), expected)
