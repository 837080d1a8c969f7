"""Mermaid subset parsers: table-driven, exact models and exact errors with source lines."""

from __future__ import annotations

import pytest
from kubenotes.diagrams.model import (
    Activation,
    BlockElse,
    BlockEnd,
    BlockStart,
    DiagramError,
    Graph,
    Message,
    Note,
    Sequence,
)
from kubenotes.diagrams.render import parse


def summary(graph: Graph) -> dict[str, list[str]]:
    return {
        "nodes": [f"{n.id}:{n.shape}:{n.label}" for n in graph.nodes.values()],
        "edges": [
            f"{e.source}{'<' if e.arrow_start else '-'}{e.style}{'>' if e.arrow_end else '-'}"
            f"{e.target}" + (f" |{e.label}|" if e.label else "")
            for e in graph.edges
        ],
        "clusters": [f"{c.id}:{c.label}:{','.join(c.members)}" for c in graph.clusters],
    }


def events(diagram: Sequence) -> list[str]:
    out = []
    for event in diagram.events:
        if isinstance(event, Message):
            number = f"#{event.number} " if event.number else ""
            out.append(
                f"{number}{event.source}-{event.line_style}/{event.head}{event.activate}->"
                f"{event.target}: {event.text}"
            )
        elif isinstance(event, Note):
            out.append(f"note {event.position} {','.join(event.participants)}: {event.text}")
        elif isinstance(event, Activation):
            out.append(f"{'activate' if event.on else 'deactivate'} {event.participant}")
        elif isinstance(event, BlockStart | BlockElse):
            out.append(f"{event.kind} [{event.text}]")
        elif isinstance(event, BlockEnd):
            out.append("end")
    return out


FLOWCHARTS = [
    (
        "shapes",
        "flowchart TD\n  A[rect] --> B(rounded) --> C([stadium])\n  C --> D{diamond}\n"
        "  D --> E((circle)) & F[(db)]\n  F --> G[[sub]] --> H{{hex}}\n",
        {
            "nodes": [
                "A:rect:rect",
                "B:rounded:rounded",
                "C:stadium:stadium",
                "D:diamond:diamond",
                "E:circle:circle",
                "F:cylinder:db",
                "G:subroutine:sub",
                "H:hexagon:hex",
            ],
            "edges": [
                "A-solid>B",
                "B-solid>C",
                "C-solid>D",
                "D-solid>E",
                "D-solid>F",
                "F-solid>G",
                "G-solid>H",
            ],
            "clusters": [],
        },
    ),
    (
        "edge styles and labels",
        "graph LR\n  A -->|yes| B\n  A -- no --> C\n  B -.-> C\n  C ==> D\n  D --- E\n"
        '  E -. maybe .- F\n  F == big ==> G\n  G <--> H\n  H["quoted #quot;label#quot; [x]"]\n',
        {
            "nodes": [
                "A:rect:A",
                "B:rect:B",
                "C:rect:C",
                "D:rect:D",
                "E:rect:E",
                "F:rect:F",
                "G:rect:G",
                'H:rect:quoted "label" [x]',
            ],
            "edges": [
                "A-solid>B |yes|",
                "A-solid>C |no|",
                "B-dotted>C",
                "C-thick>D",
                "D-solid-E",
                "E-dotted-F |maybe|",
                "F-thick>G |big|",
                "G<solid>H",
            ],
            "clusters": [],
        },
    ),
    (
        "subgraph fan-in and fan-out, comments, semicolons",
        "flowchart TD\n  %% a comment\n  A --> S\n  subgraph S[Pod]\n    direction LR\n"
        "    X[app]; Y[sidecar]\n  end\n  S -->|logs| Z[(store)]\n",
        {
            "nodes": ["A:rect:A", "X:rect:app", "Y:rect:sidecar", "Z:cylinder:store"],
            "edges": ["A-solid>X", "A-solid>Y", "X-solid>Z |logs|", "Y-solid>Z"],
            "clusters": ["S:Pod:X,Y"],
        },
    ),
    (
        "CJK ids and labels",
        "flowchart TD\n  调度器[kube-scheduler 调度器] --> 节点\n",
        {
            "nodes": ["调度器:rect:kube-scheduler 调度器", "节点:rect:节点"],
            "edges": ["调度器-solid>节点"],
            "clusters": [],
        },
    ),
]

