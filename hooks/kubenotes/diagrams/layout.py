"""Layered layout of flowcharts and state diagrams, backed by grandalf's Sugiyama layout.

grandalf ranks the nodes, adds dummy vertices for long edges and orders each layer to reduce
crossings; this module sizes the shapes from their measured labels, turns every edge label
into a vertex of its own (so labels get a slot and never sit on a node), keeps a minimum gap
between neighbours of a layer, and routes edges: straight through their own slot inside a
layer's band and as a smooth S-curve across the empty gap between two bands, so no edge
crosses a node. Everything is computed top-to-bottom and then turned for LR/BT/RL.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from grandalf.graphs import Edge as GEdge
from grandalf.graphs import Graph as GGraph
from grandalf.graphs import Vertex
from grandalf.layouts import SugiyamaLayout

from kubenotes.diagrams.geometry import Box, GraphLayout, PlacedCluster, PlacedEdge, PlacedNode
from kubenotes.diagrams.model import Graph, Node
from kubenotes.diagrams.text import FONT_SIZE, SMALL_FONT_SIZE, block_size, wrap

PAD_X = 16.0
PAD_Y = 10.0
MIN_HEIGHT = 40.0
X_SPACE = 32.0
Y_SPACE = 24.0
DUMMY = 6.0
CLUSTER_PAD = 14.0
ARROW = 9.0
MARGIN = 8.0
LABEL_PAD = 4.0
PORT_GAP = 16.0
CYLINDER_RY = 7.0
LOOP = 28.0

Point = tuple[float, float]
Command = tuple[str, list[Point]]


# ---------------------------------------------------------------- sizes


def node_size(node: Node) -> tuple[float, float, list[str]]:
    """Width, height and wrapped label lines of a node's shape."""
    if node.shape == "start":
        return 18.0, 18.0, []
    if node.shape == "end":
        return 22.0, 22.0, []
    if node.shape == "diamond" and not node.label:
        return 28.0, 28.0, []
    lines = wrap(node.label, 9.0 if node.shape in ("diamond", "circle") else 14.0)
    tw, th = block_size(lines)
    shape = node.shape
    if shape == "diamond":
        return max(2 * tw + 2 * PAD_Y, 60.0), max(2 * th + 2 * PAD_Y, 48.0), lines
    if shape == "circle":
        d = max(math.hypot(tw, th) + 2 * PAD_Y, MIN_HEIGHT)
        return d, d, lines
    h = max(th + 2 * PAD_Y, MIN_HEIGHT)
    if shape == "stadium":
        return tw + h + PAD_X, h, lines
    if shape == "cylinder":
        return tw + 2 * PAD_X, h + 2 * CYLINDER_RY, lines
    if shape == "hexagon":
        return tw + h / 2 + 2 * PAD_X, h, lines
    if shape == "subroutine":
        return tw + 2 * PAD_X + 16, h, lines
    if shape == "note":
        return tw + 2 * 12, th + 2 * 8, lines
    return tw + 2 * PAD_X, h, lines


def _spread(shape: str, w: float, h: float, horizontal: bool) -> float:
    """How far from the middle of a side edges may attach (sizes in top-to-bottom space)."""
    if shape in ("rect", "rounded", "subroutine", "note"):
        return max(w / 2 - 10, 0.0)
    if shape == "stadium":
        return w / 2 * 0.6 if horizontal else max(w / 2 - h / 2, 0.0)
    if shape == "cylinder":
        return max(w / 2 - CYLINDER_RY - 4, 0.0) if horizontal else w / 2 * 0.7
    if shape == "hexagon":
        return 0.0 if horizontal else max(w / 2 - h / 4 - 4, 0.0)
    return 0.0


def _inset(shape: str, w: float, offset: float, horizontal: bool) -> float:
    """Distance from the box side to the drawn outline at ``offset`` from the side's middle."""
    if shape == "stadium" and horizontal:
        r = w / 2
        return r - math.sqrt(max(r * r - offset * offset, 0.0))
    if shape == "cylinder" and not horizontal:
        rx = w / 2
        return CYLINDER_RY - CYLINDER_RY * math.sqrt(max(1 - (offset / rx) ** 2, 0.0))
    return 0.0


# ---------------------------------------------------------------- grandalf


