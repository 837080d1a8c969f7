"""``kubenotes terminology``: check every English page against the glossary.

kubenotes terminology [--docs-dir DIR] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kubenotes.findings import format_text, sort_findings
from kubenotes.settings import locate_docs
from kubenotes.terminology.check import check

HELP = (
    "check the English pages against the glossary: the English term for every Chinese glossary "
    "term the Chinese page uses, and no rendering from the do-not-write table"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs-dir", type=Path, help="docs folder (default: from mkdocs.yml)")
    parser.add_argument("--config", type=Path, help="mkdocs.yml (default: the nearest one)")


def run(args: argparse.Namespace) -> int:
    located = locate_docs(args.config, args.docs_dir)
    if isinstance(located, str):
        print(f"kubenotes terminology: {located}", file=sys.stderr)
        return 2
    site, docs_dir = located
    display = site.display_path(docs_dir)
    findings = sort_findings(check(docs_dir, display))
    for finding in findings:
        print(format_text(finding))
    return 1 if findings else 0
