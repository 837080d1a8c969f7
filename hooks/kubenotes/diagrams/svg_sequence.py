"""Laid-out sequence diagrams → inline SVG, with the same markup contract as :mod:`svg`.

Participants (top and bottom) are ``<g class="node node-participant|node-actor">``, notes
``<g class="node node-note">``, messages ``<g class="edge edge-solid|edge-dotted">``, blocks
``<g class="block block-<kind>">``, activation bars ``<rect class="activation">``.
"""

from __future__ import annotations

from kubenotes.diagrams.geometry import Box, num, px
from kubenotes.diagrams.layout_sequence import (
    SELF_LOOP,
    PlacedBlock,
    PlacedMessage,
    PlacedParticipant,
    SequenceLayout,
)
from kubenotes.diagrams.svg import (
    BG,
    EDGE_STYLES,
    FG,
    FG_LIGHT,
    FG_LIGHTEST,
    HEAD_STYLE,
    IMPLIED,
    LABEL_TEXT_STYLE,
    NODE_STYLE,
    NOTE_STYLE,
    OUTLINE_STYLE,
    PRIMARY,
    TEXT_STYLE,
    add_paints,
    node_outline,
    paint,
    polygon,
    rect,
    svg_open,
    text_block,
)
from kubenotes.diagrams.text import SMALL_FONT_SIZE, block_size

ARROW = 9.0
NUMBER_STYLE = f"fill:{PRIMARY};stroke:none"
LIFELINE_STYLE = f"fill:none;stroke:{FG_LIGHT};stroke-width:1;stroke-dasharray:4 4"
BAR_STYLE = f"fill:{BG};stroke:{PRIMARY};stroke-width:1.2"
TAB_STYLE = f"fill:{FG_LIGHTEST};stroke:none"
# no fill: nested blocks would stack tints under the tab text and take its contrast below 4.5:1
FRAME_STYLE = f"fill:none;stroke:{FG_LIGHT};stroke-width:1"
NUMBER_TEXT_STYLE = f"fill:{BG}"
DIVIDER_STYLE = EDGE_STYLES["dotted"].replace("stroke-width:1.5", "stroke-width:1")
NO_PAINT = "fill:none;stroke:none"
IMPLIED[".sequence-number circle"] = NUMBER_STYLE
IMPLIED[".sequence-number text"] = f"{NUMBER_TEXT_STYLE};font-size:{num(SMALL_FONT_SIZE)}px"
add_paints(
    {
        "d-lifeline": LIFELINE_STYLE,
        "d-activation": BAR_STYLE,
        "d-tab": TAB_STYLE,
        "d-frame": FRAME_STYLE,
        "d-divider": DIVIDER_STYLE,
        "d-none": NO_PAINT,
    }
)


def _participant(placed: PlacedParticipant, box: Box) -> str:
    if not placed.participant.actor:
        shape = rect(box, "shape", NODE_STYLE, 3)
        label = text_block(placed.lines, box.cx, box.cy)
        return f'<g class="node node-participant">{node_outline("participant", shape)}{label}</g>'
    cx, top = box.cx, box.top
    stroke = paint(OUTLINE_STYLE)
    figure = (
        f'<circle class="{stroke}" cx="{px(cx)}" cy="{px(top + 7)}" r="6"/>'
        f'<path d="M{px(cx)},{px(top + 13)} V{px(top + 24)} M{px(cx - 9)},{px(top + 17)} '
        f"H{px(cx + 9)} M{px(cx)},{px(top + 24)} L{px(cx - 7)},{px(top + 33)} "
        f'M{px(cx)},{px(top + 24)} L{px(cx + 7)},{px(top + 33)}" class="{stroke}"/>'
    )
    frame = rect(box, "shape", NO_PAINT)
    label_cy = top + 34 + (box.h - 34) / 2
    return f'<g class="node node-actor">{frame}{figure}{text_block(placed.lines, cx, label_cy)}</g>'


def _head(kind: str, tip: tuple[float, float], direction: float) -> str:
    x, y = tip
    back = x - direction * ARROW
    if kind == "arrow":
        points = [(x, y), (back, y - ARROW * 0.45), (back, y + ARROW * 0.45)]
        return polygon(points, "arrowhead", HEAD_STYLE)
    if kind == "async":
        d = f"M{px(back)},{px(y - 5)} L{px(x)},{px(y)} L{px(back)},{px(y + 5)}"
        return f'<path class="arrowhead {paint(EDGE_STYLES["solid"])}" d="{d}"/>'
    if kind == "cross":
        c = x - direction * 5
        d = (
            f"M{px(c - 4)},{px(y - 4)} L{px(c + 4)},{px(y + 4)} "
            f"M{px(c - 4)},{px(y + 4)} L{px(c + 4)},{px(y - 4)}"
        )
        return f'<path class="arrowhead {paint(EDGE_STYLES["solid"])}" d="{d}"/>'
    return ""


