"""Fenced code blocks, front matter and snippet includes of a Markdown page, with source lines.

Line numbers are those of the file as the author sees it: 1-based, front matter counted.
Hooks receive the page Markdown *without* its front matter; pass ``line_offset`` (from
:func:`front_matter_lines`) so that findings still point at the right line of the file.
"""

from __future__ import annotations

import functools
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

# ``indent`` includes blockquote markers: a fence inside ``> `` is a fence too
_FENCE_OPEN = re.compile(
    r"^(?P<indent>(?:[ ]{0,3}>[ ]?)*[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$"
)
_QUOTE_MARK = re.compile(r"[ ]{0,3}>[ ]?")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_SNIPPET_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>-{1,}8<-{1,})[ \t]+"
    r"(?P<q>[\"']?)(?P<target>[^\"']+?)(?P=q)[ \t]*$"
)
_SNIPPET_BLOCK = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*$")
# mkdocs.utils.meta (mkdocs 1.6): the front matter mkdocs strips before on_page_markdown
_MKDOCS_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_MKDOCS_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MKDOCS_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class FencedBlock:
    """One fenced code block.

    ``start_line`` is the line of the opening fence, ``content_line`` the line of the first
    content line (``start_line + 1``); ``content`` has the fence's indentation removed.
    """

    lang: str
    options: dict[str, str]
    info: str
    content: str
    start_line: int
    end_line: int
    indent: str = ""
    fence: str = "```"
    attrs: tuple[str, ...] = field(default=())

    @property
    def content_line(self) -> int:
        return self.start_line + 1

    @property
    def lines(self) -> list[str]:
        return self.content.split("\n") if self.content else []


@dataclass(frozen=True)
class SnippetInclude:
    """A ``--8<-- "path"`` include, with the line where it is written."""

    target: str
    line: int
    column: int
    in_fence: FencedBlock | None = None

    @property
    def path(self) -> str:
        """The file part of the target (without ``:start:end`` line ranges or ``:section``)."""
        return split_snippet_target(self.target)[0]


def front_matter_lines(text: str) -> int:
    """Number of lines the YAML front matter occupies at the top of ``text`` (0 if none)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return 0
    return match.group(0).count("\n") + (0 if match.group(0).endswith("\n") else 1)


def body_line_offset(file_text: str) -> int:
    """Lines of the file before the Markdown that mkdocs hands to ``on_page_markdown``.

    Mirrors mkdocs' ``utils.meta.get_data``: YAML front matter is removed only when it parses
    to a mapping (and needs a line between the ``---`` lines), *with the blank lines after
    it*; without YAML delimiters, MultiMarkdown ``key: value`` lines at the top are removed.
    """
    body = _mkdocs_body(file_text)
    return file_text[: len(file_text) - len(body)].count("\n")


def _mkdocs_body(text: str) -> str:
    match = _MKDOCS_YAML.match(text)
    if match:
        if _too_deep_for_libyaml(match.group(1)):
            return text[match.end() :].lstrip("\n")  # the safe_input hook empties it to a mapping
        try:
            data = yaml.load(match.group(1), Loader=_YAML_LOADER)
        except Exception:  # mkdocs keeps the page as it is, whatever went wrong
            return text
        return text[match.end() :].lstrip("\n") if isinstance(data, dict) else text
    lines = text.split("\n")
    key = False
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if _MKDOCS_META.match(line):
            key = True
        elif not (key and _MKDOCS_META_MORE.match(line)):
            lines.insert(0, line)
            break
    return "\n".join(lines).lstrip("\n")


def _too_deep_for_libyaml(text: str) -> bool:
    from kubenotes.k8s.load import MAX_DEPTH, nesting_bound  # the guarded loader's own bound

    return nesting_bound(text) > MAX_DEPTH


def split_front_matter(text: str) -> tuple[str, str]:
    """Return ``(front_matter_block, body)``; the block keeps its ``---`` lines."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text
    return match.group(0), text[match.end() :]


def parse_info(info: str) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """Split a fence info string into language, ``key=value`` options and bare attributes.

    Accepts ``yaml k8s=PodSpec``, ``yaml k8s=skip reason="shows a mistake"`` and the
    superfences brace form ``{ .yaml title="x" }``.
    """
    text = info.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    try:
        tokens = shlex.split(text, posix=True)
    except ValueError:
        tokens = text.split()
    lang = ""
    options: dict[str, str] = {}
    attrs: list[str] = []
    for index, token in enumerate(tokens):
        if "=" in token:
            key, _, value = token.partition("=")
            options[key] = value
        elif index == 0 and not lang:
            lang = token.lstrip(".")
        else:
            attrs.append(token)
    return lang.lower(), options, tuple(attrs)


