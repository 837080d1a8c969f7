"""Markdown extraction: which blocks are validated, at which file lines, and fence options."""

from __future__ import annotations

import pytest
from kubenotes.findings import format_text, sort_findings
from kubenotes.k8s.check import Checker
from kubenotes.k8s.extract import clean_info, extract
from kubenotes.markdown import front_matter_lines, iter_fenced_blocks, split_front_matter

PAGE = """\
---
title: 生命周期
---

# Pod

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: c
    image: nginx
    lifecycle:
      preStop:
        exec: {}
        command: ["/bin/sh"]
```

Unlabeled, but a Kubernetes object:

```
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
date: {}
```

Unlabeled and not Kubernetes: ignored.

```
key: value
```

1. In a list:

    ```yaml k8s=Container
    name: x
    imagePullPolicy: Always
    livenessProbe: {exec: {comand: [a]}}
    ```

```yaml k8s=skip reason="shows the mistake of the note"
apiVersion: v1
kind: Pod
spec: {bad: 1}
```

```yaml k8s=skip
a: 1
```

```yaml k8s=none reason="kubelet configuration file"
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
```

```yaml
--8<-- "manifests/lifecycle/lifecycle-demo.yaml"
```
"""


def test_page_findings_at_file_lines(checker: Checker) -> None:
    _, body = split_front_matter(PAGE)
    findings, _ = checker.check_markdown(body, "docs/zh/p.md", front_matter_lines(PAGE))
    assert [format_text(f) for f in sort_findings(findings)] == [
        "docs/zh/p.md:19:9: error: Pod/lifecycle-demo spec.containers[0].lifecycle.preStop: "
        'unknown field "command" [k8s-schema]',
        'docs/zh/p.md:28:1: error: ConfigMap/c: unknown field "date"; did you mean "data"? '
        "[k8s-schema]",
        'docs/zh/p.md:42:28: error: Container livenessProbe.exec: unknown field "comand"; '
        'did you mean "command"? [k8s-schema]',
        'docs/zh/p.md:51:1: error: k8s=skip needs a reason: k8s=skip reason="why" '
        "[k8s-skip-reason]",
    ]


def test_blocks_includes_and_opt_outs() -> None:
    page = extract(PAGE, "p.md")
    assert [(b.block.start_line, b.fragments, b.target) for b in page.blocks] == [
        (7, True, None),
        (24, False, None),
        (39, True, "Container"),
    ]
    assert page.includes == ["manifests/lifecycle/lifecycle-demo.yaml"]
    assert [b.start_line for b in page.skipped] == [45, 51]
    assert [b.start_line for b in page.other] == [55]


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("yaml", "yaml"),
        ("yaml k8s=PodSpec", "yaml"),
        ('yaml k8s=skip reason="a mistake"', "yaml"),
        ('yaml title="pod.yaml" k8s=Container', 'yaml title="pod.yaml"'),
        ("yaml linenums=1 hl_lines=2", "yaml linenums=1 hl_lines=2"),
    ],
)
def test_clean_info_strips_only_kubenotes_options(info: str, expected: str) -> None:
    block = next(iter_fenced_blocks(f"```{info}\na: 1\n```\n"))
    assert clean_info(block) == expected
