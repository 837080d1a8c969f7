"""Findings are data; one formatter renders them for people and tools."""

from __future__ import annotations

import json

import pytest
from kubenotes.findings import (
    Deduplicator,
    Finding,
    count_by_severity,
    did_you_mean,
    format_json,
    format_text,
    has_errors,
    sort_findings,
)

SCHEMA = Finding(
    "docs/zh/lifecycle/hooks.md",
    42,
    9,
    "error",
    "k8s-schema",
    'unknown field "command"',
    obj="Pod/lifecycle-demo",
    json_path="spec.containers[0].lifecycle.preStop",
)
LINK = Finding("docs/en/a.md", 7, 0, "warning", "link-anchor", "broken link to 'b.md#c'")
FILE = Finding("manifests/x.yaml", 0, 0, "error", "yaml-syntax", "empty file")


def test_format_text_shows_location_object_path_and_rule():
    assert format_text(SCHEMA) == (
        "docs/zh/lifecycle/hooks.md:42:9: error: Pod/lifecycle-demo "
        'spec.containers[0].lifecycle.preStop: unknown field "command" [k8s-schema]'
    )
    assert format_text(LINK) == "docs/en/a.md:7: warning: broken link to 'b.md#c' [link-anchor]"
    assert format_text(FILE) == "manifests/x.yaml: error: empty file [yaml-syntax]"


def test_json_is_sorted_deduplicated_and_names_the_object():
    data = json.loads(format_json([SCHEMA, LINK, SCHEMA, FILE]))
    assert [(d["path"], d["line"]) for d in data] == [
        ("docs/en/a.md", 7),
        ("docs/zh/lifecycle/hooks.md", 42),
        ("manifests/x.yaml", 0),
    ]
    assert data[1]["object"] == "Pod/lifecycle-demo" and "obj" not in data[1]


def test_json_carries_every_field():
    """to_dict names its fields by hand: a field added to Finding must reach the JSON too."""
    from dataclasses import asdict

    expected = asdict(SCHEMA)
    expected["object"] = expected.pop("obj")
    assert list(SCHEMA.to_dict().items()) == list(expected.items())  # same order too


def test_counts_and_errors():
    assert count_by_severity([SCHEMA, LINK, FILE]) == {"error": 2, "warning": 1, "info": 0}
    assert has_errors([LINK]) is False
    assert has_errors([LINK, FILE]) is True
    assert sort_findings([FILE, LINK]) == [LINK, FILE]


def test_deduplicator_reports_each_finding_once_per_build():
    dedup = Deduplicator()
    assert dedup.new([SCHEMA, LINK]) == [LINK, SCHEMA]
    assert dedup.new([SCHEMA, FILE]) == [FILE]  # the second language build repeats SCHEMA
    dedup.reset()  # next `mkdocs serve` rebuild
    assert dedup.new([SCHEMA]) == [SCHEMA]


@pytest.mark.parametrize(
    ("name", "candidates", "kwargs", "expected"),
    [
        ("lifecyle", ["lifecycle", "image"], {}, '; did you mean "lifecycle"?'),
        ("apiversion", ["apiVersion", "apiversions"], {}, '; did you mean "apiVersion"?'),
        ("zzz", ["lifecycle"], {}, ""),
        ("x", [], {}, ""),
        ("zh/a/pod.md", ["zh/a/pods.md"], {"quote": "'", "show": lambda p: p[3:]},
         "; did you mean 'a/pods.md'?"),
        ("apps/v2", ["apps/v1"], {"cutoff": 0.9}, ""),
    ],
)  # fmt: skip
def test_did_you_mean(name: str, candidates: list[str], kwargs: dict, expected: str) -> None:
    assert did_you_mean(name, candidates, **kwargs) == expected
