"""Helpers shared by the Mermaid parsers: source lines, diagram type, labels, unsupported syntax."""

from __future__ import annotations

import re
from collections.abc import Iterator

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


def resolve_cluster_endpoints(graph: Graph, entry: dict[str, str], exit_: dict[str, str]) -> None:
    """Attach edges that name a cluster to a member: ``entry`` as target, ``exit_`` as source."""
    for edge in graph.edges:
        if edge.target in entry:
            edge.target = entry[edge.target]
        if edge.source in exit_:
            edge.source = exit_[edge.source]
    for cluster_id in entry:
        graph.nodes.pop(cluster_id, None)


def check_edges(graph: Graph) -> list[Edge]:
    """Every edge's ends must be nodes (after cluster resolution)."""
    for edge in graph.edges:
        for end in (edge.source, edge.target):
            if end not in graph.nodes:
                raise DiagramError(f"'{end}' is an empty subgraph or state", edge.line)
    return graph.edges
