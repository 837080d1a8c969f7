"""The site as the command line sees it, without mkdocs: where pages are built, and anchors read
back from an already built site (settings come from :class:`kubenotes.settings.SiteSettings`)."""

from __future__ import annotations

from pathlib import Path

from kubenotes.links.anchors import html_ids


def built_page(src_path: str, default_language: str, directory_urls: bool = True) -> str:
    """Where the page of ``src_path`` (``zh/a/b.md``) is written in the built site."""
    language, _, rest = src_path.partition("/")
    path = rest if language == default_language else src_path
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return stem + ".html"
    return stem + "/index.html"


def built_anchors(
    docs_dir: Path, site_dir: Path, default_language: str, directory_urls: bool = True
) -> dict[str, frozenset[str]]:
    """Ids of each page found in the built site (pages not built are left out)."""
    anchors = {}
    for page in sorted(docs_dir.rglob("*.md")):
        src_path = page.relative_to(docs_dir).as_posix()
        html_file = site_dir / built_page(src_path, default_language, directory_urls)
        if html_file.is_file():
            anchors[src_path] = html_ids(html_file.read_text(encoding="utf-8", errors="replace"))
    return anchors
