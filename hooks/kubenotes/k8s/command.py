"""``kubenotes validate``: validate Kubernetes YAML in Markdown pages and manifest files."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from kubenotes.findings import Finding, count_by_severity, has_errors, sort_findings
from kubenotes.formats import FORMATS, write_findings
from kubenotes.k8s import batch
from kubenotes.k8s.check import Checker, load_custom_schemas
from kubenotes.k8s.extract import is_yaml_file
from kubenotes.k8s.schemas import DEFAULT_VERSION, UnknownVersionError
from kubenotes.markdown import front_matter_lines, split_front_matter
from kubenotes.safe_files import UnsafeFile, is_below, read_text
from kubenotes.settings import SettingsError, SiteSettings, find_config

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
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="processes sharing the files (default: one per CPU when there are many files, "
        "on Linux; 1: none). The findings are the same whatever N is",
    )
    parser.add_argument(
        "--crds",
        metavar="DIR",
        help="folder of CustomResourceDefinition manifests "
        "(default: extra.kubenotes.crds_dir of the nearest mkdocs.yml, else manifests/crds)",
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, not {text!r}")
    return int(text)


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


def _project_root(file: Path, roots: list[tuple[Path, str]]) -> Path:
    """Where files may be read from: the folder of the nearest mkdocs.yml when ``file`` is in
    it, else the folder given on the command line that holds it, else the file's own folder.

    ``roots`` are the candidate folders, each with its absolute form (see :func:`_roots`)."""
    here = os.path.abspath(file)
    for folder, absolute in roots:
        if is_below(here, absolute):
            return folder
    return file.parent


def _roots(base_dirs: list[Path], paths: list[Path]) -> list[tuple[Path, str]]:
    """The candidate project roots, computed once: asking every path whether it is a folder
    for every file cost a stat call per path per file (59,000 for 243 files)."""
    return [
        (folder, os.path.abspath(folder))
        for folder in [*base_dirs, *(p for p in paths if p.is_dir())]
    ]


def _check_file(
    checker: Checker, site: SiteSettings, file: Path, shown: str, root: Path
) -> list[Finding]:
    """The findings of one page (with the YAML files it includes) or one YAML file."""
    if file.suffix != ".md":
        return checker.check_yaml_file(file, shown, root)
    try:
        text = read_text(file, root)
    except UnsafeFile as exc:
        return [Finding(shown, 0, 0, "error", "unsafe-file", f"not read: {exc}")]
    _, body = split_front_matter(text)
    findings, page = checker.check_markdown(body, shown, front_matter_lines(text))
    bases = list(site.snippet_bases)
    return findings + checker.check_includes(page, bases, site.config_dir, root, shown)


def run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"kubenotes validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        site = SiteSettings.find(paths[0] if paths[0].is_dir() else paths[0].parent)
    except SettingsError as exc:
        print(f"kubenotes validate: {exc}", file=sys.stderr)
        return 2
    version = args.kubernetes_version or site.kubernetes_version
    crd_dir = Path(args.crds) if args.crds else site.crds_dir
    try:
        checker = Checker(version, load_custom_schemas(crd_dir, site.config_dir))
    except UnknownVersionError as exc:
        print(f"kubenotes validate: {exc}", file=sys.stderr)
        return 2
    # a file is read only inside its project: mkdocs.yml's folder when there is one
    base_dirs = [site.config_dir] if find_config(site.config_dir) else []
    roots = _roots(base_dirs, paths)
    files = _files(paths)
    for file in files:
        if file.suffix != ".md" and not is_yaml_file(file.name):
            shown = site.display_path(file)
            print(f"kubenotes validate: not a .md/.yaml/.yml file: {shown}", file=sys.stderr)
            return 2

    def check_one(file: Path) -> list[Finding]:  # in a worker, when there are workers
        shown, root = site.display_path(file), _project_root(file, roots)
        return _check_file(checker, site, file, shown, root)

    # The modules and schemas loaded so far stay while the files are checked: the garbage
    # collector need not walk them again and again, and after a fork the parent's collections
    # would write to every inherited object, copying the pages a worker shares (0.179 ->
    # 0.157 s on the corpus). They stay frozen to the end of the command: unfrozen, the
    # collection Python makes as it exits walked them all (16 ms). kubenotes.cli.main
    # unfreezes them when it was called in a running process (with argv, as the tests do).
    gc.freeze()
    workers = batch.worker_count(len(files), args.jobs)
    sizes = [batch.file_size(file) for file in files] if workers > 1 else [0] * len(files)
    findings = batch.check_all(checker, files, check_one, sizes, workers)
    ordered = sort_findings(findings)
    write_findings(sys.stdout, ordered, args.format, tool="kubenotes validate")
    if args.format == "text":
        counts = count_by_severity(ordered)
        print(
            f"{counts['error']} error(s), {counts['warning']} warning(s) "
            f"(Kubernetes {checker.version})",
            file=sys.stderr,
        )
    return 1 if has_errors(ordered) else 0
