"""Clean-ups of each page's final HTML: no per-page hreflang links, no indentation, break
opportunities in long identifiers of tables.

Alternates: Material writes ``<link rel="alternate" href=… hreflang=…>`` tags (relative URLs,
from mkdocs-static-i18n's language switcher). Material's JavaScript treats such links as
language *roots* and fetches ``<link>/sitemap.xml`` for each of them, which 404s on every
page view, so they are dropped here; ``kubenotes.page_meta`` writes absolute hreflang
alternates that Material's selector does not match.

Indentation: Material's templates indent every line; in a big wiki the navigation alone is
tens of KB of leading spaces per page. Leading whitespace after a newline never changes how
HTML renders (a newline is whitespace too), except inside ``<pre>``, ``<textarea>``,
``<script>`` and ``<style>``, which are kept byte for byte.
"""

from __future__ import annotations

import re

_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_CODE_TEXT = re.compile(r"<code>([^<]{12,})</code>")
# In a code span's escaped text: break before the capital of a camelCase word and after a dot,
# slash, underscore, colon or equals sign; an entity is matched whole, so nothing goes inside.
_BREAK_AT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[./_:=])(?=[^\s])|(&#?\w+;)")
_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def break_table_identifiers(html: str) -> str:
    """Let long identifiers in tables wrap where a reader expects (``initial·Delay·Seconds``,
    ``spec.·containers``): ``<wbr>`` break opportunities in their code spans, so the stylesheet
    can forbid breaks inside a word. Copying and search see the same text (``<wbr>`` has none).
    """
    return _TABLE.sub(lambda table: _CODE_TEXT.sub(_code_with_breaks, table.group(0)), html)


def _code_with_breaks(code: re.Match[str]) -> str:
    text = _BREAK_AT.sub(lambda m: m.group(1) or "<wbr>", code.group(1))
    return f"<code>{text}</code>"


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