def _strip_indent(line: str, indent: str) -> str:
    if line.startswith(indent):
        return line[len(indent) :]
    for _ in range(indent.count(">")):  # blockquote markers written a little differently
        match = _QUOTE_MARK.match(line)
        if match:
            line = line[match.end() :]
    return line.lstrip(" \t")


def iter_fenced_blocks(markdown: str, line_offset: int = 0) -> Iterator[FencedBlock]:
    """Yield every fenced block (top level or nested in lists/admonitions/tabs) in order.

    A block that is never closed runs to the end of the text, as Markdown renders it.
    """
    yield from _fenced_blocks(markdown, line_offset)


# A page's text is scanned for fences by several hooks and by the translation scan (about 25
# times per page in a build): the blocks are immutable, so the last texts' are kept.
@functools.lru_cache(maxsize=64)
def _fenced_blocks(markdown: str, line_offset: int) -> tuple[FencedBlock, ...]:
    return tuple(_scan_fenced_blocks(markdown, line_offset))


def _scan_fenced_blocks(markdown: str, line_offset: int) -> Iterator[FencedBlock]:
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE_OPEN.match(lines[index])
        if not match or (match.group("fence")[0] == "`" and "`" in match.group("info")):
            index += 1
            continue
        indent, fence = match.group("indent"), match.group("fence")
        closing = re.compile(
            rf"^(?:[ ]{{0,3}}>[ ]?)*[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$"
        )
        body: list[str] = []
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            body.append(_strip_indent(lines[end], indent))
            end += 1
        lang, options, attrs = parse_info(match.group("info"))
        yield FencedBlock(
            lang=lang,
            options=options,
            info=match.group("info"),
            content="\n".join(body),
            start_line=index + 1 + line_offset,
            end_line=min(end, len(lines) - 1) + 1 + line_offset,
            indent=indent,
            fence=fence,
            attrs=attrs,
        )
        index = end + 1


def fenced_lines(markdown: str) -> set[int]:
    """1-based line numbers inside fenced code blocks, fences included (the one mask of code
    used by headings, links, translations and the coverage record)."""
    lines: set[int] = set()
    for block in iter_fenced_blocks(markdown):
        lines.update(range(block.start_line, block.end_line + 1))
    return lines


def split_snippet_target(target: str) -> tuple[str, str]:
    """Split a snippet target: ``"a/b.yaml:3:10"`` → ``("a/b.yaml", "3:10")``."""
    path, sep, rest = target.partition(":")
    return (path.strip(), rest if sep else "")


def iter_snippet_includes(markdown: str, line_offset: int = 0) -> Iterator[SnippetInclude]:
    """Yield every pymdownx.snippets include, single-line or block form, in or out of fences."""
    fence_by_line: dict[int, FencedBlock] = {}
    for block in iter_fenced_blocks(markdown):
        for number in range(block.start_line + 1, block.end_line):
            fence_by_line[number] = block
    lines = markdown.split("\n")
    in_block = False
    for number, line in enumerate(lines, start=1):
        if _SNIPPET_BLOCK.match(line):
            in_block = not in_block
            continue
        fence = fence_by_line.get(number)
        if in_block:
            target = line.strip()
            if target and not target.startswith(";"):
                yield SnippetInclude(
                    target, number + line_offset, len(line) - len(line.lstrip()) + 1, fence
                )
            continue
        match = _SNIPPET_LINE.match(line)
        if match:
            yield SnippetInclude(
                match.group("target").strip(),
                number + line_offset,
                len(match.group("indent")) + 1,
                fence,
            )


def replace_fence_info(markdown: str, block: FencedBlock, info: str, line_offset: int = 0) -> str:
    """Rewrite the opening line of ``block`` with a new info string (e.g. options stripped)."""
    lines = markdown.split("\n")
    index = block.start_line - 1 - line_offset
    lines[index] = f"{block.indent}{block.fence}{info}"
    return "\n".join(lines)


# An abbreviation definition as Python-Markdown's abbr extension reads it (its block pattern).
_ABBREVIATION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*(?P<title>.*)$")


def abbreviation_glossary(text: str) -> dict[str, str] | None:
    """``{abbreviation: title}`` when every non-blank line of ``text`` defines one (a
    glossary file such as snippets/abbreviations.md), else None."""
    glossary: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = _ABBREVIATION.match(line)
        title = match.group("title").strip() if match else ""
        if not match or not title or title in ("''", '""'):
            return None  # not a plain definition (or one that deletes an abbreviation)
        glossary[match.group("abbr")] = title
    return glossary or None
