"""One page's source file → its links, and the findings that need no rendered site.

Shared by the build hook and ``kubenotes links``: hygiene rules and snippet includes are
checked here; the links themselves are checked later against the site (``internal``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kubenotes.findings import Finding
from kubenotes.links.extract import Link, extract_links
from kubenotes.links.hygiene import check_hygiene
from kubenotes.links.internal import check_snippets
from kubenotes.markdown import front_matter_lines, split_front_matter


def page_language(src_path: str, default: str) -> str:
    """The language folder a page is in (``zh/a.md`` → ``zh``), else ``default``."""
    return src_path.split("/", 1)[0] if "/" in src_path else default


def check_source(
    text: str,
    report_path: str,
    language: str,
    snippet_bases: Sequence[Path],
    base_label: str,
) -> tuple[list[Link], list[Finding]]:
    """The links of a page (at file lines, front matter counted) and its hygiene and
    snippet-include findings."""
    front, body = split_front_matter(text)
    offset = front_matter_lines(text) if front else 0
    links = extract_links(body, offset)
    findings = check_hygiene(report_path, links, language) + check_snippets(
        body, report_path, snippet_bases, offset, base_label
    )
    return links, findings
