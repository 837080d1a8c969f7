"""The line-tracking YAML loader: positions, duplicate keys, aliases, syntax errors."""

from __future__ import annotations

import time

import pytest
import yaml
from kubenotes.findings import format_text
from kubenotes.k8s.load import parse_yaml

BOMB = "\n".join(
    [f"a0: &a0 [{', '.join(['x'] * 9)}]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
)


@pytest.mark.parametrize(
    ("text", "offset", "values", "findings"),
    [
        ("a: 1\nb: [x, {c: d}]\n", 0, [{"a": 1, "b": ["x", {"c": "d"}]}], []),
        (
            "spec: 1\nkind: Pod\nspec: 2\n",
            10,
            [{"spec": 1, "kind": "Pod"}],
            [
                "f.yaml:13:1: error: duplicate key 'spec' (first defined at line 11) "
                "[yaml-duplicate-key]"
            ],
        ),
        ("---\n# only a comment\n---\na: 1\n---\nb: 2\n", 0, [{"a": 1}, {"b": 2}], []),
        ("", 0, [], []),
        ("# comment\n", 0, [], []),
        (
            "a: [1\n",
            4,
            [],
            [
                "f.yaml:6:1: error: while parsing a flow sequence: expected ',' or ']', "
                "but got '<stream end>' [yaml-syntax]"
            ],
        ),
        (
            "a:\n\t- x\n",
            0,
            [],
            [
                "f.yaml:2:1: error: while scanning for the next token: found character '\\t' "
                "that cannot start any token [yaml-syntax]"
            ],
        ),
        (
            "a: &a [*a]\n",
            0,
            [],
            ["f.yaml:1:4: error: alias refers to itself (recursive) [yaml-alias]"],
        ),
        (
            "a: &a\n  b: *a\n",
            0,
            [],
            ["f.yaml:1:4: error: alias refers to itself (recursive) [yaml-alias]"],
        ),
        ("x: *nope\n", 0, [], ["f.yaml:1:4: error: found undefined alias 'nope' [yaml-syntax]"]),
        (
            "a: 1\nb: \x01x\n",
            0,
            [],
            [
                "f.yaml:2:4: error: unacceptable character #x0001: special characters are not "
                "allowed [yaml-syntax]"
            ],
        ),
        (
            BOMB,
            0,
            [],
            [
                "f.yaml:1:1: error: more than 10,000 YAML aliases in one file (limit against "
                "hostile input; alias bomb?) [yaml-limit]"
            ],
        ),
        # Keys as kubectl sees them (YAML → JSON): int, float and bool keys become strings.
        ("5: x\n3.14: y\ntrue: z\n", 0, [{"5": "x", "3.14": "y", "true": "z"}], []),
        # Timestamps and binary stay strings; unknown tags give their plain value.
        (
            "t: 2001-12-14\nb: !!binary aGk=\nr: !Ref x\n",
            0,
            [{"t": "2001-12-14", "b": "aGk=", "r": "x"}],
            [],
        ),
        (
            "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n",
            0,
            [{"base": {"x": 1, "y": 2}, "other": {"x": 1, "y": 3}}],
            [],
        ),
    ],
)
def test_parse(text: str, offset: int, values: list, findings: list[str]) -> None:
    parsed = parse_yaml(text, "f.yaml", offset)
    assert [d.value for d in parsed.documents] == values
    assert [format_text(f) for f in parsed.findings] == findings


def test_positions_of_keys_and_values() -> None:
    doc = parse_yaml("a: 1\nb:\n  - x\n  - {c: d}\n", "f.yaml", 2).documents[0]
    got = {
        path: (p.key_line, p.key_column, p.value_line, p.value_column)
        for path, p in doc.positions.items()
    }
    assert got == {
        (): (3, 1, 3, 1),
        ("a",): (3, 1, 3, 4),
        ("b",): (4, 1, 5, 3),
        ("b", 0): (5, 5, 5, 5),
        ("b", 1): (6, 5, 6, 5),
        ("b", 1, "c"): (6, 6, 6, 9),
    }
    # A path without its own position falls back to its nearest ancestor.
    assert doc.position(("b", 1, "c", "deeper")).key_line == 6


def test_alias_bomb_is_cut_quickly() -> None:
    start = time.perf_counter()
    parse_yaml(BOMB, "f.yaml")
    assert time.perf_counter() - start < 5


def test_private_loader_leaves_pyyaml_alone() -> None:
    parse_yaml("a: 1\na: 2\n", "f.yaml")
    assert yaml.safe_load("a: 1\na: 2\n") == {"a": 2}
