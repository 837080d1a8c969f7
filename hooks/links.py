"""mkdocs hook: internal links, anchors, images and snippet includes with source lines, plus the
link hygiene rules, in every language (core: kubenotes.links)."""

from __future__ import annotations

import logging
from pathlib import Path

from kubenotes import build
from kubenotes.build import current_language
from kubenotes.links.anchors import html_ids
from kubenotes.links.internal import SiteIndex, check_links, missing_snippet_lines
from kubenotes.links.page import check_source, page_language
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.kubenotes.links")


def on_config(config):
    build.begin(config, PluginError).links.clear()  # links of this language build's pages
    return config


def on_page_markdown(markdown, page, config, files):
    source = _source(page)
    if source is None:
        return markdown
    src_path, text = source
    state = build.current()
    settings = state.settings
    bases = list(settings.snippet_bases)
    language = page_language(src_path, current_language(config))
    label = settings.display_path(settings.docs_dir / src_path)
    links, findings = check_source(text, label, language, bases, settings.snippet_label)
    state.links[src_path] = links
    state.report(log, findings)
    missing = missing_snippet_lines(markdown, bases)
    if not missing:
        return markdown
    # Drop includes of missing files so the build goes on and reports every problem at once.
    lines = markdown.split("\n")
    return "\n".join("" if n in missing else line for n, line in enumerate(lines, 1))


def on_page_content(html, page, config, files):
    build.current().anchors[page.file.src_uri] = html_ids(html)
    return html


def on_post_build(config):
    state = build.current()
    # Checked against the anchors of every page rendered so far in this build: in a language
    # built by a child process, where the parent replays it, once it has the other languages'.
    state.defer("links", dict(state.links), _check_links)
    state.links.clear()


def _check_links(links: dict[str, list]) -> None:
    state = build.current()
    settings = state.settings
    site = SiteIndex(
        docs_dir=settings.docs_dir,
        docs_label=settings.display_path(settings.docs_dir),
        languages=settings.languages,
        anchors=dict(state.anchors),
    )
    for src_path, page_links in sorted(links.items()):
        state.report(log, check_links(src_path, page_links, site))


# helpers


def _source(page) -> tuple[str, str] | None:
    """``(src_path, file text)`` of a page written by an author (generated pages have none)."""
    file = page.file
    if getattr(file, "generated_by", None) or not file.abs_src_path:
        return None
    path = Path(file.abs_src_path)
    if not path.is_file():
        return None
    return file.src_uri, path.read_text(encoding="utf-8-sig")
