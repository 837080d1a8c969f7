"""mkdocs hook: each page's description, Open Graph tags, hreflang alternates and "last
updated" date (core: kubenotes.page_meta, kubenotes.revisions)."""

from __future__ import annotations

from html import escape, unescape
from pathlib import Path
from urllib.parse import urljoin

from kubenotes import build
from kubenotes.build import current_language
from kubenotes.page_meta import head_tags, insert_into_head, summary, updated_text
from mkdocs.exceptions import PluginError


def on_config(config, **kwargs):
    build.begin(config, PluginError)
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    source = page.file.abs_src_path
    day = build.current().history().date_of(Path(source)) if source else None
    if day is not None and not page.meta.get("revision_date"):
        page.meta["revision_date"] = updated_text(day, current_language(config))
    return markdown


def on_page_content(html, page, config, files, **kwargs):
    if not page.meta.get("description"):
        text = summary(html)
        if text:  # Material writes it into its <meta> tag as it is: escape it here
            page.meta["description"] = escape(text)
    return html


def on_post_page(output, page, config, **kwargs):
    site_url = config.site_url or ""
    if not site_url:
        return output
    alternates = {
        language: urljoin(site_url, file.url)
        for language, file in (getattr(page.file, "alternates", None) or {}).items()
        if file is not None
    }
    language = current_language(config)
    alternates.setdefault(language, page.canonical_url or site_url)
    tags = head_tags(
        title=page.title or config.site_name,
        description=unescape(page.meta.get("description") or config.site_description or ""),
        site_name=config.site_name,
        url=page.canonical_url or site_url,
        language=language,
        alternates=alternates,
        default_language=build.current().settings.default_language,
        is_home=page.is_homepage or page.url == f"{language}/",  # a language's home page
        robots=str(page.meta.get("robots") or ""),
    )
    return insert_into_head(output, tags)
