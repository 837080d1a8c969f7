"""mkdocs hook: validate every Kubernetes YAML example at build time (core: kubenotes.k8s).

Findings are logged as warnings (so ``--strict`` fails after listing all of them), once per
build across the i18n per-language builds; ``mkdocs serve`` also shows them under the block.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from kubenotes import build
from kubenotes.build import current_language, is_nested_language_build, source_path
from kubenotes.findings import Finding
from kubenotes.k8s.check import Checker, load_custom_schemas
from kubenotes.k8s.extract import extract, is_yaml_file
from kubenotes.k8s.page import rewrite_page
from kubenotes.k8s.schemas import UnknownVersionError
from kubenotes.markdown import body_line_offset
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.kubenotes.k8s")

# Compiled schemas, kept across `mkdocs serve` rebuilds while their input is the same.
_cache: dict[str, Any] = {"checker": None, "key": None}


# --- hooks -----------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    build.startup(command)


def on_shutdown() -> None:
    build.startup("")  # the next build in this process says again what it is


def on_config(config: Any) -> None:
    settings = build.begin(config, PluginError).settings
    if is_nested_language_build(config):
        return
    root, version = settings.config_dir, settings.kubernetes_version
    key = (str(root), version, _signature(settings.crds_dir))
    if key != _cache["key"]:  # keep compiled schemas and cached results across serve rebuilds
        try:
            _cache["checker"] = Checker(version, load_custom_schemas(settings.crds_dir, root))
        except UnknownVersionError as exc:
            raise PluginError(f"extra.kubenotes.kubernetes_version: {exc}") from exc
        _cache["key"] = key


def on_pre_build(config: Any) -> None:
    settings = build.current().settings
    if is_nested_language_build(config) or not _enabled():
        return
    if not settings.manifests_dir.is_dir():
        return
    files = (p for p in settings.manifests_dir.rglob("*") if is_yaml_file(p.name))
    for file in sorted(files):
        shown = settings.display_path(file)
        _report(_checker().check_yaml_file(file, shown, settings.config_dir))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    state = build.current()
    checker = _checker()
    path = source_path(config, page.file)
    offset = body_line_offset(page.file.content_string)
    if not _enabled():
        found = extract(markdown, path, offset)
        return rewrite_page(markdown, found, [], path, offset, current_language(config))
    findings, found = checker.check_markdown(markdown, path, offset)
    root = state.settings.config_dir
    bases = list(state.settings.snippet_bases)
    findings += checker.check_includes(found, bases, root, root, path)
    _report(findings)
    language = current_language(config)
    return rewrite_page(markdown, found, findings, path, offset, language, state.serving)


# --- helpers ---------------------------------------------------------------------------------


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What the CRD folder holds now (names, sizes, times): a new CRD means a new checker."""
    if not folder.is_dir():
        return ()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def _checker() -> Checker:
    """The cached checker, charging this build's YAML budget (kept in the build state, which
    the live preview renews when it renders pages again)."""
    checker: Checker = _cache["checker"]
    checker.budget = build.current().yaml_budget
    return checker


def _enabled() -> bool:
    """KUBENOTES_K8S_VALIDATE=0 keeps only the rendering part (fence options stripped, labels):
    for benchmarks (the same build without validation) and quick previews."""
    return os.environ.get("KUBENOTES_K8S_VALIDATE", "1") != "0"


def _report(findings: list[Finding]) -> None:
    build.current().report(log, findings)
