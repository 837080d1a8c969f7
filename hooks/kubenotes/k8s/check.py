"""Validate Markdown pages and YAML files: the entry point shared by the hook and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kubenotes.findings import Finding
from kubenotes.k8s.cache import cached, code_version, file_version
from kubenotes.k8s.crds import CustomSchema, CustomSchemas, custom_schemas_from_crd
from kubenotes.k8s.extract import PageYaml, extract, resolve_include
from kubenotes.k8s.load import (
    LIMIT_RULE,
    Budget,
    Document,
    build_budget,
    page_budget,
    parse_yaml,
)
from kubenotes.k8s.schemas import DEFAULT_VERSION, definitions_file, schema_set
from kubenotes.k8s.semantic.cross import hints
from kubenotes.k8s.validate import Context, validate_text
from kubenotes.safe_files import UnsafeFile, read_text
from kubenotes.settings import display_path


def load_custom_schemas(crd_dir: Path | None, display_root: Path | None = None) -> CustomSchemas:
    """Schemas of every served version of the CRDs in ``crd_dir`` (recursively)."""
    found = []
    if crd_dir is not None and crd_dir.is_dir():
        for file in sorted(crd_dir.rglob("*")):
            if file.suffix.lower() not in (".yaml", ".yml") or not file.is_file():
                continue
            source = display_path(file, display_root)
            try:
                text = read_text(file, display_root or crd_dir)
            except UnsafeFile:
                continue  # reported when the file is validated as a manifest
            for api_version, kind, schema in _crd_schemas(text):
                found.append(CustomSchema(api_version, kind, schema, source))
    return CustomSchemas(found)


def _crd_schemas(text: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(apiVersion, kind, strict schema) of each served version of the CRDs in ``text``, kept
    in the disk cache by the text, the code and the definitions that make them (parsing a
    large CRD and making its schemas strict costs milliseconds on every run)."""

    def make() -> list[tuple[str, str, dict[str, Any]]]:
        found = []
        for document in parse_yaml(text, "").documents:  # its findings: when it is validated
            for schema in custom_schemas_from_crd(document.value, ""):
                found.append((schema.api_version, schema.kind, schema.schema))
        return found

    code = code_version("kubenotes.k8s.check", "kubenotes.k8s.crds", "kubenotes.k8s.load")
    meta = file_version(definitions_file(DEFAULT_VERSION))  # ObjectMeta, made part of each
    return cached("crds", f"{code}|{DEFAULT_VERSION}|{meta}|{text}", make)


@dataclass
class Checker:
    """Validates with one Kubernetes version and one set of CRDs; caches results by content."""

    version: str
    custom: CustomSchemas = field(default_factory=CustomSchemas)
    # key (the text itself: hashing it with sha256 cost an OpenSSL import on every run) ->
    # (findings, documents, what the YAML cost: values, aliases, characters)
    _cache: dict[
        tuple[str, str, bool, str | None, int],
        tuple[list[Finding], list[Document], dict[str, int]],
    ] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.schemas = schema_set(self.version)
        self.version = self.schemas.version
        self.new_build()

    def new_build(self) -> None:
        """Start the YAML budget of a new build (call once per top-level build)."""
        self.budget = build_budget()

    def check_text(
        self,
        text: str,
        path: str,
        line_offset: int = 0,
        *,
        fragments: bool = False,
        target: str | None = None,
        budget: Budget | None = None,
    ) -> list[Finding]:
        return list(self._check(text, path, line_offset, fragments, target, budget)[0])

    def _check(
        self,
        text: str,
        path: str,
        line_offset: int,
        fragments: bool,
        target: str | None,
        budget: Budget | None = None,
    ) -> tuple[list[Finding], list[Document]]:
        """Findings and parsed documents of a YAML text (cached by content).

        A cached text is charged to the page's and build's budgets again, as a fresh build
        would charge it; when they cannot pay, or when the text ran out of a budget, it is
        validated again (a limit finding depends on what else the page and build held, so it
        is never cached: a `mkdocs serve` rebuild must report what a fresh build reports)."""
        key = (path, text, fragments, target, line_offset)
        budget = budget if budget is not None else self.budget
        cached = self._cache.get(key)
        if cached is not None and affordable(budget, cached[2]):
            for kind, amount in cached[2].items():
                budget.charge(kind, amount)
            return cached[0], cached[1]
        context = Context(path, self.schemas, self.custom, fragments, target)
        documents: list[Document] = []
        before = dict(budget.left)
        found = validate_text(text, context, line_offset, budget, documents)
        if not any(f.rule == LIMIT_RULE for f in found):
            cost = {kind: before[kind] - left for kind, left in budget.left.items()}
            self._cache[key] = (found, documents, cost)
        return found, documents

    def check_yaml_file(self, file: Path, path: str, root: Path | None = None) -> list[Finding]:
        """A standalone YAML file: whole objects only (no fragments). It is read only if it is
        a regular file inside ``root`` (default: its own folder) once symlinks are resolved."""
        try:
            text = read_text(file, root if root is not None else file.parent)
        except UnsafeFile as exc:
            return [Finding(path, 0, 0, "error", "unsafe-file", f"not read: {exc}")]
        found, documents = self._check(text, path, 0, False, None)
        return found + hints([(d, 0) for d in documents], path)

    def check_markdown(
        self, markdown: str, path: str, line_offset: int = 0
    ) -> tuple[list[Finding], PageYaml]:
        """The findings of every YAML block of a page (not of the files it includes)."""
        page = extract(markdown, path, line_offset)
        findings = list(page.findings)
        budget = page_budget(self.budget)
        documents: list[tuple[Document, int]] = []
        for item in page.blocks:
            found, parsed = self._check(
                item.block.content,
                path,
                item.block.start_line,
                item.fragments,
                item.target,
                budget,
            )
            shift = len(item.block.indent)  # the block's content is dedented: columns of the file
            findings += [replace(f, column=f.column + shift) if f.column else f for f in found]
            documents += [(d, shift) for d in parsed]
        return findings + hints(documents, path), page

    def check_includes(
        self,
        page: PageYaml,
        base_dirs: list[Path],
        display_root: Path | None,
        root: Path | None = None,
        page_path: str = "",
    ) -> list[Finding]:
        """The YAML files a page includes with ``--8<--``, each at its own path. An include that
        leaves ``root`` (the project), is a special file or too large is a finding at its line."""
        findings = []
        for target in page.includes:
            try:
                file = resolve_include(target, base_dirs, root)
            except UnsafeFile as exc:
                line, column = page.include_at.get(target, (0, 0))
                message = f'--8<-- "{target[:80]}" is not included: {exc}'
                findings.append(
                    Finding(page_path, line, column, "error", "unsafe-include", message)
                )
                continue
            if file is not None:
                shown = display_path(file, display_root)
                findings += self.check_yaml_file(file, shown, root or file.parent)
        return findings


def affordable(budget: Budget | None, cost: dict[str, int]) -> bool:
    """True when ``budget`` and every scope above it can still pay ``cost``."""
    while budget is not None:
        if any(budget.left[kind] < amount for kind, amount in cost.items()):
            return False
        budget = budget.parent
    return True
