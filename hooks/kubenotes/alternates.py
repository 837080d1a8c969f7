"""Keep ``hreflang`` alternates in the sitemap, not in each page's ``<head>``.

mkdocs-static-i18n gives every page ``<link rel="alternate" hreflang=…>`` tags that point at
the same page in each language. Material's JavaScript treats such links as language *roots*
and fetches ``<link>/sitemap.xml`` for each of them, which 404s on every page view. The
sitemap (``overrides/sitemap.xml``) already lists every page with its ``hreflang``
alternates, which search engines accept in place of the head tags.
"""

from __future__ import annotations

import re

_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop_hreflang_links(html: str) -> str:
    """Remove the per-page ``hreflang`` alternate links from the document head."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]
