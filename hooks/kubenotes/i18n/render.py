"""What a reader sees: the outdated banner, the 'not yet translated' page, the status table.

Banners are raw HTML blocks (admonition classes, so the theme styles them) because their link
points into the other language's URL space, which Markdown links cannot resolve.
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter
from collections.abc import Mapping

from kubenotes.i18n.status import PageStatus, Report
from kubenotes.strings import STRINGS

STATUS_MARKER = "<!-- translation-status -->"

LABELS: dict[str, dict[str, str]] = STRINGS["translation-status"]


def outdated_banner(status: PageStatus, original_href: str, changed_on: str = "") -> str:
    """A warning block for the top of an outdated English page, linking to the original.

    ``changed_on`` is the date the original last changed, when git history tells it.
    """
    link = f'<a href="{html.escape(original_href)}" hreflang="zh">Chinese original</a>'
    if not status.recorded_hash:
        text = (
            f"This page does not record which version of the {link} it translates, "
            "so it may not match the original."
        )
    else:
        since = (
            f" (translated on {html.escape(status.translated_on)})" if status.translated_on else ""
        )
        when = f"changed on {html.escape(changed_on)}, after" if changed_on else "has changed since"
        text = f"The {link} {when} this page was translated{since}."
    return (
        '<div class="admonition warning kubenotes-translation-outdated" data-search-exclude>\n'
        '<p class="admonition-title">This translation may be outdated</p>\n'
        f"<p>{text} When the two differ, the original is the reference.</p>\n"
        "</div>\n"
    )


def insert_banner(markdown: str, banner: str) -> str:
    """Put ``banner`` right after the page's first-level heading (or at the top)."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], "", banner, *lines[index + 1 :]])
        break
    return f"{banner}\n{markdown}"


def placeholder_title(status: PageStatus, nav_translations: Mapping[str, str]) -> str:
    """The English title of a page that has no translation yet: the source page's own
    ``title_en``, else the English navigation label of its Chinese title, else its file name."""
    if status.source_title_en:
        return status.source_title_en
    translated = nav_translations.get(status.source_title, "")
    if translated:
        return str(translated)
    name = posixpath.splitext(posixpath.basename(status.page))[0]
    if name == "index":
        name = posixpath.basename(posixpath.dirname(status.page)) or "home"
    return name.replace("-", " ").replace("_", " ").strip().capitalize() or status.page


def placeholder_markdown(status: PageStatus, original_href: str, title: str = "") -> str:
    """The English page shown while a source page has no translation (no Chinese body text).

    Its ``title`` is English (see ``placeholder_title``); the Chinese title is the link to the
    original. It is kept out of search and out of search engines (``robots: noindex``). It
    lists the original's sections under their own ids, so a language switch that keeps the
    reader's section lands on the matching item.
    """
    source_title = status.source_title or posixpath.splitext(posixpath.basename(status.page))[0]
    title = title or source_title
    href = html.escape(original_href)
    link = f'<a href="{href}" hreflang="zh" lang="zh">{html.escape(source_title)}</a>'
    parts = [
        # nothing to find but a notice, for the site search and for search engines
        "---\nsearch:\n  exclude: true\nrobots: noindex\n---\n",
        f"# {html.escape(title, quote=False)}\n\n",
        '<div class="admonition info kubenotes-translation-missing">\n'
        '<p class="admonition-title">Not yet translated</p>\n'
        "<p>This page has not been translated into English yet. "
        f"Read the Chinese original: {link}.</p>\n",
    ]
    if status.sections:
        items = "".join(
            f'<li id="{html.escape(section_id)}"><a href="{href}#{html.escape(section_id)}" '
            f'hreflang="zh" lang="zh">{html.escape(text)}</a></li>\n'
            for section_id, text in status.sections
        )
        parts.append(f"<p>Sections of the original:</p>\n<ul>\n{items}</ul>\n")
    parts.append("</div>\n")
    return "".join(parts)


def status_table(report: Report, language: str, status_page: str) -> str:
    """The status of every page in ``language``, for ``status_page``: the counts, a row for
    each page that needs work (outdated, not yet translated, without a source), and the
    up-to-date pages counted per folder, so that the page stays small however big the wiki."""
    labels = LABELS.get(language, LABELS["en"])
    is_source = language == report.source_language
    counts = report.counts()
    rows = [labels["summary"].format(total=len(report.pages), **counts), ""]
    here = posixpath.dirname(status_page)
    work = [status for status in report.pages if status.state != "up-to-date"]
    if work:
        rows += [
            labels["needs-work"],
            "",
            f"| {labels['page']} | {labels['path']} | {labels['state']} | {labels['date']} |",
            "| --- | --- | --- | --- |",
        ]
    else:
        rows.append(labels["no-work"])
    for status in work:
        title = (status.source_title if is_source else status.translation_title) or status.title
        exists = status.state != "orphan" if is_source else True
        text = _cell(title)
        cell = f"[{text}]({posixpath.relpath(status.page, here or '.')})" if exists else text
        state = f'<span class="kubenotes-state-{status.state}">{labels[status.state]}</span>'
        rows.append(f"| {cell} | `{status.page}` | {state} | {status.translated_on or '—'} |")
    folders = Counter(
        posixpath.dirname(status.page) for status in report.pages if status.state == "up-to-date"
    )
    if folders:
        rows += ["", labels["by-folder"], "", f"| {labels['folder']} | {labels['count']} |"]
        rows.append("| --- | --- |")
        rows += [f"| `{folder or '.'}/` | {n} |" for folder, n in sorted(folders.items())]
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    for char in "\\|[]*_`":
        text = text.replace(char, f"\\{char}")
    return text.replace("<", "&lt;")
