"""The command line's output stage: findings as text, JSON, GitHub workflow commands or SARIF.

One function per format over the same sorted findings; every command that prints findings
(``validate``, ``links``, ``translations``) goes through :func:`write_findings`.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import TextIO

from kubenotes.findings import Finding, format_json, format_text, sort_findings

FORMATS = ("text", "json", "github", "sarif")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# finding severity -> GitHub workflow command / SARIF result level
_GITHUB = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF = {"error": "error", "warning": "warning", "info": "note"}


def _subject_message(finding: Finding) -> str:
    """The finding without its location: ``Object json.path: message``."""
    subject = " ".join(part for part in (finding.obj, finding.json_path) if part)
    return f"{subject}: {finding.message}" if subject else finding.message


def github_escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """A workflow command's property value (``escapeProperty``): also ``:`` and ``,``."""
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Iterable[Finding]) -> str:
    """One ``::error file=…,line=…,col=…,title=…::message`` line per finding.

    GitHub shows each as an annotation on that line of the pull request's diff. ``file`` is
    the finding's path, relative to mkdocs.yml's folder (the repository root).
    """
    lines = []
    for finding in sort_findings(findings):
        properties = [f"file={github_escape_property(finding.path)}"]
        if finding.line:
            properties.append(f"line={finding.line}")
            if finding.column:
                properties.append(f"col={finding.column}")
        properties.append(f"title={github_escape_property(f'kubenotes {finding.rule}')}")
        message = github_escape_data(f"{_subject_message(finding)} [{finding.rule}]")
        lines.append(f"::{_GITHUB[finding.severity]} {','.join(properties)}::{message}")
    return "".join(line + "\n" for line in lines)


def _artifact_uri(path: str) -> dict[str, str]:
    if path.startswith("/"):
        return {"uri": "file://" + urllib.parse.quote(path)}
    return {"uri": urllib.parse.quote(path), "uriBaseId": "%SRCROOT%"}


def sarif_log(findings: Iterable[Finding], tool: str = "kubenotes") -> dict[str, object]:
    """A SARIF 2.1.0 log with one run: a rule per rule id, a result per finding."""
    ordered = sort_findings(findings)
    rule_ids = sorted({f.rule for f in ordered})
    index = {rule: number for number, rule in enumerate(rule_ids)}
    results = []
    for finding in ordered:
        location: dict[str, object] = {"artifactLocation": _artifact_uri(finding.path)}
        if finding.line:
            region: dict[str, int] = {"startLine": finding.line}
            if finding.column:
                region["startColumn"] = finding.column
            location["region"] = region
        result: dict[str, object] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _SARIF[finding.severity],
            "message": {"text": _subject_message(finding)},
            "locations": [{"physicalLocation": location}],
        }
        if finding.obj or finding.json_path:
            result["properties"] = {"object": finding.obj, "jsonPath": finding.json_path}
        results.append(result)
    driver = {
        "name": tool,
        "rules": [{"id": rule, "name": rule} for rule in rule_ids],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "results": results,
            }
        ],
    }


def format_sarif(findings: Iterable[Finding], tool: str = "kubenotes") -> str:
    return json.dumps(sarif_log(findings, tool), ensure_ascii=False, indent=2) + "\n"


def render(findings: Sequence[Finding], fmt: str, tool: str = "kubenotes") -> str:
    """The findings in one of :data:`FORMATS`."""
    if fmt == "json":
        return format_json(findings) + "\n"
    if fmt == "github":
        return format_github(findings)
    if fmt == "sarif":
        return format_sarif(findings, tool)
    if fmt == "text":
        return "".join(format_text(f) + "\n" for f in sort_findings(findings))
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def write_findings(
    stream: TextIO, findings: Sequence[Finding], fmt: str, tool: str = "kubenotes"
) -> None:
    stream.write(render(findings, fmt, tool))