class _View:
    """The size/position record grandalf expects on each vertex."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy: Point = (0.0, 0.0)


@dataclass
class _Slot:
    """One vertex in top-to-bottom space: centre x, layer rank and size."""

    x: float
    rank: int
    w: float
    h: float
    y: float = 0.0


def _run_sugiyama(
    keys: list[str],
    sizes: dict[str, tuple[float, float]],
    links: list[tuple[str, str]],
    y_space: float,
) -> tuple[dict[str, _Slot], list[list[_Slot]], dict[int, list[_Slot]]]:
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
    slots: dict[str, _Slot] = {}
    chains: list[list[_Slot]] = [[] for _ in links]
    layers: dict[int, list[_Slot]] = {}
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
        local: dict[int, list[tuple[Vertex, _Slot]]] = {}
        for rank, layer in enumerate(sug.layers):
            row = sorted(layer, key=lambda v: sug.grx[v].pos)
            items = []
            for v in row:
                slot = _Slot(v.view.xy[0], rank, v.view.w, v.view.h)
                items.append((v, slot))
            _separate([s for _, s in items])
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


def _attach_note(
    note_id: str,
    state: _Slot,
    size: tuple[float, float],
    after: bool,
    slots: dict[str, _Slot],
    layers: dict[int, list[_Slot]],
) -> None:
    """Put a note in its state's layer, right beside it, and make room in that layer."""
    w, h = size
    offset = (state.w + w) / 2 + X_SPACE
    slot = _Slot(state.x + (offset if after else -offset), state.rank, w, h)
    slots[note_id] = slot
    row = layers[state.rank]
    row.append(slot)
    row.sort(key=lambda s: (s.x, s is not slot) if not after else (s.x, s is slot))
    _separate(row)


def _centres(layers: dict[int, list[_Slot]], y_space: float) -> dict[int, float]:
    """Centre line of each layer; every slot gets its y."""
    centres: dict[int, float] = {}
    y = 0.0
    for rank in sorted(layers):
        half = max(s.h for s in layers[rank]) / 2
        centres[rank] = y + half
        for slot in layers[rank]:
            slot.y = y + half
        y += 2 * half + y_space
    return centres


