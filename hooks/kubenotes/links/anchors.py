"""Anchor ids of a rendered page, and matching a link fragment against them.

Ids are collected from the HTML the build produced, so they are exactly what the toc, attr_list,
footnotes and tabs extensions generated. Fragments are compared after percent-decoding, so
``#%E4%B8%AD%E6%96%87`` and ``#中文`` name the same heading.
"""

from __future__ import annotations

import difflib
import html
import re
from urllib.parse import unquote

_ID = re.compile(r"""<[a-zA-Z][^<>]*?\s(?:id|name)\s*=\s*(["'])(?P<id>.*?)\1""", re.DOTALL)


def html_ids(page_html: str) -> frozenset[str]:
    """Every ``id`` (and ``<a name>``) in the HTML, unescaped."""
    return frozenset(html.unescape(match.group("id")) for match in _ID.finditer(page_html))


def normalize_fragment(fragment: str) -> str:
    """The id a fragment points at: percent-decoded (UTF-8), as browsers do."""
    return unquote(fragment, encoding="utf-8", errors="strict") if "%" in fragment else fragment


def has_anchor(ids: frozenset[str] | set[str], fragment: str) -> bool:
    if not fragment or fragment == "top":  # '#' and '#top' scroll to the top in every browser
        return True
    try:
        wanted = normalize_fragment(fragment)
    except UnicodeDecodeError:
        return False
    return wanted in ids or fragment in ids


def suggest(ids: frozenset[str] | set[str], fragment: str) -> str | None:
    """The closest heading-like id to ``fragment`` (generated ids such as ``__codelineno`` and
    footnote ids are never suggested)."""
    candidates = sorted(i for i in ids if not i.startswith(("__", "fn:", "fnref:")))
    try:
        wanted = normalize_fragment(fragment)
    except UnicodeDecodeError:
        wanted = fragment
    matches = difflib.get_close_matches(wanted.lower(), candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None
