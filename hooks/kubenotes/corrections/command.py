"""``kubenotes corrections``: rewrite (or, with --check, verify) the corrections tables.

kubenotes corrections [--check] [--docs-dir DIR] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kubenotes.corrections.table import check
from kubenotes.findings import format_text, has_errors, sort_findings
from kubenotes.settings import locate_docs

HELP = (
    "rewrite the corrections tables of the reference pages (reference/sources.md and the "
    "pages it links to) from the pages' correction boxes; --check only reports a table that "
    "differs and a correction without a fix"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when a table is outdated"
    )
    parser.add_argument("--docs-dir", type=Path, help="docs folder (default: from mkdocs.yml)")
    parser.add_argument("--config", type=Path, help="mkdocs.yml (default: the nearest one)")


def run(args: argparse.Namespace) -> int:
    located = locate_docs(args.config, args.docs_dir)
    if isinstance(located, str):
        print(f"kubenotes corrections: {located}", file=sys.stderr)
        return 2
    site, docs_dir = located
    languages = site.languages
    languages = languages or tuple(sorted(p.name for p in docs_dir.iterdir() if p.is_dir()))
    display = site.display_path(docs_dir)
    findings = []
    for lang in languages:
        if lang not in ("zh", "en"):
            continue
        found, wanted = check(docs_dir, lang, display)
        if args.check or not wanted:
            findings.extend(found)
            continue
        for page, text in wanted.items():
            target = docs_dir / lang / page
            if text != target.read_text(encoding="utf-8"):
                target.write_text(text, encoding="utf-8")
                print(f"rewrote {display}/{lang}/{page}")
        findings.extend(f for f in found if f.rule != "corrections-outdated")
    for finding in sort_findings(findings):
        print(format_text(finding))
    return 1 if has_errors(findings) else 0
