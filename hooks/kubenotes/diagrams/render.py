"""The entry point: Mermaid source → SVG string, cached by content hash."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, replace

from kubenotes.diagrams.layout import layout_graph
from kubenotes.diagrams.layout_sequence import layout_sequence
from kubenotes.diagrams.limits import check_graph, check_sequence, check_source
from kubenotes.diagrams.model import DiagramError, Graph, Sequence
from kubenotes.diagrams.parse_common import diagram_type
from kubenotes.diagrams.parse_flowchart import parse_flowchart
from kubenotes.diagrams.parse_sequence import parse_sequence
from kubenotes.diagrams.parse_state import parse_state
from kubenotes.diagrams.svg import accessible_name, graph_svg
from kubenotes.diagrams.svg_sequence import sequence_svg
from kubenotes.diagrams.text import SMALL_FONT_SIZE

CACHE_SIZE = 512
# Readability (issue 14): the page never shrinks a diagram below these label sizes; a wider one
# scrolls sideways in its frame (diagrams.css). Phone column: a 390 px screen minus margins.
PHONE_LABEL_PX = 10.0
DESKTOP_LABEL_PX = 12.0
PHONE_COLUMN = 350.0
MAX_PHONE_SCREENS = 3.0  # wider than this at readable size: the build warns
_cache: OrderedDict[str, Rendered] = OrderedDict()


@dataclass(frozen=True)
class Rendered:
    """One diagram as the page shows it: the author's layout, and optionally a top-to-bottom
    layout of the same diagram for narrow screens (selected by a media query)."""

    svg: str
    width: float
    narrow_svg: str = ""
    narrow_width: float = 0.0

    @property
    def phone_width(self) -> float:
        """Width in CSS pixels on a phone, at the smallest readable scale."""
        width = min(self.width, self.narrow_width) if self.narrow_svg else self.width
        return width * PHONE_LABEL_PX / SMALL_FONT_SIZE

    @property
    def too_wide(self) -> bool:
        return self.phone_width > MAX_PHONE_SCREENS * PHONE_COLUMN


def parse(source: str) -> Graph | Sequence:
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


def _draw(model: Graph | Sequence, lang: str, standalone: bool = True) -> tuple[str, float]:
    """SVG markup and natural width of a parsed diagram; a page's diagrams (not
    ``standalone``) take their paints from diagrams.css."""
    if isinstance(model, Graph):
        labels = [n.label for n in model.nodes.values() if n.shape != "note"]
        name = accessible_name(model.kind, model.title, labels, lang)
        layout = layout_graph(model)
        return graph_svg(layout, model.kind, name, standalone), layout.width
    labels = [p.label for p in model.participants.values()]
    name = accessible_name("sequence", model.title, labels, lang)
    placed = layout_sequence(model)
    return sequence_svg(placed, name, standalone), placed.width


def render_uncached(source: str, lang: str = "en") -> str:
    """Render without the cache (for benchmarks)."""
    return _draw(parse(source), lang)[0]


def render_for_page(source: str, lang: str = "en") -> Rendered:
    """The author's layout, plus a top-to-bottom one when a left-to-right diagram is too wide
    for a phone and the turned layout is clearly narrower. Cached by content."""
    key = hashlib.sha256(f"page\0{lang}\0{source}".encode()).hexdigest()
    return _cached(key, lambda: _render_both(source, lang))


def _render_both(source: str, lang: str) -> Rendered:
    model = parse(source)
    svg, width = _draw(model, lang, standalone=False)
    phone = width * PHONE_LABEL_PX / SMALL_FONT_SIZE
    if not isinstance(model, Graph) or model.direction not in ("LR", "RL") or phone <= PHONE_COLUMN:
        return Rendered(svg, width)
    narrow_svg, narrow_width = _draw(replace(model, direction="TB"), lang, standalone=False)
    if narrow_width > 0.9 * width:
        return Rendered(svg, width)
    return Rendered(svg, width, narrow_svg, narrow_width)


def render(source: str, lang: str = "en") -> str:
    """Render one diagram; the same source (and language) always gives the same bytes.

    Raises :class:`DiagramError` whose ``line`` is 1-based within ``source``.
    """
    key = hashlib.sha256(f"{lang}\0{source}".encode()).hexdigest()
    return _cached(key, lambda: Rendered(render_uncached(source, lang), 0.0)).svg


def _cached(key: str, make) -> Rendered:
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    rendered = make()
    _cache[key] = rendered
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return rendered


def cache_info() -> int:
    """Number of rendered diagrams held in the cache."""
    return len(_cache)


__all__ = ["DiagramError", "Rendered", "cache_info", "render", "render_for_page", "render_uncached"]