STATES = [
    (
        "phases with start, end, labels and a note",
        "stateDiagram-v2\n  [*] --> Pending\n  Pending --> Running: scheduled\n"
        "  Running --> [*]\n  note right of Running : the app runs\n",
        {
            "nodes": [
                "[*]start:start:",
                "Pending:rounded:Pending",
                "Running:rounded:Running",
                "[*]end:end:",
                "[note]1:note:the app runs",
            ],
            "edges": [
                "[*]start-solid>Pending",
                "Pending-solid>Running |scheduled|",
                "Running-solid>[*]end",
                "Running-dotted-[note]1",
            ],
            "clusters": [],
        },
    ),
    (
        "aliases, descriptions, choice and a composite state",
        'stateDiagram-v2\n  direction LR\n  state "Waiting for a node" as W\n  W : no node fits\n'
        "  state C <<choice>>\n  W --> C\n  C --> Bound\n  state Bound {\n"
        "    [*] --> InUse\n    InUse --> Idle\n  }\n  Bound --> [*]\n"
        "  note left of W\n    line one\n    line two\n  end note\n",
        {
            "nodes": [
                "W:rounded:no node fits",
                "C:diamond:",
                "Bound[*]start:start:",
                "InUse:rounded:InUse",
                "Idle:rounded:Idle",
                "[*]end:end:",
                "[note]1:note:line one<br>line two",
            ],
            "edges": [
                "W-solid>C",
                "C-solid>Bound[*]start",
                "Bound[*]start-solid>InUse",
                "InUse-solid>Idle",
                "Idle-solid>[*]end",
                "[note]1-dotted-W",
            ],
            "clusters": ["Bound:Bound:Bound[*]start,InUse,Idle"],
        },
    ),
]


@pytest.mark.parametrize(("name", "source", "expected"), FLOWCHARTS + STATES, ids=lambda v: v)
def test_graph_models(name: str, source: str, expected: dict[str, list[str]]):
    assert summary(parse(source)) == expected


def test_flowchart_direction_and_state_direction():
    assert parse("graph BT\n A --> B").direction == "BT"
    assert parse("flowchart TD\n A --> B").direction == "TB"
    assert parse("stateDiagram-v2\n direction RL\n A --> B").direction == "RL"


SEQUENCE_SOURCE = """sequenceDiagram
    autonumber
    actor U as User
    participant A as API server
    U->>+A: create
    A-->>-U: 201
    A-)B: async
    B-xA: lost
    B->B: self
    Note over A,B: together
    note left of U: alone
    loop every 10 s
      A-->B: poll
    end
    alt ok
      activate B
      deactivate B
    else failed
      opt retry
      end
    end
    par one
    and two
    end
    critical lock
    option timeout
    end
    break stop
    end
"""


def test_sequence_model():
    diagram = parse(SEQUENCE_SOURCE)
    assert [(p.id, p.label, p.actor) for p in diagram.participants.values()] == [
        ("U", "User", True),
        ("A", "API server", False),
        ("B", "B", False),
    ]
    assert events(diagram) == [
        "#1 U-solid/arrow+->A: create",
        "activate A",
        "#2 A-dotted/arrow-->U: 201",
        "deactivate A",
        "#3 A-solid/async->B: async",
        "#4 B-solid/cross->A: lost",
        "#5 B-solid/open->B: self",
        "note over A,B: together",
        "note left U: alone",
        "loop [every 10 s]",
        "#6 A-dotted/open->B: poll",
        "end",
        "alt [ok]",
        "activate B",
        "deactivate B",
        "else [failed]",
        "opt [retry]",
        "end",
        "end",
        "par [one]",
        "and [two]",
        "end",
        "critical [lock]",
        "option [timeout]",
        "end",
        "break [stop]",
        "end",
    ]


def test_autonumber_start_and_step():
    diagram = parse(
        "sequenceDiagram\n autonumber 10 5\n A->>B: x\n B->>A: y\n autonumber off\n A->>B: z"
    )
    assert [e.number for e in diagram.events] == [10, 15, 0]


