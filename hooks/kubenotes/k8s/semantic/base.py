"""What every rule module shares: the reporter of one object, the Kubernetes version, and
type-safe reads (a value of the wrong type is the schema stage's finding, never ours)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubenotes.k8s.load import JsonPath
from kubenotes.k8s.report import Reporter

NEGATIVE = "must be greater than or equal to 0"


@dataclass
class Scope:
    """The rules' view of one object: where to report, and the target Kubernetes version."""

    report: Reporter
    version: tuple[int, int]

    def at_least(self, major: int, minor: int) -> bool:
        return self.version >= (major, minor)

    def error(self, path: JsonPath, message: str, *, key: bool = False) -> None:
        self.report.error(path, message, key=key)

    def invalid(self, path: JsonPath, value: Any, message: str) -> None:
        """``Invalid value: "x": message``, as the API server words it."""
        self.report.error(path, f"Invalid value: {shown(value)}: {message}")

    def required(self, path: JsonPath, field: str, detail: str = "") -> None:
        """A missing field ``field`` under ``path``, reported at ``path``'s key."""
        text = f"{field}: Required value" + (f": {detail}" if detail else "")
        self.report.error(path, text, key=True)

    def required_here(self, path: JsonPath, detail: str = "") -> None:
        """``path`` itself is required (or incomplete), reported at its key."""
        self.report.error(path, "Required value" + (f": {detail}" if detail else ""), key=True)

    def duplicate(self, path: JsonPath, value: Any, detail: str = "") -> None:
        self.report.error(
            path, f"Duplicate value: {shown(value)}" + (f"; {detail}" if detail else "")
        )

    def not_found(self, path: JsonPath, value: Any, detail: str = "") -> None:
        self.report.error(path, f"Not found: {shown(value)}" + (f"; {detail}" if detail else ""))

    def unsupported(self, path: JsonPath, value: Any, supported: list[str]) -> None:
        options = ", ".join(f'"{s}"' for s in supported)
        self.report.error(path, f"Unsupported value: {shown(value)}: supported values: {options}")

    def forbidden(self, path: JsonPath, message: str, *, key: bool = True) -> None:
        self.report.error(path, f"Forbidden: {message}", key=key)

    def warning(self, path: JsonPath, message: str, *, key: bool = False) -> None:
        self.report.warning(path, message, key=key)


def shown(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def items(value: Any, path: JsonPath) -> list[tuple[JsonPath, dict[str, Any]]]:
    """The objects of a list at ``path``, with their paths (non-objects skipped)."""
    return [((*path, i), item) for i, item in enumerate(as_list(value)) if isinstance(item, dict)]


def non_negative(scope: Scope, obj: dict[str, Any], path: JsonPath, *fields: str) -> None:
    for name in fields:
        number = as_int(obj.get(name))
        if number is not None and number < 0:
            scope.invalid((*path, name), number, NEGATIVE)


def enum(scope: Scope, obj: dict[str, Any], path: JsonPath, name: str, values: list[str]) -> None:
    """``field.NotSupported``: a string field with a fixed set of values (the OpenAPI schemas
    carry no enums, so the API server's own lists are used)."""
    value = obj.get(name)
    if isinstance(value, str) and value not in values:
        scope.unsupported((*path, name), value, values)


def one_of(obj: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """Which of ``fields`` are set (present and not null)."""
    return [name for name in fields if obj.get(name) is not None]


def set_of_messages(scope: Scope, path: JsonPath, value: Any, messages: list[str]) -> None:
    for message in messages:
        scope.invalid(path, value, message)
