"""Findings as data, and the one place that formats them (text for people, JSON for tools)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a source file, located as the author sees it (1-based line/column).

    ``column`` 0 means "whole line"; ``line`` 0 means "whole file".
    ``obj`` names the Kubernetes object (``Pod/lifecycle-demo``) and ``json_path`` the place in it
    (``spec.containers[0].lifecycle``) when the finding is about a manifest.
    """

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    obj: str = ""
    json_path: str = ""

    @property
    def location(self) -> str:
        """``path:line:col`` with the parts that are known."""
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def to_dict(self) -> dict[str, object]:
        """The fields by name (``obj`` as ``object``); written out rather than through
        ``dataclasses.asdict``, whose recursive deep copy was a tenth of a CLI run."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "json_path": self.json_path,
            "object": self.obj,
        }


def format_text(finding: Finding) -> str:
    """``path:line:col: severity: Object json.path: message [rule]``."""
    subject = " ".join(part for part in (finding.obj, finding.json_path) if part)
    subject = f"{subject}: " if subject else ""
    text = f"{finding.location}: {finding.severity}: {subject}{finding.message} [{finding.rule}]"
    return printable(text)


def format_json(findings: Iterable[Finding]) -> str:
    """One JSON array of findings, in the deterministic order of :func:`sort_findings`."""
    text = json.dumps([f.to_dict() for f in sort_findings(findings)], ensure_ascii=False, indent=2)
    return printable(text)


def printable(text: str) -> str:
    """``text`` that any UTF-8 stream can write: a lone surrogate (YAML ``"\\ud800"``) becomes
    the escape ``\\ud800`` instead of a UnicodeEncodeError."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Deterministic order: by path, then position, then rule and message; duplicates removed."""
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.column, f.rule, f.message))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def did_you_mean(
    name: str,
    candidates: Iterable[str],
    cutoff: float = 0.6,
    quote: str = '"',
    show: Callable[[str], str] = str,
) -> str:
    """``; did you mean "x"?`` for the candidate closest to ``name``, or ``""``.

    A candidate that differs only in case wins (``apiversion`` → ``apiVersion``); otherwise the
    closest by :func:`difflib.get_close_matches` at ``cutoff``. ``show`` turns the candidate into
    what the author should write (e.g. a relative link).
    """
    import difflib  # only when there is a typo to explain: not on every run

    known = sorted(set(candidates))
    same_but_case = [k for k in known if k.lower() == name.lower()]
    close = same_but_case or difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    return f"; did you mean {quote}{show(close[0])}{quote}?" if close else ""


class Deduplicator:
    """Remembers the findings already reported in one build, so each is reported once.

    mkdocs-static-i18n runs the build again for every language and `mkdocs serve` rebuilds
    in the same process: call :meth:`reset` at the start of each top-level build only.
    """

    def __init__(self) -> None:
        self._seen: set[Finding] = set()

    def reset(self) -> None:
        self._seen.clear()

    def new(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings not reported yet in this build, in deterministic order."""
        fresh = [f for f in sort_findings(findings) if f not in self._seen]
        self._seen.update(fresh)
        return fresh
