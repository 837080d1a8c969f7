"""Validate parsed YAML documents: full manifests, ``kind: List`` items and fragments.

Every schema error becomes a :class:`Finding` at the line of the offending key or value,
with the object (``Pod/web``), the JSON path (``spec.containers[0]``) and a short message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kubenotes.findings import Finding
from kubenotes.findings import did_you_mean as _did_you_mean
from kubenotes.k8s import api_versions
from kubenotes.k8s.crds import CustomSchemas
from kubenotes.k8s.load import Budget, Document, JsonPath, parse_yaml
from kubenotes.k8s.report import format_path, locate
from kubenotes.k8s.schemas import SchemaSet, short_name
from kubenotes.k8s.semantic import check_fragment, check_object

_MAX_FRAGMENT_CANDIDATES = 16


@dataclass(frozen=True)
class Context:
    """What a document is validated against, and how."""

    path: str
    schemas: SchemaSet
    custom: CustomSchemas
    fragments: bool = False  # Markdown blocks may be fragments; files must hold whole objects
    target: str | None = None  # a definition or alias named in the fence header (k8s=PodSpec)


def validate_text(
    text: str,
    context: Context,
    line_offset: int = 0,
    budget: Budget | None = None,
    documents: list[Document] | None = None,
) -> list[Finding]:
    """Parse and validate every document of a YAML text (``documents``: receives them)."""
    parsed = parse_yaml(text, context.path, line_offset, budget)
    if documents is not None:
        documents.extend(parsed.documents)
    findings = list(parsed.findings)
    for document in parsed.documents:
        try:
            findings.extend(validate_document(document, context))
        except (ValueError, RecursionError) as exc:  # e.g. nesting deeper than a validator goes
            findings.append(
                locate(
                    document,
                    (),
                    context.path,
                    "k8s-schema",
                    f"cannot validate this document: {exc}",
                )
            )
    return findings


def validate_document(document: Document, context: Context) -> list[Finding]:
    value = document.value
    if context.target:
        return _validate_named(document, context)
    if not isinstance(value, dict):
        if context.fragments and isinstance(value, list):
            return _validate_list_fragment(document, context)
        return [
            locate(
                document,
                (),
                context.path,
                "k8s-missing-field",
                f"expected a Kubernetes object (apiVersion, kind, ...), got {_type(value)}",
            )
        ]
    has_api, has_kind = "apiVersion" in value, "kind" in value
    if context.fragments and not has_api and not has_kind and not _miscased(value):
        return _validate_fragment(document, context)
    problems = _identity_problems(document, context)
    fixed = _fix_case(value)
    if problems and not (
        isinstance(fixed.get("apiVersion"), str) and isinstance(fixed.get("kind"), str)
    ):
        return problems
    if not problems:
        return _validate_manifest(value, (), document, context)
    # Report the case mistake, then validate as if it were fixed (to show the rest at once).
    found = _validate_manifest(fixed, (), document, context)
    wrong = set(_miscased(value))
    found = [
        f
        for f in found
        if not (
            f.rule == "k8s-schema"
            and f.json_path == ""
            and any(f'"{w}"' in f.message for w in wrong)
        )
    ]
    return problems + found


def _fix_case(value: dict[str, Any]) -> dict[str, Any]:
    fixed = dict(value)
    for key in _miscased(value):
        proper = "apiVersion" if key.lower() == "apiversion" else "kind"
        fixed.setdefault(proper, value[key])
    return fixed


# --- full manifests --------------------------------------------------------------------------


def _miscased(value: dict[str, Any]) -> list[str]:
    return [
        k for k in value if k.lower() in ("apiversion", "kind") and k not in ("apiVersion", "kind")
    ]


def _identity_problems(document: Document, context: Context, base: JsonPath = ()) -> list[Finding]:
    value = document.value if not base else _get(document.value, base)
    findings = []
    if not any(k.lower() in ("apiversion", "kind") for k in value):
        return [
            locate(
                document,
                base,
                context.path,
                "k8s-missing-field",
                'missing "apiVersion" and "kind": not a Kubernetes object',
                key=True,
                obj=_object_name(value),
            )
        ]
    for field in ("apiVersion", "kind"):
        found = value.get(field)
        if isinstance(found, str) and found:
            continue
        wrong = [k for k in value if k.lower() == field.lower() and k != field]
        if wrong:
            findings.append(
                locate(
                    document,
                    (*base, wrong[0]),
                    context.path,
                    "k8s-missing-field",
                    f'missing "{field}": found "{wrong[0]}" (field names are '
                    f'case-sensitive; write "{field}")',
                    key=True,
                    json_path="",
                )
            )
        elif field in value:
            findings.append(
                locate(
                    document,
                    (*base, field),
                    context.path,
                    "k8s-missing-field",
                    f'"{field}" must be a non-empty string, got {_type(found)}',
                )
            )
        else:
            findings.append(
                locate(
                    document,
                    base,
                    context.path,
                    "k8s-missing-field",
                    f'missing "{field}"',
                    key=True,
                    obj=_object_name(value),
                )
            )
    return findings


def _object_name(value: dict[str, Any]) -> str:
    kind = value.get("kind") if isinstance(value.get("kind"), str) else ""
    meta = value.get("metadata") if isinstance(value.get("metadata"), dict) else {}
    name = meta.get("name") or meta.get("generateName")
    name = name if isinstance(name, str) else ""
    return "/".join(part for part in (kind, name) if part)


def _validate_manifest(
    value: dict[str, Any], base: JsonPath, document: Document, context: Context
) -> list[Finding]:
    api_version, kind = value["apiVersion"], value["kind"]
    obj = _object_name(value)
    if kind == "List" and api_version == "v1":
        return _validate_list(value, base, document, context)
    key = (api_version, kind)
    if key in context.schemas.gvk:
        definition = context.schemas.gvk[key]
        validator = context.schemas.validator(definition)
        root = context.schemas.root_schema(definition)
        findings = _schema_findings(validator, root, value, base, document, context, obj)
        problem = api_versions.deprecation(api_version, kind, context.schemas.version)
        if problem:
            findings.append(_at_api_version(problem, base, document, context, obj))
        version = context.schemas.version
        semantic = check_object(value, base, document, context.path, obj, version)
        return findings + _beside(findings, semantic)
    if key in context.custom:
        validator = context.custom.validator(key)
        root = context.custom.get(key).schema
        findings = _schema_findings(validator, root, value, base, document, context, obj)
        version = context.schemas.version
        semantic = check_object(value, base, document, context.path, obj, version, False)
        return findings + _beside(findings, semantic)
    problem = api_versions.explain_unserved(api_version, kind, context.schemas.version)
    return [_at_api_version(problem, base, document, context, obj)]


def _at_api_version(
    problem: api_versions.ApiProblem,
    base: JsonPath,
    document: Document,
    context: Context,
    obj: str,
) -> Finding:
    """A removed/deprecated-API problem, reported at the manifest's ``apiVersion``."""
    return locate(
        document,
        (*base, "apiVersion"),
        context.path,
        problem.rule,
        problem.message,
        obj=obj,
        severity=problem.severity,
    )


