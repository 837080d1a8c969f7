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
    SequenceEvent,
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
    placer = _Placer(diagram)
    for event in diagram.events:
        placer.place(event)
    return placer.finish()


class _Placer:
    """Walks the events top to bottom, one method per kind of event; ``y`` is the next free
    row and every open block (``frames``) grows to hold what is placed inside it."""

    def __init__(self, diagram: Sequence) -> None:
        self.diagram = diagram
        self.sizes = [_participant_size(p) for p in diagram.participants.values()]
        self.xs, _, _ = _columns(diagram, [w for w, _, _ in self.sizes])
        self.column = dict(zip(diagram.participants, self.xs, strict=True))
        self.head = max(h for _, h, _ in self.sizes)
        self.y = self.head + 16.0
        self.active: dict[str, list[float]] = {pid: [] for pid in diagram.participants}
        self.bars: list[Box] = []
        self.messages: list[PlacedMessage] = []
        self.notes: list[PlacedNote] = []
        self.blocks: list[PlacedBlock] = []
        self.frames: list[_Frame] = []
        self.handlers = {
            Message: self.message,
            Activation: self.activation,
            Note: self.note,
            BlockStart: self.block_start,
            BlockElse: self.block_else,
            BlockEnd: self.block_end,
        }

    def place(self, event: SequenceEvent) -> None:
        self.handlers[type(event)](event)

    def _extend(self, left: float, right: float) -> None:
        for frame in self.frames:
            frame.extend(left, right)

    def _edge_x(self, pid: str, towards: float, extra: int = 0) -> float:
        """Where a message leaves or meets a lifeline: at the side of its activation bars."""
        level = len(self.active[pid]) + extra
        x = self.column[pid]
        if level <= 0:
            return x
        offset = BAR / 2 + (level - 1) * 4
        return x + offset if towards > x else x - offset

    def message(self, event: Message) -> None:
        lines = wrap(event.text, WRAP_EM) if event.text else []
        th = block_size(lines)[1] if lines else 0.0
        tw = block_size(lines)[0] if lines else 0.0
        sx, tx = self.column[event.source], self.column[event.target]
        y = self.y
        if event.source == event.target:
            line_y = y + max(th / 2, 4.0)
            x1 = self._edge_x(event.source, sx + 1)
            self.messages.append(PlacedMessage(event, x1, x1, line_y, lines, line_y + 12, True))
            self._extend(sx - BAR, x1 + SELF_LOOP + 8 + tw)
            self.y = line_y + 24 + 18
            return
        grow = 1 if event.activate == "+" else 0
        x1 = self._edge_x(event.source, tx)
        x2 = self._edge_x(event.target, sx, grow)
        line_y = y + th + 4
        self.messages.append(PlacedMessage(event, x1, x2, line_y, lines, y + th / 2, False))
        mid = (sx + tx) / 2
        self._extend(min(sx, tx, mid - tw / 2), max(sx, tx, mid + tw / 2))
        self.y = line_y + 18

    def activation(self, event: Activation) -> None:
        stack = self.active[event.participant]
        if event.on:
            stack.append(self.y - 8)
            return
        start = stack.pop()
        x = self.column[event.participant] + len(stack) * 4
        self.bars.append(Box(x, (start + self.y - 10) / 2, BAR, max(self.y - 10 - start, 8.0)))

    def note(self, event: Note) -> None:
        lines = wrap(event.text, WRAP_EM)
        th = block_size(lines)[1]
        w, h = _note_width(event), th + 2 * 6
        pxs = [self.column[p] for p in event.participants]
        if event.position == "right":
            cx = pxs[0] + BAR + w / 2
        elif event.position == "left":
            cx = pxs[0] - BAR - w / 2
        else:
            cx = (min(pxs) + max(pxs)) / 2
            w = max(w, max(pxs) - min(pxs) + 2 * NOTE_PAD * 3)
        box = Box(cx, self.y + h / 2, w, h)
        self.notes.append(PlacedNote(event, box, lines))
        self._extend(box.left, box.right)
        self.y += h + 14

    def block_start(self, event: BlockStart) -> None:
        self.frames.append(_Frame(event, self.y))
        self.y += BLOCK_HEADER + 8

    def block_else(self, event: BlockElse) -> None:
        self.frames[-1].dividers.append((self.y, event.text))
        self.y += BLOCK_HEADER

    def block_end(self, event: BlockEnd) -> None:
        self.blocks.append(_close(self.frames.pop(), self.y, self.xs))
        box = self.blocks[-1].box
        self._extend(box.left, box.right)
        self.y += BLOCK_PAD + 8

    def finish(self) -> SequenceLayout:
        """Close activations still open, put the participant boxes at both ends."""
        y = self.y + 4
        for pid, starts in self.active.items():
            while starts:
                start = starts.pop()
                x = self.column[pid] + len(starts) * 4
                self.bars.append(Box(x, (start + y) / 2, BAR, y - start))
        placed = []
        participants = self.diagram.participants.values()
        for participant, (w, h, lines), x in zip(participants, self.sizes, self.xs, strict=True):
            top = Box(x, self.head - h / 2, w, h)
            bottom = Box(x, y + h / 2, w, h)
            placed.append(PlacedParticipant(participant, x, top, bottom, lines))
        lifelines = [(x, self.head, y) for x in self.xs]
        result = SequenceLayout(
            0, 0, placed, lifelines, self.bars, self.messages, self.notes, self.blocks[::-1]
        )
        return _normalise(result, y + self.head)


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
