"""The guarded YAML loader's fast paths give exactly what its slow paths give.

Each shortcut of :mod:`kubenotes.k8s.load` is checked against the plain code it skips, by
switching the shortcut off (the reference) and comparing everything ``parse_yaml`` returns
(values, positions, findings) and everything it charged to the budgets:

- plain strings, nulls, booleans and short integers without PyYAML's constructors;
- values and alias uses charged to the budgets in batches instead of one at a time;
- deep-looking but shallow text (a CRD) composed by libyaml instead of the pure-Python loader.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kubenotes.k8s import load
from kubenotes.k8s.load import MAX_DEPTH, Budget, nesting_bound, parse_yaml
from test_fuzz_properties import hostile_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kubernetes-examples"
REPO = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("KUBENOTES_FUZZ_EXAMPLES", "150"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 150,
    database=None,
)


@contextmanager
def slow_paths():
    """The loader as it was before its shortcuts: every scalar through PyYAML's constructors,
    every value charged on its own, and the pure-Python composer for any deep-looking text."""
    with (
        mock.patch.object(load, "_fast_scalar", lambda tag, value: load._SLOW),
        mock.patch.object(Budget, "room", lambda self, kind: 0),
        mock.patch.object(load, "_deeper_than", lambda text, limit: True),
    ):
        yield


def budgets(values: int, aliases: int) -> tuple[Budget, Budget]:
    build = Budget("build", values * 3, aliases * 3, 10**9)
    return build, Budget("page", values, aliases, 10**9, parent=build)


def outcome(text: str, build: Budget, page: Budget, runs: int = 2) -> str:
    """Everything observable: documents (values, positions), findings, what the budgets have
    left; the text is parsed ``runs`` times, as a page's second fence would be."""
    results = [parse_yaml(text, "f.yaml", 3, page) for _ in range(runs)]
    return repr((results, build.left, page.left))


def same_with_and_without_shortcuts(text: str, values: int = 10**6, aliases: int = 10**5) -> None:
    fast = outcome(text, *budgets(values, aliases))
    with slow_paths():
        slow = outcome(text, *budgets(values, aliases))
    assert fast == slow


# --- the shortcuts change nothing -----------------------------------------------------------

SCALARS = [
    "x", "", "~", "null", "Null", "NULL", "true", "True", "yes", "On", "off", "n", "y", "0",
    "-0", "+0", "00", "007", "010", "08", "0644", "0o17", "0x1F", "0b101", "1_000", "190:20:30",
    "1.5", "-.inf", ".NaN", "1e3", "123456789012345678", "1234567890123456789",
    "9223372036854775808", "-9223372036854775809", "2024-02-30", "2024-01-01",
    "2001-12-14t21:59:43.10-05:00",
    "=", "<<", "\\ud800", "é", "中文", "٣", "１２", " 1", "1 ", "+", "-", "0.", ".5",
]  # fmt: skip
TAGS = ["", "!!str ", "!!int ", "!!bool ", "!!null ", "!!float ", "!!timestamp ", "!local "]
STYLES = ["{}", "'{}'", '"{}"']


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("style", STYLES)
def test_scalars_are_read_as_pyyaml_reads_them(tag: str, style: str) -> None:
    for scalar in SCALARS:
        quoted = style.format(scalar.replace("'", "''") if style == "'{}'" else scalar)
        same_with_and_without_shortcuts(f"a: {tag}{quoted}\nb: [{tag}{quoted}]\n{quoted}: 1\n")


@PROPERTY
@given(hostile_text)
def test_hostile_text_gives_the_same_with_and_without_shortcuts(text: str) -> None:
    same_with_and_without_shortcuts(text)


@PROPERTY
@given(
    st.lists(
        st.sampled_from(["a: ", "- ", "&x ", "*x", "[", "]", "{", "}", ", ", "\n", "  ", "1", "y"]),
        max_size=40,
    ).map("".join),
    st.integers(0, 12),
    st.integers(0, 4),
)
def test_budgets_run_out_at_the_same_value_with_the_same_message(
    text: str, values: int, aliases: int
) -> None:
    same_with_and_without_shortcuts(text, values, aliases)


def test_the_corpus_gives_the_same_with_and_without_shortcuts() -> None:
    files = sorted(CORPUS.glob("*.y*ml")) + sorted((REPO / "manifests").rglob("*.yaml"))
    if not files:
        pytest.skip(f"corpus not found: {CORPUS}")
    for file in files:
        same_with_and_without_shortcuts(file.read_text(encoding="utf-8"))


# --- budgets: where batched charging runs out -------------------------------------------------


@pytest.mark.parametrize(
    ("limits", "message", "left"),
    [
        # 12 values; the build (10) runs out before the page (15): at the 11th value
        ((15, 10), "more than 10 YAML values in one build", (4, -1)),
        # the page (5) runs out first: at the 6th value, which the build did not pay for
        ((5, 10), "more than 5 YAML values in one page", (-1, 5)),
        # both have 8: the smaller scope (the page) names the limit
        ((8, 8), "more than 8 YAML values in one page", (-1, 0)),
    ],
)
def test_the_smallest_scope_runs_out_first(
    limits: tuple[int, int], message: str, left: tuple[int, int]
) -> None:
    page_values, build_values = limits
    build = Budget("build", build_values, 100, 10**6)
    page = Budget("page", page_values, 100, 10**6, parent=build)
    parsed = parse_yaml("[" + ", ".join("x" * 11) + "]", "f.yaml", 0, page)
    assert [f.message.split(" (")[0] for f in parsed.findings] == [message]
    assert (page.left["values"], build.left["values"]) == left


