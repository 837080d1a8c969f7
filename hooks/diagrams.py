"""mkdocs hook: render ```mermaid fences to inline SVG at build time (core: kubenotes.diagrams).

No JavaScript and no network: each fence becomes ``<div class="diagram-wrap"><svg class="diagram
…">``. A diagram that cannot be rendered is logged as a warning with its file line (so
``--strict`` fails after listing all of them) and shown on the page as an error box.
"""

from __future__ import annotations

import logging
from typing import Any

from kubenotes.build import current_language, is_nested_language_build, source_path
from kubenotes.diagrams.page import insert_diagrams, replace_fences
from kubenotes.findings import Deduplicator, format_text
from kubenotes.markdown import body_line_offset
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.kubenotes.diagrams")

_reported = Deduplicator()
_pending: dict[str, str] = {}  # placeholder -> HTML, for the pages of the running build


def on_config(config: Any) -> None:
    if not is_nested_language_build(config):
        _reported.reset()
        _pending.clear()


@event_priority(10)  # before the k8s hook, whose serve-mode boxes add lines to the page
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "mermaid" not in markdown:
        return markdown
    path = source_path(config, page.file)
    offset = body_line_offset(page.file.content_string)
    result = replace_fences(markdown, path, offset, current_language(config))
    _pending.update(result.replacements)
    for finding in _reported.new(result.findings):
        log.warning(format_text(finding))
    return result.markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return insert_diagrams(html, _pending)
