"""Parse YAML with the line and column of every key and value, as plain data plus positions.

The one guarded YAML entry point of the project: manifests, fences, front matter and the
unlabeled-fence sniffer all come through :func:`parse_yaml` (or :func:`load_data`).

A private SafeLoader subclass composes the node graph (PyYAML's global loaders are never
touched); this module then builds plain Python values from the nodes itself, so that it can
record positions, reject duplicate keys and what SafeLoader or Kubernetes would reject, and
cap what hostile input can cost (:class:`Budget`: values, aliases, depth and bytes per file,
page and build). Every problem is a :class:`Finding` at its line, never an exception.

Lines are counted as the author's editor counts them (``\n`` only): PyYAML also breaks lines
at U+0085, U+2028 and U+2029, so positions are computed from the character offset of its marks.
"""

from __future__ import annotations

import bisect
import datetime
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from kubenotes.findings import Finding

# Path of a value inside a document: keys (str) and list indexes (int).
JsonPath = tuple[str | int, ...]

MAX_NODES = 100_000  # values one file (or fence) may expand to: alias bombs
MAX_ALIASES = 10_000  # alias uses per file
MAX_DEPTH = 100  # nesting of mappings and lists (Kubernetes objects need about 20)
MAX_BYTES = 1_000_000  # characters of YAML in one file or fence
PAGE_LIMITS = (300_000, 30_000, 4_000_000)  # values, aliases, characters for one page
BUILD_LIMITS = (5_000_000, 300_000, 64_000_000)  # the same for a whole build
INT64 = (-(2**63), 2**63 - 1)
LIMIT_RULE = "yaml-limit"
_CORE = "tag:yaml.org,2002:"
_SURROGATE = re.compile("[\ud800-\udfff]")


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Private loader: composes nodes only; construction is done by :class:`_Builder`."""


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _PyLoader(yaml.SafeLoader):
    """Pure-Python twin of :class:`_Loader`, re-run on bad input for its more precise messages,
    and used for deeply nested text: it stops composing at :data:`MAX_DEPTH` (libyaml's C
    composer recurses without a limit and crashes the process at about 26,000 levels)."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class OverBudget(Exception):
    """Raised inside :class:`Budget` when a limit is reached; becomes a ``yaml-limit`` finding."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Budget:
    """What YAML may still cost: values, alias uses and characters, for one scope (a file, a
    page, a build). Charging a budget charges its parents, so the smallest scope that runs out
    names the limit in the finding."""

    def __init__(
        self,
        scope: str,
        nodes: int = MAX_NODES,
        aliases: int = MAX_ALIASES,
        chars: int = MAX_BYTES,
        parent: Budget | None = None,
    ) -> None:
        self.scope = scope
        self.left = {"values": nodes, "aliases": aliases, "characters": chars}
        self.limits = dict(self.left)
        self.parent = parent

    def child(self, scope: str = "file") -> Budget:
        return Budget(scope, parent=self)

    def room(self, kind: str) -> int:
        """How many more charges of ``kind`` this scope and every scope above it can pay."""
        room = self.left[kind]
        budget = self.parent
        while budget is not None:
            room = min(room, budget.left[kind])
            budget = budget.parent
        return room

    def charge(self, kind: str, amount: int = 1) -> None:
        budget: Budget | None = self
        while budget is not None:
            budget.left[kind] -= amount
            if budget.left[kind] < 0:
                hint = "split it" if kind == "characters" else "alias bomb?"
                raise OverBudget(
                    f"more than {budget.limits[kind]:,} YAML {kind} in one {budget.scope} "
                    f"(limit against hostile input; {hint})"
                )
            budget = budget.parent


def page_budget(build: Budget | None = None) -> Budget:
    nodes, aliases, chars = PAGE_LIMITS
    return Budget("page", nodes, aliases, chars, parent=build)


def build_budget() -> Budget:
    nodes, aliases, chars = BUILD_LIMITS
    return Budget("build", nodes, aliases, chars)


def nesting_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth of ``text``: every block level needs one more
    column of indentation (or ``- ``/``? ``/``: `` prefix), every flow level one bracket."""
    block = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" -?:\t")
        block = max(block, len(line) - len(stripped))
    return block + text.count("[") + text.count("{")


