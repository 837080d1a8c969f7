"""Mermaid ``stateDiagram-v2`` subset → :class:`~kubenotes.diagrams.model.Graph`.

Supported: ``direction``; transitions ``A --> B`` with ``: label``; ``[*]`` start/end (one
pair per composite state); ``state "Label" as A``; ``A : description``; ``state A <<choice>>``;
composite states ``state A { … }`` one level deep; notes ``note left of|right of A : text``
and the multi-line ``note … end note`` form; ``%%`` comments.
"""

from __future__ import annotations

import re

from kubenotes.diagrams.model import Cluster, DiagramError, Edge, Graph, Node
from kubenotes.diagrams.parse_common import (
    bare_header_lines,
    check_edges,
    clean_label,
    ends_of,
    reject_styling,
    resolve_cluster_endpoints,
)

_NAME = r"(?:\[\*\]|[\w\u00b7-\uffff.]+)"
_TRANSITION = re.compile(rf"^(?P<src>{_NAME})\s*-->\s*(?P<dst>{_NAME})\s*(?::\s*(?P<label>.*))?$")
_STATE_AS = re.compile(
    r'^state\s+"(?P<label>[^"]*)"\s+as\s+(?P<id>[\w\u00b7-\uffff.]+)\s*(?P<open>\{)?$'
)
_STATE_ID = re.compile(
    r"^state\s+(?P<id>[\w\u00b7-\uffff.]+)\s*(?P<stereo><<\w+>>)?\s*(?P<open>\{)?\s*"
    r"(?::\s*(?P<desc>.*))?$"
)
_DESCRIPTION = re.compile(r"^(?P<id>[\w\u00b7-\uffff.]+)\s*:\s*(?P<desc>.*)$")
_NOTE = re.compile(
    r"^note\s+(?P<side>left|right)\s+of\s+(?P<id>[\w\u00b7-\uffff.]+)\s*(?::\s*(?P<text>.*))?$",
    re.I,
)
DIRECTIONS = {"TB": "TB", "TD": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}


class _Parser:
    def __init__(self) -> None:
        self.graph = Graph(kind="state")
        self.cluster: Cluster | None = None
        self.member_of: dict[str, str] = {}
        self.described: set[str] = set()
        self.notes = 0

    def state(self, state_id: str, number: int) -> str:
        scope = self.cluster.id if self.cluster else ""
        if state_id == "[*]":
            raise AssertionError("use endpoint()")
        if state_id not in self.graph.nodes:
            self.graph.nodes[state_id] = Node(state_id, state_id, "rounded", number)
        self.join(state_id, scope)
        return state_id

    def join(self, node_id: str, scope: str) -> None:
        if scope and node_id not in self.member_of and self.cluster is not None:
            self.member_of[node_id] = scope
            self.cluster.members.append(node_id)

    def endpoint(self, name: str, number: int, as_source: bool) -> str:
        if name != "[*]":
            return self.state(name, number)
        scope = self.cluster.id if self.cluster else ""
        kind = "start" if as_source else "end"
        node_id = f"{scope}[*]{kind}"
        if node_id not in self.graph.nodes:
            self.graph.nodes[node_id] = Node(node_id, "", kind, number)
        self.join(node_id, scope)
        return node_id

    def open_composite(self, state_id: str, label: str, number: int) -> None:
        if self.cluster is not None:
            raise DiagramError(
                f"composite state '{state_id}' inside '{self.cluster.id}': "
                "only one level of composite states is supported",
                number,
            )
        if state_id in self.member_of:
            raise DiagramError(f"'{state_id}' is already a state inside a composite", number)
        self.cluster = Cluster(state_id, label, line=number)
        self.graph.clusters.append(self.cluster)

    def describe(self, state_id: str, text: str, number: int) -> None:
        self.state(state_id, number)
        node = self.graph.nodes[state_id]
        text = clean_label(text)
        node.label = text if state_id not in self.described else f"{node.label}<br>{text}"
        self.described.add(state_id)

    def note(self, side: str, state_id: str, text: str, number: int) -> None:
        self.state(state_id, number)
        self.notes += 1
        note_id = f"[note]{self.notes}"
        self.graph.nodes[note_id] = Node(note_id, clean_label(text), "note", number)
        self.join(note_id, self.cluster.id if self.cluster else "")
        source, target = (note_id, state_id) if side.lower() == "left" else (state_id, note_id)
        self.graph.edges.append(Edge(source, target, "", "dotted", False, False, number))

    def statement(self, text: str, number: int) -> None:
        reject_styling(text, number)
        if text == "--":
            raise DiagramError("concurrent regions ('--') are not supported", number)
        match = _TRANSITION.match(text)
        if match:
            source = self.endpoint(match.group("src"), number, as_source=True)
            target = self.endpoint(match.group("dst"), number, as_source=False)
            label = clean_label(match.group("label") or "")
            self.graph.edges.append(Edge(source, target, label, line=number))
            return
        match = _STATE_AS.match(text)
        if match:
            state_id, label = match.group("id"), clean_label(match.group("label"))
            if match.group("open"):
                self.open_composite(state_id, label, number)
            else:
                self.state(state_id, number)
                self.graph.nodes[state_id].label = label
            return
        match = _STATE_ID.match(text)
        if match:
            self.state_declaration(match, number)
            return
        match = _DESCRIPTION.match(text)
        if match:
            self.describe(match.group("id"), match.group("desc"), number)
            return
        raise DiagramError(f"unsupported state diagram statement '{text}'", number)

    def state_declaration(self, match: re.Match[str], number: int) -> None:
        state_id, stereo = match.group("id"), match.group("stereo")
        if match.group("open"):
            if stereo:
                raise DiagramError("a composite state cannot have a <<stereotype>>", number)
            self.open_composite(state_id, state_id, number)
            return
        self.state(state_id, number)
        if stereo == "<<choice>>":
            self.graph.nodes[state_id].shape = "diamond"
            self.graph.nodes[state_id].label = ""
        elif stereo:
            raise DiagramError(f"state stereotype '{stereo}' is not supported", number)
        if match.group("desc"):
            self.describe(state_id, match.group("desc"), number)


