"""mkdocs hook: translation tracking (outdated banners, "not yet translated" pages, status page).

The work is done by ``kubenotes.i18n``; this file maps mkdocs events onto it. The status of every
page is computed once per top-level build (mkdocs-static-i18n re-runs the build per language)
and shared by the language builds.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from kubenotes import build
from kubenotes.build import current_language, is_nested_language_build
from kubenotes.i18n.render import (
    STATUS_MARKER,
    insert_banner,
    outdated_banner,
    placeholder_markdown,
    placeholder_title,
    status_table,
)
from kubenotes.i18n.status import Report, scan
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.kubenotes.translations")


# -- hooks ---------------------------------------------------------------------------------


def on_config(config, **kwargs):
    build.begin(config, PluginError)
    return config


def on_pre_build(config, **kwargs) -> None:
    if is_nested_language_build(config):
        return
    state = build.current()
    settings = state.settings
    state.translations = scan(settings.docs_dir, *_languages(config), base=settings.config_dir)
    state.report(log, state.translations.findings)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has picked this language's files
def on_files(files, config, **kwargs):
    report = build.current().translations
    if report is None:
        return files
    language = current_language(config)
    missing = report.by_state("missing")
    if language == report.target_language:
        i18n_pages = _i18n(config).i18n_files_per_language.get(language)
        for status in missing:
            placeholder = _placeholder_file(config, report, status)
            files.append(placeholder)
            build.current().placeholders.add(placeholder.src_uri)
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
    report = build.current().translations
    if report is None:
        return markdown
    language, page_path = _split_uri(page.file.src_uri)
    if STATUS_MARKER in markdown:
        markdown = markdown.replace(STATUS_MARKER, status_table(report, language, page_path))
    if language != report.target_language or page.file.src_uri in build.current().placeholders:
        return markdown
    status = report.get(page_path)
    if status is not None and status.state == "outdated":
        href = get_relative_url(_source_url(page.url, report), page.url)
        source = Path(config.docs_dir) / report.source_language / page_path
        changed = build.current().history().date_of(source)  # one git log for all pages
        banner = outdated_banner(status, href, changed.isoformat() if changed else "")
        markdown = insert_banner(markdown, banner)
    return markdown


# -- helpers -------------------------------------------------------------------------------


def _i18n(config):
    return config.plugins.get("i18n")


def _nav_translations(config, language: str) -> dict[str, str]:
    for entry in getattr(_i18n(config), "config", {}).get("languages", None) or []:
        if entry.get("locale") == language:
            return dict(entry.get("nav_translations") or {})
    return {}


def _languages(config) -> tuple[str, str]:
    """(source, target): the default language and the first other one that is built."""
    source = build.current().settings.default_language
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
    title = placeholder_title(status, _nav_translations(config, report.target_language))
    file.content_string = placeholder_markdown(status, href, title)
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
