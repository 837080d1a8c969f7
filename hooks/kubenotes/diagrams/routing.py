"""Edge routing in top-to-bottom space: ports spread along a node's side, straight runs
through an edge's own slot in each layer's band and S-curves across the gaps between bands
(so no edge crosses a node), arrowheads, self-loops and note links; then the turn to the
diagram's direction. Paths stay lists of points until the SVG is written."""

from __future__ import annotations

import math

from kubenotes.diagrams.geometry import Box, Command, PlacedEdge, Point, snap
from kubenotes.diagrams.layout_grandalf import Slot
from kubenotes.diagrams.model import Graph
from kubenotes.diagrams.shapes import SHAPES
from kubenotes.diagrams.text import SMALL_FONT_SIZE, block_size, wrap

ARROW = 9.0
LABEL_PAD = 4.0
PORT_GAP = 16.0
LOOP = 28.0


class Router:
    """Edge paths in top-to-bottom space through the slots grandalf assigned."""

    def __init__(
        self,
        graph: Graph,
        slots: dict[str, Slot],
        bands: dict[int, tuple[float, float]],
        centres: dict[int, float],
        horizontal: bool,
    ) -> None:
        self.graph = graph
        self.slots = slots
        self.bands = bands
        self.centres = centres
        self.horizontal = horizontal
        self.ports: dict[tuple[int, str], float] = {}  # (edge index, "source"/"target") -> x

    def assign_ports(self, routes: list[list[tuple[Slot, str]]]) -> None:
        sides: dict[tuple[str, int], list[tuple[float, int, str]]] = {}
        for index, route in enumerate(routes):
            if not route:
                continue
            (first, source), (second, _) = route[0], route[1]
            (last, target), (before, _) = route[-1], route[-2]
            sides.setdefault((source, 1 if second.rank > first.rank else -1), []).append(
                (second.x, index, "source")
            )
            sides.setdefault((target, -1 if before.rank < last.rank else 1), []).append(
                (before.x, index, "target")
            )
        for (key, _), ends in sorted(sides.items()):
            slot = self.slots[key]
            node = self.graph.nodes[key]
            half = SHAPES[node.shape].spread(slot.w, slot.h, self.horizontal)
            ends.sort()
            count = len(ends)
            step = min(PORT_GAP, 2 * half / (count - 1)) if count > 1 else 0.0
            for position, (_, index, end) in enumerate(ends):
                self.ports[(index, end)] = slot.x + (position - (count - 1) / 2) * step

    def _boundary(self, key: str, x: float, downward_side: bool) -> float:
        slot = self.slots[key]
        shape = SHAPES[self.graph.nodes[key].shape]
        inset = shape.inset(slot.w, x - slot.x, self.horizontal)
        centre = self.centres[slot.rank]
        return centre + slot.h / 2 - inset if downward_side else centre - slot.h / 2 + inset

    def route(self, index: int, route: list[tuple[Slot, str]]) -> list[Command]:
        (first, source), (last, target) = route[0], route[-1]
        xs = [s.x for s, _ in route]
        xs[0], xs[-1] = self.ports[(index, "source")], self.ports[(index, "target")]
        down = route[1][0].rank > first.rank
        start = (xs[0], self._boundary(source, xs[0], down))
        commands: list[Command] = [("M", [start])]
        for step in range(len(route) - 1):
            a, b = route[step][0], route[step + 1][0]
            down = b.rank > a.rank
            top_a, bottom_a = self.bands[a.rank]
            top_b, bottom_b = self.bands[b.rank]
            leave = bottom_a if down else top_a
            enter = top_b if down else bottom_b
            commands.append(("L", [(xs[step], leave)]))
            middle = (leave + enter) / 2
            commands.append(
                ("C", [(xs[step], middle), (xs[step + 1], middle), (xs[step + 1], enter)])
            )
        down = last.rank > route[-2][0].rank
        commands.append(("L", [(xs[-1], self._boundary(target, xs[-1], not down))]))
        return [c for c in commands if not _zero(c, commands)]


