"""The external-link report: broken URLs with the pages linking to them, and redirected URLs.

Three formats: ``text`` for a terminal, ``json`` for tools, ``markdown`` for the GitHub issue.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from kubenotes.links.external import Result


@dataclass(frozen=True)
class Entry:
    url: str
    reason: str
    pages: tuple[str, ...]
    final_url: str = ""


@dataclass(frozen=True)
class Report:
    broken: tuple[Entry, ...]
    redirected: tuple[Entry, ...]
    checked: int
    cached: int
    skipped: int


def build_report(results: Mapping[str, Result], pages: Mapping[str, set[str]]) -> Report:
    """Sort the results into broken and redirected URLs, each with the pages linking to it."""
    broken, redirected = [], []
    for url, result in sorted(results.items()):
        linked = tuple(sorted(pages.get(url, ())))
        if not result.ok:
            broken.append(Entry(url, result.error or f"HTTP {result.status}", linked))
        elif result.final_url:
            redirected.append(Entry(url, "redirected", linked, result.final_url))
    values = list(results.values())
    return Report(
        tuple(broken),
        tuple(redirected),
        checked=sum(1 for r in values if not r.skipped and not r.cached),
        cached=sum(1 for r in values if r.cached),
        skipped=sum(1 for r in values if r.skipped),
    )


def _summary(report: Report) -> str:
    return (
        f"{len(report.broken)} broken, {len(report.redirected)} redirected "
        f"({report.checked} checked, {report.cached} cached, {report.skipped} skipped)"
    )


def format_text(report: Report) -> str:
    lines = []
    for entry in report.broken:
        lines.append(f"{entry.url}: error: {entry.reason}")
        lines.extend(f"    linked from {page}" for page in entry.pages)
    for entry in report.redirected:
        lines.append(f"{entry.url}: info: redirected to {entry.final_url}")
        lines.extend(f"    linked from {page}" for page in entry.pages)
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    def entries(items: tuple[Entry, ...]) -> list[dict[str, object]]:
        return [
            {"url": e.url, "reason": e.reason, "final_url": e.final_url, "pages": list(e.pages)}
            for e in items
        ]

    data = {
        "broken": entries(report.broken),
        "redirected": entries(report.redirected),
        "checked": report.checked,
        "cached": report.cached,
        "skipped": report.skipped,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def format_markdown(report: Report) -> str:
    """The body of the GitHub issue: one table of broken URLs, one of redirects."""
    lines = ["# External link report", "", _summary(report) + ".", ""]
    if report.broken:
        lines += ["## Broken", "", "| URL | Problem | Linked from |", "| --- | --- | --- |"]
        for e in report.broken:
            linked = "<br>".join(f"`{p}`" for p in e.pages)
            lines.append(f"| <{_cell(e.url)}> | {_cell(e.reason)} | {linked} |")
        lines.append("")
    if report.redirected:
        lines += ["## Redirected", "", "| URL | Now at | Linked from |", "| --- | --- | --- |"]
        for e in report.redirected:
            linked = "<br>".join(f"`{p}`" for p in e.pages)
            lines.append(f"| <{_cell(e.url)}> | <{_cell(e.final_url)}> | {linked} |")
        lines.append("")
    if not report.broken and not report.redirected:
        lines += ["No broken or redirected external links.", ""]
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "markdown": format_markdown}
