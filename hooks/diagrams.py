"""mkdocs hook: render ```mermaid fences to inline SVG at build time (core: kubenotes.diagrams).

No JavaScript and no network: each fence becomes ``<div class="diagram-wrap"><svg class="diagram
…">``. A diagram that cannot be rendered is logged as a warning with its file line (so
``--strict`` fails after listing all of them) and shown on the page as an error box.
"""

from __future__ import annotations

import logging
from typing import Any

from kubenotes import build
from kubenotes.build import current_language, source_path
from kubenotes.diagrams.page import insert_diagrams, replace_fences
from kubenotes.markdown import body_line_offset
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.kubenotes.diagrams")


def on_config(config: Any) -> None:
    build.begin(config, PluginError)


@event_priority(10)  # before the k8s hook, whose serve-mode boxes add lines to the page
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "mermaid" not in markdown:
        return markdown
    path = source_path(config, page.file)
    offset = body_line_offset(page.file.content_string)
    result = replace_fences(markdown, path, offset, current_language(config))
    state = build.current()
    state.diagrams.update(result.replacements)
    state.report(log, result.findings)
    return result.markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return insert_diagrams(html, build.current().diagrams)
