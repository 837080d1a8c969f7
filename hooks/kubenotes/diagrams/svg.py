"""Positioned diagrams → inline SVG markup: themed by Material's CSS variables, accessible,
escaped and deterministic (same input, same bytes).

Paint (fills, strokes, the font and text alignment) is one class per style, ``d-…``, from
:data:`PAINTS`: the site's diagrams.css holds the rules once (a page with five diagrams no
longer repeats the same style attribute hundreds of times), and a standalone SVG (``kubenotes
diagram``) carries them in its own ``<style>``. :func:`stylesheet` writes them.

Markup contract (styles, print CSS and the browser tests rely on it)::

    <svg class="diagram diagram-<flowchart|state|sequence>" role="img" aria-label="…">
      <title>…</title>
      <g class="node node-<shape>"> <shape class="shape"/> <text class="label">…</text> </g>
      (a label of several lines has a <tspan> per line)
      <g class="edge edge-<solid|dotted|thick>"> <path class="line"/> <path class="arrowhead"/>
        <g class="edge-label"> <rect/> <text class="label">…</text> </g> </g>
      <g class="cluster"> <rect class="shape"/> <text class="label">…</text> </g>

No ``<script>``, no ``<foreignObject>``, no external references, no ids; shapes and text carry
a paint class (``d-node``, ``d-text``, …) after their role class.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

from kubenotes.diagrams.geometry import (
    Box,
    GraphLayout,
    PlacedCluster,
    PlacedEdge,
    PlacedNode,
    num,
    path_data,
    px,
)
from kubenotes.diagrams.shapes import CYLINDER_RY, SHAPES
from kubenotes.diagrams.text import FONT_SIZE, LINE_HEIGHT, SMALL_FONT_SIZE, block_size
from kubenotes.strings import STRINGS

FONT_FAMILY = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, "Liberation Sans", '
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
    '"WenQuanYi Micro Hei", sans-serif'
)
FG = "var(--md-default-fg-color, rgba(0, 0, 0, 0.87))"
FG_LIGHT = "var(--md-default-fg-color--light, rgba(0, 0, 0, 0.54))"
FG_LIGHTEST = "var(--md-default-fg-color--lightest, rgba(0, 0, 0, 0.07))"
BG = "var(--md-default-bg-color, #ffffff)"
CODE_BG = "var(--md-code-bg-color, #f5f5f5)"
# Material gives links a lighter shade of the primary colour in the dark palette: good contrast.
PRIMARY = "var(--md-typeset-a-color, #4051b5)"
ACCENT_BG = "var(--md-accent-fg-color--transparent, rgba(82, 108, 254, 0.1))"

NODE_STYLE = f"fill:{CODE_BG};stroke:{PRIMARY};stroke-width:1.5"
TEXT_STYLE = f"fill:{FG}"
EDGE_STYLES = {
    "solid": f"fill:none;stroke:{FG_LIGHT};stroke-width:1.5",
    "dotted": f"fill:none;stroke:{FG_LIGHT};stroke-width:1.5;stroke-dasharray:3 4",
    "thick": f"fill:none;stroke:{FG_LIGHT};stroke-width:3",
}
HEAD_STYLE = f"fill:{FG_LIGHT};stroke:none"
LABEL_BG_STYLE = f"fill:{BG};stroke:none"
# all text uses the full foreground colour: the light one is below 4.5:1 on tinted fills
LABEL_TEXT_STYLE = f"fill:{FG}"
CLUSTER_STYLE = f"fill:{FG_LIGHTEST};stroke:{FG_LIGHT};stroke-width:1;stroke-dasharray:5 4"
# the accent colour is below 3:1 on the dark background: notes keep the accent tint only
NOTE_STYLE = f"fill:{ACCENT_BG};stroke:{PRIMARY};stroke-width:1"
OUTLINE_STYLE = f"fill:none;stroke:{PRIMARY};stroke-width:1.5"
BAR_LINE_STYLE = f"fill:none;stroke:{PRIMARY};stroke-width:1"
FG_FILL_STYLE = f"fill:{FG};stroke:none"
END_STYLE = f"fill:{BG};stroke:{FG};stroke-width:1.5"
KIND_NAMES = STRINGS["diagram-kinds"]

# Paints that an element's role implies, by selector: every label has the text colour, every
# edge line its edge's style, every filled arrowhead the same grey (no paint class needed);
# the labels of edges and sequence blocks are the small size.
SMALL_TEXT = f"font-size:{num(SMALL_FONT_SIZE)}px"
IMPLIED: dict[str, str] = {
    ".label": TEXT_STYLE,
    ".edge-label .label,.block .label": SMALL_TEXT,
    ".label-bg": LABEL_BG_STYLE,
    ".edge-solid .line": EDGE_STYLES["solid"],
    ".edge-dotted .line": EDGE_STYLES["dotted"],
    ".edge-thick .line": EDGE_STYLES["thick"],
    "polygon.arrowhead": HEAD_STYLE,
}
# The outline of these kinds of node has the node paint (``.node-rect .shape``, …).
NODE_KINDS = ("rect", "rounded", "stadium", "subroutine", "diamond", "hexagon", "circle")
IMPLIED_NODE_KINDS = dict.fromkeys((*NODE_KINDS, "cylinder", "participant"), NODE_STYLE)
IMPLIED[",".join(f".node-{kind} .shape" for kind in IMPLIED_NODE_KINDS)] = NODE_STYLE
# Every other paint of the diagrams (flowchart, state and sequence) by its class. Text is
# centred on its anchor (every label is); the font is the page's, named here for a standalone
# SVG too.
PAINTS: dict[str, str] = {
    "d-node": NODE_STYLE,
    "d-solid": EDGE_STYLES["solid"],
    "d-dotted": EDGE_STYLES["dotted"],
    "d-thick": EDGE_STYLES["thick"],
    "d-cluster": CLUSTER_STYLE,
    "d-note": NOTE_STYLE,
    "d-outline": OUTLINE_STYLE,
    "d-bar-line": BAR_LINE_STYLE,
    "d-fg": FG_FILL_STYLE,
    "d-end": END_STYLE,
}
ROOT_STYLE = f"font-family:{FONT_FAMILY}"
TEXT_ALIGN = "text-anchor:middle;dominant-baseline:central"
_PAINT_OF: dict[str, str] = {}


def add_paints(paints: dict[str, str]) -> None:
    """Register more paints (the sequence renderer's); a style has exactly one class."""
    for cls, style in paints.items():
        if _PAINT_OF.setdefault(style, cls) != cls:
            raise ValueError(f"{cls}: the same style as {_PAINT_OF[style]}")
        PAINTS[cls] = style


def paint(style: str) -> str:
    """The class of a paint style (a KeyError for a style nobody registered)."""
    return _PAINT_OF[style]


def stylesheet() -> str:
    """The CSS of every paint, one rule a line, as in diagrams.css and a standalone SVG."""
    rules = [f"svg.diagram{{{ROOT_STYLE}}}", f"svg.diagram text{{{TEXT_ALIGN}}}"]
    for selectors, style in IMPLIED.items():
        scoped = ",".join(f"svg.diagram {selector}" for selector in selectors.split(","))
        rules.append(f"{scoped}{{{style}}}")
    rules += [f"svg.diagram .{cls}{{{style}}}" for cls, style in PAINTS.items()]
    return "\n".join(rules)


# Characters XML 1.0 does not allow (C0 controls but tab and newline, surrogates, U+FFFE/F), and
# the C1 controls and carriage return, which no label means to show.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without characters that are invalid in XML or invisible controls; a tab is a
    space."""
    return _NOT_TEXT.sub("", text.replace("\t", " "))


def escape(text: str) -> str:
    """Escaped XML character data, always well-formed."""
    return _escape(clean(text))


def attr(value: str) -> str:
    """An escaped, quoted XML attribute value."""
    return quoteattr(clean(value), {"\n": "&#10;"})


def svg_open(
    kind: str, width: float, height: float, label: str, standalone: bool = True
) -> list[str]:
    """The ``<svg>`` element with its accessible name and ``<title>``, and (``standalone``) the
    paints in a ``<style>``; a page gets them from diagrams.css.

    ``--diagram-width`` is the natural width: diagrams.css never shrinks a diagram so far that
    its smallest text (:data:`SMALL_FONT_SIZE`) gets below a readable size, and lets the frame
    scroll instead.
    """
    w, h = num(width), num(height)
    # in a page, HTML gives the namespace and diagrams.css the sizing
    start = '<svg xmlns="http://www.w3.org/2000/svg"' if standalone else "<svg"
    sizing = "max-width:100%;height:auto;" if standalone else ""
    out = [
        f'{start} class="diagram diagram-{kind}" role="img" '
        f'aria-label={attr(label)} viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'style="{sizing}--diagram-width:{w}px" font-size="{num(FONT_SIZE)}">',
        f"<title>{escape(label)}</title>",
    ]
    if standalone:
        out.append(f"<style>{escape(stylesheet())}</style>")
    return out


def accessible_name(kind: str, title: str, labels: list[str], lang: str) -> str:
    """``title`` when given, otherwise the kind and the first labels of the diagram."""
    if title:
        return title
    names = KIND_NAMES.get(lang, KIND_NAMES["en"])
    shown = [" ".join(label.replace("<br>", " ").split()) for label in labels if label.strip()]
    text = ", ".join(shown[:12]) + (", …" if len(shown) > 12 else "")
    separator = "：" if lang == "zh" else ": "
    return f"{names[kind]}{separator}{text}" if text else names[kind]


def text_block(
    lines: list[str], cx: float, cy: float, style: str = TEXT_STYLE, size: float = FONT_SIZE
) -> str:
    """A centred ``<text>``: one ``<tspan>`` per line, or the one line in the text itself.

    The small size comes from the stylesheet (:data:`IMPLIED`: only edge labels and sequence
    blocks use it); any other size is an attribute."""
    if not lines:
        return ""
    step = size * LINE_HEIGHT
    first = cy - step * (len(lines) - 1) / 2
    size_attr = "" if size in (FONT_SIZE, SMALL_FONT_SIZE) else f' font-size="{num(size)}"'
    paint_class = "" if style == TEXT_STYLE else f" {paint(style)}"
    opening = f'<text class="label{paint_class}"{size_attr}'
    if len(lines) == 1:
        return f'{opening} x="{px(cx)}" y="{px(cy)}">{escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{px(cx)}" y="{px(first + i * step)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"{opening}>{spans}</text>"


def polygon(points: list[tuple[float, float]], cls: str, style: str) -> str:
    coords = " ".join(f"{px(x)},{px(y)}" for x, y in points)
    paint_class = "" if IMPLIED.get(f"polygon.{cls}") == style else f" {paint(style)}"
    return f'<polygon class="{cls}{paint_class}" points="{coords}"/>'


def rect(box: Box, cls: str, style: str, radius: float = 0.0) -> str:
    rounded = f' rx="{px(radius)}"' if radius else ""
    paint_class = "" if IMPLIED.get(f".{cls}") == style else f" {paint(style)}"
    return (
        f'<rect class="{cls}{paint_class}" x="{px(box.left)}" y="{px(box.top)}" '
        f'width="{px(box.w)}" height="{px(box.h)}"{rounded}/>'
    )


# ---------------------------------------------------------------- flowcharts and states


def _rect(radius: float):
    return lambda b: rect(b, "shape", NODE_STYLE, radius(b))


def _subroutine(b: Box) -> str:
    bars = (
        f'<path d="M{px(b.left + 8)},{px(b.top)} V{px(b.bottom)} M{px(b.right - 8)},'
        f'{px(b.top)} V{px(b.bottom)}" class="{paint(BAR_LINE_STYLE)}"/>'
    )
    return rect(b, "shape", NODE_STYLE) + bars


def _diamond(b: Box) -> str:
    points = [(b.cx, b.top), (b.right, b.cy), (b.cx, b.bottom), (b.left, b.cy)]
    return polygon(points, "shape", NODE_STYLE)


def _hexagon(b: Box) -> str:
    inset = b.h / 4
    points = [
        (b.left + inset, b.top),
        (b.right - inset, b.top),
        (b.right, b.cy),
        (b.right - inset, b.bottom),
        (b.left + inset, b.bottom),
        (b.left, b.cy),
    ]
    return polygon(points, "shape", NODE_STYLE)


def _circle(b: Box, r: float, style: str, cls: str = "shape") -> str:
    return f'<circle class="{cls} {paint(style)}" cx="{px(b.cx)}" cy="{px(b.cy)}" r="{px(r)}"/>'


def _cylinder(b: Box) -> str:
    rx, ry = b.w / 2, CYLINDER_RY
    left, right, top, bottom = px(b.left), px(b.right), px(b.top + ry), px(b.bottom - ry)
    arc = f"A{px(rx)},{px(ry)} 0 0 1"
    body = (
        f'<path class="shape {paint(NODE_STYLE)}" d="M{left},{top} {arc} {right},{top} '
        f'V{bottom} {arc} {left},{bottom} Z"/>'
    )
    lip = (
        f'<path d="M{left},{top} A{px(rx)},{px(ry)} 0 0 0 {right},{top}" '
        f'class="{paint(OUTLINE_STYLE)}"/>'
    )
    return body + lip


def _end(b: Box) -> str:
    outer = _circle(b, b.w / 2 - 1, END_STYLE)
    inner = f'<circle class="{paint(FG_FILL_STYLE)}" cx="{px(b.cx)}" cy="{px(b.cy)}" '
    return outer + inner + f'r="{px(b.w / 2 - 5)}"/>'


def _note(b: Box) -> str:
    fold = 8
    points = [
        (b.left, b.top),
        (b.right - fold, b.top),
        (b.right, b.top + fold),
        (b.right, b.bottom),
        (b.left, b.bottom),
    ]
    return polygon(points, "shape", NOTE_STYLE)


# The outline of every shape in the registry of :mod:`shapes`, by the same name.
DRAW = {
    "rect": _rect(lambda b: 2),
    "rounded": _rect(lambda b: 10),
    "stadium": _rect(lambda b: b.h / 2),
    "subroutine": _subroutine,
    "diamond": _diamond,
    "hexagon": _hexagon,
    "circle": lambda b: _circle(b, b.w / 2, NODE_STYLE),
    "cylinder": _cylinder,
    "start": lambda b: _circle(b, b.w / 2, FG_FILL_STYLE),
    "end": _end,
    "note": _note,
}
add_paints(dict(PAINTS))
if DRAW.keys() != SHAPES.keys():  # pragma: no cover - caught by every test run
    raise RuntimeError(f"shapes without a drawing: {SHAPES.keys() ^ DRAW.keys()}")


def node_outline(kind: str, markup: str) -> str:
    """The outline of a ``node-<kind>`` without the paint class its kind implies."""
    implied = IMPLIED_NODE_KINDS.get(kind)
    return markup.replace(f'class="shape {paint(implied)}"', 'class="shape"') if implied else markup


def _node(placed: PlacedNode) -> str:
    shape = placed.node.shape
    label_y = placed.box.cy + SHAPES[shape].label_dy(placed.box)
    return (
        f'<g class="node node-{shape}">{node_outline(shape, DRAW[shape](placed.box))}'
        f"{text_block(placed.lines, placed.box.cx, label_y)}</g>"
    )


def _edge(placed: PlacedEdge) -> str:
    style = placed.edge.style
    parts = [
        f'<g class="edge edge-{style}">',
        f'<path class="line" d="{path_data(placed.path)}"/>',  # painted by .edge-{style}
    ]
    for head in placed.heads:
        parts.append(polygon(head, "arrowhead", HEAD_STYLE))
    if placed.label_box is not None:
        box = placed.label_box
        parts.append(
            f'<g class="edge-label">{rect(box, "label-bg", LABEL_BG_STYLE, 3)}'
            f"{text_block(placed.label_lines, box.cx, box.cy, LABEL_TEXT_STYLE, SMALL_FONT_SIZE)}"
            "</g>"
        )
    parts.append("</g>")
    return "".join(parts)


def _cluster(placed: PlacedCluster) -> str:
    box = placed.box
    label = ""
    if placed.lines:
        width, height = block_size(placed.lines)
        cx = box.left + 10 + width / 2
        label = text_block(placed.lines, cx, box.top + 6 + height / 2, LABEL_TEXT_STYLE)
    return f'<g class="cluster">{rect(box, "shape", CLUSTER_STYLE, 6)}{label}</g>'


def graph_svg(layout: GraphLayout, kind: str, label: str, standalone: bool = True) -> str:
    """The whole SVG of a laid-out flowchart or state diagram (see :func:`svg_open`)."""
    out = svg_open(kind, layout.width, layout.height, label, standalone)
    out += [_cluster(c) for c in layout.clusters]
    out += [_edge(e) for e in layout.edges]
    out += [_node(n) for n in layout.nodes]
    out.append("</svg>")
    return "\n".join(out)