def _message(placed: PlacedMessage) -> str:
    message = placed.message
    parts = [f'<g class="edge edge-{message.line_style}">']
    y = placed.y
    pull = ARROW * 0.7 if message.head == "arrow" else 0.0
    if placed.self_loop:
        x = placed.x1
        d = f"M{px(x)},{px(y)} H{px(x + SELF_LOOP)} V{px(y + 22)} H{px(x + pull)}"
        parts.append(f'<path class="line" d="{d}"/>')
        parts.append(_head(message.head, (x, y + 22), -1.0))
        if placed.lines:
            tw = block_size(placed.lines)[0]
            parts.append(text_block(placed.lines, x + SELF_LOOP + 8 + tw / 2, y + 11, TEXT_STYLE))
    else:
        direction = 1.0 if placed.x2 > placed.x1 else -1.0
        end = placed.x2 - direction * pull
        d = f"M{px(placed.x1)},{px(y)} H{px(end)}"
        parts.append(f'<path class="line" d="{d}"/>')
        parts.append(_head(message.head, (placed.x2, y), direction))
        if placed.lines:
            mid = (placed.x1 + placed.x2) / 2
            parts.append(text_block(placed.lines, mid, placed.label_y, TEXT_STYLE))
    if message.number:
        x = placed.x1
        parts.append(
            f'<g class="sequence-number"><circle cx="{px(x)}" cy="{px(y)}" r="10"/>'
            f'<text x="{px(x)}" y="{px(y)}">{message.number}</text></g>'
        )
    parts.append("</g>")
    return "".join(parts)


def _block(placed: PlacedBlock) -> str:
    box = placed.box
    kind = placed.block.kind
    small = SMALL_FONT_SIZE
    tab_w = block_size([kind], small)[0] + 14
    tab = [
        (box.left, box.top),
        (box.left + tab_w, box.top),
        (box.left + tab_w, box.top + 14),
        (box.left + tab_w - 6, box.top + 20),
        (box.left, box.top + 20),
    ]
    parts = [
        f'<g class="block block-{kind}">',
        rect(box, "frame", FRAME_STYLE),
        polygon(tab, "tab", TAB_STYLE),
        text_block([kind], box.left + (tab_w - 4) / 2, box.top + 10, f"fill:{FG}", small),
    ]
    if placed.label:
        width = block_size([f"[{placed.label}]"], SMALL_FONT_SIZE)[0]
        parts.append(
            text_block(
                [f"[{placed.label}]"],
                box.left + tab_w + 8 + width / 2,
                box.top + 10,
                LABEL_TEXT_STYLE,
                SMALL_FONT_SIZE,
            )
        )
    for y, text in placed.dividers:
        parts.append(
            f'<path class="divider {paint(DIVIDER_STYLE)}" '
            f'd="M{px(box.left)},{px(y)} H{px(box.right)}"/>'
        )
        if text:
            parts.append(
                text_block([f"[{text}]"], box.cx, y + 11, LABEL_TEXT_STYLE, SMALL_FONT_SIZE)
            )
    parts.append("</g>")
    return "".join(parts)


def sequence_svg(layout: SequenceLayout, label: str, standalone: bool = True) -> str:
    """The whole SVG of a laid-out sequence diagram (see :func:`svg.svg_open`)."""
    out = svg_open("sequence", layout.width, layout.height, label, standalone)
    out += [_block(b) for b in layout.blocks]
    for x, y1, y2 in layout.lifelines:
        out.append(
            f'<path class="lifeline {paint(LIFELINE_STYLE)}" d="M{px(x)},{px(y1)} V{px(y2)}"/>'
        )
    out += [rect(bar, "activation", BAR_STYLE) for bar in layout.activations]
    out += [_message(m) for m in layout.messages]
    for note in layout.notes:
        shape = rect(note.box, "shape", NOTE_STYLE)
        text = text_block(note.lines, note.box.cx, note.box.cy)
        out.append(f'<g class="node node-note">{shape}{text}</g>')
    for p in layout.participants:
        out.append(_participant(p, p.top))
        out.append(_participant(p, p.bottom))
    out.append("</svg>")
    return "\n".join(out)
