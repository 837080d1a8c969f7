"""Parse YAML with the line and column of every key and value, as plain data plus positions.

A private SafeLoader subclass composes the node graph (PyYAML's global loaders are never
touched); this module then builds plain Python values from the nodes itself, so that it can
record positions, reject duplicate keys, and cap alias expansion (alias bombs and
self-referencing aliases end with a finding instead of a hang).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml

from kubenotes.findings import Finding

# Path of a value inside a document: keys (str) and list indexes (int).
JsonPath = tuple[str | int, ...]

MAX_NODES = 100_000  # expanded size cap per document (alias bombs)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Private loader: composes nodes only; construction is done by :class:`_Builder`."""


class _PyLoader(yaml.SafeLoader):
    """Pure-Python twin of :class:`_Loader`, re-run on bad input for its more precise messages."""


@dataclass(frozen=True)
class Position:
    """1-based line and column of a key (or list item) and of its value."""

    key_line: int
    key_column: int
    value_line: int
    value_column: int


@dataclass
class Document:
    """One YAML document of a stream: its value, and the position of every path in it."""

    value: Any
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    line: int = 1  # first line of the document's content

    def position(self, path: JsonPath) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(self.line, 1, self.line, 1))


@dataclass
class Parsed:
    documents: list[Document]
    findings: list[Finding]


class _TooLarge(Exception):
    pass


class _Recursive(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Builder:
    """Turns composed nodes into plain values with positions, duplicate keys and alias caps."""

    def __init__(self, path: str, line_offset: int, loader: yaml.SafeLoader) -> None:
        self.path = path
        self.offset = line_offset
        self.loader = loader
        self.findings: list[Finding] = []
        self.count = 0

    def line(self, mark: yaml.Mark) -> int:
        return mark.line + 1 + self.offset

    def build(self, root: yaml.Node) -> Document:
        self.count = 0
        doc = Document(None, {}, self.line(root.start_mark))
        doc.positions[()] = Position(
            doc.line, root.start_mark.column + 1, doc.line, root.start_mark.column + 1
        )
        try:
            doc.value = self.node(root, (), doc, set())
        except _TooLarge:
            self.error(
                root.start_mark,
                "yaml-alias",
                f"document expands to more than {MAX_NODES} values (alias bomb?)",
            )
            doc.value = None
        except _Recursive as exc:
            self.error(exc.node.start_mark, "yaml-alias", "alias refers to itself (recursive)")
            doc.value = None
        return doc

    def error(self, mark: yaml.Mark, rule: str, message: str) -> None:
        self.findings.append(
            Finding(self.path, self.line(mark), mark.column + 1, "error", rule, message)
        )

    def node(self, node: yaml.Node, path: JsonPath, doc: Document, active: set[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in active:
            raise _Recursive(node)
        active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, path, doc, active)
            return self.mapping(node, path, doc, active)
        finally:
            active.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value
        if isinstance(value, datetime.date | bytes):
            return node.value  # Kubernetes reads timestamps and binary as strings
        return value

    def sequence(
        self, node: yaml.SequenceNode, path: JsonPath, doc: Document, active: set[int]
    ) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            here = (*path, index)
            mark = child.start_mark
            doc.positions.setdefault(
                here, Position(self.line(mark), mark.column + 1, self.line(mark), mark.column + 1)
            )
            items.append(self.node(child, here, doc, active))
        return items

    def mapping(
        self, node: yaml.MappingNode, path: JsonPath, doc: Document, active: set[int]
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged.append(value_node)
                continue
            key = self.key(key_node)
            if key in first_line:
                self.error(
                    key_node.start_mark,
                    "yaml-duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first_line[key]})",
                )
                continue
            first_line[key] = self.line(key_node.start_mark)
            here = (*path, key)
            doc.positions[here] = Position(
                self.line(key_node.start_mark),
                key_node.start_mark.column + 1,
                self.line(value_node.start_mark),
                value_node.start_mark.column + 1,
            )
            result[key] = self.node(value_node, here, doc, active)
        for source in merged:  # YAML merge keys: explicit keys win
            sources = source.value if isinstance(source, yaml.SequenceNode) else [source]
            for item in sources:
                value = self.node(item, path, doc, active)
                if isinstance(value, dict):
                    for key, inner in value.items():
                        result.setdefault(key, inner)
        return result

    def key(self, node: yaml.Node) -> str:
        """Keys as Kubernetes sees them after YAML→JSON: scalars keep their source text."""
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~"):
                return "null" if node.value == "~" else ""
            return str(node.value)
        self.error(
            node.start_mark,
            "yaml-syntax",
            'a mapping key must be a plain value (quote template placeholders such as "{{name}}")',
        )
        return f"<{node.id} key at line {self.line(node.start_mark)}>"


def _syntax_finding(path: str, line_offset: int, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    if mark is None:
        return Finding(path, line_offset + 1, 0, "error", "yaml-syntax", message)
    return Finding(
        path, mark.line + 1 + line_offset, mark.column + 1, "error", "yaml-syntax", message
    )


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Parsed:
    """Every document of ``text`` with positions; problems as findings, never exceptions.

    ``line_offset`` is added to every line (the line before the YAML's first line in ``path``).
    Empty documents (blank or comments only) are left out.
    """
    return _parse(text, path, line_offset, _Loader)


def _parse(text: str, path: str, line_offset: int, loader_class: type) -> Parsed:
    documents: list[Document] = []
    findings: list[Finding] = []
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # control characters, rejected before parsing
        before = text[: max(exc.position, 0)]
        line = before.count("\n") + 1 + line_offset
        column = len(before) - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"unacceptable character #x{character:04x}: {exc.reason}"
        return Parsed([], [Finding(path, line, column, "error", "yaml-syntax", message)])
    builder = _Builder(path, line_offset, loader)
    try:
        while loader.check_node():
            root = loader.get_node()
            if root is None:
                continue
            documents.append(builder.build(root))
    except yaml.YAMLError as exc:
        if loader_class is not _PyLoader:
            loader.dispose()
            return _parse(text, path, line_offset, _PyLoader)
        findings.append(_syntax_finding(path, line_offset, exc))
    except (RecursionError, ValueError, TypeError) as exc:  # pathological input
        findings.append(
            Finding(path, line_offset + 1, 0, "error", "yaml-syntax", f"cannot parse: {exc}")
        )
    finally:
        loader.dispose()
    documents = [d for d in documents if d.value is not None]
    return Parsed(documents, builder.findings + findings)
