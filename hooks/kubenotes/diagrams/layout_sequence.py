"""Column and row layout of sequence diagrams (no library needed: participants are columns,
events are rows). Column gaps grow until every message label, note and self-message fits."""

from __future__ import annotations

from dataclasses import dataclass, field

from kubenotes.diagrams.geometry import Box
from kubenotes.diagrams.model import (
    Activation,
    BlockElse,
    BlockEnd,
    BlockStart,
    Message,
    Note,
    Participant,
    Sequence,
)
from kubenotes.diagrams.text import SMALL_FONT_SIZE, block_size, text_width, wrap

PAD_X = 16.0
PAD_Y = 10.0
HEAD_HEIGHT = 40.0
ACTOR_FIGURE = 34.0
MIN_GAP = 36.0
LABEL_GAP = 30.0
SELF_LOOP = 34.0
NOTE_PAD = 10.0
BAR = 10.0
BLOCK_PAD = 10.0
BLOCK_HEADER = 24.0
MARGIN = 8.0
WRAP_EM = 18.0


@dataclass
class PlacedParticipant:
    participant: Participant
    x: float
    top: Box
    bottom: Box
    lines: list[str]


@dataclass
class PlacedMessage:
    message: Message
    x1: float
    x2: float
    y: float
    lines: list[str]
    label_y: float
    self_loop: bool = False


@dataclass
class PlacedNote:
    note: Note
    box: Box
    lines: list[str]


@dataclass
class PlacedBlock:
    block: BlockStart
    box: Box
    label: str
    dividers: list[tuple[float, str]] = field(default_factory=list)


@dataclass
class SequenceLayout:
    width: float
    height: float
    participants: list[PlacedParticipant]
    lifelines: list[tuple[float, float, float]]
    activations: list[Box]
    messages: list[PlacedMessage]
    notes: list[PlacedNote]
    blocks: list[PlacedBlock]


def _participant_size(participant: Participant) -> tuple[float, float, list[str]]:
    lines = wrap(participant.label, 12.0)
    tw, th = block_size(lines)
    h = max(th + 2 * PAD_Y, HEAD_HEIGHT) + (ACTOR_FIGURE if participant.actor else 0.0)
    return max(tw + 2 * PAD_X, 60.0), h, lines


def _columns(diagram: Sequence, widths: list[float]) -> tuple[list[float], float, float]:
    """Lifeline x of each participant, plus room needed left of the first and right of the last."""
    index = {pid: i for i, pid in enumerate(diagram.participants)}
    count = len(widths)
    gaps = [(widths[i] + widths[i + 1]) / 2 + MIN_GAP for i in range(count - 1)]
    needs: list[tuple[int, int, float]] = []
    left_extra = right_extra = 0.0

    def beside(i: int, room: float, right: bool) -> None:
        nonlocal left_extra, right_extra
        if right:
            if i == count - 1:
                right_extra = max(right_extra, room)
            else:
                needs.append((i, i + 1, room + widths[i + 1] / 2 * 0.0 + NOTE_PAD))
        elif i == 0:
            left_extra = max(left_extra, room)
        else:
            needs.append((i - 1, i, room + NOTE_PAD))

    for event in diagram.events:
        if isinstance(event, Message):
            tw = block_size(wrap(_message_text(event), WRAP_EM))[0]
            a, b = sorted((index[event.source], index[event.target]))
            if a == b:
                beside(a, SELF_LOOP + 8 + tw, right=True)
            else:
                needs.append((a, b, tw + LABEL_GAP))
        elif isinstance(event, Note):
            w = _note_width(event)
            ids = sorted(index[p] for p in event.participants)
            if event.position == "right":
                beside(ids[0], w + BAR, right=True)
            elif event.position == "left":
                beside(ids[0], w + BAR, right=False)
            elif len(ids) == 1 or ids[0] == ids[-1]:
                beside(ids[0], w / 2, right=True)
                beside(ids[0], w / 2, right=False)
            else:
                needs.append((ids[0], ids[-1], w - 2 * NOTE_PAD * 3))
    for a, b, distance in sorted(needs, key=lambda n: (n[1] - n[0], n[0], n[1])):
        current = sum(gaps[a:b])
        if current < distance:
            extra = (distance - current) / (b - a)
            for k in range(a, b):
                gaps[k] += extra
    xs = [0.0]
    for gap in gaps:
        xs.append(xs[-1] + gap)
    return xs, left_extra, right_extra


