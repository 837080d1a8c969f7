"""mkdocs hook: hreflang alternates live in the sitemap, not in the page head."""

from __future__ import annotations

from kubenotes.alternates import drop_hreflang_links


def on_post_page(output: str, page, config) -> str:
    return drop_hreflang_links(output)
