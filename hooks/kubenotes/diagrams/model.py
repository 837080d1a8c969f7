"""Plain data for parsed diagrams: what the author wrote, with source lines, no geometry."""

from __future__ import annotations

from dataclasses import dataclass, field


class DiagramError(Exception):
    """Bad or unsupported diagram source; ``line`` is 1-based within the diagram source."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# ---------------------------------------------------------------- flowcharts and state diagrams

SHAPES = (
    "rect",
    "rounded",
    "stadium",
    "diamond",
    "circle",
    "cylinder",
    "subroutine",
    "hexagon",
    "start",  # state diagram [*] as a source
    "end",  # state diagram [*] as a target
    "note",
)


@dataclass
class Node:
    id: str
    label: str
    shape: str = "rect"
    line: int = 0


@dataclass
class Edge:
    source: str
    target: str
    label: str = ""
    style: str = "solid"  # solid | dotted | thick
    arrow_start: bool = False
    arrow_end: bool = True
    line: int = 0


@dataclass
class Cluster:
    """A flowchart subgraph or a composite state: a titled box around its member nodes."""

    id: str
    label: str
    members: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Graph:
    """A flowchart or a state diagram: nodes, edges and one level of clusters."""

    kind: str  # "flowchart" | "state"
    direction: str = "TB"
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    title: str = ""


# ---------------------------------------------------------------- sequence diagrams


@dataclass
class Participant:
    id: str
    label: str
    actor: bool = False
    line: int = 0


@dataclass
class Message:
    source: str
    target: str
    text: str
    line_style: str = "solid"  # solid | dotted
    head: str = "arrow"  # arrow | open | cross | async | none
    activate: str = ""  # "+" activates the target, "-" deactivates the source
    number: int = 0  # autonumber value, 0 when off
    line: int = 0


@dataclass
class Note:
    position: str  # left | right | over
    participants: list[str]
    text: str
    line: int = 0


@dataclass
class Activation:
    participant: str
    on: bool
    line: int = 0


@dataclass
class BlockStart:
    kind: str  # loop | alt | opt | par | critical | break
    text: str
    line: int = 0


@dataclass
class BlockElse:
    kind: str  # else | and | option
    text: str
    line: int = 0


@dataclass
class BlockEnd:
    line: int = 0


SequenceEvent = Message | Note | Activation | BlockStart | BlockElse | BlockEnd


@dataclass
class Sequence:
    participants: dict[str, Participant] = field(default_factory=dict)
    events: list[SequenceEvent] = field(default_factory=list)
    title: str = ""
    kind: str = "sequence"
