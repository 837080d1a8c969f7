"""The ``kubenotes`` command: one entry point over the same core the mkdocs hooks use.

Each subcommand lives next to its core as ``<area>/command.py`` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int`` (0 ok, 1 findings, 2 bad usage).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

# subcommand name -> module providing HELP, add_arguments() and run()
COMMANDS: dict[str, str] = {
    "corrections": "kubenotes.corrections.command",
    "coverage": "kubenotes.coverage.command",
    "diagram": "kubenotes.diagrams.command",
    "links": "kubenotes.links.command",
    "terminology": "kubenotes.terminology.command",
    "translations": "kubenotes.i18n.command",
    "validate": "kubenotes.k8s.command",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with ``only`` that one (imports only its module)."""
    parser = argparse.ArgumentParser(
        prog="kubenotes",
        description="Checks and tools for the kubenotes knowledge base.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((word for word in words if not word.startswith("-")), None)
    # Import only the chosen subcommand: the others may be slow to import (kubenotes validate
    # runs from pre-commit on every commit); usage errors and --help still list them all.
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except BrokenPipeError:  # e.g. `kubenotes validate docs | head`
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        if argv is not None:  # called in a running process, which goes on: a command may
            gc.unfreeze()  # have frozen what it loaded for a fast exit (kubenotes validate)


if __name__ == "__main__":
    sys.exit(main())
