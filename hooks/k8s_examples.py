"""mkdocs hook: validate every Kubernetes YAML example at build time (core: kubenotes.k8s).

Findings are logged as warnings (so ``--strict`` fails after listing all of them), once per
build across the i18n per-language builds; ``mkdocs serve`` also shows them under the block.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from kubenotes.build import (
    current_language,
    is_nested_language_build,
    kubenotes_settings,
    snippet_bases,
    source_path,
)
from kubenotes.findings import Deduplicator, Finding, format_text
from kubenotes.k8s.check import Checker, display_path, load_custom_schemas
from kubenotes.k8s.extract import extract, is_yaml_file
from kubenotes.k8s.page import rewrite_page
from kubenotes.k8s.schemas import DEFAULT_VERSION, UnknownVersionError
from kubenotes.markdown import body_line_offset
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.kubenotes.k8s")

_state: dict[str, Any] = {"serving": False, "checker": None, "root": None, "key": None}
_reported = Deduplicator()


# --- hooks -----------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_config(config: Any) -> None:
    if is_nested_language_build(config):
        return
    root = Path(config.config_file_path).parent
    settings = kubenotes_settings(config)
    version = str(settings.get("kubernetes_version") or DEFAULT_VERSION)
    crd_dir = root / str(settings.get("crds_dir") or "manifests/crds")
    key = (str(root), version, _signature(crd_dir))
    if key != _state["key"]:  # keep compiled schemas and cached results across serve rebuilds
        try:
            _state["checker"] = Checker(version, load_custom_schemas(crd_dir, root))
        except UnknownVersionError as exc:
            raise PluginError(f"extra.kubenotes.kubernetes_version: {exc}") from exc
        _state["key"] = key
    # KUBENOTES_K8S_VALIDATE=0 keeps only the rendering part (fence options stripped, labels):
    # for benchmarks (the same build without validation) and quick previews.
    _state["enabled"] = os.environ.get("KUBENOTES_K8S_VALIDATE", "1") != "0"
    _state["root"] = root
    _state["manifests"] = root / str(settings.get("manifests_dir") or "manifests")
    _state["checker"].new_build()  # fresh YAML budget for this build
    _reported.reset()


def on_pre_build(config: Any) -> None:
    if is_nested_language_build(config) or not _state["enabled"]:
        return
    if not _state["manifests"].is_dir():
        return
    for file in sorted(p for p in _state["manifests"].rglob("*") if is_yaml_file(p.name)):
        shown = display_path(file, _state["root"])
        _report(_state["checker"].check_yaml_file(file, shown, _state["root"]))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    checker: Checker = _state["checker"]
    path = source_path(config, page.file)
    offset = body_line_offset(page.file.content_string)
    if not _state["enabled"]:
        found = extract(markdown, path, offset)
        return rewrite_page(markdown, found, [], path, offset, current_language(config))
    findings, found = checker.check_markdown(markdown, path, offset)
    findings += checker.check_includes(
        found, snippet_bases(config), _state["root"], _state["root"], path
    )
    _report(findings)
    language = current_language(config)
    return rewrite_page(markdown, found, findings, path, offset, language, _state["serving"])


# --- helpers ---------------------------------------------------------------------------------


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What the CRD folder holds now (names, sizes, times): a new CRD means a new checker."""
    if not folder.is_dir():
        return ()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def _report(findings: list[Finding]) -> None:
    for finding in _reported.new(findings):
        level = logging.INFO if finding.severity == "info" else logging.WARNING
        log.log(level, format_text(finding))