def _feedback_edges(graph: Graph) -> set[int]:
    """Edges that close a cycle (depth-first, in the order the author wrote them)."""
    outgoing: dict[str, list[tuple[int, str]]] = {key: [] for key in graph.nodes}
    incoming = {key: 0 for key in graph.nodes}
    for index, edge in enumerate(graph.edges):
        if edge.source != edge.target:
            outgoing[edge.source].append((index, edge.target))
            incoming[edge.target] += 1
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    backwards: set[int] = set()
    roots = [k for k in graph.nodes if incoming[k] == 0] + list(graph.nodes)
    for root in roots:
        if root in state:
            continue
        stack = [(root, iter(outgoing[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for index, child in children:
                if state.get(child) == 1:
                    backwards.add(index)
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(outgoing[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return backwards


def _straighten(sug: SugiyamaLayout, core, local: dict[int, list[tuple[Vertex, _Slot]]]) -> None:
    """Move bends of long and unlabeled edges between their neighbours, keeping layer order."""
    slot_of = {id(v): s for items in local.values() for v, s in items}
    neighbours: dict[int, list[_Slot]] = {}
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


def _separate(row: list[_Slot]) -> None:
    """Push neighbours of one layer apart so no two boxes are closer than ``X_SPACE``."""
    for before, after in itertools.pairwise(row):
        least = before.x + (before.w + after.w) / 2 + X_SPACE
        if after.x < least:
            after.x = least


# ---------------------------------------------------------------- the layout


def layout_graph(graph: Graph) -> GraphLayout:
    """Place the nodes, clusters and edges of a flowchart or state diagram."""
    horizontal = graph.direction in ("LR", "RL")
    measured = {node_id: node_size(node) for node_id, node in graph.nodes.items()}
    keys = list(graph.nodes)
    sizes: dict[str, tuple[float, float]] = {}
    for node_id, (w, h, _) in measured.items():
        sizes[node_id] = (h, w) if horizontal else (w, h)
    links: list[tuple[str, str]] = []
    paths: list[list[str]] = []  # per edge: keys along the edge, its middle vertex in between
    label_lines: dict[str, list[str]] = {}
    backwards = _feedback_edges(graph)
    notes: dict[int, tuple[str, str, bool]] = {}  # edge index -> note, its state, note after it
    for index, edge in enumerate(graph.edges):
        source_shape = graph.nodes[edge.source].shape
        target_shape = graph.nodes[edge.target].shape
        if (source_shape == "note") != (target_shape == "note"):
            after = target_shape == "note"
            note_id, state_id = (edge.target, edge.source) if after else (edge.source, edge.target)
            notes[index] = (note_id, state_id, after)
            keys.remove(note_id)
            paths.append([])
            continue
        if edge.source == edge.target:
            paths.append([])
            continue
        key = f"\0mid{index}"
        if edge.label:
            lines = wrap(edge.label, 12.0)
            tw, th = block_size(lines, SMALL_FONT_SIZE)
            w, h = tw + 2 * LABEL_PAD, th + 2 * LABEL_PAD
            sizes[key] = (h, w) if horizontal else (w, h)
            label_lines[key] = lines
        else:
            sizes[key] = (DUMMY, DUMMY)
        keys.append(key)
        keys_along = [edge.source, key, edge.target]
        if index in backwards:
            keys_along.reverse()
        paths.append(keys_along)
        links.extend(itertools.pairwise(keys_along))
    y_space = Y_SPACE + (8.0 if graph.clusters else 0.0)
    slots, dummy_chains, layers = _run_sugiyama(keys, sizes, links, y_space)
    for index, (note_id, state_id, after) in notes.items():
        del index
        _attach_note(note_id, slots[state_id], sizes[note_id], after, slots, layers)
    centres = _centres(layers, y_space)
    bands = {
        rank: (centres[rank] - max(s.h for s in row) / 2, centres[rank] + max(s.h for s in row) / 2)
        for rank, row in layers.items()
    }
    depth = max((b for _, b in bands.values()), default=0.0)
    link_number = 0
    routes: list[list[tuple[_Slot, str]]] = []
    for keys_along in paths:
        route: list[tuple[_Slot, str]] = []
        for position, (a, b) in enumerate(itertools.pairwise(keys_along)):
            if position == 0:
                route.append((slots[a], a))
            route.extend((slot, "") for slot in dummy_chains[link_number])
            route.append((slots[b], b))
            link_number += 1
        routes.append(route)
    _align_runs(routes, layers, set(label_lines))
    if graph.clusters:
        _clear_clusters(graph, slots, layers, routes, horizontal)
    router = _Router(graph, slots, bands, centres, horizontal)
    router.assign_ports([r[::-1] if i in backwards else r for i, r in enumerate(routes)])
    transform = _Transform(graph.direction, depth)
    placed_nodes = [
        PlacedNode(node, transform.box(slots[node_id]), measured[node_id][2])
        for node_id, node in graph.nodes.items()
    ]
    boxes = {p.node.id: p.box for p in placed_nodes}
    placed_edges = []
    for index, edge in enumerate(graph.edges):
        if index in notes:
            note_id, state_id, after = notes[index]
            placed_edges.append(_note_link(edge, slots[state_id], slots[note_id], transform))
            continue
        if edge.source == edge.target:
            placed_edges.append(_self_loop(edge, boxes[edge.source]))
            continue
        route = routes[index][::-1] if index in backwards else routes[index]
        commands = router.route(index, route)
        label_key = f"\0mid{index}" if f"\0mid{index}" in label_lines else ""
        placed_edges.append(
            _place_edge(
                edge,
                [(op, [transform.point(p) for p in pts]) for op, pts in commands],
                label_lines.get(label_key, []),
                transform.box(slots[label_key]) if label_key else None,
            )
        )
    clusters = [_place_cluster(c, boxes) for c in graph.clusters if c.members]
    return _normalise(GraphLayout(0.0, 0.0, placed_nodes, placed_edges, clusters))


def _align_runs(
    routes: list[list[tuple[_Slot, str]]], layers: dict[int, list[_Slot]], labels: set[str]
) -> None:
    """Put consecutive bends of one edge on one vertical line where their layers leave room."""
    for route in routes:
        run: list[_Slot] = []
        for slot, key in [*route[1:-1], (None, "end")]:
            if slot is not None and (key == "" or (key.startswith("\0mid") and key not in labels)):
                run.append(slot)
                continue
            if len(run) > 1:
                _align(run, layers)
            run = []


def _align(run: list[_Slot], layers: dict[int, list[_Slot]]) -> None:
    low, high = float("-inf"), float("inf")
    for slot in run:
        row = sorted(layers[slot.rank], key=lambda s: s.x)
        position = next(i for i, s in enumerate(row) if s is slot)
        if position > 0:
            before = row[position - 1]
            low = max(low, before.x + (before.w + slot.w) / 2 + X_SPACE)
        if position + 1 < len(row):
            after = row[position + 1]
            high = min(high, after.x - (after.w + slot.w) / 2 - X_SPACE)
    if low <= high:
        xs = sorted(s.x for s in run)
        target = min(max(xs[len(xs) // 2], low), high)
        for slot in run:
            slot.x = target


def _clear_clusters(
    graph: Graph,
    slots: dict[str, _Slot],
    layers: dict[int, list[_Slot]],
    routes: list[list[tuple[_Slot, str]]],
    horizontal: bool,
) -> None:
    """Push every vertex that is not part of a cluster out of the cluster's box, layer by layer.

    Members are the cluster's nodes and the bends and labels of edges between two of them.
    """
    owner: dict[int, str] = {}
    for cluster in graph.clusters:
        for member in cluster.members:
            if member in slots:
                owner[id(slots[member])] = cluster.id
    for index, route in enumerate(routes):
        edge = graph.edges[index]
        if route and id(slots[edge.source]) in owner:
            cluster_id = owner[id(slots[edge.source])]
            if owner.get(id(slots[edge.target])) == cluster_id:
                for slot, _ in route[1:-1]:
                    owner[id(slot)] = cluster_id
    touching: dict[str, set[int]] = {c.id: set() for c in graph.clusters}
    for index, route in enumerate(routes):
        edge = graph.edges[index]
        for end in (edge.source, edge.target):
            cluster_id = owner.get(id(slots[end])) if route else None
            if cluster_id:
                touching[cluster_id].update(id(slot) for slot, _ in route)
    title = FONT_SIZE * 1.35 + 6
    pad = CLUSTER_PAD + 8
    for _ in range(4):
        moved = False
        for cluster in graph.clusters:
            members = [s for row in layers.values() for s in row if owner.get(id(s)) == cluster.id]
            if not members:
                continue
            left = min(s.x - s.w / 2 for s in members) - pad - (title if horizontal else 0.0)
            right = max(s.x + s.w / 2 for s in members) + pad
            first = min(s.rank for s in members) - (0 if horizontal else 1)
            last = max(s.rank for s in members)
            for rank in range(first, last + 1):
                row = sorted(layers.get(rank, []), key=lambda s: s.x)
                if rank < first + (0 if horizontal else 1):  # the title row: edges may enter
                    row = [s for s in row if id(s) not in touching[cluster.id]]
                foreign = (pad + (title if horizontal else 0.0), pad)
                moved |= _push_out(row, cluster.id, owner, (left, right), foreign)
        if not moved:
            return


def _push_out(
    row: list[_Slot],
    cluster_id: str,
    owner: dict[int, str],
    bounds: tuple[float, float],
    foreign: tuple[float, float],
) -> bool:
    """Move the non-members of one layer out of ``bounds``; members of another cluster keep
    that cluster's own padding (``foreign``: room on their left and right side) clear too."""
    left, right = bounds
    inside = [i for i, s in enumerate(row) if owner.get(id(s)) == cluster_id]
    centre = (left + right) / 2
    moved = False
    for position, slot in enumerate(row):
        other = owner.get(id(slot))
        if other == cluster_id:
            continue
        room_left, room_right = foreign if other else (0.0, 0.0)
        if slot.x + slot.w / 2 + room_right <= left or slot.x - slot.w / 2 - room_left >= right:
            continue
        to_right = any(i < position for i in inside) if inside else slot.x >= centre
        if to_right:
            shift = right - (slot.x - slot.w / 2 - room_left)
            for following in row[position:]:
                following.x += shift
        else:
            shift = slot.x + slot.w / 2 + room_right - left
            for preceding in row[: position + 1]:
                preceding.x -= shift
        moved = True
    return moved


class _Router:
    """Edge paths in top-to-bottom space through the slots grandalf assigned."""

    def __init__(
        self,
        graph: Graph,
        slots: dict[str, _Slot],
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

    def assign_ports(self, routes: list[list[tuple[_Slot, str]]]) -> None:
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
            half = _spread(node.shape, slot.w, slot.h, self.horizontal)
            ends.sort()
            count = len(ends)
            step = min(PORT_GAP, 2 * half / (count - 1)) if count > 1 else 0.0
            for position, (_, index, end) in enumerate(ends):
                self.ports[(index, end)] = slot.x + (position - (count - 1) / 2) * step

    def _boundary(self, key: str, x: float, downward_side: bool) -> float:
        slot = self.slots[key]
        inset = _inset(self.graph.nodes[key].shape, slot.w, x - slot.x, self.horizontal)
        centre = self.centres[slot.rank]
        return centre + slot.h / 2 - inset if downward_side else centre - slot.h / 2 + inset

    def route(self, index: int, route: list[tuple[_Slot, str]]) -> list[Command]:
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


class _Transform:
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

    def box(self, slot: _Slot) -> Box:
        cx, cy = self.point((slot.x, slot.y))
        if self.direction in ("LR", "RL"):
            return Box(cx, cy, slot.h, slot.w)
        return Box(cx, cy, slot.w, slot.h)


def _place_edge(
    edge, commands: list[Command], lines: list[str], label_box: Box | None
) -> PlacedEdge:
    heads = []
    if edge.arrow_end:
        heads.append(_arrowhead(commands, at_end=True))
    if edge.arrow_start:
        heads.append(_arrowhead(commands, at_end=False))
    return PlacedEdge(edge, _path_data(commands), heads, lines, label_box)


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


def _note_link(edge, state: _Slot, note: _Slot, transform: _Transform) -> PlacedEdge:
    """The dotted line between a state and the note beside it (same layer)."""
    direction = 1.0 if note.x > state.x else -1.0
    start = (state.x + direction * state.w / 2, state.y)
    end = (note.x - direction * note.w / 2, note.y)
    commands: list[Command] = [("M", [transform.point(start)]), ("L", [transform.point(end)])]
    return PlacedEdge(edge, _path_data(commands), [])


def _self_loop(edge, box: Box) -> PlacedEdge:
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
    return PlacedEdge(edge, _path_data(commands), [head] if head else [], lines, label_box)


def _place_cluster(cluster, boxes: dict[str, Box]) -> PlacedCluster:
    members = [boxes[m] for m in cluster.members if m in boxes]
    lines = wrap(cluster.label, 24.0) if cluster.label else []
    tw, th = block_size(lines)
    left = min(b.left for b in members) - CLUSTER_PAD
    right = max(b.right for b in members) + CLUSTER_PAD
    top = min(b.top for b in members) - CLUSTER_PAD - (th + 6 if lines else 0)
    bottom = max(b.bottom for b in members) + CLUSTER_PAD
    if right - left < tw + 20:
        extra = (tw + 20 - (right - left)) / 2
        left, right = left - extra, right + extra
    return PlacedCluster(
        cluster, Box((left + right) / 2, (top + bottom) / 2, right - left, bottom - top), lines
    )


# ---------------------------------------------------------------- finishing


def _path_data(commands: list[Command]) -> str:
    return " ".join(op + " ".join(f"{num(x)},{num(y)}" for x, y in pts) for op, pts in commands)


def num(value: float) -> str:
    """Shortest fixed form with one decimal: ``12``, ``12.5``, never ``-0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _normalise(result: GraphLayout) -> GraphLayout:
    """Shift everything so the drawing starts at the margin; set the overall size."""
    boxes = [p.box for p in result.nodes] + [c.box for c in result.clusters]
    boxes += [e.label_box for e in result.edges if e.label_box]
    xs, ys = [], []
    for box in boxes:
        xs += [box.left, box.right]
        ys += [box.top, box.bottom]
    for edge in result.edges:
        for x, y in _path_points(edge.path):
            xs.append(x)
            ys.append(y)
    dx, dy = MARGIN - min(xs), MARGIN - min(ys)
    for box in boxes:
        box.cx += dx
        box.cy += dy
    for edge in result.edges:
        edge.path = _shift_path(edge.path, dx, dy)
        edge.heads = [[(x + dx, y + dy) for x, y in head] for head in edge.heads]
    result.width = max(xs) - min(xs) + 2 * MARGIN
    result.height = max(ys) - min(ys) + 2 * MARGIN
    return result


def _path_points(path: str) -> list[Point]:
    points = []
    for token in path.replace("M", " ").replace("L", " ").replace("C", " ").split():
        x, y = token.split(",")
        points.append((float(x), float(y)))
    return points


def _shift_path(path: str, dx: float, dy: float) -> str:
    out = []
    for token in path.split():
        op = token[0] if token[0] in "MLC" else ""
        x, y = token[len(op) :].split(",")
        out.append(f"{op}{num(float(x) + dx)},{num(float(y) + dy)}")
    return " ".join(out)
