"""``kubenotes terminology``: check every English page against the glossary.

kubenotes terminology [--docs-dir DIR] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kubenotes.findings import format_text, sort_findings
from kubenotes.settings import SettingsError, SiteSettings, find_config
from kubenotes.terminology.check import check

HELP = (
    "check the English pages against the glossary: the English term for every Chinese glossary "
    "term the Chinese page uses, and no rendering from the do-not-write table"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs-dir", type=Path, help="docs folder (default: from mkdocs.yml)")
    parser.add_argument("--config", type=Path, help="mkdocs.yml (default: the nearest one)")


def run(args: argparse.Namespace) -> int:
    if args.config and not args.config.is_file():
        print(f"kubenotes terminology: no such config file: {args.config}", file=sys.stderr)
        return 2
    config = args.config or find_config()
    try:
        site = SiteSettings.from_file(config) if config else SiteSettings.defaults(Path.cwd())
    except SettingsError as exc:
        print(f"kubenotes terminology: {exc}", file=sys.stderr)
        return 2
    if args.docs_dir:
        docs_dir = args.docs_dir
    elif config:
        docs_dir = site.docs_dir
    else:
        message = "no mkdocs.yml here or above; pass --docs-dir"
        print(f"kubenotes terminology: {message}", file=sys.stderr)
        return 2
    display = site.display_path(docs_dir)
    findings = sort_findings(check(docs_dir, display))
    for finding in findings:
        print(format_text(finding))
    return 1 if findings else 0