def _message_text(message: Message) -> str:
    return message.text


def _note_width(note: Note) -> float:
    tw = block_size(wrap(note.text, WRAP_EM))[0]
    return max(tw + 2 * NOTE_PAD, 60.0)


class _Frame:
    def __init__(self, block: BlockStart, top: float) -> None:
        self.block = block
        self.top = top
        self.left = float("inf")
        self.right = float("-inf")
        self.dividers: list[tuple[float, str]] = []

    def extend(self, left: float, right: float) -> None:
        self.left, self.right = min(self.left, left), max(self.right, right)


def layout_sequence(diagram: Sequence) -> SequenceLayout:
    """Place participants, lifelines, messages, notes, activations and blocks."""
    sizes = [_participant_size(p) for p in diagram.participants.values()]
    xs, _, _ = _columns(diagram, [w for w, _, _ in sizes])
    column = dict(zip(diagram.participants, xs, strict=True))
    head = max(h for _, h, _ in sizes)
    y = head + 16.0
    active: dict[str, list[float]] = {pid: [] for pid in diagram.participants}
    bars: list[Box] = []
    messages: list[PlacedMessage] = []
    notes: list[PlacedNote] = []
    blocks: list[PlacedBlock] = []
    frames: list[_Frame] = []

    def extend(left: float, right: float) -> None:
        for frame in frames:
            frame.extend(left, right)

    def edge_x(pid: str, towards: float, extra: int = 0) -> float:
        level = len(active[pid]) + extra
        x = column[pid]
        if level <= 0:
            return x
        offset = BAR / 2 + (level - 1) * 4
        return x + offset if towards > x else x - offset

    for event in diagram.events:
        if isinstance(event, Message):
            lines = wrap(event.text, WRAP_EM) if event.text else []
            th = block_size(lines)[1] if lines else 0.0
            sx, tx = column[event.source], column[event.target]
            if event.source == event.target:
                line_y = y + max(th / 2, 4.0)
                x1 = edge_x(event.source, sx + 1)
                messages.append(PlacedMessage(event, x1, x1, line_y, lines, line_y + 12, True))
                tw = block_size(lines)[0] if lines else 0.0
                extend(sx - BAR, x1 + SELF_LOOP + 8 + tw)
                y = line_y + 24 + 18
            else:
                grow = 1 if event.activate == "+" else 0
                x1 = edge_x(event.source, tx)
                x2 = edge_x(event.target, sx, grow)
                line_y = y + th + 4
                messages.append(PlacedMessage(event, x1, x2, line_y, lines, y + th / 2, False))
                tw = block_size(lines)[0] if lines else 0.0
                mid = (sx + tx) / 2
                extend(min(sx, tx, mid - tw / 2), max(sx, tx, mid + tw / 2))
                y = line_y + 18
        elif isinstance(event, Activation):
            if event.on:
                active[event.participant].append(y - 8)
            else:
                start = active[event.participant].pop()
                level = len(active[event.participant])
                x = column[event.participant] + level * 4
                bars.append(Box(x, (start + y - 10) / 2, BAR, max(y - 10 - start, 8.0)))
        elif isinstance(event, Note):
            lines = wrap(event.text, WRAP_EM)
            tw, th = block_size(lines)
            w, h = _note_width(event), th + 2 * 6
            pxs = [column[p] for p in event.participants]
            if event.position == "right":
                cx = pxs[0] + BAR + w / 2
            elif event.position == "left":
                cx = pxs[0] - BAR - w / 2
            else:
                cx = (min(pxs) + max(pxs)) / 2
                w = max(w, max(pxs) - min(pxs) + 2 * NOTE_PAD * 3)
            box = Box(cx, y + h / 2, w, h)
            notes.append(PlacedNote(event, box, lines))
            extend(box.left, box.right)
            y += h + 14
        elif isinstance(event, BlockStart):
            frames.append(_Frame(event, y))
            y += BLOCK_HEADER + 8
        elif isinstance(event, BlockElse):
            frames[-1].dividers.append((y, event.text))
            y += BLOCK_HEADER
        elif isinstance(event, BlockEnd):
            frame = frames.pop()
            blocks.append(_close(frame, y, xs))
            box = blocks[-1].box
            extend(box.left, box.right)
            y += BLOCK_PAD + 8
    y += 4
    for pid, starts in active.items():
        while starts:
            start = starts.pop()
            x = column[pid] + len(starts) * 4
            bars.append(Box(x, (start + y) / 2, BAR, y - start))
    placed = []
    for (participant, (w, h, lines)), x in zip(
        zip(diagram.participants.values(), sizes, strict=True), xs, strict=True
    ):
        top = Box(x, head - h / 2, w, h)
        bottom = Box(x, y + h / 2, w, h)
        placed.append(PlacedParticipant(participant, x, top, bottom, lines))
    lifelines = [(x, head, y) for x in xs]
    result = SequenceLayout(0, 0, placed, lifelines, bars, messages, notes, blocks[::-1])
    return _normalise(result, y + head)


