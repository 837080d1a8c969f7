"""Placement of flowcharts and state diagrams: shapes sized from their labels
(:mod:`shapes`), layers from grandalf (:mod:`layout_grandalf`), edges routed by :mod:`routing`.

grandalf ranks the nodes, adds dummy vertices for long edges and orders each layer to reduce
crossings; this module sizes the shapes from their measured labels, turns every edge label
into a vertex of its own (so labels get a slot and never sit on a node), keeps a minimum gap
between neighbours of a layer, and routes edges: straight through their own slot inside a
layer's band and as a smooth S-curve across the empty gap between two bands, so no edge
crosses a node. Everything is computed top-to-bottom and then turned for LR/BT/RL.
"""

from __future__ import annotations

import itertools

from kubenotes.diagrams.geometry import Box, GraphLayout, PlacedCluster, PlacedNode
from kubenotes.diagrams.layout_grandalf import DUMMY, X_SPACE, Slot, run_sugiyama, separate
from kubenotes.diagrams.model import Graph, Node
from kubenotes.diagrams.routing import (
    LABEL_PAD,
    Router,
    Transform,
    note_link,
    place_edge,
    self_loop,
)
from kubenotes.diagrams.shapes import SHAPES
from kubenotes.diagrams.text import FONT_SIZE, SMALL_FONT_SIZE, block_size, wrap

Y_SPACE = 24.0
CLUSTER_PAD = 14.0
MARGIN = 8.0


# ---------------------------------------------------------------- sizes


def node_size(node: Node) -> tuple[float, float, list[str]]:
    """Width, height and wrapped label lines of a node's shape."""
    shape = SHAPES[node.shape]
    if shape.fixed:
        return *shape.fixed, []
    if shape.empty and not node.label:
        return *shape.empty, []
    lines = wrap(node.label, shape.wrap_em)
    return *shape.size(*block_size(lines)), lines


# ---------------------------------------------------------------- layers


def _attach_note(
    note_id: str,
    state: Slot,
    size: tuple[float, float],
    after: bool,
    slots: dict[str, Slot],
    layers: dict[int, list[Slot]],
) -> None:
    """Put a note in its state's layer, right beside it, and make room in that layer."""
    w, h = size
    offset = (state.w + w) / 2 + X_SPACE
    slot = Slot(state.x + (offset if after else -offset), state.rank, w, h)
    slots[note_id] = slot
    row = layers[state.rank]
    row.append(slot)
    row.sort(key=lambda s: (s.x, s is not slot) if not after else (s.x, s is slot))
    separate(row)


def _centres(layers: dict[int, list[Slot]], y_space: float) -> dict[int, float]:
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
    slots, dummy_chains, layers = run_sugiyama(keys, sizes, links, y_space)
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
    routes: list[list[tuple[Slot, str]]] = []
    for keys_along in paths:
        route: list[tuple[Slot, str]] = []
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
    router = Router(graph, slots, bands, centres, horizontal)
    router.assign_ports([r[::-1] if i in backwards else r for i, r in enumerate(routes)])
    transform = Transform(graph.direction, depth)
    placed_nodes = [
        PlacedNode(node, transform.box(slots[node_id]), measured[node_id][2])
        for node_id, node in graph.nodes.items()
    ]
    boxes = {p.node.id: p.box for p in placed_nodes}
    placed_edges = []
    for index, edge in enumerate(graph.edges):
        if index in notes:
            note_id, state_id, after = notes[index]
            placed_edges.append(note_link(edge, slots[state_id], slots[note_id], transform))
            continue
        if edge.source == edge.target:
            placed_edges.append(self_loop(edge, boxes[edge.source]))
            continue
        route = routes[index][::-1] if index in backwards else routes[index]
        commands = router.route(index, route)
        label_key = f"\0mid{index}" if f"\0mid{index}" in label_lines else ""
        placed_edges.append(
            place_edge(
                edge,
                [(op, [transform.point(p) for p in pts]) for op, pts in commands],
                label_lines.get(label_key, []),
                transform.box(slots[label_key]) if label_key else None,
            )
        )
    clusters = [_place_cluster(c, boxes) for c in graph.clusters if c.members]
    return _normalise(GraphLayout(0.0, 0.0, placed_nodes, placed_edges, clusters))


def _align_runs(
    routes: list[list[tuple[Slot, str]]], layers: dict[int, list[Slot]], labels: set[str]
) -> None:
    """Put consecutive bends of one edge on one vertical line where their layers leave room."""
    for route in routes:
        run: list[Slot] = []
        for slot, key in [*route[1:-1], (None, "end")]:
            if slot is not None and (key == "" or (key.startswith("\0mid") and key not in labels)):
                run.append(slot)
                continue
            if len(run) > 1:
                _align(run, layers)
            run = []


def _align(run: list[Slot], layers: dict[int, list[Slot]]) -> None:
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
    slots: dict[str, Slot],
    layers: dict[int, list[Slot]],
    routes: list[list[tuple[Slot, str]]],
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
    row: list[Slot],
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


def _normalise(result: GraphLayout) -> GraphLayout:
    """Shift everything so the drawing starts at the margin; set the overall size."""
    boxes = [p.box for p in result.nodes] + [c.box for c in result.clusters]
    boxes += [e.label_box for e in result.edges if e.label_box]
    xs, ys = [], []
    for box in boxes:
        xs += [box.left, box.right]
        ys += [box.top, box.bottom]
    for edge in result.edges:
        for _, points in edge.path:
            xs += [x for x, _ in points]
            ys += [y for _, y in points]
    dx, dy = MARGIN - min(xs), MARGIN - min(ys)
    for box in boxes:
        box.cx += dx
        box.cy += dy
    for edge in result.edges:
        edge.path = [(op, [(x + dx, y + dy) for x, y in pts]) for op, pts in edge.path]
        edge.heads = [[(x + dx, y + dy) for x, y in head] for head in edge.heads]
    result.width = max(xs) - min(xs) + 2 * MARGIN
    result.height = max(ys) - min(ys) + 2 * MARGIN
    return result
