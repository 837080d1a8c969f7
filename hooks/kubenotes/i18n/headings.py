"""A page's title and explicit heading ids (``## Phases {#phases}``), with source lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kubenotes.k8s.load import load_data
from kubenotes.markdown import fenced_lines, front_matter_lines, split_front_matter

_ATX = re.compile(r"^ {0,3}(?P<level>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?(?P<attrs>[^{}]*)\}[ \t]*$")
_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s#.}]+)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    line: int


def headings(text: str) -> list[Heading]:
    """The ATX headings of a page outside code fences; ``line`` counts the front matter."""
    offset = front_matter_lines(text)
    _, body = split_front_matter(text)
    fenced = fenced_lines(body)
    found = []
    for number, line in enumerate(body.split("\n"), start=1):
        match = _ATX.match(line)
        if not match or number in fenced:
            continue
        title, heading_id = _split_attrs(match.group("text") or "")
        found.append(Heading(len(match.group("level")), title, heading_id, number + offset))
    return found


def _split_attrs(text: str) -> tuple[str, str]:
    text = _CLOSING_HASHES.sub("", text)
    attrs = _ATTR_LIST.search(text)
    if not attrs:
        return text.strip(), ""
    heading_id = _ID.search(attrs.group("attrs"))
    return text[: attrs.start()].strip(), heading_id.group("id") if heading_id else ""


def explicit_ids(text: str) -> dict[str, int]:
    """Explicit heading id → line of its first heading."""
    ids: dict[str, int] = {}
    for heading in headings(text):
        if heading.id:
            ids.setdefault(heading.id, heading.line)
    return ids


def page_title(text: str) -> str:
    """``title`` of the front matter, else the first level-1 heading, else ''."""
    block, _ = split_front_matter(text)
    if block:
        data, _ = load_data("\n".join(block.rstrip("\n").split("\n")[1:-1]), "", 1)
        if isinstance(data, dict) and data.get("title"):
            return str(data["title"]).strip()
    for heading in headings(text):
        if heading.level == 1:
            return heading.text
    return ""
