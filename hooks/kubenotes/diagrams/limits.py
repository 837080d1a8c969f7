"""Size limits of one diagram, checked before layout so that no input can make the build slow.

The layered layout grows faster than linearly with the number of vertices (every edge adds one
for its label slot), and a diagram past these sizes is unreadable in a page column anyway. The
figures are documented in the contributor guide; ``bench/bench_diagrams.py --limits`` times a
diagram at the limit.
"""

from __future__ import annotations

from kubenotes.diagrams.model import DiagramError, Graph, Message, Note, Sequence

MAX_SOURCE = 20_000  # characters of Mermaid source
MAX_NODES = 80  # flowchart/state nodes, notes included
MAX_EDGES = 160
MAX_CLUSTERS = 30
MAX_PARTICIPANTS = 30
MAX_EVENTS = 400  # sequence messages, notes, activations and block lines
MAX_LABEL = 200  # characters of one label, message or note

_SPLIT = "split it into smaller diagrams"


def check_source(source: str) -> None:
    """Refuse a source too long to parse cheaply."""
    if len(source) > MAX_SOURCE:
        raise DiagramError(
            f"diagram source has {len(source)} characters, more than the limit of "
            f"{MAX_SOURCE}: {_SPLIT}",
            1,
        )


def _too_many(what: str, count: int, limit: int, line: int) -> DiagramError:
    return DiagramError(
        f"diagram has {count} {what}, more than the limit of {limit}: {_SPLIT}", line
    )


def _label(text: str, line: int) -> None:
    if len(text) > MAX_LABEL:
        raise DiagramError(
            f"label has {len(text)} characters, more than the limit of {MAX_LABEL}: "
            "shorten it and explain the rest in the text around the diagram",
            line,
        )


def check_graph(graph: Graph) -> None:
    """Node, edge, cluster and label limits of a flowchart or state diagram."""
    nodes = list(graph.nodes.values())
    if len(nodes) > MAX_NODES:
        raise _too_many("nodes", len(nodes), MAX_NODES, nodes[MAX_NODES].line or 1)
    if len(graph.edges) > MAX_EDGES:
        raise _too_many("edges", len(graph.edges), MAX_EDGES, graph.edges[MAX_EDGES].line or 1)
    if len(graph.clusters) > MAX_CLUSTERS:
        cluster = graph.clusters[MAX_CLUSTERS]
        raise _too_many("groups", len(graph.clusters), MAX_CLUSTERS, cluster.line or 1)
    for node in nodes:
        _label(node.label, node.line or 1)
    for edge in graph.edges:
        _label(edge.label, edge.line or 1)
    for cluster in graph.clusters:
        _label(cluster.label, cluster.line or 1)
    _label(graph.title, 1)


def check_sequence(diagram: Sequence) -> None:
    """Participant, event and label limits of a sequence diagram."""
    participants = list(diagram.participants.values())
    if len(participants) > MAX_PARTICIPANTS:
        line = participants[MAX_PARTICIPANTS].line or 1
        raise _too_many("participants", len(participants), MAX_PARTICIPANTS, line)
    if len(diagram.events) > MAX_EVENTS:
        line = diagram.events[MAX_EVENTS].line or 1
        raise _too_many("messages, notes and blocks", len(diagram.events), MAX_EVENTS, line)
    for participant in participants:
        _label(participant.label, participant.line or 1)
    for event in diagram.events:
        if isinstance(event, Message | Note) or hasattr(event, "text"):
            _label(event.text, event.line or 1)
    _label(diagram.title, 1)