def parse_state(source: str) -> Graph:
    """Parse a state diagram source (its first line is the ``stateDiagram-v2`` header)."""
    parser = _Parser()
    header_line, lines = bare_header_lines(source)
    note: tuple[str, str, int, list[str]] | None = None
    for number, text in lines:
        if note is not None:
            if text.lower() == "end note":
                parser.note(note[0], note[1], "<br>".join(note[3]), note[2])
                note = None
            else:
                note[3].append(text)
            continue
        if text.startswith("direction "):
            value = text.split()[1].upper()
            if value not in DIRECTIONS or parser.cluster is not None:
                raise DiagramError(f"unsupported direction statement '{text}'", number)
            parser.graph.direction = DIRECTIONS[value]
            continue
        if text.startswith("accTitle"):
            parser.graph.title = clean_label(text.partition(":")[2])
            continue
        match = _NOTE.match(text)
        if match:
            if match.group("text") is None:
                note = (match.group("side"), match.group("id"), number, [])
            else:
                parser.note(match.group("side"), match.group("id"), match.group("text"), number)
            continue
        if text == "}":
            if parser.cluster is None:
                raise DiagramError("'}' without an open composite state", number)
            parser.cluster = None
            continue
        parser.statement(text, number)
    if note is not None:
        raise DiagramError("note is never closed with 'end note'", note[2])
    if parser.cluster is not None:
        raise DiagramError(
            f"composite state '{parser.cluster.id}' is never closed with '}}'", parser.cluster.line
        )
    graph = parser.graph
    entry, exit_ = {}, {}
    for cluster in graph.clusters:
        if not cluster.members:
            raise DiagramError(f"composite state '{cluster.id}' is empty", cluster.line)
        start, end = f"{cluster.id}[*]start", f"{cluster.id}[*]end"
        entries, exits = ends_of(graph, cluster.members)
        entry[cluster.id] = [start] if start in graph.nodes else entries
        exit_[cluster.id] = [end] if end in graph.nodes else exits
        label_node = graph.nodes.get(cluster.id)
        if label_node is not None and label_node.label != cluster.id:
            cluster.label = label_node.label
    resolve_cluster_endpoints(graph, entry, exit_)
    check_edges(graph)
    if not graph.nodes:
        raise DiagramError("the state diagram has no states", header_line)
    return graph
