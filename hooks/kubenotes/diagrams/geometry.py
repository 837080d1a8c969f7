"""Positioned diagram parts, shared by the layouts and the SVG writer."""

from __future__ import annotations

from dataclasses import dataclass, field

from kubenotes.diagrams.model import Cluster, Edge, Node


@dataclass
class Box:
    """An axis-aligned box by its centre and size."""

    cx: float
    cy: float
    w: float
    h: float

    @property
    def left(self) -> float:
        return self.cx - self.w / 2

    @property
    def right(self) -> float:
        return self.cx + self.w / 2

    @property
    def top(self) -> float:
        return self.cy - self.h / 2

    @property
    def bottom(self) -> float:
        return self.cy + self.h / 2

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        return (
            self.left < other.right + margin
            and other.left < self.right + margin
            and self.top < other.bottom + margin
            and other.top < self.bottom + margin
        )


@dataclass
class PlacedNode:
    node: Node
    box: Box
    lines: list[str]


@dataclass
class PlacedEdge:
    edge: Edge
    path: str  # SVG path data
    heads: list[list[tuple[float, float]]]  # arrowhead triangles
    label_lines: list[str] = field(default_factory=list)
    label_box: Box | None = None


@dataclass
class PlacedCluster:
    cluster: Cluster
    box: Box
    lines: list[str]


@dataclass
class GraphLayout:
    width: float
    height: float
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    clusters: list[PlacedCluster]