def _validate_list(
    value: dict[str, Any], base: JsonPath, document: Document, context: Context
) -> list[Finding]:
    findings = []
    for extra in sorted(set(value) - {"apiVersion", "kind", "metadata", "items"}):
        findings.append(
            locate(
                document,
                (*base, extra),
                context.path,
                "k8s-schema",
                f'unknown field "{extra}"',
                obj="List",
                key=True,
            )
        )
    items = value.get("items")
    if not isinstance(items, list):
        if items is not None:
            findings.append(
                locate(
                    document,
                    (*base, "items"),
                    context.path,
                    "k8s-schema",
                    f"expected a list of objects, got {_type(items)}",
                    obj="List",
                )
            )
        return findings
    for index, item in enumerate(items):
        here = (*base, "items", index)
        if not isinstance(item, dict):
            findings.append(
                locate(
                    document,
                    here,
                    context.path,
                    "k8s-schema",
                    f"expected a Kubernetes object, got {_type(item)}",
                    obj="List",
                )
            )
            continue
        problems = _identity_problems(document, context, here)
        findings.extend(problems or _validate_manifest(item, here, document, context))
    return findings


# --- fragments -------------------------------------------------------------------------------


def _validate_named(document: Document, context: Context) -> list[Finding]:
    definition = context.schemas.resolve(context.target or "")
    if definition is None:
        names = sorted(context.schemas.aliases)
        hint = _did_you_mean(context.target or "", names)
        return [
            locate(
                document,
                (),
                context.path,
                "k8s-fragment",
                f'unknown schema definition "{context.target}" in k8s=…{hint}',
            )
        ]
    if isinstance(document.value, list):
        return _validate_items_as(definition, document, context, semantic=True)
    found = _fragment_findings(definition, document.value, (), document, context)
    return found + _beside(found, _semantic(definition, document.value, (), document, context))


