"""Mermaid ``sequenceDiagram`` subset → :class:`~kubenotes.diagrams.model.Sequence`.

Supported: ``participant``/``actor`` with ``as`` aliases; messages ``->>``, ``-->>``, ``->``,
``-->``, ``-x``, ``--x``, ``-)``, ``--)`` with ``+``/``-`` activation; ``activate`` and
``deactivate``; ``autonumber``; notes ``left of``/``right of``/``over A[,B]``; blocks
``loop``, ``alt``/``else``, ``opt``, ``par``/``and``, ``critical``/``option``, ``break``;
``title``; ``%%`` comments.
"""

from __future__ import annotations

import re

from kubenotes.diagrams.model import (
    Activation,
    BlockElse,
    BlockEnd,
    BlockStart,
    DiagramError,
    Message,
    Note,
    Participant,
    Sequence,
)
from kubenotes.diagrams.parse_common import bare_header_lines, clean_label, reject_styling

_ID = r"[\w\u00b7-\uffff.]+"
_ARROWS = {  # arrow: (line style, head)
    "-->>": ("dotted", "arrow"),
    "->>": ("solid", "arrow"),
    "-->": ("dotted", "open"),
    "->": ("solid", "open"),
    "--x": ("dotted", "cross"),
    "-x": ("solid", "cross"),
    "--)": ("dotted", "async"),
    "-)": ("solid", "async"),
}
_MESSAGE = re.compile(
    rf"^(?P<src>{_ID})\s*(?P<arrow>-->>|->>|--x|-x|--\)|-\)|-->|->)\s*(?P<act>[+-]?)\s*"
    rf"(?P<dst>{_ID})\s*(?::(?P<text>.*))?$"
)
_PARTICIPANT = re.compile(
    rf"^(?P<kind>participant|actor)\s+(?P<id>{_ID})(?:\s+as\s+(?P<label>.+))?$"
)
_NOTE = re.compile(
    rf"^note\s+(?P<pos>left of|right of|over)\s+(?P<ids>{_ID}(?:\s*,\s*{_ID})?)\s*:(?P<text>.*)$",
    re.I,
)
_BLOCKS = ("loop", "alt", "opt", "par", "critical", "break")
_ELSES = {"else": "alt", "and": "par", "option": "critical"}
_UNSUPPORTED = ("rect", "box", "create", "destroy", "links", "link", "properties", "details")


class _Parser:
    def __init__(self) -> None:
        self.diagram = Sequence()
        self.number = 0
        self.step = 0
        self.blocks: list[BlockStart] = []
        self.active: dict[str, int] = {}

    def participant(self, participant_id: str, number: int) -> str:
        if participant_id not in self.diagram.participants:
            self.diagram.participants[participant_id] = Participant(
                participant_id, participant_id, line=number
            )
        return participant_id

    def activate(self, participant_id: str, on: bool, number: int) -> None:
        self.participant(participant_id, number)
        count = self.active.get(participant_id, 0)
        if not on and count == 0:
            raise DiagramError(f"'{participant_id}' is deactivated but it is not active", number)
        self.active[participant_id] = count + (1 if on else -1)
        self.diagram.events.append(Activation(participant_id, on, number))

    def message(self, match: re.Match[str], number: int) -> None:
        source = self.participant(match.group("src"), number)
        target = self.participant(match.group("dst"), number)
        line_style, head = _ARROWS[match.group("arrow")]
        if self.step:
            self.number += self.step
        message = Message(
            source,
            target,
            clean_label(match.group("text") or ""),
            line_style,
            head,
            match.group("act"),
            self.number if self.step else 0,
            number,
        )
        self.diagram.events.append(message)
        if message.activate == "+":
            self.activate(target, True, number)
        elif message.activate == "-":
            self.activate(source, False, number)

    def block(self, word: str, rest: str, number: int) -> None:
        if word in _BLOCKS:
            start = BlockStart(word, clean_label(rest), number)
            self.blocks.append(start)
            self.diagram.events.append(start)
        elif word in _ELSES:
            if not self.blocks or self.blocks[-1].kind != _ELSES[word]:
                raise DiagramError(f"'{word}' outside an '{_ELSES[word]}' block", number)
            self.diagram.events.append(BlockElse(word, clean_label(rest), number))
        else:  # end
            if not self.blocks:
                raise DiagramError("'end' without an open block", number)
            self.blocks.pop()
            self.diagram.events.append(BlockEnd(number))

    def autonumber(self, text: str, number: int) -> None:
        values = text.split()[1:]
        if values == ["off"]:
            self.step = 0
            return
        try:
            start, step = (
                (int(values[0]) if values else 1),
                (int(values[1]) if len(values) > 1 else 1),
            )
        except ValueError:
            raise DiagramError(f"bad autonumber arguments '{' '.join(values)}'", number) from None
        self.number, self.step = start - step, step

    def statement(self, text: str, number: int) -> None:
        reject_styling(text, number)
        word, _, rest = text.partition(" ")
        lowered = word.lower()
        if lowered in _UNSUPPORTED:
            raise DiagramError(f"'{word}' is not supported in sequence diagrams", number)
        if lowered in (*_BLOCKS, *_ELSES, "end"):
            self.block(lowered, rest, number)
        elif lowered == "autonumber":
            self.autonumber(text, number)
        elif lowered in ("activate", "deactivate") and re.fullmatch(_ID, rest.strip()):
            self.activate(rest.strip(), lowered == "activate", number)
        elif lowered == "title" or lowered.startswith("acctitle"):
            self.diagram.title = clean_label(rest if lowered == "title" else text.partition(":")[2])
        elif match := _PARTICIPANT.match(text):
            self.declare(match, number)
        elif match := _NOTE.match(text):
            ids = [part.strip() for part in match.group("ids").split(",")]
            for participant_id in ids:
                self.participant(participant_id, number)
            position = match.group("pos").lower().split()[0]
            if position != "over" and len(ids) > 1:
                raise DiagramError(f"'note {match.group('pos')}' takes one participant", number)
            self.diagram.events.append(
                Note(position, ids, clean_label(match.group("text")), number)
            )
        elif match := _MESSAGE.match(text):
            self.message(match, number)
        else:
            raise DiagramError(f"unsupported sequence diagram statement '{text}'", number)

    def declare(self, match: re.Match[str], number: int) -> None:
        participant_id = match.group("id")
        if participant_id in self.diagram.participants:
            raise DiagramError(
                f"participant '{participant_id}' is declared after its first use", number
            )
        label = clean_label(match.group("label") or participant_id)
        self.diagram.participants[participant_id] = Participant(
            participant_id, label, match.group("kind") == "actor", number
        )


def parse_sequence(source: str) -> Sequence:
    """Parse a sequence diagram source (its first line is the ``sequenceDiagram`` header)."""
    parser = _Parser()
    header_line, lines = bare_header_lines(source)
    for number, text in lines:
        parser.statement(text, number)
    if parser.blocks:
        block = parser.blocks[-1]
        raise DiagramError(f"'{block.kind}' block is never closed with 'end'", block.line)
    if not parser.diagram.participants:
        raise DiagramError("the sequence diagram has no participants", header_line)
    return parser.diagram
