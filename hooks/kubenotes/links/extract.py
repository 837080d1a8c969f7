"""Find the links, images and reference definitions of a Markdown page, with source lines.

Code (fenced blocks, inline code spans) and HTML comments are masked first, so a link shown
as code is never checked. Line numbers are those of the file: pass ``line_offset`` (the front
matter lines) when the text is the body only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from kubenotes.markdown import fenced_lines

Kind = Literal["link", "image", "definition", "autolink", "html"]

_INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(?P<dest><[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_DEFINITION = re.compile(
    r"^[ ]{0,3}\[(?P<label>[^\]^][^\]]*)\]:[ \t]*(?P<dest><[^<>\n]*>|\S+)", re.MULTILINE
)
_AUTOLINK = re.compile(r"<(?P<dest>(?:https?|ftp)://[^\s<>]+)>")
# HTML tags and their attributes are scanned in linear time (no pattern that can rescan the
# rest of the page from every '<a', '<!--' or backtick): see _html_attrs, _mask_spans.
_TAG_START = re.compile(r"<(?P<tag>a|img)\b", re.IGNORECASE)
_ATTR = re.compile(
    r"\s(?P<name>[^\s\"'<>/=]+)(?:\s*=\s*(?:\"(?P<d2>[^\"]*)(?P<e2>\"?)|'(?P<d1>[^']*)(?P<e1>'?)"
    r"|[^\s\"'<>=`]+))?"
)
_TICKS = re.compile(r"`+")
_ATTR_LIST = re.compile(r"\{\s*[:#.][^{}\n]*\}")


@dataclass(frozen=True)
class Link:
    """One link target written in a page: ``kind`` tells how it was written."""

    kind: Kind
    target: str
    text: str
    line: int
    column: int

    @property
    def is_image(self) -> bool:
        return self.kind == "image" or (self.kind == "html" and self.text == "<img>")


def mask_code(markdown: str) -> str:
    """The text with code blocks, code spans and HTML comments replaced by spaces (same length)."""
    fenced = fenced_lines(markdown)
    lines = markdown.split("\n")
    text = "\n".join(" " * len(line) if n in fenced else line for n, line in enumerate(lines, 1))
    return _mask_spans(_mask_comments(text))


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_comments(text: str) -> str:
    """HTML comments blanked; an unclosed one runs to the end (one pass, linear)."""
    parts: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        if start == -1:
            break
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        parts += [text[position:start], _spaces(text[start:end])]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _mask_spans(text: str) -> str:
    """Code spans blanked: a run of N backticks up to the next run of exactly N (linear)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursor = dict.fromkeys(by_length, 0)  # next candidate closer in each length's list
    pieces: list[str] = []
    position = 0
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        at = cursor[end - start]
        while at < len(same) and same[at] <= index:
            at += 1
        cursor[end - start] = at
        if at == len(same):
            index += 1
            continue
        closer = same[at]
        pieces += [text[position:start], _spaces(text[start : runs[closer][1]])]
        position = runs[closer][1]
        index = closer + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _html_attrs(text: str) -> Iterator[tuple[int, str, str]]:
    """``(position, tag, href/src value)`` of ``<a>``/``<img>`` tags: each tag's attributes are
    read up to its ``>`` or the next ``<``, so every character is scanned a bounded number of
    times."""
    for match in _TAG_START.finditer(text):
        stop = len(text)
        for mark in ("<", ">"):
            found = text.find(mark, match.end(), stop)
            if found != -1:
                stop = found
        for attr in _ATTR.finditer(text, match.end(), stop):
            if attr.group("name").lower() in ("href", "src"):
                value = attr.group("d2") if attr.group("d2") is not None else attr.group("d1")
                closed = attr.group("e2") or attr.group("e1")
                if value is not None and closed:
                    yield match.start(), match.group("tag").lower(), value
                break


def _dest(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return re.sub(r"\\(.)", r"\1", raw)


class _Locator:
    def __init__(self, text: str, line_offset: int) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._offset = line_offset

    def __call__(self, position: int) -> tuple[int, int]:
        low, high = 0, len(self._starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self._starts[middle] <= position:
                low = middle
            else:
                high = middle - 1
        return low + 1 + self._offset, position - self._starts[low] + 1


def extract_links(markdown: str, line_offset: int = 0) -> list[Link]:
    """Every link, image, reference definition, autolink and HTML ``href``/``src``, in order."""
    text = mask_code(markdown)
    locate = _Locator(text, line_offset)
    found: list[tuple[int, Link]] = []

    def add(position: int, kind: Kind, target: str, label: str) -> None:
        line, column = locate(position)
        found.append((position, Link(kind, target, label, line, column)))

    for match in _INLINE.finditer(text):
        kind: Kind = "image" if match.group("bang") else "link"
        add(match.start(), kind, _dest(match.group("dest")), match.group("text"))
        for inner in _INLINE.finditer(match.group("text")):  # [![badge](a.svg)](page.md)
            inner_kind: Kind = "image" if inner.group("bang") else "link"
            position = match.start("text") + inner.start()
            add(position, inner_kind, _dest(inner.group("dest")), inner.group("text"))
    for match in _DEFINITION.finditer(text):
        add(match.start("label") - 1, "definition", _dest(match.group("dest")), match["label"])
    for match in _AUTOLINK.finditer(text):
        add(match.start(), "autolink", match.group("dest"), match.group("dest"))
    for position, tag, value in _html_attrs(text):
        add(position, "html", html.unescape(value), "<img>" if tag == "img" else "<a>")
    return [link for _, link in sorted(found, key=lambda item: item[0])]


def link_text(link: Link) -> str:
    """The visible text of a link: attribute lists, emphasis marks and escapes removed."""
    text = _ATTR_LIST.sub("", link.text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "image", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"[*_~`]", "", text).strip()


def iter_targets(links: list[Link]) -> Iterator[tuple[Link, str, str]]:
    """``(link, path, fragment)`` for each link whose target is inside the site."""
    for link in links:
        if link.kind == "autolink":
            continue
        target = link.target
        if not target or _is_external(target):
            continue
        path, _, fragment = target.partition("#")
        path = path.split("?", 1)[0]
        yield link, path, fragment


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)) or target.startswith("//")
