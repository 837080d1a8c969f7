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
_HTML_ATTR = re.compile(
    r"<(?P<tag>a|img)\b[^>]*?\s(?P<attr>href|src)\s*=\s*(?P<q>[\"'])(?P<dest>.*?)(?P=q)",
    re.IGNORECASE | re.DOTALL,
)
_CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
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


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(markdown: str) -> str:
    """The text with code blocks, code spans and HTML comments replaced by spaces (same length)."""
    fenced = fenced_lines(markdown)
    lines = markdown.split("\n")
    text = "\n".join(" " * len(line) if n in fenced else line for n, line in enumerate(lines, 1))
    text = _COMMENT.sub(_blank, text)
    return _CODE_SPAN.sub(_blank, text)


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
    for match in _HTML_ATTR.finditer(text):
        label = "<img>" if match.group("tag").lower() == "img" else "<a>"
        add(match.start(), "html", html.unescape(match.group("dest")), label)
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