def test_alias_uses_and_values_are_charged_in_document_order() -> None:
    # the 3rd alias use (key d) runs out after its value was charged: 5 values, 2 aliases paid
    build = Budget("build", 100, 2, 10**6)
    text = "a: &x 1\nb: *x\nc: *x\nd: *x\ne: 2\n"
    parsed = parse_yaml(text, "f.yaml", 0, build)
    assert [f.message for f in parsed.findings] == [
        "more than 2 YAML aliases in one build (limit against hostile input; alias bomb?)"
    ]
    assert build.left == {"values": 95, "aliases": -1, "characters": 10**6 - len(text)}


def test_each_document_is_charged_before_the_next_is_built() -> None:
    build = Budget("build", 7, 100, 10**6)
    parsed = parse_yaml("a: [1, 2]\n---\nb: [1, 2]\n", "f.yaml", 0, build)
    assert [d.value for d in parsed.documents] == [{"a": [1, 2]}]
    assert [(f.line, f.rule) for f in parsed.findings] == [(3, "yaml-limit")]
    assert build.left["values"] == -1


# --- libyaml for deep-looking text that is not deep --------------------------------------------


def _depth(text: str) -> int:
    """The deepest node, as the pure-Python loader counts (the root is at depth 1)."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.NodeEvent):
            deepest = max(deepest, depth + 1)
            depth += isinstance(event, yaml.CollectionStartEvent)
    return deepest


leaf = st.one_of(
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
    st.text(alphabet=st.sampled_from("ab[]{}:-,'\"# \n"), max_size=12),
)
nested = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["k", "[x]", "{y}", "key"]), inner, max_size=3),
    ),
    max_leaves=30,
)


@PROPERTY
@given(nested, st.booleans(), st.integers(2, 9), st.integers(1, 12))
def test_the_depth_libyaml_reports_is_the_pure_python_depth(
    data: object, flow: bool, indent: int, limit: int
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, indent=indent, width=60)
    assert load._deeper_than(text, limit) == (_depth(text) > limit)


@PROPERTY
@given(nested, st.integers(6, 9), st.integers(0, 40))
def test_deep_looking_yaml_gives_the_same_through_libyaml(
    data: object, indent: int, brackets: int
) -> None:
    # indented far enough, and with enough brackets in a string, to pass the cheap bound
    text = yaml.safe_dump({"pad": "[{" * brackets, "data": data}, indent=indent, width=60)
    same_with_and_without_shortcuts(text)


def test_a_crd_is_composed_by_libyaml() -> None:
    text = (REPO / "manifests" / "crds" / "gateway.networking.k8s.io.yaml").read_text("utf-8")
    assert nesting_bound(text) > MAX_DEPTH  # the cheap bound alone would send it to Python
    assert not load._deeper_than(text, MAX_DEPTH)
    same_with_and_without_shortcuts(text)


@pytest.mark.parametrize(
    ("text", "deeper"),
    [
        ("[" * 100 + "]" * 100, False),  # 100 lists: the innermost is at depth 100
        ("[" * 99 + "x" + "]" * 99, False),  # 99 lists and a scalar at depth 100
        ("[" * 100 + "x" + "]" * 100, True),  # the scalar is at depth 101
        ("[" * 26000, True),  # stops at the first node too deep, long before the syntax error
        ("a: [1\n", True),  # libyaml cannot parse it: the pure-Python loader reports it
        ("\x00", True),
    ],
)
def test_deeper_than_the_limit(text: str, deeper: bool) -> None:
    assert load._deeper_than(text, MAX_DEPTH) == deeper


def test_documents_without_aliases_use_no_alias_budget() -> None:
    # Alias uses were once counted by id() across documents: a node of an earlier document,
    # freed, could pass its id to a new node, counted as an alias use (48 for this text).
    text = "\n---\n".join(f"a{i}: {{b: [1, 2, {{c: d}}], e: f}}" for i in range(200))
    budget = Budget("file")
    parse_yaml(text, "f.yaml", 0, budget)
    assert budget.left["aliases"] == budget.limits["aliases"]


@pytest.mark.parametrize("pad", ["", 'p: "' + "[" * 120 + '"\n'])  # shallow, or deep-looking
def test_a_byte_order_mark_does_not_shift_lines(pad: str) -> None:
    # libyaml does not count a leading BOM in its marks: every position after it was one
    # character early, a key at the start of a line reported on the line before.
    text = "\ufeff" + pad + "a: 1\nk: 1\nk: 2\n"
    parsed = parse_yaml(text, "f.yaml")
    first = 2 if pad else 1
    assert [(f.line, f.column, f.message) for f in parsed.findings] == [
        (first + 2, 1, f"duplicate key 'k' (first defined at line {first + 1})")
    ]
    assert parsed.documents[0].positions[("k",)] == (first + 1, 1, first + 1, 4)
