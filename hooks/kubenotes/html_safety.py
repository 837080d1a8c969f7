"""What a page's rendered HTML may not carry: anything that runs script in a reader's browser.

A pull request can write raw HTML in Markdown, and ``attr_list`` puts any attribute on a link
or a heading (``{ onclick="…" }``, ``{ href="javascript:…" }``), so checking Markdown links is
not enough: the rendered content of each page is checked once, whatever syntax produced it.
Refused: script-bearing elements, event-handler attributes, and URL attributes that hold a
``javascript:``/``vbscript:`` URL or a ``data:`` URL other than a plain image.

Most pages hold none of these, which a few regular expressions prove without parsing
(``may_be_unsafe``); only the other pages are parsed (``scan``), and the answer is the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

RULE = "html-unsafe"
ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"}
)
# Attributes a browser follows or loads as a URL (SVG animation attributes can set an href).
URL_ATTRIBUTES = frozenset(
    {"href", "xlink:href", "src", "action", "formaction", "data", "poster", "background",
     "cite", "longdesc", "codebase", "ping", "lowsrc", "dynsrc", "manifest", "icon",
     "to", "from", "values", "by"}
)  # fmt: skip
_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
_SAFE_DATA = re.compile(r"^data:image/(png|gif|jpeg|webp|avif)[;,]", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a URL's scheme


@dataclass(frozen=True)
class Unsafe:
    """One thing a reader's browser would run: what it is, and text to find it in the source."""

    what: str
    needle: str


def _runs_script(value: str) -> bool:
    url = _INVISIBLE.sub("", value)
    match = _SCHEME.match(url)
    return bool(match) and not (match.group(1).lower() == "data" and _SAFE_DATA.match(url))


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Unsafe] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ELEMENTS:
            self.found.append(Unsafe(f"a <{tag}> element", f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Unsafe(f"an event handler attribute {name}= on <{tag}>", name))
            elif name in URL_ATTRIBUTES and value and _runs_script(value):
                scheme = _INVISIBLE.sub("", value).split(":", 1)[0].lower()
                self.found.append(Unsafe(f"a {scheme}: URL in {name}= on <{tag}>", f"{scheme}:"))

    handle_startendtag = handle_starttag


def unsafe_html(content: str) -> list[Unsafe]:
    """Everything in ``content`` (a page's rendered HTML) that would run script."""
    return scan(content) if may_be_unsafe(content) else []


def scan(content: str) -> list[Unsafe]:
    """The full check: every start tag HTMLParser reads, with its decoded attributes."""
    scanner = _Scanner()
    scanner.feed(content)
    scanner.close()
    return scanner.found


# --- the prefilter ---------------------------------------------------------------------------
# Most pages hold nothing the scanner could flag, and four regular expressions over the raw
# text prove it without parsing. They are necessary conditions (each finding of ``scan`` makes
# one of them match, see below): a match only means that ``scan`` decides. All are case-
# insensitive (HTMLParser lowercases names; re.IGNORECASE matches more than str.lower, e.g. 'ſ'
# for 's', which costs only a scan) and linear in time (no nested choices on hostile input).
#
# Elements: the tag name follows '<' directly.
_ELEMENT_OPEN = re.compile("<(?:" + "|".join(sorted(ELEMENTS)) + ")", re.I)
# URL attributes: a name follows one of ' " / or a space, then spaces, one or more '=', spaces,
# maybe a quote. The decoded value loses [\x00-\x20\x7f] and must start with javascript:,
# vbscript: or data:, so its raw text starts with such characters and then '&' (a character
# reference, which may decode to anything), or j, v or d followed (after more such characters)
# by a, b or a, or by '&'.
# The value part alone is searched first: it is quicker (it starts with '=').
_INVISIBLES = r"[\x00-\x20\x7f]*+"
_VALUE = (
    rf"=++\s*+['\"]?{_INVISIBLES}(?:&|j{_INVISIBLES}[a&]|v{_INVISIBLES}[b&]|d{_INVISIBLES}[a&])"
)
_URL_VALUE_START = re.compile(_VALUE, re.I)
_URL_VALUE = re.compile(
    r"[\s'\"/](?:" + "|".join(sorted(URL_ATTRIBUTES, key=len, reverse=True)) + r")\s*+" + _VALUE,
    re.I,
)
# Event handlers: an attribute name starting with "on" at p, after one of ' " / or a space, in
# a start tag that begins at some '<' before p. Inside a start tag HTMLParser reads '>' only
# within a quoted value (after '=' and spaces). If the tag holds no '>' before p, the last '<'
# before p starts a match of the first pattern. Else the last '>' before p is inside a quoted
# value: if no '<' follows that value before p, the second pattern matches from its '=';
# otherwise the last '<' before p, after that '>', starts a match of the first pattern.
_HANDLER = re.compile(r"""<[^<>]*?[\s'"/]on""", re.I)
_HANDLER_AFTER_VALUE = re.compile(
    r"""=\s*+(?:"[^">]*+>[^"]*+"|'[^'>]*+>[^']*+')(?:[^<>]*?[\s'"/])?on""", re.I
)


def may_be_unsafe(content: str) -> bool:
    """False when ``scan(content)`` certainly finds nothing (the patterns above)."""
    return bool(
        _ELEMENT_OPEN.search(content)
        or (_URL_VALUE_START.search(content) and _URL_VALUE.search(content))
        or _HANDLER.search(content)
        or _HANDLER_AFTER_VALUE.search(content)
    )


def source_line(source: str, needle: str) -> int:
    """The 1-based line of ``source`` where ``needle`` first appears (any case), else 0."""
    at = source.lower().find(needle.lower())
    return source.count("\n", 0, at) + 1 if at >= 0 else 0