def _validate_items_as(
    definition: str, document: Document, context: Context, *, semantic: bool = False
) -> list[Finding]:
    findings = []
    for index, item in enumerate(document.value):
        found = _fragment_findings(definition, item, (index,), document, context)
        findings.extend(found)
        if semantic:
            findings.extend(
                _beside(found, _semantic(definition, item, (index,), document, context))
            )
    return findings


def _beside(schema: list[Finding], semantic: list[Finding]) -> list[Finding]:
    """The semantic findings not about a place the schema stage already reported (a field
    the schema calls unknown or missing would otherwise be reported twice). An unknown field
    is reported at its parent: it hides semantic findings about the parent and its direct
    fields only; other schema errors hide everything below their place."""
    if not schema:
        return semantic
    places = [(f.json_path, f.message.startswith("unknown field")) for f in schema]
    return [
        f
        for f in semantic
        if not any(_within(f.json_path, place, shallow) for place, shallow in places)
    ]


def _within(path: str, place: str, shallow: bool) -> bool:
    if path == place:
        return True
    if place and not path.startswith((f"{place}.", f"{place}[")):
        return False
    rest = path[len(place) :].lstrip(".")
    return not shallow or not any(c in rest for c in ".[")


def _semantic(
    definition: str, value: Any, base: JsonPath, document: Document, context: Context
) -> list[Finding]:
    """The semantic stage's findings for a fragment of ``definition``."""
    version = context.schemas.version
    return check_fragment(short_name(definition), value, base, document, context.path, version)


def _fragment_findings(
    definition: str, value: Any, base: JsonPath, document: Document, context: Context
) -> list[Finding]:
    validator = context.schemas.validator(definition, partial=True)
    root = context.schemas.root_schema(definition)
    obj = short_name(definition)
    return _schema_findings(validator, root, value, base, document, context, obj)


def _validate_list_fragment(document: Document, context: Context) -> list[Finding]:
    items = document.value
    keys = {k for item in items if isinstance(item, dict) for k in item}
    if not keys or not all(isinstance(item, dict) for item in items):
        return [
            locate(
                document,
                (),
                context.path,
                "k8s-fragment",
                "a list fragment must be a list of objects; name its schema with k8s=…",
            )
        ]
    for definition in context.schemas.fragment_candidates(keys)[:_MAX_FRAGMENT_CANDIDATES]:
        found = _validate_items_as(definition, document, context)
        if not found:
            return _validate_items_as(definition, document, context, semantic=True)
    return _fragment_mismatch(document, context, keys)


def _validate_fragment(document: Document, context: Context) -> list[Finding]:
    value = document.value
    if not value:
        return []
    candidates = context.schemas.fragment_candidates(value)[:_MAX_FRAGMENT_CANDIDATES]
    best: list[Finding] | None = None
    for definition in candidates:
        found = _fragment_findings(definition, value, (), document, context)
        if not found:
            return _semantic(definition, value, (), document, context)
        if best is None or len(found) < len(best):
            best = found
    if best is not None:
        return best
    return _fragment_mismatch(document, context, set(value))


