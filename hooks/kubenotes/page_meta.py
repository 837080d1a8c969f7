"""What a page tells search engines and link previews: its description, Open Graph tags,
language alternates, and the date it last changed.

Description: the page's summary paragraph (the first paragraph after its title, as the page
template asks), in the page's language, shortened at a sentence or word boundary.

Alternates: Material's JavaScript takes every ``link[rel=alternate]`` of the page for the
root of a language and fetches ``<href>/sitemap.xml`` from it, two 404s per page view. The
``rel`` attribute is a set of space-separated tokens, so ``rel="alternate "`` is the same
relation to search engines, while the exact-value selector ``[rel=alternate]`` of Material
no longer matches it: the alternates are in the head without any extra request.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Mapping
from html.parser import HTMLParser

from babel.dates import format_date

from kubenotes.strings import STRINGS

# In columns: a wide (CJK) character counts two, so a Chinese description is cut at about
# 80 characters and an English one at 160, the length search results show.
DESCRIPTION_LIMIT = 160
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s")
_SPACE = re.compile(r"\s+")

# Open Graph wants language_TERRITORY; the site's languages are folders named by language.
OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}
UPDATED = STRINGS["last-updated"]


class _FirstParagraph(HTMLParser):
    """The text of the first ``<p>`` at the top level of a page's content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements other than the paragraph we are reading
        self.inside = False
        self.done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done or tag in _VOID:
            return
        if tag == "p" and self.depth == 0 and not self.inside:
            self.inside = True
            return
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.done or tag in _VOID:
            return
        if tag == "p" and self.inside and self.depth == 0:
            self.inside, self.done = False, True
            return
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if self.inside and not self.done:
            self.parts.append(data)


_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area"}


# The summary is near the top of a page: the HTML is read in pieces of about this size and
# reading stops once the paragraph has ended (a page is 10 to 100 times longer).
_CHUNK = 256


def summary(content_html: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The page's summary paragraph as plain text of at most ``limit`` characters."""
    return shorten(_SPACE.sub(" ", first_paragraph(content_html)).strip(), limit)


def first_paragraph(content_html: str, chunk: int = _CHUNK) -> str:
    """The text of the first top-level ``<p>``, reading no further than its end.

    HTMLParser is incremental: whatever it cannot finish (a tag, a comment) waits for the next
    piece. Each piece ends just before a ``<``, so a run of text is never cut: its character
    references are decoded whole (HTMLParser passes on text cut elsewhere when the ``&`` of a
    reference is more than 34 characters before the cut, e.g. ``&#0000…0065;``). The result
    is the same as parsing the whole text (tests/test_page_meta_chunks.py). Pieces double in
    size, so text that HTMLParser keeps waiting on (an unclosed comment) is read a few times.
    """
    parser = _FirstParagraph()
    start, size, step = 0, len(content_html), max(chunk, 1)
    while start < size and not parser.done:
        end = content_html.find("<", start + step)
        end = size if end < 0 else end
        parser.feed(content_html[start:end])
        start = end
        step *= 2  # an unfinished tag or comment is parsed again at each piece: O(n) in all
    if not parser.done:
        parser.close()
    return "".join(parser.parts)


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut to ``limit`` columns: at the last sentence end if there is one in the
    second half, else at the last space (or anywhere for text without spaces) plus an ellipsis."""
    columns, end = 0, 0
    for end, char in enumerate(text):  # noqa: B007 (end is used after the loop)
        columns += _width(char)
        if columns > limit:
            break
    else:
        return text
    head = text[:end]
    ends = [m.start() for m in _SENTENCE_END.finditer(head) if m.start() > len(head) // 2]
    if ends:
        return head[: ends[-1]].rstrip()
    space = head[:-1].rfind(" ")
    cut = head[:space] if space > len(head) // 2 else head[:-1]
    return cut.rstrip(" ,;:，；：、") + "…"


def head_tags(
    *,
    title: str,
    description: str,
    site_name: str,
    url: str,
    language: str,
    alternates: Mapping[str, str],
    default_language: str,
    is_home: bool,
    robots: str = "",
) -> str:
    """Open Graph and Twitter card tags, and hreflang alternates, for one page's head.

    ``url`` and the ``alternates`` (language → URL, this page's language included) must be
    absolute; without a site URL there is nothing to point a link preview at.
    """

    def meta(attribute: str, name: str, value: str) -> str:
        return f'<meta {attribute}="{name}" content="{html.escape(value)}">'

    tags = [meta("name", "robots", robots)] if robots else []
    tags += [
        meta("property", "og:type", "website" if is_home else "article"),
        meta("property", "og:site_name", site_name),
        meta("property", "og:title", title),
        meta("property", "og:description", description),
        meta("property", "og:url", url),
        meta("property", "og:locale", OG_LOCALES.get(language, language)),
    ]
    others = sorted(lang for lang in alternates if lang != language)
    tags += [meta("property", "og:locale:alternate", OG_LOCALES.get(o, o)) for o in others]
    tags += [meta("name", "twitter:card", "summary"), meta("name", "twitter:title", title)]
    tags.append(meta("name", "twitter:description", description))
    links = sorted(alternates.items())
    if default_language in alternates:
        links.append(("x-default", alternates[default_language]))
    tags += [
        f'<link rel="alternate " hreflang="{html.escape(lang)}" href="{html.escape(href)}">'
        for lang, href in links
    ]
    return "\n".join(tags) + "\n"


def updated_text(day: dt.date, language: str) -> str:
    """ "Last updated" with the date written the way the reader's language writes dates."""
    template = UPDATED.get(language, UPDATED["en"])
    written = format_date(day, format="long", locale=language)
    return template.format(date=f'<time datetime="{day.isoformat()}">{written}</time>')


def insert_into_head(page_html: str, tags: str) -> str:
    """``tags`` at the end of the document head (unchanged page when it has no head)."""
    end = page_html.find("</head>")
    return page_html if end < 0 else page_html[:end] + tags + page_html[end:]
