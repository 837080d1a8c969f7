"""The per-document reporter: turns a problem at a JSON path of one YAML document into a
:class:`Finding` at the line and column the author sees.

The schema stage (``validate.py``) and the semantic stage (``semantic/``) both report through
it, so that an object's name, the display path and the key/value position rules live in one
place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kubenotes.findings import Finding, Severity
from kubenotes.k8s.load import Document, JsonPath

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def format_path(path: JsonPath) -> str:
    """``("spec", "containers", 0, "name")`` → ``spec.containers[0].name``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]".replace("'", '"')
    return text


def locate(
    document: Document,
    path: JsonPath,
    source: str,
    rule: str,
    message: str,
    *,
    obj: str = "",
    json_path: str | None = None,
    key: bool = False,
    severity: Severity = "error",
) -> Finding:
    """A finding at ``path`` of ``document``: at the key (``key``) or at the value."""
    position = document.position(path)
    line, column = (
        (position.key_line, position.key_column)
        if key
        else (position.value_line, position.value_column)
    )
    shown = format_path(path) if json_path is None else json_path
    return Finding(source, line, column, severity, rule, message, obj, shown)


@dataclass
class Reporter:
    """Collects the findings about one object (or fragment) of one document."""

    document: Document
    source: str  # the file as displayed in findings
    obj: str = ""  # Pod/web, or the fragment's definition (Container)
    rule: str = "k8s-semantic"
    base: JsonPath = ()  # where the object sits in the document (``items[2]`` of a List)
    findings: list[Finding] = field(default_factory=list)

    def line(self, path: JsonPath) -> int:
        """The line of the value at ``path`` (relative to the object)."""
        return self.document.position((*self.base, *path)).value_line

    def error(self, path: JsonPath, message: str, *, key: bool = False) -> None:
        """The API server would reject the object: ``message`` about the value at ``path``
        (``key``: about the key itself, or about a field missing under ``path``)."""
        self._add(path, message, key, "error")

    def warning(self, path: JsonPath, message: str, *, key: bool = False) -> None:
        """Accepted by the API server, but most likely not what the author meant."""
        self._add(path, message, key, "warning")

    def _add(self, path: JsonPath, message: str, key: bool, severity: Severity) -> None:
        self.findings.append(
            locate(
                self.document,
                (*self.base, *path),
                self.source,
                self.rule,
                message,
                obj=self.obj,
                key=key,
                severity=severity,
            )
        )