def _close(frame: _Frame, bottom: float, xs: list[float]) -> PlacedBlock:
    if frame.left == float("inf"):
        frame.left, frame.right = xs[0], xs[-1]
    label = frame.block.text
    header = text_width(frame.block.kind, SMALL_FONT_SIZE) + 16
    need = header + (text_width(f"[{label}]", SMALL_FONT_SIZE) + 16 if label else 0)
    for _, text in frame.dividers:
        need = max(need, text_width(f"[{text}]", SMALL_FONT_SIZE) + 24)
    left, right = frame.left - BLOCK_PAD, frame.right + BLOCK_PAD
    if right - left < need:
        right = left + need
    box = Box((left + right) / 2, (frame.top + bottom) / 2, right - left, bottom - frame.top)
    return PlacedBlock(frame.block, box, label, frame.dividers)


def _normalise(result: SequenceLayout, height: float) -> SequenceLayout:
    lefts = [p.top.left for p in result.participants] + [n.box.left for n in result.notes]
    lefts += [b.box.left for b in result.blocks]
    rights = [p.top.right for p in result.participants] + [n.box.right for n in result.notes]
    rights += [b.box.right for b in result.blocks]
    for m in result.messages:
        if m.self_loop:
            tw = block_size(m.lines)[0] if m.lines else 0.0
            rights.append(m.x1 + SELF_LOOP + 8 + tw)
        elif m.lines:
            tw = block_size(m.lines)[0]
            mid = (m.x1 + m.x2) / 2
            lefts.append(mid - tw / 2)
            rights.append(mid + tw / 2)
    dx = MARGIN - min(lefts)
    for p in result.participants:
        p.x += dx
        p.top.cx += dx
        p.bottom.cx += dx
        p.top.cy += MARGIN
        p.bottom.cy += MARGIN
    result.lifelines = [(x + dx, y1 + MARGIN, y2 + MARGIN) for x, y1, y2 in result.lifelines]
    for box in result.activations + [n.box for n in result.notes] + [b.box for b in result.blocks]:
        box.cx += dx
        box.cy += MARGIN
    for m in result.messages:
        m.x1 += dx
        m.x2 += dx
        m.y += MARGIN
        m.label_y += MARGIN
    for block in result.blocks:
        block.dividers = [(y + MARGIN, text) for y, text in block.dividers]
    result.width = max(rights) - min(lefts) + 2 * MARGIN
    result.height = height + 2 * MARGIN
    return result
