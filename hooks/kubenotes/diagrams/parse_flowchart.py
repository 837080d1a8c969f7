"""Mermaid ``flowchart``/``graph`` subset → :class:`~kubenotes.diagrams.model.Graph`.

Supported: direction (TD/TB/BT/LR/RL); nodes ``A[rect]``, ``A(rounded)``, ``A([stadium])``,
``A{diamond}``, ``A((circle))``, ``A[(cylinder)]``, ``A[[subroutine]]``, ``A{{hexagon}}``
with quoted or plain labels; edges ``-->``, ``---``, ``-.->``, ``-.-``, ``==>``, ``===``,
``<-->``, labels as ``-->|text|`` or ``-- text -->``; chains and ``&``; ``subgraph`` one level
deep; ``%%`` comments; ``;`` separators.
"""

from __future__ import annotations

import re

from kubenotes.diagrams.model import Cluster, DiagramError, Edge, Graph, Node
from kubenotes.diagrams.parse_common import (
    check_edges,
    clean_label,
    ends_of,
    reject_styling,
    resolve_cluster_endpoints,
    source_lines,
)

DIRECTIONS = {"TD": "TB", "TB": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}
_ID = re.compile(r"[\w\u00b7-\uffff]+")
_SHAPES = (  # opener, closer, shape: longest openers first
    ("(((", ")))", "circle"),
    ("((", "))", "circle"),
    ("([", "])", "stadium"),
    ("[(", ")]", "cylinder"),
    ("[[", "]]", "subroutine"),
    ("{{", "}}", "hexagon"),
    ("[", "]", "rect"),
    ("(", ")", "rounded"),
    ("{", "}", "diamond"),
)
_UNSUPPORTED_SHAPES = (("[/", "trapezoid/parallelogram"), ("[\\", "trapezoid/parallelogram"))
_LABELED_EDGE = re.compile(
    r"\s*(?P<start><)?(?P<open>--|==|-\.)(?![->=.])\s*(?P<text>[^|]+?)\s*"
    r"(?P<close>-{2,}>|={2,}>|\.-+>|-{3,}|={3,}|\.-+)"
)
_PLAIN_EDGE = re.compile(r"\s*(?P<start><)?(?P<body>-{2,}|={2,}|-\.+-)(?P<end>>)?")
_ENTITY_TAIL = re.compile(r"#\w+$")
_PIPE_LABEL = re.compile(r"\s*\|(?P<text>[^|]*)\|")
_SUBGRAPH = re.compile(
    r"^subgraph\s+(?:(?P<id>[\w\u00b7-\uffff]+)\s*\[(?P<bracket>[^\]]*)\]|(?P<title>.+))$"
)


def split_statements(line: str) -> list[str]:
    """Split at ``;`` outside quotes and brackets, keeping entities like ``#quot;``."""
    parts, current, quoted, depth = [], "", False, 0
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "[({":
            depth += 1
        elif not quoted and char in "])}":
            depth = max(depth - 1, 0)
        elif char == ";" and not quoted and depth == 0 and not _ENTITY_TAIL.search(current):
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return parts


