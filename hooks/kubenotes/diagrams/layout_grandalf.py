"""The grandalf adapter: a layered (Sugiyama) layout of vertices and links in top-to-bottom
space. grandalf ranks the vertices, adds dummy vertices for long links and orders each layer
to reduce crossings; this module keeps a minimum gap between neighbours of a layer and
straightens the bends of long links."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from grandalf.graphs import Edge as GEdge
from grandalf.graphs import Graph as GGraph
from grandalf.graphs import Vertex
from grandalf.layouts import SugiyamaLayout

from kubenotes.diagrams.geometry import Point

X_SPACE = 32.0
DUMMY = 6.0


class _View:
    """The size/position record grandalf expects on each vertex."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy: Point = (0.0, 0.0)


@dataclass
class Slot:
    """One vertex in top-to-bottom space: centre x, layer rank and size."""

    x: float
    rank: int
    w: float
    h: float
    y: float = 0.0


def run_sugiyama(
    keys: list[str],
    sizes: dict[str, tuple[float, float]],
    links: list[tuple[str, str]],
    y_space: float,
) -> tuple[dict[str, Slot], list[list[Slot]], dict[int, list[Slot]]]:
    """Lay out in top-to-bottom space: vertex slots, per-link dummy chains, layers."""
    vertices = {}
    for key in keys:
        vertex = Vertex(key)
        vertex.view = _View(*sizes[key])
        vertices[key] = vertex
    gedges = [GEdge(vertices[a], vertices[b]) for a, b in links]
    graph = GGraph(list(vertices.values()), gedges)
    order = {key: index for index, key in enumerate(keys)}
    components = sorted(graph.C, key=lambda c: min(order[v.data] for v in c.sV))
    slots: dict[str, Slot] = {}
    chains: list[list[Slot]] = [[] for _ in links]
    layers: dict[int, list[Slot]] = {}
    cursor = 0.0
    edge_index = {id(e): i for i, e in enumerate(gedges)}
    for core in components:
        sug = SugiyamaLayout(core)
        sug.xspace, sug.yspace = X_SPACE, y_space
        sug.dw, sug.dh = DUMMY, DUMMY
        # the links are acyclic already (feedback edges were turned round): skip grandalf's
        # recursive cycle search, which overflows the stack on long chains
        sug.init_all(roots=[v for v in core.sV if not v.e_in()], inverted_edges=[])
        sug.draw(3)
        local: dict[int, list[tuple[Vertex, Slot]]] = {}
        for rank, layer in enumerate(sug.layers):
            row = sorted(layer, key=lambda v: sug.grx[v].pos)
            items = []
            for v in row:
                slot = Slot(v.view.xy[0], rank, v.view.w, v.view.h)
                items.append((v, slot))
            separate([s for _, s in items])
            local[rank] = items
        _straighten(sug, core, local)
        left = min((s.x - s.w / 2 for items in local.values() for _, s in items), default=0.0)
        right = max((s.x + s.w / 2 for items in local.values() for _, s in items), default=0.0)
        for rank, items in local.items():
            for v, slot in items:
                slot.x += cursor - left
                layers.setdefault(rank, []).append(slot)
                if not hasattr(v, "ctrl"):
                    slots[v.data] = slot
        for gedge in core.sE:
            ctrl = sug.ctrls.get(gedge, {})
            by_vertex = {id(v): s for items in local.values() for v, s in items}
            chains[edge_index[id(gedge)]] = [by_vertex[id(ctrl[r])] for r in sorted(ctrl)][1:-1]
        cursor += right - left + X_SPACE * 1.5
    return slots, chains, layers


def _straighten(sug: SugiyamaLayout, core, local: dict[int, list[tuple[Vertex, Slot]]]) -> None:
    """Move bends of long and unlabeled edges between their neighbours, keeping layer order."""
    slot_of = {id(v): s for items in local.values() for v, s in items}
    neighbours: dict[int, list[Slot]] = {}
    for gedge in core.sE:
        ctrl = sug.ctrls.get(gedge)
        chain = [ctrl[r] for r in sorted(ctrl)] if ctrl else list(gedge.v)
        for a, b in itertools.pairwise(chain):
            neighbours.setdefault(id(a), []).append(slot_of[id(b)])
            neighbours.setdefault(id(b), []).append(slot_of[id(a)])
    for sweep in range(6):
        for rank in sorted(local, reverse=bool(sweep % 2)):
            row = local[rank]
            for position, (v, slot) in enumerate(row):
                movable = hasattr(v, "ctrl") or (
                    isinstance(v.data, str) and v.data.startswith("\0mid") and slot.w <= DUMMY
                )
                near = neighbours.get(id(v), [])
                if not movable or not near:
                    continue
                ideal = sum(n.x for n in near) / len(near)
                low, high = float("-inf"), float("inf")
                if position > 0:
                    before = row[position - 1][1]
                    low = before.x + (before.w + slot.w) / 2 + X_SPACE
                if position + 1 < len(row):
                    after = row[position + 1][1]
                    high = after.x - (after.w + slot.w) / 2 - X_SPACE
                if low <= high:
                    slot.x = min(max(ideal, low), high)


def separate(row: list[Slot]) -> None:
    """Push neighbours of one layer apart so no two boxes are closer than ``X_SPACE``."""
    for before, after in itertools.pairwise(row):
        least = before.x + (before.w + after.w) / 2 + X_SPACE
        if after.x < least:
            after.x = least
