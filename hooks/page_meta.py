"""mkdocs hook: each page's description, Open Graph tags, hreflang alternates and "last
updated" date (core: kubenotes.page_meta, kubenotes.revisions)."""

from __future__ import annotations

from html import escape, unescape
from pathlib import Path
from urllib.parse import urljoin

from kubenotes.build import current_language, default_language, is_nested_language_build
from kubenotes.page_meta import head_tags, insert_into_head, summary, updated_text
from kubenotes.revisions import Revisions, load_revisions

_state: dict[str, Revisions] = {"revisions": Revisions()}


def on_pre_build(config, **kwargs) -> None:
    if not is_nested_language_build(config):  # one git log per build, for both languages
        _state["revisions"] = load_revisions(Path(config.docs_dir))


def on_page_markdown(markdown, page, config, files, **kwargs):
    source = page.file.abs_src_path
    day = _state["revisions"].date_of(Path(source)) if source else None
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
        default_language=default_language(config),
        is_home=page.is_homepage or page.url == f"{language}/",  # a language's home page
        robots=str(page.meta.get("robots") or ""),
    )
    return insert_into_head(output, tags)