ERRORS = [
    ("", 1, "empty diagram"),
    (
        "pie title Pets\n",
        1,
        "unsupported diagram type 'pie': use flowchart, graph, stateDiagram-v2 or sequenceDiagram",
    ),
    (
        "\n%% c\nclassDiagram\n",
        3,
        "unsupported diagram type 'classDiagram': use flowchart, "
        "graph, stateDiagram-v2 or sequenceDiagram",
    ),
    ("flowchart XY\n A-->B", 1, "unsupported flowchart direction 'XY'"),
    (
        "flowchart TD\n A --> B\n classDef hot fill:#f00",
        3,
        "'classDef' is not supported: diagrams take their colours from the site theme",
    ),
    (
        "flowchart TD\n A:::hot --> B",
        2,
        "':::' class shorthand is not supported: diagrams take their colours from the site theme",
    ),
    (
        "flowchart TD\n A[/slanted/] --> B",
        2,
        "node shape '[/…' (trapezoid/parallelogram) is not supported",
    ),
    ("flowchart TD\n A>flag] --> B", 2, "node shape '>…]' (asymmetric) is not supported"),
    ("flowchart TD\n A[open --> B", 2, "missing ']' to close the node label"),
    ("flowchart TD\n A --o B", 2, "edge end '--o' (circle/cross arrowhead) is not supported"),
    ("flowchart TD\n A ---x B", 2, "edge end '---x' (circle/cross arrowhead) is not supported"),
    ('flowchart TD\n A["open] --> B', 2, "unterminated quoted label"),
    ("flowchart TD\n A --> B C", 2, "unexpected 'C'"),
    ("flowchart TD\n A -->", 2, "expected a node id at 'end of line'"),
    (
        "flowchart TD\n subgraph one\n subgraph two\n end\n end",
        3,
        "nested subgraphs are not supported (one level only)",
    ),
    ("flowchart TD\n subgraph one\n A\n", 2, "subgraph 'one' is never closed with 'end'"),
    ("flowchart TD\n A --> B\n end", 3, "'end' without a 'subgraph'"),
    ("flowchart TD\n A --> S\n subgraph S\n end", 3, "subgraph 'S' is empty"),
    (
        "stateDiagram-v2\n A --> B\n A --> B --> C",
        3,
        "unsupported state diagram statement 'A --> B --> C'",
    ),
    ("stateDiagram-v2\n state F <<fork>>", 2, "state stereotype '<<fork>>' is not supported"),
    (
        "stateDiagram-v2\n state A {\n  B --> C\n  --\n  D\n }",
        4,
        "concurrent regions ('--') are not supported",
    ),
    (
        "stateDiagram-v2\n state A {\n  state B {\n  }\n }",
        3,
        "composite state 'B' inside 'A': only one level of composite states is supported",
    ),
    ("stateDiagram-v2\n state A {\n  B --> C\n", 2, "composite state 'A' is never closed with '}'"),
    ("stateDiagram-v2\n note right of A\n text\n", 2, "note is never closed with 'end note'"),
    ("stateDiagram-v2\n }", 2, "'}' without an open composite state"),
    ("sequenceDiagram\n A->>B: hi\n else nope", 3, "'else' outside an 'alt' block"),
    ("sequenceDiagram\n loop x\n  A->>B: hi\n", 2, "'loop' block is never closed with 'end'"),
    ("sequenceDiagram\n A->>B: hi\n end", 3, "'end' without an open block"),
    ("sequenceDiagram\n deactivate A", 2, "'A' is deactivated but it is not active"),
    (
        "sequenceDiagram\n A->>B: hi\n participant A",
        3,
        "participant 'A' is declared after its first use",
    ),
    (
        "sequenceDiagram\n rect rgb(0, 0, 0)\n end",
        2,
        "'rect' is not supported in sequence diagrams",
    ),
    ("sequenceDiagram\n A=>B: hi", 2, "unsupported sequence diagram statement 'A=>B: hi'"),
    ("sequenceDiagram\n autonumber x", 2, "bad autonumber arguments 'x'"),
]


@pytest.mark.parametrize(("source", "line", "message"), ERRORS, ids=[e[2][:40] for e in ERRORS])
def test_errors_name_the_line_and_the_construct(source: str, line: int, message: str):
    with pytest.raises(DiagramError) as caught:
        parse(source)
    assert (caught.value.line, caught.value.message) == (line, message)
