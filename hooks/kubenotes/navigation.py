"""Which navigation tabs are too big to list every page in the sidebar.

With ``navigation.tabs`` and ``navigation.sections``, Material lists every page of the current
tab in the sidebar of every page of that tab. For a book's tabs of a dozen pages that is the
look we want; for a team wiki's tab of 500 pages it is 95 KB of links on every page. A tab with
more pages than the limit is flagged ``kubenotes_collapsed``; ``overrides/partials/nav-item.html``
then expands only the current page's section and shows the other sections as one link each.

Duck-typed over mkdocs' navigation objects (``children``, ``is_page``, ``is_section``).
"""

from __future__ import annotations

from typing import Any

DEFAULT_PAGE_LIMIT = 60
FLAG = "kubenotes_collapsed"


def count_pages(item: Any) -> int:
    """Pages below a navigation item (the item itself when it is a page)."""
    if getattr(item, "is_page", False):
        return 1
    return sum(count_pages(child) for child in getattr(item, "children", None) or [])


def flag_big_tabs(items: list[Any], limit: int = DEFAULT_PAGE_LIMIT) -> list[str]:
    """Flag the top-level sections with more than ``limit`` pages; return their titles."""
    flagged = []
    for item in items:
        if not getattr(item, "is_section", False):
            continue
        big = count_pages(item) > limit
        setattr(item, FLAG, big)
        if big:
            flagged.append(str(getattr(item, "title", "")))
    return flagged
