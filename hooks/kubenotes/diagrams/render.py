"""The entry point: Mermaid source → SVG string, cached by content hash."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from kubenotes.diagrams.layout import layout_graph
from kubenotes.diagrams.layout_sequence import layout_sequence
from kubenotes.diagrams.limits import check_graph, check_sequence, check_source
from kubenotes.diagrams.model import DiagramError, Graph
from kubenotes.diagrams.parse_common import diagram_type
from kubenotes.diagrams.parse_flowchart import parse_flowchart
from kubenotes.diagrams.parse_sequence import parse_sequence
from kubenotes.diagrams.parse_state import parse_state
from kubenotes.diagrams.svg import accessible_name, graph_svg
from kubenotes.diagrams.svg_sequence import sequence_svg

CACHE_SIZE = 512
_cache: OrderedDict[str, str] = OrderedDict()


def parse(source: str) -> Graph | object:
    """Parse any supported diagram within the size limits; raises :class:`DiagramError` with a
    source line."""
    check_source(source)
    kind, _ = diagram_type(source)
    if kind in ("flowchart", "state"):
        graph = parse_flowchart(source) if kind == "flowchart" else parse_state(source)
        check_graph(graph)
        return graph
    diagram = parse_sequence(source)
    check_sequence(diagram)
    return diagram


def render_uncached(source: str, lang: str = "en") -> str:
    """Render without the cache (for benchmarks)."""
    model = parse(source)
    if isinstance(model, Graph):
        labels = [n.label for n in model.nodes.values() if n.shape != "note"]
        name = accessible_name(model.kind, model.title, labels, lang)
        return graph_svg(layout_graph(model), model.kind, name)
    labels = [p.label for p in model.participants.values()]
    name = accessible_name("sequence", model.title, labels, lang)
    return sequence_svg(layout_sequence(model), name)


def render(source: str, lang: str = "en") -> str:
    """Render one diagram; the same source (and language) always gives the same bytes.

    Raises :class:`DiagramError` whose ``line`` is 1-based within ``source``.
    """
    key = hashlib.sha256(f"{lang}\0{source}".encode()).hexdigest()
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    svg = render_uncached(source, lang)
    _cache[key] = svg
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return svg


def cache_info() -> int:
    """Number of rendered diagrams held in the cache."""
    return len(_cache)


__all__ = ["DiagramError", "cache_info", "render", "render_uncached"]
