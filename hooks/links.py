"""mkdocs hook: internal links, anchors, images and snippet includes with source lines, plus the
link hygiene rules, in every language (core: kubenotes.links)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kubenotes.build import (
    current_language,
    default_language,
    is_nested_language_build,
    snippet_bases,
)
from kubenotes.findings import Deduplicator, Finding, format_text
from kubenotes.links.anchors import html_ids
from kubenotes.links.extract import Link
from kubenotes.links.internal import SiteIndex, check_links, missing_snippet_lines
from kubenotes.links.page import check_source, page_language

log = logging.getLogger("mkdocs.plugins.kubenotes.links")

_reported = Deduplicator()
_anchors: dict[str, frozenset[str]] = {}  # source path -> ids of its rendered page
_pending: dict[str, list[Link]] = {}  # pages of the running language build -> their links
_not_found: dict[str, str] = {}  # language -> its rendered 404.html


def on_config(config):
    if not is_nested_language_build(config):
        _reported.reset()
        _anchors.clear()
        _not_found.clear()
    _pending.clear()
    return config


def on_page_markdown(markdown, page, config, files):
    source = _source(page)
    if source is None:
        return markdown
    src_path, text = source
    bases = snippet_bases(config)
    base_label = ", ".join(os.path.relpath(b, _config_dir(config)) for b in bases)
    language = page_language(src_path, current_language(config))
    links, findings = check_source(text, _label(config, src_path), language, bases, base_label)
    _pending[src_path] = links
    _report(findings)
    missing = missing_snippet_lines(markdown, bases)
    if not missing:
        return markdown
    # Drop includes of missing files so the build goes on and reports every problem at once.
    lines = markdown.split("\n")
    return "\n".join("" if n in missing else line for n, line in enumerate(lines, 1))


def on_page_content(html, page, config, files):
    _anchors[page.file.src_uri] = html_ids(html)
    return html


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        _not_found[current_language(config)] = output_content
    return output_content


def on_post_build(config):
    _write_not_found_pages(config)
    site = SiteIndex(
        docs_dir=Path(config.docs_dir),
        docs_label=_label(config, "").rstrip("/"),
        languages=_languages(config),
        anchors=dict(_anchors),
    )
    for src_path, links in sorted(_pending.items()):
        _report(check_links(src_path, links, site))
    _pending.clear()


# helpers


def _write_not_found_pages(config) -> None:
    """Every language build writes /404.html: keep the default language's there and put each
    other language's at /<lang>/404.html."""
    default = default_language(config)
    for language, output in sorted(_not_found.items()):
        folder = Path(config.site_dir) / ("" if language == default else language)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "404.html").write_text(output, encoding="utf-8")


def _report(findings: list[Finding]) -> None:
    for finding in _reported.new(findings):
        log.warning(format_text(finding))


def _source(page) -> tuple[str, str] | None:
    """``(src_path, file text)`` of a page written by an author (generated pages have none)."""
    file = page.file
    if getattr(file, "generated_by", None) or not file.abs_src_path:
        return None
    path = Path(file.abs_src_path)
    if not path.is_file():
        return None
    return file.src_uri, path.read_text(encoding="utf-8-sig")


def _config_dir(config) -> str:
    return os.path.dirname(os.path.abspath(config.config_file_path))


def _label(config, src_path: str) -> str:
    docs = os.path.relpath(config.docs_dir, _config_dir(config)).replace(os.sep, "/")
    return f"{docs}/{src_path}"


def _languages(config) -> tuple[str, ...]:
    plugin = config.plugins.get("i18n") if hasattr(config.plugins, "get") else None
    languages = getattr(getattr(plugin, "config", None), "languages", None) or []
    locales = [getattr(lang, "locale", None) or lang.get("locale") for lang in languages]
    return tuple(locale for locale in locales if locale)
