"""mkdocs hook: final page HTML clean-ups (hreflang links to the sitemap, no indentation,
break opportunities in table identifiers)."""

from __future__ import annotations

from kubenotes.page_html import break_table_identifiers, drop_hreflang_links, strip_indentation


def on_post_page(output: str, page, config) -> str:
    return strip_indentation(drop_hreflang_links(break_table_identifiers(output)))
