"""Custom resources: the schema of each served version of a CustomResourceDefinition, made
strict (unknown fields are errors, as the API server's strict field validation makes them),
and their compiled validators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from kubenotes.k8s.schemas import DEFAULT_VERSION, schema_set


@dataclass(frozen=True)
class CustomSchema:
    """The schema of one custom resource version, taken from a CustomResourceDefinition."""

    api_version: str
    kind: str
    schema: dict[str, Any]
    source: str


class CustomSchemas:
    """Schemas of custom resources from CustomResourceDefinition manifests."""

    def __init__(self, schemas: Iterable[CustomSchema] = ()) -> None:
        self._schemas = {(s.api_version, s.kind): s for s in schemas}
        self._validators: dict[tuple[str, str], Any] = {}

    def __contains__(self, key: tuple[str, str]) -> bool:
        return key in self._schemas

    def get(self, key: tuple[str, str]) -> CustomSchema | None:
        return self._schemas.get(key)

    def validator(self, key: tuple[str, str]) -> Any:
        if key not in self._validators:
            self._validators[key] = jsonschema_rs.Draft202012Validator(self._schemas[key].schema)
        return self._validators[key]


def custom_schemas_from_crd(crd: Any, source: str) -> list[CustomSchema]:
    """One :class:`CustomSchema` per served version of an apiextensions.k8s.io/v1 CRD."""
    if not isinstance(crd, dict) or crd.get("kind") != "CustomResourceDefinition":
        return []
    spec = crd.get("spec") or {}
    group = spec.get("group")
    kind = (spec.get("names") or {}).get("kind")
    if not isinstance(group, str) or not isinstance(kind, str):
        return []
    found = []
    for version in spec.get("versions") or []:
        if not isinstance(version, dict) or not version.get("served", True):
            continue
        schema = ((version.get("schema") or {}).get("openAPIV3Schema")) or {}
        if isinstance(schema, dict) and isinstance(version.get("name"), str):
            found.append(
                CustomSchema(f"{group}/{version['name']}", kind, _strict_root(schema), source)
            )
    return found


def _strict_root(schema: dict[str, Any]) -> dict[str, Any]:
    root = _strict(schema)
    props = dict(root.get("properties") or {})
    props.setdefault("apiVersion", {"type": "string"})
    props.setdefault("kind", {"type": "string"})
    props["metadata"] = {"$ref": f"#/$defs/{_OBJECT_META}"}
    root["properties"] = props
    root["$defs"] = schema_set(DEFAULT_VERSION).reachable(_OBJECT_META)
    return root


_OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"


def _strict(schema: Any) -> Any:
    """A structural CRD schema as a JSON schema that rejects unknown fields (strict)."""
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {k: _strict(v) for k, v in schema.items() if not k.startswith("x-kubernetes")}
    if schema.get("x-kubernetes-int-or-string"):
        result.pop("type", None)
        result["type"] = ["integer", "string"]
    if schema.get("nullable") and isinstance(result.get("type"), str):
        result["type"] = [result["type"], "null"]
    result.pop("nullable", None)
    preserve = schema.get("x-kubernetes-preserve-unknown-fields")
    if "properties" in schema and "additionalProperties" not in schema and not preserve:
        result["additionalProperties"] = False
    return result
