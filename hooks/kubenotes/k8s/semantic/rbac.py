"""RBAC rules (``pkg/apis/rbac/validation``): policy rules, role references and subjects.

A Role's rules name verbs and either resources with their API groups or (ClusterRole only)
non-resource URLs; a binding refers to a Role or ClusterRole of rbac.authorization.k8s.io;
ServiceAccount subjects have no API group (and need a namespace in a ClusterRoleBinding),
User and Group subjects the rbac.authorization.k8s.io group.
"""

from __future__ import annotations

from typing import Any

from kubenotes.k8s.semantic.base import Scope, as_list, as_str, items, set_of_messages
from kubenotes.k8s.semantic.strings import is_dns1123_label, is_dns1123_subdomain

GROUP = "rbac.authorization.k8s.io"
SUBJECT_KINDS = ["Group", "ServiceAccount", "User"]


def role(scope: Scope, obj: dict[str, Any]) -> None:
    """``ValidateRole``/``ValidateClusterRole``: every rule is complete."""
    namespaced = obj.get("kind") == "Role"
    for here, rule in items(obj.get("rules"), ("rules",)):
        if not as_list(rule.get("verbs")):
            scope.required(here, "verbs", "verbs must contain at least one value")
        urls = as_list(rule.get("nonResourceURLs"))
        if urls:
            if namespaced:
                scope.invalid(
                    (*here, "nonResourceURLs"),
                    ", ".join(map(str, urls)),
                    "namespaced rules cannot apply to non-resource URLs",
                )
            if any(as_list(rule.get(f)) for f in ("apiGroups", "resources", "resourceNames")):
                scope.invalid(
                    (*here, "nonResourceURLs"),
                    ", ".join(map(str, urls)),
                    "rules cannot apply to both regular resources and non-resource URLs",
                )
            continue
        if not as_list(rule.get("apiGroups")):
            scope.required(
                here,
                "apiGroups",
                'resource rules must supply at least one api group ("" is the core group)',
            )
        if not as_list(rule.get("resources")):
            scope.required(here, "resources", "resource rules must supply at least one resource")


def binding(scope: Scope, obj: dict[str, Any]) -> None:
    """``ValidateRoleBinding``/``ValidateClusterRoleBinding``: roleRef and subjects."""
    namespaced = obj.get("kind") == "RoleBinding"
    ref = obj.get("roleRef")
    if isinstance(ref, dict):
        group = ref.get("apiGroup")
        if isinstance(group, str) and group != GROUP:
            scope.unsupported(("roleRef", "apiGroup"), group, [GROUP])
        kinds = ["ClusterRole", "Role"] if namespaced else ["ClusterRole"]
        kind = ref.get("kind")
        if isinstance(kind, str) and kind not in kinds:
            scope.unsupported(("roleRef", "kind"), kind, kinds)
        if not ref.get("name") and "name" in ref:
            scope.report.error(("roleRef", "name"), "Required value")
    for here, subject in items(obj.get("subjects"), ("subjects",)):
        _subject(scope, subject, here, namespaced)


def _subject(scope: Scope, subject: dict[str, Any], path: tuple, namespaced: bool) -> None:
    kind = subject.get("kind")
    group = subject.get("apiGroup")
    name = as_str(subject.get("name"))
    if not name and "name" in subject:
        scope.report.error((*path, "name"), "Required value")
    if kind == "ServiceAccount":
        if isinstance(group, str) and group:
            scope.unsupported((*path, "apiGroup"), group, [""])
        if name:
            set_of_messages(scope, (*path, "name"), name, is_dns1123_subdomain(name))
        namespace = as_str(subject.get("namespace"))
        if not namespace and not namespaced:
            scope.required(
                path,
                "namespace",
                "a ServiceAccount subject of a ClusterRoleBinding needs its namespace",
            )
        elif namespace:
            set_of_messages(scope, (*path, "namespace"), namespace, is_dns1123_label(namespace))
    elif kind in ("User", "Group"):
        if isinstance(group, str) and group != GROUP:
            scope.unsupported((*path, "apiGroup"), group, [GROUP])
    elif isinstance(kind, str):
        scope.unsupported((*path, "kind"), kind, SUBJECT_KINDS)
