"""``kubenotes diagram FILE.mmd [-o OUT.svg]``: render one Mermaid diagram like the site does."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kubenotes.diagrams.model import DiagramError
from kubenotes.diagrams.render import render
from kubenotes.findings import Finding, format_text

HELP = "render one Mermaid diagram (flowchart, stateDiagram-v2, sequenceDiagram) to SVG"
RULE = "diagram-syntax"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.mmd", help="Mermaid source ('-' reads stdin)")
    parser.add_argument("-o", "--output", metavar="OUT.svg", help="write here (default: stdout)")
    parser.add_argument(
        "--lang", default="en", choices=("zh", "en"), help="language of the accessible name"
    )


def run(args: argparse.Namespace) -> int:
    try:
        source = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{args.file}: error: cannot read: {exc}", file=sys.stderr)
        return 2
    try:
        svg = render(source, args.lang)
    except DiagramError as exc:
        print(
            format_text(Finding(args.file, exc.line, 0, "error", RULE, exc.message)),
            file=sys.stderr,
        )
        return 1
    if args.output:
        Path(args.output).write_text(svg + "\n", encoding="utf-8")
    else:
        sys.stdout.write(svg + "\n")
    return 0