def _zero(command: Command, commands: list[Command]) -> bool:
    """A line to the point the path is already at."""
    index = next(i for i, c in enumerate(commands) if c is command)
    if command[0] != "L" or index == 0:
        return False
    previous = commands[index - 1][1][-1]
    return math.dist(previous, command[1][0]) < 0.01


class Transform:
    """Top-to-bottom space → the diagram's direction."""

    def __init__(self, direction: str, depth: float) -> None:
        self.direction = direction
        self.depth = depth

    def point(self, p: Point) -> Point:
        x, y = p
        if self.direction == "BT":
            return x, self.depth - y
        if self.direction == "LR":
            return y, x
        if self.direction == "RL":
            return self.depth - y, x
        return x, y

    def box(self, slot: Slot) -> Box:
        cx, cy = self.point((slot.x, slot.y))
        if self.direction in ("LR", "RL"):
            return Box(cx, cy, slot.h, slot.w)
        return Box(cx, cy, slot.w, slot.h)


def place_edge(
    edge, commands: list[Command], lines: list[str], label_box: Box | None
) -> PlacedEdge:
    heads = []
    if edge.arrow_end:
        heads.append(_arrowhead(commands, at_end=True))
    if edge.arrow_start:
        heads.append(_arrowhead(commands, at_end=False))
    return PlacedEdge(edge, snap(commands), heads, lines, label_box)


def _arrowhead(commands: list[Command], at_end: bool) -> list[Point]:
    """A triangle with its tip on the path's end, and the path pulled back under it."""
    if at_end:
        op, pts = commands[-1]
        tip = pts[-1]
        before = pts[-2] if len(pts) > 1 else commands[-2][1][-1]
    else:
        tip = commands[0][1][0]
        op, pts = commands[1]
        before = pts[0]
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    back = (tip[0] - ux * ARROW, tip[1] - uy * ARROW)
    pulled = (tip[0] - ux * ARROW * 0.7, tip[1] - uy * ARROW * 0.7)
    if at_end:
        pts[-1] = pulled
        if op == "C":
            pts[-2] = (pts[-2][0] - ux * ARROW * 0.7, pts[-2][1] - uy * ARROW * 0.7)
    else:
        commands[0] = ("M", [pulled])
    wing = ARROW * 0.45
    return [
        tip,
        (back[0] - uy * wing, back[1] + ux * wing),
        (back[0] + uy * wing, back[1] - ux * wing),
    ]


def note_link(edge, state: Slot, note: Slot, transform: Transform) -> PlacedEdge:
    """The dotted line between a state and the note beside it (same layer)."""
    direction = 1.0 if note.x > state.x else -1.0
    start = (state.x + direction * state.w / 2, state.y)
    end = (note.x - direction * note.w / 2, note.y)
    commands: list[Command] = [("M", [transform.point(start)]), ("L", [transform.point(end)])]
    return PlacedEdge(edge, snap(commands), [])


def self_loop(edge, box: Box) -> PlacedEdge:
    x, y = box.right, box.cy
    commands: list[Command] = [
        ("M", [(x, y - 8)]),
        ("C", [(x + LOOP, y - 8 - LOOP * 0.6), (x + LOOP, y + 8 + LOOP * 0.6), (x, y + 8)]),
    ]
    head = _arrowhead(commands, at_end=True) if edge.arrow_end else None
    lines = wrap(edge.label, 12.0) if edge.label else []
    label_box = None
    if lines:
        tw, th = block_size(lines, SMALL_FONT_SIZE)
        label_box = Box(
            x + LOOP + 4 + tw / 2 + LABEL_PAD, y, tw + 2 * LABEL_PAD, th + 2 * LABEL_PAD
        )
    return PlacedEdge(edge, snap(commands), [head] if head else [], lines, label_box)
