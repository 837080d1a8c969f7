"""Object metadata: names per kind (``ValidateObjectMeta`` with each kind's name function),
``generateName`` prefixes, namespaces, labels, annotations and finalizers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kubenotes.k8s.load import JsonPath
from kubenotes.k8s.semantic import labels as labels_rules
from kubenotes.k8s.semantic.base import Scope, as_dict, as_list, as_str, set_of_messages
from kubenotes.k8s.semantic.strings import (
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_qualified_name,
    max_len,
)

NameCheck = Callable[[str], list[str]]


def is_path_segment(value: str) -> list[str]:
    """``path.IsValidPathSegmentName``: RBAC objects may use any name that fits in a URL."""
    if value in (".", ".."):
        return [f"may not be '{value}'"]
    return [f"may not contain '{c}'" for c in ("/", "%") if c in value]


# kind → name rule; kinds not listed use a DNS-1123 subdomain, the apimachinery default.
NAME_RULES: dict[str, tuple[NameCheck, str]] = {
    "Service": (is_dns1035_label, "DNS-1035 label"),
    "Namespace": (is_dns1123_label, "DNS-1123 label"),
    "Role": (is_path_segment, "path segment"),
    "ClusterRole": (is_path_segment, "path segment"),
    "RoleBinding": (is_path_segment, "path segment"),
    "ClusterRoleBinding": (is_path_segment, "path segment"),
}

# Kinds whose name the API server checks with its own rules after the generic ones.
CRONJOB_NAME_MAX = 52  # the Job names it creates add 11 characters; a label value holds 63


def object_meta(scope: Scope, kind: str, meta: Any, path: JsonPath, builtin: bool) -> None:
    """``ValidateObjectMeta`` of a whole object (top level, not a template)."""
    metadata = as_dict(meta)
    name = as_str(metadata.get("name"))
    generate = as_str(metadata.get("generateName"))
    check, what = NAME_RULES.get(kind, (is_dns1123_subdomain, "DNS-1123 subdomain"))
    if not builtin:
        check, what = is_path_segment, "path segment"
    if not name and not generate:
        where = path if isinstance(meta, dict) else ()
        scope.report.error(
            where, "name: Required value: name or generateName is required", key=True
        )
    if name:
        problems = check(name)
        if kind == "CronJob" and builtin and len(name) > CRONJOB_NAME_MAX:
            problems.append(max_len(CRONJOB_NAME_MAX))
        set_of_messages(scope, (*path, "name"), name, _with_fix(problems, name, what))
    if generate:
        prefix = generate[:-1] if generate.endswith("-") else generate
        if prefix:
            set_of_messages(scope, (*path, "generateName"), generate, check(prefix))
    namespace = as_str(metadata.get("namespace"))
    if namespace:
        set_of_messages(scope, (*path, "namespace"), namespace, is_dns1123_label(namespace))
    meta_common(scope, metadata, path)


def meta_common(scope: Scope, metadata: dict[str, Any], path: JsonPath) -> None:
    """What objects and templates share: labels, annotations, finalizers."""
    labels_rules.labels(scope, metadata.get("labels"), (*path, "labels"))
    labels_rules.annotations(scope, metadata.get("annotations"), (*path, "annotations"))
    for index, finalizer in enumerate(as_list(metadata.get("finalizers"))):
        if isinstance(finalizer, str):
            here = (*path, "finalizers", index)
            set_of_messages(scope, here, finalizer, is_qualified_name(finalizer))


def _with_fix(problems: list[str], name: str, what: str) -> list[str]:
    """The API server's messages, and a name that would pass when one is easy to derive."""
    if not problems:
        return problems
    fixed = name.lower().replace("_", "-").replace(" ", "-").strip("-.")
    if what.startswith("DNS-1035"):
        fixed = fixed.replace(".", "-").lstrip("0123456789-")
    elif what == "DNS-1123 label":
        fixed = fixed.replace(".", "-")
    if fixed and fixed != name and not _check_again(fixed, what):
        problems = [*problems[:-1], f"{problems[-1]}; e.g. {fixed!r}"]
    return problems


def _check_again(name: str, what: str) -> list[str]:
    for check, label in NAME_RULES.values():
        if label == what:
            return check(name)
    return is_dns1123_subdomain(name)
