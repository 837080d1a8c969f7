"""Labels, annotations, label selectors and node selector requirements.

From apimachinery ``ValidateLabels``, ``ValidateAnnotations``, ``ValidateLabelSelector`` and core
``ValidateNodeSelectorRequirement``.
"""

from __future__ import annotations

from typing import Any

from kubenotes.k8s.load import JsonPath
from kubenotes.k8s.semantic.base import Scope, as_dict, as_list, as_str, items, shown
from kubenotes.k8s.semantic.strings import is_label_value, is_qualified_name

TOTAL_ANNOTATION_SIZE = 256 * 1024
_SET_OPERATORS = ("In", "NotIn")
_EXISTS_OPERATORS = ("Exists", "DoesNotExist")


def label_key(scope: Scope, path: JsonPath, key: str) -> None:
    """A label key (or selector key) at ``path``: a qualified name."""
    for message in is_qualified_name(key):
        scope.report.error(path, f"Invalid value: {shown(key)}: {message}", key=True)


def labels(scope: Scope, value: Any, path: JsonPath) -> None:
    """``ValidateLabels``: keys are qualified names, values label values (≤ 63 characters)."""
    for key, text in as_dict(value).items():
        label_key(scope, (*path, key), key)
        if isinstance(text, str):
            for message in is_label_value(text):
                scope.invalid((*path, key), text, message)


def annotations(scope: Scope, value: Any, path: JsonPath) -> None:
    """``ValidateAnnotations``: keys are qualified names (compared in lower case), and keys and
    values together are at most 256 KiB."""
    total = 0
    for key, text in as_dict(value).items():
        for message in is_qualified_name(key.lower()):
            scope.report.error((*path, key), f"Invalid value: {shown(key)}: {message}", key=True)
        total += len(key.encode()) + (len(text.encode()) if isinstance(text, str) else 0)
    if total > TOTAL_ANNOTATION_SIZE:
        scope.report.error(
            path, f"Too long: must have at most {TOTAL_ANNOTATION_SIZE} bytes", key=True
        )


def label_selector(scope: Scope, value: Any, path: JsonPath) -> None:
    """``ValidateLabelSelector``: matchLabels as labels; In/NotIn need values, Exists and
    DoesNotExist must not have any."""
    selector = as_dict(value)
    labels(scope, selector.get("matchLabels"), (*path, "matchLabels"))
    for here, requirement in items(selector.get("matchExpressions"), (*path, "matchExpressions")):
        key = as_str(requirement.get("key"))
        if key is not None:
            label_key(scope, (*here, "key"), key)
        operator = as_str(requirement.get("operator"))
        values = as_list(requirement.get("values"))
        if operator in _SET_OPERATORS:
            if not values:
                scope.required(
                    here, "values", "must be specified when `operator` is 'In' or 'NotIn'"
                )
        elif operator in _EXISTS_OPERATORS:
            if values:
                scope.forbidden(
                    (*here, "values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                )
        elif operator is not None:
            scope.invalid((*here, "operator"), operator, "not a valid selector operator")
        for index, text in enumerate(values):
            if isinstance(text, str):
                for message in is_label_value(text):
                    scope.invalid((*here, "values", index), text, message)


def selector_text(selector: dict[str, Any]) -> str:
    """``app=web,tier in (a, b)``: a selector as kubectl prints it."""
    parts = [f"{k}={v}" for k, v in as_dict(selector.get("matchLabels")).items()]
    for requirement in as_list(selector.get("matchExpressions")):
        if not isinstance(requirement, dict):
            continue
        key, operator = requirement.get("key"), requirement.get("operator")
        values = ", ".join(str(v) for v in as_list(requirement.get("values")))
        if operator == "Exists":
            parts.append(str(key))
        elif operator == "DoesNotExist":
            parts.append(f"!{key}")
        else:
            parts.append(f"{key} {str(operator).lower()} ({values})")
    return ",".join(parts)


def selector_matches(selector: dict[str, Any], target: dict[str, Any]) -> bool | None:
    """Whether a label selector selects ``target`` labels; None if it cannot be decided."""
    for key, value in as_dict(selector.get("matchLabels")).items():
        if target.get(key) != value:
            return False
    for requirement in as_list(selector.get("matchExpressions")):
        if not isinstance(requirement, dict):
            return None
        key, operator = requirement.get("key"), requirement.get("operator")
        values = as_list(requirement.get("values"))
        if not isinstance(key, str):
            return None
        if operator == "In" and target.get(key) not in values:
            return False
        if operator == "NotIn" and key in target and target[key] in values:
            return False
        if operator == "Exists" and key not in target:
            return False
        if operator == "DoesNotExist" and key in target:
            return False
        if operator not in (*_SET_OPERATORS, *_EXISTS_OPERATORS):
            return None
    return True


def selector_is_empty(selector: dict[str, Any]) -> bool:
    return not as_dict(selector.get("matchLabels")) and not as_list(
        selector.get("matchExpressions")
    )


def node_selector(scope: Scope, value: Any, path: JsonPath, required: bool) -> None:
    """A NodeSelector (``requiredDuringScheduling…``): at least one term, valid requirements."""
    terms_path = (*path, "nodeSelectorTerms")
    terms = as_dict(value).get("nodeSelectorTerms")
    if required and isinstance(value, dict) and not as_list(terms):
        scope.required(path, "nodeSelectorTerms", "must have at least one node selector term")
    for here, term in items(terms, terms_path):
        node_selector_term(scope, term, here)


def node_selector_term(scope: Scope, term: dict[str, Any], path: JsonPath) -> None:
    for here, requirement in items(term.get("matchExpressions"), (*path, "matchExpressions")):
        node_requirement(scope, requirement, here)
    for here, requirement in items(term.get("matchFields"), (*path, "matchFields")):
        field_requirement(scope, requirement, here)


def node_requirement(scope: Scope, requirement: dict[str, Any], path: JsonPath) -> None:
    """``ValidateNodeSelectorRequirement``: In/NotIn need values, Exists/DoesNotExist have
    none, Gt/Lt exactly one."""
    operator = as_str(requirement.get("operator"))
    values = as_list(requirement.get("values"))
    if operator in _SET_OPERATORS:
        if not values:
            scope.required(path, "values", "must be specified when `operator` is 'In' or 'NotIn'")
    elif operator in _EXISTS_OPERATORS:
        if values:
            scope.forbidden(
                (*path, "values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )
    elif operator in ("Gt", "Lt"):
        if len(values) != 1:
            scope.required(
                path, "values", "must be specified single value when `operator` is 'Lt' or 'Gt'"
            )
    elif operator is not None:
        scope.invalid((*path, "operator"), operator, "not a valid selector operator")
    key = as_str(requirement.get("key"))
    if key is not None:
        label_key(scope, (*path, "key"), key)


def field_requirement(scope: Scope, requirement: dict[str, Any], path: JsonPath) -> None:
    """``ValidateNodeFieldSelectorRequirement``: only metadata.name, with one value."""
    operator = as_str(requirement.get("operator"))
    values = as_list(requirement.get("values"))
    if operator in _SET_OPERATORS:
        if len(values) != 1:
            scope.required(
                path,
                "values",
                "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
            )
    elif operator is not None:
        scope.invalid((*path, "operator"), operator, "not a valid selector operator")
    key = as_str(requirement.get("key"))
    if key is not None and key != "metadata.name":
        scope.invalid((*path, "key"), key, "not a valid field selector key")
