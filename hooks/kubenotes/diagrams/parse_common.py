"""Helpers shared by the Mermaid parsers: source lines, diagram type, labels, unsupported syntax."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kubenotes.diagrams.model import DiagramError, Edge, Graph

_COMMENT = re.compile(r"^\s*%%")
_ENTITY = re.compile(r"#(quot|amp|lt|gt|nbsp|semi|colon|35|59);")
_ENTITIES = {
    "quot": '"',
    "amp": "&",
    "lt": "<",
    "gt": ">",
    "nbsp": "\u00a0",
    "semi": ";",
    "colon": ":",
    "35": "#",
    "59": ";",
}
HEADERS = {
    "flowchart": "flowchart",
    "graph": "flowchart",
    "statediagram-v2": "state",
    "statediagram": "state",
    "sequencediagram": "sequence",
}
STYLING = ("classDef", "class", "style", "linkStyle", "click", "callback")


def source_lines(source: str) -> Iterator[tuple[int, str]]:
    """``(line number, stripped text)`` of every line that is not blank or a ``%%`` comment."""
    for number, raw in enumerate(source.split("\n"), start=1):
        if not raw.strip() or _COMMENT.match(raw):
            continue
        yield number, raw.strip()


def bare_header_lines(source: str) -> tuple[int, list[tuple[int, str]]]:
    """(header line number, the lines after it) of a diagram whose header takes no words."""
    lines = list(source_lines(source))
    header_line, header = lines[0]
    if len(header.split()) > 1:
        raise DiagramError(f"unexpected '{header.split(None, 1)[1]}' after the header", header_line)
    return header_line, lines[1:]


def diagram_type(source: str) -> tuple[str, int]:
    """The diagram kind named on the first line and that line's number."""
    for number, text in source_lines(source):
        if text == "---":
            raise DiagramError("front matter (---) in a diagram is not supported", number)
        word = text.split()[0].lower()
        if word in HEADERS:
            return HEADERS[word], number
        raise DiagramError(
            f"unsupported diagram type '{text.split()[0]}': use flowchart, graph, "
            "stateDiagram-v2 or sequenceDiagram",
            number,
        )
    raise DiagramError("empty diagram", 1)


def clean_label(text: str) -> str:
    """Unquote ``"..."`` and decode Mermaid's ``#quot;`` style entities (no markup is kept)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)


def reject_styling(text: str, number: int) -> None:
    """Styling statements are outside the subset: colours come from the site theme."""
    word = text.split()[0]
    if word in STYLING:
        raise DiagramError(
            f"'{word}' is not supported: diagrams take their colours from the site theme",
            number,
        )
    if ":::" in text:
        raise DiagramError(
            "':::' class shorthand is not supported: diagrams take their colours from the "
            "site theme",
            number,
        )


def resolve_cluster_endpoints(
    graph: Graph, entry: dict[str, list[str]], exit_: dict[str, list[str]]
) -> None:
    """Attach edges that name a cluster to its members: ``entry`` ones as targets, ``exit_``
    ones as sources; the label stays on the first of the resulting edges."""
    edges: list[Edge] = []
    for edge in graph.edges:
        sources = exit_.get(edge.source, [edge.source])
        targets = entry.get(edge.target, [edge.target])
        pairs = [(s, t) for s in sources for t in targets]
        for index, (source, target) in enumerate(pairs):
            label = edge.label if index == 0 else ""
            edges.append(replace(edge, source=source, target=target, label=label))
    graph.edges = edges
    for cluster_id in entry:
        graph.nodes.pop(cluster_id, None)


def ends_of(graph: Graph, members: list[str]) -> tuple[list[str], list[str]]:
    """Members no other member points to (entries) and that point to no member (exits)."""
    inside = set(members)
    has_in = {e.target for e in graph.edges if e.source in inside and e.target in inside}
    has_out = {e.source for e in graph.edges if e.source in inside and e.target in inside}
    entries = [m for m in members if m not in has_in] or members[:1]
    exits = [m for m in members if m not in has_out] or members[-1:]
    return entries, exits


def check_edges(graph: Graph) -> list[Edge]:
    """Every edge's ends must be nodes (after cluster resolution)."""
    for edge in graph.edges:
        for end in (edge.source, edge.target):
            if end not in graph.nodes:
                raise DiagramError(f"'{end}' is an empty subgraph or state", edge.line)
    return graph.edges
