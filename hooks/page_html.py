"""mkdocs hook: final page HTML clean-ups (hreflang links to the sitemap, no indentation)."""

from __future__ import annotations

from kubenotes.page_html import drop_hreflang_links, strip_indentation


def on_post_page(output: str, page, config) -> str:
    return strip_indentation(drop_hreflang_links(output))
