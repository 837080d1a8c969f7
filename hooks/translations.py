"""mkdocs hook: translation tracking (outdated banners, "not yet translated" pages, status page).

The work is done by ``kubenotes.i18n``; this file maps mkdocs events onto it. The status of every
page is computed once per top-level build (mkdocs-static-i18n re-runs the build per language)
and shared by the language builds.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from kubenotes.build import current_language, default_language, is_nested_language_build
from kubenotes.findings import Deduplicator, format_text
from kubenotes.i18n.history import FolderHistory
from kubenotes.i18n.render import (
    STATUS_MARKER,
    insert_banner,
    outdated_banner,
    placeholder_markdown,
    status_table,
)
from kubenotes.i18n.status import Report, scan
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.kubenotes.translations")

_LEVELS = {"error": logging.WARNING, "warning": logging.WARNING, "info": logging.INFO}
_state: dict[str, Report] = {}
_placeholders: set[str] = set()  # src_uris of generated "not yet translated" pages
_reported = Deduplicator()


# -- hooks ---------------------------------------------------------------------------------


def on_pre_build(config, **kwargs) -> None:
    if is_nested_language_build(config):
        return
    _reported.reset()
    _placeholders.clear()
    report = scan(
        Path(config.docs_dir), *_languages(config), base=Path(config.config_file_path).parent
    )
    _state["report"] = report
    _state["history"] = FolderHistory(Path(config.docs_dir))  # one git log for all pages
    for finding in _reported.new(report.findings):
        log.log(_LEVELS[finding.severity], format_text(finding))


@event_priority(-110)  # after mkdocs-static-i18n (-100) has picked this language's files
def on_files(files, config, **kwargs):
    report = _state.get("report")
    if report is None:
        return files
    language = current_language(config)
    missing = report.by_state("missing")
    if language == report.target_language:
        i18n_pages = _i18n(config).i18n_files_per_language.get(language)
        for status in missing:
            placeholder = _placeholder_file(config, report, status)
            files.append(placeholder)
            _placeholders.add(placeholder.src_uri)
            if i18n_pages is not None:  # sitemap.xml alternates
                i18n_pages.append(placeholder)
    elif language == report.source_language:
        for status in missing:  # the language switcher of the source page leads to the placeholder
            file = files.get_file_from_path(f"{report.source_language}/{status.page}")
            if file is not None and hasattr(file, "alternates"):
                target_uri = f"{report.target_language}/{status.page}"
                file.alternates[report.target_language] = File.generated(
                    config, target_uri, content=""
                )
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    report = _state.get("report")
    if report is None:
        return markdown
    language, page_path = _split_uri(page.file.src_uri)
    if STATUS_MARKER in markdown:
        markdown = markdown.replace(STATUS_MARKER, status_table(report, language, page_path))
    if language != report.target_language or page.file.src_uri in _placeholders:
        return markdown
    status = report.get(page_path)
    if status is not None and status.state == "outdated":
        href = get_relative_url(_source_url(page.url, report), page.url)
        source = Path(config.docs_dir) / report.source_language / page_path
        markdown = insert_banner(
            markdown, outdated_banner(status, href, _state["history"].last_change_date(source))
        )
    return markdown


# -- helpers -------------------------------------------------------------------------------


def _i18n(config):
    return config.plugins.get("i18n")


def _languages(config) -> tuple[str, str]:
    source = default_language(config)
    built = getattr(_i18n(config), "build_languages", None) or [source, "en"]
    targets = [language for language in built if language != source]
    return source, (targets[0] if targets else "en")


def _split_uri(src_uri: str) -> tuple[str, str]:
    parts = PurePosixPath(src_uri).parts
    return (parts[0], PurePosixPath(*parts[1:]).as_posix()) if len(parts) > 1 else ("", src_uri)


def _source_url(target_url: str, report: Report) -> str:
    """URL of the source page for a target-language page URL (``en/a/b/`` → ``a/b/``)."""
    prefix = f"{report.target_language}/"
    return target_url[len(prefix) :] if target_url.startswith(prefix) else target_url


def _placeholder_file(config, report: Report, status) -> File:
    src_uri = f"{report.target_language}/{status.page}"
    file = File.generated(config, src_uri, content="")
    href = get_relative_url(_source_url(file.url, report), file.url)
    file.content_string = placeholder_markdown(status, href)
    source = File(
        status.page,
        str(Path(config.docs_dir) / report.source_language),
        config.site_dir,
        config.use_directory_urls,
    )
    # the attributes mkdocs-static-i18n gives its own files (language switcher, sitemap)
    file.locale = file.locale_alternate_of = file.localization = report.target_language
    file.norm_src_uri = status.page
    file.alternates = {report.target_language: file, report.source_language: source}
    return file
