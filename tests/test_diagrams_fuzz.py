"""Hostile diagram sources: the parsers and the SVG writer never raise anything but
:class:`DiagramError`, and every SVG is well-formed XML made only of the allowed elements.

Sources are drawn from Mermaid-like tokens (so they reach deep into the parsers and the
layout) and from arbitrary text. Crashes found here are kept below as regression cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kubenotes.diagrams import limits
from kubenotes.diagrams.model import DiagramError
from kubenotes.diagrams.parse_flowchart import parse_flowchart
from kubenotes.diagrams.parse_sequence import parse_sequence
from kubenotes.diagrams.parse_state import parse_state
from kubenotes.diagrams.render import render_uncached

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED = {"svg", "title", "style", "g", "rect", "path", "polygon", "circle", "text", "tspan"}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Label text: anything, control characters, markup and surrogates included.
LABEL = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=12
) | st.sampled_from(["", "<b>x</b>", "a&b", "x<br>y", '"q"', "#quot;", "]]>", "\x00\x1b\ud800"])
IDENT = st.sampled_from(["A", "B", "C", "dé", "x1", "end", "note", "state", "[*]", "A B"])
FLOW_LINE = st.one_of(
    st.builds(
        lambda a, op, label, b: f"{a} {op}{label} {b}",
        IDENT,
        st.sampled_from(["-->", "---", "-.->", "==>", "<-->", "--o", "--x", "-->|", "--"]),
        st.one_of(st.just(""), LABEL.map(lambda t: f"|{t}|")),
        IDENT,
    ),
    st.builds(
        lambda a, o, label, c: f"{a}{o}{label}{c}",
        IDENT,
        st.sampled_from(["[", "(", "([", "{", "((", "[(", "[[", "{{", ">"]),
        LABEL,
        st.sampled_from(["]", ")", "])", "}", "))", ")]", "]]", "}}", ""]),
    ),
    st.builds(lambda a, label: f"subgraph {a} [{label}]", IDENT, LABEL),
    st.sampled_from(["end", "direction LR", "style A fill:red", "A & B --> C", "%% c", ""]),
    LABEL,
)
STATE_LINE = st.one_of(
    st.builds(lambda a, b, label: f"{a} --> {b} : {label}", IDENT, IDENT, LABEL),
    st.builds(lambda a, label: f"state {a} {{", IDENT, LABEL),
    st.builds(lambda a, label: f'state "{label}" as {a}', IDENT, LABEL),
    st.builds(
        lambda p, a, label: f"note {p} of {a} : {label}",
        st.sampled_from(["left", "right"]),
        IDENT,
        LABEL,
    ),
    st.builds(lambda a, label: f"{a} : {label}", IDENT, LABEL),
    st.sampled_from(
        ["}", "[*] --> A", "A --> [*]", "direction LR", "note right of A", "end note", "--"]
    ),
    LABEL,
)
SEQUENCE_LINE = st.one_of(
    st.builds(
        lambda a, arrow, b, label: f"{a}{arrow}{b}: {label}",
        IDENT,
        st.sampled_from(["->>", "-->>", "->", "-->", "-x", "--x", "-)", "--)", "->>+", "-->>-"]),
        IDENT,
        LABEL,
    ),
    st.builds(
        lambda k, a, label: f"{k} {a} as {label}",
        st.sampled_from(["participant", "actor"]),
        IDENT,
        LABEL,
    ),
    st.builds(
        lambda p, a, label: f"Note {p} {a}: {label}",
        st.sampled_from(["left of", "right of", "over"]),
        st.sampled_from(["A", "B", "A,B", "A, C"]),
        LABEL,
    ),
    st.builds(
        lambda k, label: f"{k} {label}",
        st.sampled_from(
            [
                "loop",
                "alt",
                "else",
                "opt",
                "par",
                "and",
                "critical",
                "option",
                "break",
                "rect",
                "activate",
                "deactivate",
            ]
        ),
        LABEL,
    ),
    st.sampled_from(["end", "autonumber", "activate A", "deactivate A", "title x", ""]),
    LABEL,
)


def source(header: str, line: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda lines, nl: header + nl + nl.join(lines),
        st.lists(line, max_size=14),
        st.sampled_from(["\n", "\r\n", "\n  ", "\n\t"]),
    )


FLOWCHARTS = source("flowchart LR", FLOW_LINE) | source("graph TD", FLOW_LINE)
STATES = source("stateDiagram-v2", STATE_LINE)
SEQUENCES = source("sequenceDiagram", SEQUENCE_LINE)


def check_svg(svg: str) -> None:
    root = ET.fromstring(svg)  # raises on malformed XML
    for element in root.iter():
        assert element.tag.startswith(SVG), element.tag
        assert element.tag[len(SVG) :] in ALLOWED, element.tag
        for name in element.attrib:
            assert not name.lower().startswith("on"), name
            assert name != "href" and not name.endswith("}href"), name


def renders_or_refuses(text: str) -> None:
    try:
        svg = render_uncached(text, "en")
    except DiagramError as exc:
        assert exc.message
        assert 1 <= exc.line <= max(text.count("\n") + 1, 1), (exc.line, exc.message)
        return
    check_svg(svg)


@pytest.mark.parametrize(
    "parser, strategy",
    [(parse_flowchart, FLOWCHARTS), (parse_state, STATES), (parse_sequence, SEQUENCES)],
    ids=["flowchart", "state", "sequence"],
)
def test_parsers_raise_only_diagram_errors(parser, strategy):
    @FAST
    @given(strategy)
    def run(text: str) -> None:
        try:
            parser(text)
        except DiagramError as exc:
            assert 1 <= exc.line <= text.count("\n") + 1

    run()


@FAST
@given(st.one_of(FLOWCHARTS, STATES, SEQUENCES))
def test_rendered_svg_is_well_formed_and_plain(text: str):
    renders_or_refuses(text)


@FAST
@given(st.text(max_size=200))
def test_any_text_renders_or_is_refused(text: str):
    renders_or_refuses(text)


# ---------------------------------------------------------------- regression cases

REGRESSIONS = {
    # control characters in labels made the SVG malformed XML (issue 11)
    "control characters": "flowchart TD\n  A[a\x01b\x0c\x1b] --> B[\x00x]\n",
    "lone surrogate": "flowchart TD\n  A[\ud800] -->|\udfff| B\n",
    "sequence controls": "sequenceDiagram\n  A->>B: hi\x08\n  Note over A: \x0b\n",
    "state controls": "stateDiagram-v2\n  s1 : \x1f\n  s1 --> s2 : \x7f\n",
}


@pytest.mark.parametrize("text", REGRESSIONS.values(), ids=REGRESSIONS.keys())
def test_regressions(text: str):
    svg = render_uncached(text, "en")
    check_svg(svg)
    assert "\x00" not in svg and "\ud800" not in svg


def test_a_500_edge_chain_is_refused_cleanly_and_laid_out_below_the_limit():
    chain = "flowchart TD\n" + "\n".join(f"  n{i} --> n{i + 1}" for i in range(500))
    with pytest.raises(DiagramError) as caught:
        render_uncached(chain)
    # n80, the first node past the limit, first appears on line 81
    assert caught.value.line == limits.MAX_NODES + 1
    assert "501 nodes, more than the limit of 80" in caught.value.message
    # the layout itself no longer recurses per vertex (it used to overflow the stack)
    from kubenotes.diagrams.layout import layout_graph

    layout = layout_graph(parse_flowchart(chain))
    assert len(layout.nodes) == 501


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("flowchart TD\n" + "x" * limits.MAX_SOURCE, 1, "characters, more than the limit"),
        (
            "flowchart TD\n" + "\n".join(f"  n{i}" for i in range(limits.MAX_NODES + 5)),
            limits.MAX_NODES + 2,
            "85 nodes",
        ),
        ("flowchart TD\n  A[" + "a" * 201 + "] --> B\n", 2, "label has 201 characters"),
        (
            "sequenceDiagram\n" + "\n".join(f"  participant p{i}" for i in range(31)),
            32,
            "31 participants",
        ),
        ("sequenceDiagram\n  A->>B: ok\n  A->>B: " + "m" * 300, 3, "label has 300"),
    ],
    ids=["source", "nodes", "label", "participants", "message"],
)
def test_limits_give_a_line_and_a_way_out(text: str, line: int, words: str):
    with pytest.raises(DiagramError) as caught:
        render_uncached(text)
    assert caught.value.line == line
    assert words in caught.value.message
    assert "split it" in caught.value.message or "shorten it" in caught.value.message
