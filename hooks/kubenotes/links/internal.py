"""Check the internal links of one page against the site: pages, anchors, images, snippets.

Everything here is plain data: the hook (or a test) builds a :class:`SiteIndex` from the build,
and each function returns :class:`~kubenotes.findings.Finding` objects located at the line
of the source file where the link is written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from kubenotes.findings import Finding, did_you_mean
from kubenotes.links.anchors import has_anchor, suggest
from kubenotes.links.extract import Link, iter_targets
from kubenotes.markdown import iter_snippet_includes

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True)
class SiteIndex:
    """What the links of a page are checked against.

    ``docs_dir`` is the folder of the Markdown sources and ``docs_label`` how it is shown in
    messages (``docs``); ``languages`` are the language folders (default first); ``anchors``
    maps a source path (``zh/a/b.md``) to the ids of its rendered page — a page missing from
    it has not been rendered in this build and its anchors are not checked.
    """

    docs_dir: Path
    docs_label: str = "docs"
    languages: tuple[str, ...] = ()
    anchors: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def exists(self, src_path: str) -> bool:
        return _is_file(self.docs_dir / src_path)

    def pages(self, language: str) -> list[str]:
        root = self.docs_dir / language if language else self.docs_dir
        return sorted(p.relative_to(self.docs_dir).as_posix() for p in root.rglob("*.md"))

    def label(self, src_path: str) -> str:
        return f"{self.docs_label}/{src_path}" if self.docs_label else src_path


def _language_of(src_path: str, languages: Sequence[str]) -> str:
    first = src_path.split("/", 1)[0]
    return first if first in languages and "/" in src_path else ""


def _finding(path: str, link: Link, rule: str, message: str) -> Finding:
    return Finding(path, link.line, 0, "warning", rule, message)


def check_links(src_path: str, links: Iterable[Link], site: SiteIndex) -> list[Finding]:
    """Findings for the links of the page whose source is ``docs/<src_path>``."""
    report_path = site.label(src_path)
    folder = posixpath.dirname(src_path)
    findings: list[Finding] = []
    for link, path, fragment in iter_targets(list(links)):
        if path.startswith("/") or path.endswith("/"):
            continue  # absolute and directory-style links: mkdocs' own validation reports them
        if not path:
            ids = site.anchors.get(src_path)
            if ids is not None and not has_anchor(ids, fragment):
                findings.append(_anchor_finding(report_path, link, ids, fragment))
            continue
        resolved = posixpath.normpath(posixpath.join(folder, unquote(path)))
        finding = _check_target(report_path, src_path, link, resolved, fragment, site)
        if finding:
            findings.append(finding)
    return findings


def _check_target(
    report_path: str, src_path: str, link: Link, resolved: str, fragment: str, site: SiteIndex
) -> Finding | None:
    if resolved.startswith("../") or resolved == "..":
        return _finding(
            report_path,
            link,
            "link-page",
            f"broken link to '{link.target}' (it points outside the docs folder)",
        )
    if not site.exists(resolved):
        return _missing(report_path, src_path, link, resolved, site)
    if resolved.endswith(".md") and fragment:
        ids = site.anchors.get(resolved)
        if ids is not None and not has_anchor(ids, fragment):
            return _anchor_finding(report_path, link, ids, fragment)
    return None


def _missing(
    report_path: str, src_path: str, link: Link, resolved: str, site: SiteIndex
) -> Finding:
    language = _language_of(resolved, site.languages)
    rest = resolved.split("/", 1)[1] if language else resolved
    for other in site.languages:
        if language and other != language and site.exists(f"{other}/{rest}"):
            name = LANGUAGE_NAMES.get(other, other)
            return _finding(
                report_path,
                link,
                "link-untranslated",
                f"broken link to '{link.target}' (the page exists only in {name}: "
                f"{site.label(f'{other}/{rest}')}; translate it or link elsewhere)",
            )
    if link.is_image:
        return _finding(
            report_path,
            link,
            "link-image",
            f"broken image '{link.target}' (no file {site.label(resolved)})",
        )
    if not resolved.endswith(".md"):
        return _finding(
            report_path,
            link,
            "link-file",
            f"broken link to '{link.target}' (no file {site.label(resolved)})",
        )
    own = language or _language_of(src_path, site.languages)  # suggest pages of the same language
    folder = posixpath.dirname(src_path) or "."
    hint = did_you_mean(
        resolved, site.pages(own), 0.75, "'", lambda page: posixpath.relpath(page, folder)
    )
    return _finding(
        report_path,
        link,
        "link-page",
        f"broken link to '{link.target}' (no page {site.label(resolved)}{hint})",
    )


def _anchor_finding(report_path: str, link: Link, ids: frozenset[str], fragment: str) -> Finding:
    close = suggest(ids, fragment)
    hint = f"; did you mean '{close}'?" if close else ""
    return _finding(
        report_path,
        link,
        "link-anchor",
        f"broken link to '{link.target}' (no heading with id '{unquote(fragment)}'{hint})",
    )


def check_snippets(
    markdown: str,
    report_path: str,
    base_paths: Sequence[Path],
    line_offset: int = 0,
    base_label: str = ".",
) -> list[Finding]:
    """A finding for each ``--8<--`` include whose file is in none of the snippet base paths."""
    findings = []
    for include in iter_snippet_includes(markdown, line_offset):
        target = include.path
        if not target or "://" in include.target:  # remote snippets are not files
            continue
        if any(_is_file(base / target) for base in base_paths):
            continue
        findings.append(
            Finding(
                report_path,
                include.line,
                0,
                "warning",
                "link-snippet",
                f"broken snippet include '{target}' (no such file under {base_label})",
            )
        )
    return findings


def missing_snippet_lines(markdown: str, base_paths: Sequence[Path]) -> set[int]:
    """1-based lines of ``markdown`` whose include names a file that does not exist."""
    return {
        include.line
        for include in iter_snippet_includes(markdown)
        if include.path
        and "://" not in include.target
        and not any(_is_file(base / include.path) for base in base_paths)
    }


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for names the system refuses (too long, NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