def _fragment_mismatch(document: Document, context: Context, keys: set[str]) -> list[Finding]:
    schemas = context.schemas
    first, covered = schemas.best_cover(keys)
    if first is None:
        return [
            locate(
                document,
                (),
                context.path,
                "k8s-fragment",
                f"no Kubernetes schema has the fields {_names(keys)}; if this is not "
                'Kubernetes, mark the block k8s=none reason="..."',
                json_path="",
            )
        ]
    rest = keys - covered
    second, second_covered = schemas.best_cover(rest)
    if second is not None:
        message = (
            f"fragment mixes {short_name(first)} fields ({_names(covered)}) with "
            f"{short_name(second)} fields ({_names(second_covered)})"
        )
        left = rest - second_covered
        if left:
            message += f" and unknown fields ({_names(left)})"
        path = (min(second_covered, key=lambda k: _line(document, (k,))),)
        return [
            locate(document, path, context.path, "k8s-fragment", message, key=True, json_path="")
        ]
    findings = []
    properties = schemas.properties(first)
    for extra in sorted(rest, key=lambda k: _line(document, (k,))):
        findings.append(
            locate(
                document,
                (extra,),
                context.path,
                "k8s-schema",
                f'unknown field "{extra}"' + _did_you_mean(extra, properties),
                json_path="",
                obj=short_name(first),
                key=True,
            )
        )
    return findings


def _names(keys: set[str]) -> str:
    return ", ".join(sorted(keys))


def _line(document: Document, path: JsonPath) -> int:
    return document.position(path).key_line


# --- schema errors → findings ----------------------------------------------------------------


def _schema_findings(
    validator: Any,
    root: dict[str, Any],
    value: Any,
    base: JsonPath,
    document: Document,
    context: Context,
    obj: str,
) -> list[Finding]:
    findings = []
    for error in validator.iter_errors(value):
        path = (*base, *error.instance_path)
        keyword = error.kind.name
        schema_here = _schema_at(root, list(error.schema_path)[:-1])

        if keyword == "additionalProperties":
            known = (schema_here or {}).get("properties") or {}
            for key in sorted(error.kind.unexpected, key=lambda k: _line(document, (*path, k))):
                findings.append(
                    locate(
                        document,
                        (*path, key),
                        context.path,
                        "k8s-schema",
                        f'unknown field "{key}"' + _did_you_mean(key, known),
                        obj=obj,
                        json_path=format_path(path),
                        key=True,
                    )
                )
        elif keyword == "required":
            findings.append(
                locate(
                    document,
                    path,
                    context.path,
                    "k8s-missing-field",
                    f'missing required field "{error.kind.property}"',
                    obj=obj,
                    json_path=format_path(path),
                    key=True,
                )
            )
        else:
            message = _message(keyword, error, schema_here)
            findings.append(
                locate(
                    document,
                    path,
                    context.path,
                    "k8s-schema",
                    message,
                    obj=obj,
                    json_path=format_path(path),
                )
            )
    return findings


def _schema_at(root: dict[str, Any], schema_path: list[Any]) -> dict[str, Any] | None:
    node: Any = root
    for part in schema_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node if isinstance(node, dict) else None


def _types(schema: dict[str, Any] | None) -> list[str]:
    if not schema:
        return []
    if "oneOf" in schema or "anyOf" in schema:
        out: list[str] = []
        for sub in schema.get("oneOf") or schema.get("anyOf") or []:
            out += [t for t in _types(sub) if t not in out]
        return out
    found = schema.get("type")
    types = found if isinstance(found, list) else [found] if found else []
    return [t for t in types if t != "null"]


def _message(keyword: str, error: Any, schema: dict[str, Any] | None) -> str:
    instance = error.instance
    if keyword == "type":
        expected = [t for t in error.kind.types if t != "null"]
        return f"expected {' or '.join(expected)}, got {_type(instance)}"
    if keyword in ("oneOf", "anyOf") and _types(schema):
        return f"expected {' or '.join(_types(schema))}, got {_type(instance)}"
    if keyword == "enum":
        options = list(getattr(error.kind, "options", None) or (schema or {}).get("enum") or [])
        shown = ", ".join(f'"{o}"' for o in options if o is not None)
        hint = _did_you_mean(str(instance), {str(o): None for o in options if o is not None})
        return f'"{instance}" is not one of {shown}{hint}'
    return error.message


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object"


def _get(value: Any, path: JsonPath) -> Any:
    for part in path:
        value = value[part]
    return value
