"""``kubenotes validate``: validate Kubernetes YAML in Markdown pages and manifest files."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kubenotes import settings
from kubenotes.findings import (
    Finding,
    count_by_severity,
    format_json,
    format_text,
    has_errors,
    sort_findings,
)
from kubenotes.k8s.check import Checker, load_custom_schemas
from kubenotes.k8s.extract import is_yaml_file
from kubenotes.k8s.schemas import DEFAULT_VERSION, UnknownVersionError
from kubenotes.markdown import front_matter_lines, split_front_matter
from kubenotes.safe_files import UnsafeFile, read_text

HELP = "validate Kubernetes YAML examples (Markdown pages, .yaml/.yml files, folders)"
_SKIP_DIRS = {".git", ".venv", "node_modules", "site", "__pycache__"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".md/.yaml/.yml files or folders")
    parser.add_argument(
        "--kubernetes-version",
        metavar="X.Y",
        help="target Kubernetes version (default: extra.kubenotes.kubernetes_version of the "
        f"nearest mkdocs.yml, else {DEFAULT_VERSION})",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--crds",
        metavar="DIR",
        help="folder of CustomResourceDefinition manifests "
        "(default: extra.kubenotes.crds_dir of the nearest mkdocs.yml)",
    )


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(names):
                    if name.endswith(".md") or is_yaml_file(name):
                        found.append(Path(root) / name)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _project_root(file: Path, base_dirs: list[Path], paths: list[Path]) -> Path:
    """Where files may be read from: the folder of the nearest mkdocs.yml when ``file`` is in
    it, else the folder given on the command line that holds it, else the file's own folder."""
    here = file.absolute()
    for folder in [*base_dirs, *(p for p in paths if p.is_dir())]:
        if here.is_relative_to(folder.absolute()):
            return folder
    return file.parent


def run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"kubenotes validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    config = settings.find_config(paths[0] if paths[0].is_dir() else paths[0].parent)
    site = settings.kubenotes_settings(config)
    version = args.kubernetes_version or str(site.get("kubernetes_version") or DEFAULT_VERSION)
    crd_dir = Path(args.crds) if args.crds else None
    if crd_dir is None and site.get("crds_dir"):
        crd_dir = Path(site["config_dir"]) / str(site["crds_dir"])
    try:
        checker = Checker(version, load_custom_schemas(crd_dir))
    except UnknownVersionError as exc:
        print(f"kubenotes validate: {exc}", file=sys.stderr)
        return 2
    base_dirs = [Path(site["config_dir"])] if site.get("config_dir") else []
    findings = []
    for file in _files(paths):
        shown = file.as_posix()
        root = _project_root(file, base_dirs, paths)
        if file.suffix == ".md":
            try:
                text = read_text(file, root)
            except UnsafeFile as exc:
                findings.append(Finding(shown, 0, 0, "error", "unsafe-file", f"not read: {exc}"))
                continue
            _, body = split_front_matter(text)
            page_findings, page = checker.check_markdown(body, shown, front_matter_lines(text))
            findings += page_findings
            findings += checker.check_includes(
                page, [*base_dirs, file.parent], Path.cwd(), root, shown
            )
        elif is_yaml_file(file.name):
            findings += checker.check_yaml_file(file, shown, root)
        else:
            print(f"kubenotes validate: not a .md/.yaml/.yml file: {shown}", file=sys.stderr)
            return 2
    ordered = sort_findings(findings)
    if args.format == "json":
        print(format_json(ordered))
    else:
        for finding in ordered:
            print(format_text(finding))
        counts = count_by_severity(ordered)
        print(
            f"{counts['error']} error(s), {counts['warning']} warning(s) "
            f"(Kubernetes {checker.version})",
            file=sys.stderr,
        )
    return 1 if has_errors(ordered) else 0