class Position(NamedTuple):
    """1-based line and column of a key (or list item) and of its value (a named tuple: one
    is made for every key of every document, and a frozen dataclass costs 4x as much)."""

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


class _Recursive(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Builder:
    """Turns composed nodes into plain values with positions, duplicate keys and alias caps.

    It runs once per node of every document, so it is written for speed: values and alias uses
    are counted locally and charged to the :class:`Budget` scopes in one go, as far as every
    scope can pay (:meth:`Budget.room`); the charge that would not fit is made on its own, so
    the same scope runs out at the same node, with the same message, as when charging one by
    one. Plain strings, nulls, booleans and short decimal integers skip PyYAML's constructors
    (:func:`_fast_scalar`: the same values, tested against them)."""

    def __init__(
        self, path: str, line_offset: int, loader: yaml.SafeLoader, lines: _Lines, budget: Budget
    ) -> None:
        self.path = path
        self.offset = line_offset
        self.loader = loader
        self.lines = lines
        self.starts = lines.starts
        self.budget = budget
        self.findings: list[Finding] = []
        self.seen: set[int] = set()
        self.depth = 0
        self.values = self.aliases = 0  # counted, not yet charged to the budget
        self.room_values = self.room_aliases = 0

    def line(self, mark: yaml.Mark) -> int:
        return bisect_right(self.starts, max(mark.index, 0)) + self.offset

    def column(self, mark: yaml.Mark) -> int:
        return self.lines.column(mark)

    def build(self, root: yaml.Node) -> Document:
        self.depth = 0
        line, column = self.line(root.start_mark), self.column(root.start_mark)
        doc = Document(None, {}, line)
        doc.positions[()] = Position(line, column, line, column)
        self.room_values = self.budget.room("values")
        self.room_aliases = self.budget.room("aliases")
        # Anchors do not cross documents; and a node of an earlier document, freed, may leave
        # its id() to a node of this one (which counted it as an alias use).
        self.seen = set()
        try:
            doc.value = self.node(root, (), doc, set())
        except OverBudget as exc:
            self.error(root.start_mark, LIMIT_RULE, exc.message)
            doc.value = None
        except _TooDeep as exc:
            self.error(exc.mark, LIMIT_RULE, _too_deep())
            doc.value = None
        except _Recursive as exc:
            self.error(exc.node.start_mark, "yaml-alias", "alias refers to itself (recursive)")
            doc.value = None
        finally:
            self.settle()
        return doc

    def settle(self) -> None:
        """Charge the budget what was counted (never more than :meth:`Budget.room`)."""
        if self.values:
            self.budget.charge("values", self.values)
        if self.aliases:
            self.budget.charge("aliases", self.aliases)
        self.room_values -= self.values
        self.room_aliases -= self.aliases
        self.values = self.aliases = 0

    def overdraw(self, kind: str) -> None:
        """The charge of ``kind`` that does not fit: settle the others, then make this one
        alone, so that the scope that runs out raises as it would have one charge at a time."""
        if kind == "values":
            self.values -= 1
        else:
            self.aliases -= 1
        self.settle()
        self.budget.charge(kind)  # raises OverBudget
        self.room_values = self.budget.room("values")  # (only if a scope was credited since)
        self.room_aliases = self.budget.room("aliases")

    def error(self, mark: yaml.Mark, rule: str, message: str) -> None:
        self.findings.append(
            Finding(self.path, self.line(mark), self.column(mark), "error", rule, message)
        )

    def node(self, node: yaml.Node, path: JsonPath, doc: Document, active: set[int]) -> Any:
        self.values += 1
        if self.values > self.room_values:
            self.overdraw("values")
        if id(node) in self.seen:
            self.aliases += 1
            if self.aliases > self.room_aliases:
                self.overdraw("aliases")
        else:
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            value = _fast_scalar(node.tag, node.value)
            return self.scalar(node) if value is _SLOW else value
        if id(node) in active:
            raise _Recursive(node)
        if len(active) >= MAX_DEPTH:
            raise _TooDeep(node.start_mark)
        active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != _SEQ and node.tag.startswith(_CORE):
                    self.error(node.start_mark, "yaml-tag", _tag_message(node.tag, "a list"))
                return self.sequence(node, path, doc, active)
            if node.tag != _MAP and node.tag.startswith(_CORE):
                self.error(node.start_mark, "yaml-tag", _tag_message(node.tag, "a mapping"))
            return self.mapping(node, path, doc, active)
        finally:
            active.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """A scalar through PyYAML's constructors (what :func:`_fast_scalar` leaves)."""
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            if node.tag.startswith(_CORE):  # !!python/name:..., !!set: what SafeLoader rejects
                self.error(node.start_mark, "yaml-tag", str(exc.problem or exc).strip())
            return node.value  # local tags (!Ref x) give their plain value
        except Exception as exc:  # PyYAML's constructors raise KeyError, IndexError, ...
            explicit = self.lines.text_at(node.start_mark).startswith("!")
            if node.tag == "tag:yaml.org,2002:timestamp" and not explicit:
                return node.value  # '2024-02-30': not a date, so a string (as for Kubernetes)
            self.error(node.start_mark, "yaml-value", _value_message(node, exc))
            return node.value
        if isinstance(value, datetime.date | bytes):
            return node.value  # Kubernetes reads timestamps and binary as strings
        if isinstance(value, str) and _SURROGATE.search(value):
            return self.surrogate(node, value)
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if is_int and not INT64[0] <= value <= INT64[1]:
            self.error(
                node.start_mark,
                "yaml-value",
                "integer out of the 64-bit range Kubernetes accepts (quote it for a string)",
            )
            return node.value
        return value

    def sequence(
        self, node: yaml.SequenceNode, path: JsonPath, doc: Document, active: set[int]
    ) -> list[Any]:
        items = []
        positions = doc.positions
        starts, offset = self.starts, self.offset
        for index, child in enumerate(node.value):
            here = (*path, index)
            if here not in positions:
                mark = child.start_mark
                line = bisect_right(starts, max(mark.index, 0)) + offset
                positions[here] = Position(line, mark.column + 1, line, mark.column + 1)
            items.append(self.node(child, here, doc, active))
        return items

    def mapping(
        self, node: yaml.MappingNode, path: JsonPath, doc: Document, active: set[int]
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merged: list[yaml.Node] = []
        positions = doc.positions
        starts, offset = self.starts, self.offset
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.append(value_node)
                continue
            key = self.key(key_node)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            key_line = bisect_right(starts, max(key_mark.index, 0)) + offset
            if key in first_line:
                self.error(
                    key_mark,
                    "yaml-duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first_line[key]})",
                )
                continue
            first_line[key] = key_line
            here = (*path, key)
            positions[here] = Position(
                key_line,
                key_mark.column + 1,
                bisect_right(starts, max(value_mark.index, 0)) + offset,
                value_mark.column + 1,
            )
            result[key] = self.node(value_node, here, doc, active)
        for source in merged:  # YAML merge keys: explicit keys win
            sources = source.value if isinstance(source, yaml.SequenceNode) else [source]
            for item in sources:
                if not isinstance(item, yaml.MappingNode):
                    self.error(
                        item.start_mark,
                        "yaml-merge",
                        "a merge key (<<) needs a mapping or a list of mappings",
                    )
                    continue
                value = self.node(item, path, doc, active)
                if isinstance(value, dict):
                    for key, inner in value.items():
                        result.setdefault(key, inner)
        return result

    def surrogate(self, node: yaml.Node, value: str) -> str:
        self.error(
            node.start_mark,
            "yaml-value",
            "string with a lone surrogate escape (such as \\ud800): not valid Unicode",
        )
        return _SURROGATE.sub("\ufffd", value)

    def key(self, node: yaml.Node) -> str:
        """Keys as Kubernetes sees them after YAML→JSON: scalars keep their source text."""
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL and node.value in ("", "~"):
                return "null" if node.value == "~" else ""
            if _SURROGATE.search(node.value):
                return self.surrogate(node, node.value)
            return str(node.value)
        self.error(
            node.start_mark,
            "yaml-syntax",
            'a mapping key must be a plain value (quote template placeholders such as "{{name}}")',
        )
        return f"<{node.id} key at line {self.line(node.start_mark)}>"


_SEQ, _MAP, _MERGE = f"{_CORE}seq", f"{_CORE}map", f"{_CORE}merge"
_STR, _NULL, _BOOL, _INT = f"{_CORE}str", f"{_CORE}null", f"{_CORE}bool", f"{_CORE}int"
_BOOLS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
# Decimal integers PyYAML's int constructor reads as Python does, and always within int64.
_SHORT_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_SLOW = object()


def _fast_scalar(tag: str, value: str) -> Any:
    """The value :meth:`_Builder.scalar` gives for the commonest scalars, without PyYAML's
    constructors; :data:`_SLOW` for every other scalar (and for a string to be checked)."""
    if tag == _STR:
        return _SLOW if _SURROGATE.search(value) else value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        found = _BOOLS.get(value.lower())
        return _SLOW if found is None else found
    if tag == _INT and _SHORT_DECIMAL.fullmatch(value):
        return int(value)
    return _SLOW


class _Lines:
    """File lines of PyYAML marks, from their character offset (``\n`` breaks lines only)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        start = text.find("\n")
        while start != -1:
            self.starts.append(start + 1)
            start = text.find("\n", start + 1)

    def _index(self, mark: Any) -> int:
        return min(max(int(getattr(mark, "index", 0) or 0), 0), len(self.text))

    def line(self, mark: Any) -> int:
        return bisect.bisect_right(self.starts, self._index(mark))

    def column(self, mark: Any) -> int:
        index = self._index(mark)
        return index - self.starts[bisect.bisect_right(self.starts, index) - 1] + 1

    def text_at(self, mark: Any) -> str:
        index = self._index(mark)
        return self.text[index : index + 1]


def _too_deep() -> str:
    return f"YAML nested more than {MAX_DEPTH} levels deep (limit for hostile input)"


def _tag_message(tag: str, what: str) -> str:
    short = tag.replace(_CORE, "!!")
    return f"tag {short} is not allowed on {what}: Kubernetes YAML is JSON (no sets or pairs)"


def _value_message(node: yaml.ScalarNode, exc: Exception) -> str:
    short = node.tag.replace(_CORE, "!!")
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return "integer with too many digits (quote it for a string)"
    value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return f"{value!r} is not a valid {short} value"


def _syntax_finding(path: str, line_offset: int, exc: yaml.YAMLError, lines: _Lines) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    if mark is None:
        return Finding(path, line_offset + 1, 0, "error", "yaml-syntax", message)
    return Finding(
        path, lines.line(mark) + line_offset, lines.column(mark), "error", "yaml-syntax", message
    )


def parse_yaml(text: str, path: str, line_offset: int = 0, budget: Budget | None = None) -> Parsed:
    """Every document of ``text`` with positions; problems as findings, never exceptions.

    ``line_offset`` is added to every line (the line before the YAML's first line in ``path``).
    ``budget`` is the page's or build's :class:`Budget`; this text gets a file budget below it.
    Empty documents (blank or comments only) are left out.
    """
    file_budget = budget.child() if budget is not None else Budget("file")
    try:
        file_budget.charge("characters", len(text))
    except OverBudget as exc:
        return Parsed([], [Finding(path, line_offset + 1, 0, "error", LIMIT_RULE, exc.message)])
    # libyaml's composer would recurse without a limit: deep text goes to the pure-Python one;
    # so does text starting with a byte order mark, which libyaml's marks do not count (every
    # position after it would be one character early, at line starts on the line before)
    deep = nesting_bound(text) > MAX_DEPTH and _deeper_than(text, MAX_DEPTH)
    python = deep or text.startswith("\ufeff")
    return _parse(text, path, line_offset, _PyLoader if python else _Loader, file_budget)


def _deeper_than(text: str, limit: int) -> bool:
    """True when a node of ``text`` lies more than ``limit`` levels deep (as
    :class:`_PyLoader` counts them), or when libyaml cannot parse it.

    :func:`nesting_bound` is loose: a CRD indented 40 columns, with brackets in its regular
    expressions, exceeds it. libyaml's parser (unlike its composer) does not recurse, so its
    events give the real depth in a few milliseconds, against tens for the pure-Python loader.
    The scan stops at the first node too deep."""
    depth = 0
    try:
        loader = _Loader(text)
    except (yaml.YAMLError, ValueError):
        return True  # the pure-Python loader reports it
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _CLOSE):
                depth -= 1
            elif isinstance(event, _NODE):
                if depth >= limit:  # this node is at depth limit + 1
                    return True
                if isinstance(event, _OPEN):
                    depth += 1
    except (yaml.YAMLError, ValueError, TypeError):
        return True
    finally:
        loader.dispose()
    return False


_OPEN = (yaml.events.MappingStartEvent, yaml.events.SequenceStartEvent)
_CLOSE = (yaml.events.MappingEndEvent, yaml.events.SequenceEndEvent)
_NODE = (*_OPEN, yaml.events.ScalarEvent, yaml.events.AliasEvent)


def load_data(text: str, path: str, line_offset: int = 0) -> tuple[Any, list[Finding]]:
    """The first document of ``text`` as plain data (``None`` if none), and the findings:
    the guarded way to read front matter and other small YAML."""
    parsed = parse_yaml(text, path, line_offset)
    value = parsed.documents[0].value if parsed.documents else None
    return value, parsed.findings


def _parse(text: str, path: str, line_offset: int, loader_class: type, budget: Budget) -> Parsed:
    documents: list[Document] = []
    findings: list[Finding] = []
    lines = _Lines(text)
    bad = _SURROGATE.search(text)
    if bad:  # only from text that was never UTF-8 (files are read strictly): refuse it
        mark = yaml.Mark(path, bad.start(), 0, 0, None, None)
        line, column = lines.line(mark) + line_offset, lines.column(mark)
        message = f"unacceptable character #x{ord(bad.group()):04x}: a lone surrogate"
        return Parsed([], [Finding(path, line, column, "error", "yaml-syntax", message)])
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # control characters, rejected before parsing
        position = max(exc.position, 0)
        mark = yaml.Mark(path, position, 0, 0, None, None)
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"unacceptable character #x{character:04x}: {exc.reason}"
        line, column = lines.line(mark) + line_offset, lines.column(mark)
        return Parsed([], [Finding(path, line, column, "error", "yaml-syntax", message)])
    builder = _Builder(path, line_offset, loader, lines, budget)
    try:
        while loader.check_node():
            root = loader.get_node()
            if root is None:
                continue
            documents.append(builder.build(root))
    except yaml.YAMLError as exc:
        if loader_class is not _PyLoader:
            loader.dispose()
            return _parse(text, path, line_offset, _PyLoader, budget)
        findings.append(_syntax_finding(path, line_offset, exc, lines))
    except _TooDeep as exc:
        findings.append(
            Finding(
                path,
                lines.line(exc.mark) + line_offset,
                lines.column(exc.mark),
                "error",
                LIMIT_RULE,
                _too_deep(),
            )
        )
    except (RecursionError, ValueError, TypeError) as exc:  # pathological input
        findings.append(
            Finding(path, line_offset + 1, 0, "error", "yaml-syntax", f"cannot parse: {exc}")
        )
    finally:
        loader.dispose()
    documents = [d for d in documents if d.value is not None]
    return Parsed(documents, builder.findings + findings)
