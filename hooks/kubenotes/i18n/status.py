"""Compare the source and translation trees: each page is up to date, outdated, missing, orphan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kubenotes.findings import Finding, sort_findings
from kubenotes.i18n.headings import explicit_ids, headings, page_title
from kubenotes.i18n.source import HASH_FIELD, is_valid_hash, read_record, source_hash
from kubenotes.safe_files import UnsafeFile, read_text
from kubenotes.settings import display_path

State = Literal["up-to-date", "outdated", "missing", "orphan"]
STATES: tuple[State, ...] = ("up-to-date", "outdated", "missing", "orphan")

RULE_ORPHAN = "translation-orphan"
RULE_OUTDATED = "translation-outdated"
RULE_MISSING = "translation-missing"
RULE_HEADING_IDS = "translation-heading-ids"


@dataclass(frozen=True)
class PageStatus:
    """One page: ``page`` is its path inside a language folder (``lifecycle/phases.md``)."""

    page: str
    state: State
    source_path: str
    translation_path: str
    source_title: str = ""
    translation_title: str = ""
    source_hash: str = ""
    recorded_hash: str = ""
    translated_on: str = ""
    detail: str = ""
    sections: tuple[tuple[str, str], ...] = ()  # (id, title) of the source's ## headings
    source_title_en: str = ""  # the source page's own ``title_en`` (for its placeholder)

    @property
    def title(self) -> str:
        return self.translation_title or self.source_title or self.page

    def to_dict(self) -> dict[str, str]:
        return {
            "page": self.page,
            "state": self.state,
            "source": self.source_path,
            "translation": self.translation_path,
            "title": self.title,
            "source_hash": self.source_hash,
            "recorded_hash": self.recorded_hash,
            "translated_on": self.translated_on,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Report:
    source_language: str
    target_language: str
    pages: tuple[PageStatus, ...]
    findings: tuple[Finding, ...] = field(default=())

    def get(self, page: str) -> PageStatus | None:
        return next((status for status in self.pages if status.page == page), None)

    def by_state(self, state: State) -> list[PageStatus]:
        return [status for status in self.pages if status.state == state]

    def counts(self) -> dict[str, int]:
        counter = Counter(status.state for status in self.pages)
        return {state: counter.get(state, 0) for state in STATES}

    @property
    def clean(self) -> bool:
        """No page needs work and no finding above info level."""
        counts = self.counts()
        return counts["up-to-date"] == len(self.pages) and all(
            finding.severity == "info" for finding in self.findings
        )


def markdown_pages(folder: Path) -> list[str]:
    """Relative POSIX paths of the ``.md`` files under ``folder`` (sorted)."""
    if not folder.is_dir():
        return []
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*.md") if path.is_file()
    )


def scan(
    docs_dir: Path,
    source_language: str = "zh",
    target_language: str = "en",
    base: Path | None = None,
) -> Report:
    """The translation state of every page of ``docs_dir/<source>`` and ``docs_dir/<target>``."""
    source_dir, target_dir = docs_dir / source_language, docs_dir / target_language
    source_pages, target_pages = markdown_pages(source_dir), markdown_pages(target_dir)
    statuses: list[PageStatus] = []
    findings: list[Finding] = []
    for page in sorted(set(source_pages) | set(target_pages)):
        source_file, target_file = source_dir / page, target_dir / page
        shown_source, shown_target = (
            display_path(source_file, base),
            display_path(target_file, base),
        )
        source_text = _read(source_file) if page in source_pages else None
        target_text = _read(target_file) if page in target_pages else None
        status, page_findings = _compare(page, shown_source, shown_target, source_text, target_text)
        statuses.append(status)
        findings.extend(page_findings)
    return Report(source_language, target_language, tuple(statuses), tuple(sort_findings(findings)))


def _read(path: Path) -> str:
    """The page's text; '' for a page that is not a plain UTF-8 file next to its neighbours
    (a symlink out of the docs, a FIFO, UTF-16: the build reports those as unsafe-file)."""
    try:
        return read_text(path, path.parent)
    except UnsafeFile:
        return ""


def _compare(
    page: str, shown_source: str, shown_target: str, source: str | None, target: str | None
) -> tuple[PageStatus, list[Finding]]:
    if source is None:
        assert target is not None
        message = (
            f"translation has no source page {shown_source}: give it the path of the page "
            "it translates, or delete it"
        )
        status = PageStatus(
            page, "orphan", shown_source, shown_target, translation_title=page_title(target)
        )
        return status, [Finding(shown_target, 0, 0, "error", RULE_ORPHAN, message)]
    current = source_hash(source)
    if target is None:
        message = f"no translation {shown_target} yet: the site shows a 'not yet translated' page"
        sections = tuple((h.id, h.text) for h in headings(source) if h.level == 2 and h.id)
        status = PageStatus(
            page,
            "missing",
            shown_source,
            shown_target,
            page_title(source),
            source_hash=current,
            sections=sections,
            source_title_en=read_record(source).title_en,
        )
        return status, [Finding(shown_source, 0, 0, "info", RULE_MISSING, message)]
    record = read_record(target)
    detail = _outdated_detail(record.translation_of, current, record.front_matter_error)
    status = PageStatus(
        page,
        "outdated" if detail else "up-to-date",
        shown_source,
        shown_target,
        page_title(source),
        page_title(target),
        current,
        record.translation_of,
        record.translated_on,
        detail,
    )
    findings = _heading_id_findings(shown_source, shown_target, source, target)
    if detail:
        message = (
            f"{detail}; update it from {shown_source}, then run "
            f"`kubenotes translations --refresh {shown_target}`"
        )
        line = _field_line(target, HASH_FIELD)
        findings.append(Finding(shown_target, line, 0, "info", RULE_OUTDATED, message))
    return status, findings


def _outdated_detail(recorded: str, current: str, front_matter_error: str) -> str:
    if front_matter_error:
        return f"front matter is not valid YAML ({front_matter_error})"
    if not recorded:
        return f"records no `{HASH_FIELD}` source hash"
    if not is_valid_hash(recorded):
        return f"`{HASH_FIELD}: {recorded}` is not of the form sha256:<16 hex digits>"
    if recorded != current:
        return f"the source changed since this translation ({recorded} → {current})"
    return ""


def _field_line(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n")[:50], start=1):
        if line.startswith(f"{key}:"):
            return number
    return 0


def _heading_id_findings(
    shown_source: str, shown_target: str, source: str, target: str
) -> list[Finding]:
    """Explicit heading ids must match, or the language switcher loses the reader's section."""
    source_ids, target_ids = explicit_ids(source), explicit_ids(target)
    findings = []
    for heading_id, line in target_ids.items():
        if heading_id not in source_ids:
            message = f"heading id #{heading_id} does not exist in {shown_source}"
            findings.append(Finding(shown_target, line, 0, "warning", RULE_HEADING_IDS, message))
    for heading_id, line in source_ids.items():
        if heading_id not in target_ids:
            message = f"no heading with id #{heading_id} of {shown_source}:{line}"
            findings.append(Finding(shown_target, 0, 0, "warning", RULE_HEADING_IDS, message))
    return findings
