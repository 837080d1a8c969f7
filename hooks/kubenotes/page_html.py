"""Clean-ups of each page's final HTML: no per-page hreflang links, no indentation.

Alternates: mkdocs-static-i18n gives every page ``<link rel="alternate" hreflang=…>`` tags
that point at the same page in each language. Material's JavaScript treats such links as
language *roots* and fetches ``<link>/sitemap.xml`` for each of them, which 404s on every
page view. The sitemap (``overrides/sitemap.xml``) already lists every page with its
``hreflang`` alternates, which search engines accept in place of the head tags.

Indentation: Material's templates indent every line; in a big wiki the navigation alone is
tens of KB of leading spaces per page. Leading whitespace after a newline never changes how
HTML renders (a newline is whitespace too), except inside ``<pre>``, ``<textarea>``,
``<script>`` and ``<style>``, which are kept byte for byte.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop_hreflang_links(html: str) -> str:
    """Remove the per-page ``hreflang`` alternate links from the document head."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]


def strip_indentation(html: str) -> str:
    """Remove the whitespace at the start of lines, outside pre/textarea/script/style."""
    out: list[str] = []
    position = 0
    for kept in _KEEP.finditer(html):
        out.append(_INDENT.sub("\n", html[position : kept.start()]))
        out.append(kept.group(0))
        position = kept.end()
    out.append(_INDENT.sub("\n", html[position:]))
    return "".join(out)
