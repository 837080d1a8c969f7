"""``kubenotes coverage --seeds DIR``: every seed note heading has a home on a page.

Checks the coverage record (``coverage/*.yaml`` beside mkdocs.yml): each section heading of
each seed note (``NNN_*.txt`` in ``--seeds``) is mapped, and each mapping points at a page
that exists with that explicit heading id in every language it is written in.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kubenotes.coverage.record import check
from kubenotes.findings import sort_findings
from kubenotes.formats import FORMATS, render
from kubenotes.settings import SettingsError, SiteSettings

HELP = "check the coverage record: every seed note heading mapped to a page heading"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, required=True, help="folder of the seed notes")
    parser.add_argument(
        "--record", type=Path, help="folder of the coverage *.yaml (default: coverage/)"
    )
    parser.add_argument("--config", type=Path, help="mkdocs.yml (default: the nearest one)")
    parser.add_argument("--format", choices=FORMATS, default="text")


def run(args: argparse.Namespace) -> int:
    try:
        site = SiteSettings.from_file(args.config) if args.config else SiteSettings.find()
    except SettingsError as exc:
        print(f"kubenotes coverage: {exc}", file=sys.stderr)
        return 2
    record = args.record or site.config_dir / "coverage"
    for folder in (args.seeds, record):
        if not folder.is_dir():
            print(f"kubenotes coverage: no such folder: {folder}", file=sys.stderr)
            return 2
    labels = (site.display_path(args.seeds), site.display_path(record))
    findings = sort_findings(check(args.seeds, record, site.docs_dir, labels))
    sys.stdout.write(render(findings, args.format, tool="kubenotes coverage"))
    if args.format == "text":
        print(f"{len(findings)} problem(s) in the coverage record", file=sys.stderr)
    return 1 if findings else 0
