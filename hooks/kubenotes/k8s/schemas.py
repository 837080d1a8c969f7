"""Kubernetes JSON schemas: bundled version sets, definition index, compiled-validator cache.

The strict schemas of the ``kubernetes-validate`` package are used as data only. Each
(version, definition) is compiled once per process with jsonschema-rs.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from kubenotes.k8s.cache import cached, code_version, file_version
from kubenotes.settings import DEFAULT_KUBERNETES_VERSION

DEFAULT_VERSION = DEFAULT_KUBERNETES_VERSION  # one default, in kubenotes.settings
_VERSION_DIR = re.compile(r"^v(\d+)\.(\d+)\.0-local-strict$")
_GA = re.compile(r"\.v\d+\.[^.]+$")
# Groups whose definitions come first when guessing what a fragment is.
_PREFERRED_PREFIXES = ("io.k8s.api.core.v1.", "io.k8s.api.apps.v1.", "io.k8s.api.batch.v1.")


class UnknownVersionError(ValueError):
    """The requested Kubernetes version has no bundled schemas."""


@cache
def _schema_root() -> Path:
    """The bundled schemas, located without importing kubernetes_validate (its import pulls
    in jsonschema, referencing and attrs: a third of a second the CLI need not spend)."""
    spec = importlib.util.find_spec("kubernetes_validate")
    if spec is None or not spec.submodule_search_locations:
        raise UnknownVersionError("the kubernetes-validate package (schemas) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "kubernetes-json-schema"


@cache
def bundled_versions() -> tuple[str, ...]:
    """Kubernetes versions (``"1.25"`` …) with bundled strict schemas, oldest first."""
    found = []
    for entry in _schema_root().iterdir():
        match = _VERSION_DIR.match(entry.name)
        if match:
            found.append((int(match.group(1)), int(match.group(2))))
    return tuple(f"{major}.{minor}" for major, minor in sorted(found))


def version_key(version: str) -> tuple[int, int]:
    major, _, minor = version.partition(".")
    return int(major), int(minor.split(".")[0])


def normalize_version(version: str) -> str:
    """``"v1.34.2"`` → ``"1.34"``; raises :class:`UnknownVersionError` if not bundled."""
    text = str(version).strip().lstrip("v")
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.\d+)?", text)
    if not match:
        raise UnknownVersionError(f"not a Kubernetes version: {version!r} (expected e.g. 1.34)")
    short = f"{int(match.group(1))}.{int(match.group(2))}"
    if short not in bundled_versions():
        known = ", ".join(bundled_versions())
        raise UnknownVersionError(f"no bundled schemas for Kubernetes {short} (have {known})")
    return short


def api_version_of(gvk: dict[str, str]) -> str:
    group, version = gvk.get("group", ""), gvk.get("version", "")
    return f"{group}/{version}" if group else version


def short_name(definition: str) -> str:
    return definition.rsplit(".", 1)[-1]


def _preference(definition: str) -> tuple[int, int, str]:
    preferred = next(
        (i for i, p in enumerate(_PREFERRED_PREFIXES) if definition.startswith(p)),
        len(_PREFERRED_PREFIXES),
    )
    return (0 if _GA.search(definition) else 1, preferred, definition)


@dataclass
class SchemaSet:
    """The definitions of one Kubernetes version and their compiled validators."""

    version: str
    definitions: dict[str, Any]
    gvk: dict[tuple[str, str], str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    _validators: dict[tuple[str, bool], Any] = field(default_factory=dict, repr=False)
    _ref_cache: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_short: dict[str, list[str]] = {}
        for name, schema in self.definitions.items():
            for gvk in schema.get("x-kubernetes-group-version-kind", ()):
                self.gvk.setdefault((api_version_of(gvk), gvk["kind"]), name)
            by_short.setdefault(short_name(name), []).append(name)
        for short, names in by_short.items():
            self.aliases[short] = min(names, key=_preference)

    def resolve(self, name: str) -> str | None:
        """A definition name from a full name (``io.k8s.api.core.v1.PodSpec``) or alias."""
        if name in self.definitions:
            return name
        return self.aliases.get(name)

    def properties(self, definition: str) -> dict[str, Any]:
        return self.definitions[definition].get("properties") or {}

    def validator(self, definition: str, partial: bool = False) -> Any:
        """Compiled validator for ``definition``; ``partial`` drops its top-level ``required``."""
        key = (definition, partial)
        if key not in self._validators:
            schema = dict(self.definitions[definition])
            if partial:
                schema.pop("required", None)
            schema["$defs"] = self.reachable(definition)
            self._validators[key] = jsonschema_rs.Draft202012Validator(schema)
        return self._validators[key]

    def reachable(self, definition: str) -> dict[str, Any]:
        """The definitions ``definition`` refers to, transitively: compiling only those is
        several times faster than handing jsonschema-rs all ~730 of them."""
        seen: set[str] = set()
        stack = [definition]
        while stack:
            name = stack.pop()
            if name not in seen and name in self.definitions:
                seen.add(name)
                stack.extend(self._refs(name))
        return {name: self.definitions[name] for name in sorted(seen)}

    def _refs(self, name: str) -> list[str]:
        if name not in self._ref_cache:
            found: list[str] = []
            _collect_refs(self.definitions[name], found)
            self._ref_cache[name] = found
        return self._ref_cache[name]

    def root_schema(self, definition: str) -> dict[str, Any]:
        """The schema a validator for ``definition`` was compiled from (to resolve paths)."""
        return {**self.definitions[definition], "$defs": self.definitions}

    def fragment_candidates(self, keys: Iterable[str]) -> list[str]:
        """Definitions under which every key is a property, most likely first."""
        wanted = set(keys)
        found = [
            name
            for name, schema in self.definitions.items()
            if wanted <= set(schema.get("properties") or ())
            and not name.endswith(("List", "JSONSchemaProps"))
        ]
        return sorted(found, key=_preference)

    def best_cover(self, keys: Iterable[str]) -> tuple[str | None, set[str]]:
        """The definition that has the most of ``keys`` as properties, and those keys."""
        wanted = set(keys)
        best: tuple[int, tuple[int, int, str]] | None = None
        best_name, best_keys = None, set()
        for name, schema in self.definitions.items():
            covered = wanted & set(schema.get("properties") or ())
            if not covered:
                continue
            rank = (-len(covered), _preference(name))
            if best is None or rank < best:
                best, best_name, best_keys = rank, name, covered
        return best_name, best_keys


_REF_PREFIX = "#/$defs/"


def _collect_refs(schema: Any, found: list[str]) -> None:
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
            found.append(ref[len(_REF_PREFIX) :])
        for value in schema.values():
            _collect_refs(value, found)
    elif isinstance(schema, list):
        for value in schema:
            _collect_refs(value, found)


def definitions_file(version: str) -> Path:
    """The bundled file of every definition of a Kubernetes version (``"1.34"``)."""
    return _schema_root() / f"v{version}.0-local-strict" / "_definitions.json"


@cache
def _load_definitions(version: str) -> dict[str, Any]:
    path = definitions_file(version)

    def read() -> dict[str, Any]:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)["$defs"]

    key = f"{file_version(path)}|{code_version()}"
    return cached(f"definitions-{version}", key, read)  # marshal: a third of JSON's time


@cache
def schema_set(version: str) -> SchemaSet:
    """The (cached) schema set of a bundled Kubernetes version such as ``"1.34"``."""
    version = normalize_version(version)
    return SchemaSet(version, _load_definitions(version))


@cache
def served_kinds(version: str) -> frozenset[tuple[str, str]]:
    """Every (apiVersion, kind) with a schema in a bundled version."""
    return frozenset(schema_set(version).gvk)


def schema_file_key(api_version: str, kind: str) -> str:
    """The per-kind file name of the bundle (``deployment-apps-v1.json``), as it names them."""
    group, _, version = api_version.rpartition("/")
    prefix = f"{group.split('.')[0]}-" if group else ""
    return f"{kind.lower()}-{prefix}{version}.json"


def has_schema_file(version: str, name: str) -> bool:
    """Whether a bundled version has the per-kind file ``name``: one stat, where listing the
    folder (732 names) for each of the 13 versions cost milliseconds for one custom kind.

    ``name`` comes from a manifest's kind and apiVersion: anything but a plain file name of
    the bundle's shape is answered False without touching the disk, so that a kind such as
    ``../../../etc/x`` cannot ask whether a file exists elsewhere on the machine."""
    if not _SCHEMA_FILE.fullmatch(name):
        return False
    return os.path.isfile(_schema_root() / f"v{version}.0-local-strict" / name)


# The bundle's per-kind file names: lower-case kind, then group prefix and version, ".json".
_SCHEMA_FILE = re.compile(r"[a-z0-9][a-z0-9.-]*\.json")


@cache
def schema_files(version: str) -> frozenset[str]:
    """Names of the per-kind schema files of a bundled version: a cheap "is it served" index."""
    # os.listdir, not Path.iterdir: a Path object per entry cost 15 ms over the bundled
    # versions, which an unserved kind (every custom resource) asks about
    return frozenset(os.listdir(_schema_root() / f"v{version}.0-local-strict"))
