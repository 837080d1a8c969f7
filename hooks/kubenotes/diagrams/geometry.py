"""Positioned diagram parts, shared by the layouts and the SVG writer."""

from __future__ import annotations

from dataclasses import dataclass, field

from kubenotes.diagrams.model import Cluster, Edge, Node

Point = tuple[float, float]
Command = tuple[str, list[Point]]  # an SVG path command (M, L or C) and its points


def num(value: float) -> str:
    """Shortest fixed form with one decimal: ``12``, ``12.5``, never ``-0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def px(value: float) -> str:
    """A coordinate as the SVG writes it: whole units (half a unit is well under a pixel at
    every scale the page shows a diagram, and every decimal is a byte on every page)."""
    text = str(round(value))
    return "0" if text == "-0" else text


def snap(commands: list[Command]) -> list[Command]:
    """Points on the 0.1 grid the SVG is written with (so shifting them later is exact)."""
    return [(op, [(float(num(x)), float(num(y))) for x, y in pts]) for op, pts in commands]


def path_data(commands: list[Command]) -> str:
    """SVG path data of a list of commands; a path that runs straight along one axis (curves
    whose points are all on its line, in order) is written as the one line it draws."""
    return " ".join(
        op + " ".join(f"{px(x)},{px(y)}" for x, y in pts) for op, pts in straight(commands)
    )


def straight(commands: list[Command]) -> list[Command]:
    """``M start L end`` for a path whose every point lies on one vertical or horizontal line
    and moves one way along it (the same pixels); otherwise the commands unchanged."""
    points = [(float(num(x)), float(num(y))) for _, pts in commands for x, y in pts]
    if len(points) < 3 or not commands or commands[0][0] != "M":
        return commands
    for axis in (0, 1):
        if len({p[1 - axis] for p in points}) == 1:
            along = [p[axis] for p in points]
            if along == sorted(along) or along == sorted(along, reverse=True):
                return [("M", [points[0]]), ("L", [points[-1]])]
    return commands


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
    path: list[Command]  # written as path data by the SVG writer
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