class _Parser:
    def __init__(self) -> None:
        self.graph = Graph(kind="flowchart")
        self.cluster: Cluster | None = None
        self.member_of: dict[str, str] = {}

    def node(self, node_id: str, number: int, label: str | None = None, shape: str = "") -> None:
        node = self.graph.nodes.get(node_id)
        if node is None:
            node = self.graph.nodes[node_id] = Node(node_id, node_id, "rect", number)
        if label is not None:
            node.label, node.shape, node.line = label, shape, number
        if self.cluster is not None and node_id not in self.member_of:
            self.member_of[node_id] = self.cluster.id
            self.cluster.members.append(node_id)

    def parse_node(self, text: str, pos: int, number: int) -> tuple[str, int]:
        while pos < len(text) and text[pos] == " ":
            pos += 1
        match = _ID.match(text, pos)
        if not match:
            shown = text[pos:] or "end of line"
            raise DiagramError(f"expected a node id at '{shown}'", number)
        node_id, pos = match.group(0), match.end()
        for opener, kind in _UNSUPPORTED_SHAPES:
            if text.startswith(opener, pos):
                raise DiagramError(f"node shape '{opener}…' ({kind}) is not supported", number)
        if text.startswith(">", pos) and not text.startswith(">", pos - 1):
            raise DiagramError("node shape '>…]' (asymmetric) is not supported", number)
        for opener, closer, shape in _SHAPES:
            if text.startswith(opener, pos):
                label, pos = self.parse_label(text, pos + len(opener), closer, number)
                self.node(node_id, number, label, shape)
                return node_id, pos
        self.node(node_id, number)
        return node_id, pos

    @staticmethod
    def parse_label(text: str, pos: int, closer: str, number: int) -> tuple[str, int]:
        rest = text[pos:].lstrip()
        if rest.startswith('"'):
            end_quote = rest.find('"', 1)
            if end_quote < 0:
                raise DiagramError("unterminated quoted label", number)
            start = len(text) - len(rest)
            if not text.startswith(closer, start + end_quote + 1):
                raise DiagramError(f"expected '{closer}' after the quoted label", number)
            return clean_label(rest[: end_quote + 1]), start + end_quote + 1 + len(closer)
        end = text.find(closer, pos)
        if end < 0:
            raise DiagramError(f"missing '{closer}' to close the node label", number)
        return clean_label(text[pos:end]), end + len(closer)

    def parse_group(self, text: str, pos: int, number: int) -> tuple[list[str], int]:
        ids = []
        while True:
            node_id, pos = self.parse_node(text, pos, number)
            ids.append(node_id)
            stripped = text[pos:].lstrip()
            if not stripped.startswith("&"):
                return ids, pos
            pos = len(text) - len(stripped) + 1

    @staticmethod
    def parse_edge(text: str, pos: int, number: int) -> tuple[dict[str, object], int] | None:
        match = _LABELED_EDGE.match(text, pos)
        if match:
            close = match.group("close")
            style = {"-": "solid", "=": "thick", ".": "dotted"}[match.group("open")[1]]
            edge = {
                "label": clean_label(match.group("text")),
                "style": "dotted" if close.startswith(".") else style,
                "arrow_start": bool(match.group("start")),
                "arrow_end": close.endswith(">"),
            }
            return edge, match.end()
        match = _PLAIN_EDGE.match(text, pos)
        if not match:
            return None
        body = match.group("body")
        after = text[match.end() : match.end() + 2]
        if not match.group("end") and after[:1] in ("o", "x") and after[1:2] in ("", " "):
            raise DiagramError(
                f"edge end '{body}{after[0]}' (circle/cross arrowhead) is not supported", number
            )
        style = "dotted" if "." in body else "thick" if body[0] == "=" else "solid"
        edge = {
            "label": "",
            "style": style,
            "arrow_start": bool(match.group("start")),
            "arrow_end": bool(match.group("end")),
        }
        pos = match.end()
        label = _PIPE_LABEL.match(text, pos)
        if label:
            edge["label"] = clean_label(label.group("text"))
            pos = label.end()
        return edge, pos

    def statement(self, text: str, number: int) -> None:
        reject_styling(text, number)
        sources, pos = self.parse_group(text, 0, number)
        while True:
            parsed = self.parse_edge(text, pos, number)
            if parsed is None:
                break
            attrs, pos = parsed
            targets, pos = self.parse_group(text, pos, number)
            for source in sources:
                for target in targets:
                    self.graph.edges.append(Edge(source, target, line=number, **attrs))  # type: ignore[arg-type]
            sources = targets
        rest = text[pos:].strip()
        if rest:
            raise DiagramError(f"unexpected '{rest}'", number)

    def subgraph(self, text: str, number: int) -> None:
        if self.cluster is not None:
            raise DiagramError("nested subgraphs are not supported (one level only)", number)
        match = _SUBGRAPH.match(text)
        if not match:
            raise DiagramError("expected 'subgraph ID[Title]' or 'subgraph Title'", number)
        if match.group("id"):
            cluster_id, label = match.group("id"), clean_label(match.group("bracket"))
        else:
            label = clean_label(match.group("title"))
            cluster_id = label
        if any(c.id == cluster_id for c in self.graph.clusters):
            raise DiagramError(f"subgraph '{cluster_id}' is defined twice", number)
        self.cluster = Cluster(cluster_id, label, line=number)
        self.graph.clusters.append(self.cluster)


def parse_flowchart(source: str) -> Graph:
    """Parse a flowchart source (its first line is the ``flowchart``/``graph`` header)."""
    parser = _Parser()
    lines = list(source_lines(source))
    header_line, header = lines[0]
    words = header.split()
    direction = words[1].upper() if len(words) > 1 else "TB"
    if direction not in DIRECTIONS or len(words) > 2:
        raise DiagramError(f"unsupported flowchart direction '{' '.join(words[1:])}'", header_line)
    parser.graph.direction = DIRECTIONS[direction]
    for number, line in lines[1:]:
        for text in (part.strip() for part in split_statements(line)):
            if not text:
                continue
            word = text.split()[0]
            if word == "subgraph":
                parser.subgraph(text, number)
            elif text == "end":
                if parser.cluster is None:
                    raise DiagramError("'end' without a 'subgraph'", number)
                parser.cluster = None
            elif word == "direction":
                continue  # a subgraph's own direction: the whole diagram keeps one direction
            elif word.startswith("accTitle"):
                parser.graph.title = clean_label(text.partition(":")[2])
            else:
                parser.statement(text, number)
    if parser.cluster is not None:
        raise DiagramError(
            f"subgraph '{parser.cluster.id}' is never closed with 'end'", parser.cluster.line
        )
    graph = parser.graph
    entry, exit_ = {}, {}
    for cluster in graph.clusters:
        if cluster.members:
            entry[cluster.id], exit_[cluster.id] = ends_of(graph, cluster.members)
    for cluster in graph.clusters:
        if not cluster.members:
            raise DiagramError(f"subgraph '{cluster.id}' is empty", cluster.line)
        if cluster.id in cluster.members:
            raise DiagramError(f"'{cluster.id}' is both a subgraph and a node", cluster.line)
    resolve_cluster_endpoints(graph, entry, exit_)
    check_edges(graph)
    if not graph.nodes:
        raise DiagramError("the flowchart has no nodes", header_line)
    return graph
