"""Mermaid fences of a Markdown page → placeholders, and placeholders → SVG in the page HTML.

The fence is replaced by a placeholder paragraph (works at any indentation: admonitions, tabs,
lists); after Markdown has run, the ``<p>`` holding it becomes ``<div class="diagram-wrap">``
with the inline SVG, which Python-Markdown never sees and so cannot alter.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

from kubenotes.diagrams.model import DiagramError
from kubenotes.diagrams.render import MAX_PHONE_SCREENS, render_for_page
from kubenotes.findings import Finding, format_text
from kubenotes.markdown import iter_fenced_blocks
from kubenotes.strings import STRINGS

RULE = "diagram-syntax"
INTERNAL_RULE = "diagram-internal"
WIDE_RULE = "diagram-too-wide"
LANGUAGES = ("mermaid",)
_TOKEN = re.compile(r"(?:<p>)?(kubenotesdiagram[0-9a-f]{20})(?:</p>)?")
_TITLES = STRINGS["diagram-error-title"]


@dataclass
class PageDiagrams:
    """The page Markdown with placeholders, the HTML for each placeholder and the findings."""

    markdown: str
    replacements: dict[str, str]
    findings: list[Finding]


def replace_fences(markdown: str, path: str, line_offset: int, lang: str) -> PageDiagrams:
    """Render every ``mermaid`` fence; errors become findings and a visible error box.

    A fence of three lines or more becomes the same number of lines, so the hooks that run
    after this one still find the page's other blocks at their file lines.
    """
    lines = markdown.split("\n")
    replacements: dict[str, str] = {}
    findings: list[Finding] = []
    blocks = [b for b in iter_fenced_blocks(markdown, line_offset) if b.lang in LANGUAGES]
    for block in reversed(blocks):
        digest = hashlib.sha256(f"{path}\0{block.start_line}\0{lang}\0{block.content}".encode())
        token = "kubenotesdiagram" + digest.hexdigest()[:20]
        wrap_class = "diagram-wrap"
        try:
            rendered = render_for_page(block.content, lang)
        except DiagramError as exc:
            finding = Finding(
                path, block.content_line + exc.line - 1, 0, "error", RULE, exc.message
            )
            findings.append(finding)
            body = error_box(finding, block.content, lang)
        except Exception as exc:  # a renderer bug must not hide the rest of the build
            message = f"internal error while rendering this diagram: {type(exc).__name__}: {exc}"
            finding = Finding(path, block.start_line, 0, "error", INTERNAL_RULE, message)
            findings.append(finding)
            body = error_box(finding, block.content, lang)
        else:
            body = rendered.svg + rendered.narrow_svg
            if rendered.narrow_svg:  # diagrams.css shows one of the two by the screen width
                wrap_class += " diagram-turns"
            if rendered.too_wide:
                findings.append(too_wide(path, block.start_line, rendered.phone_width))
        replacements[token] = f'<div class="{wrap_class}">{body}</div>'
        first = block.start_line - 1 - line_offset
        last = block.end_line - line_offset
        placeholder = ["", f"{block.indent}{token}", ""]
        # blank lines in place of the rest of the fence: the lines below keep their numbers
        lines[first:last] = placeholder + [""] * (last - first - len(placeholder))
    return PageDiagrams("\n".join(lines), replacements, findings[::-1])


def too_wide(path: str, line: int, phone_width: float) -> Finding:
    """A diagram a phone can show at a readable size only across several screen widths."""
    message = (
        f"diagram is {phone_width:.0f} px wide on a phone at a readable label size, more than "
        f"{MAX_PHONE_SCREENS:.0f} screen widths: use 'flowchart TB', shorter labels or two "
        "diagrams"
    )
    return Finding(path, line, 0, "warning", WIDE_RULE, message)


def error_box(finding: Finding, source: str, lang: str) -> str:
    """A visible admonition in place of a diagram that could not be rendered."""
    title = _TITLES.get(lang, _TITLES["en"])
    return (
        '<div class="admonition failure diagram-error">'
        f'<p class="admonition-title">{html.escape(title)}</p>'
        f"<p><code>{html.escape(format_text(finding))}</code></p>"
        f"<pre><code>{html.escape(source)}</code></pre></div>"
    )


def insert_diagrams(page_html: str, replacements: dict[str, str]) -> str:
    """Put the rendered diagrams where their placeholders ended up in the page HTML."""
    if not replacements:
        return page_html
    return _TOKEN.sub(lambda m: replacements.get(m.group(1), m.group(0)), page_html)
