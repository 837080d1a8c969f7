"""``kubenotes translations``: translation status of every page, and the translator's refresh.

kubenotes translations [--format text|json] [--check] [--docs-dir DIR]
kubenotes translations --refresh docs/en/lifecycle/termination.md [...]
kubenotes translations --refresh-all
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from kubenotes.findings import format_text
from kubenotes.formats import render
from kubenotes.i18n.source import read_record, refresh_text, source_hash
from kubenotes.i18n.status import Report, markdown_pages, scan
from kubenotes.safe_files import UnsafeFile, read_bytes, read_text
from kubenotes.settings import display_path, locate_docs

HELP = (
    "list every page as up-to-date, outdated, missing or orphan; "
    "--refresh records the current source hash after a translation is updated"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="github/sarif: the findings only (outdated, orphan and untranslated pages...)",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 unless every page is up to date"
    )
    parser.add_argument("--docs-dir", type=Path, help="docs folder (default: from mkdocs.yml)")
    parser.add_argument("--config", type=Path, help="mkdocs.yml (default: the nearest one)")
    refresh = parser.add_mutually_exclusive_group()
    refresh.add_argument(
        "--refresh",
        nargs="+",
        metavar="PAGE",
        help="translated page(s) now up to date: record the current source hash",
    )
    refresh.add_argument("--refresh-all", action="store_true", help="refresh every translated page")
    parser.add_argument("--date", type=dt.date.fromisoformat, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    located = _locate(args)
    if isinstance(located, str):
        print(f"kubenotes translations: {located}", file=sys.stderr)
        return 2
    docs_dir, source, target, root = located
    if args.refresh or args.refresh_all:
        return _refresh(args, docs_dir, source, target)
    report = scan(docs_dir, source, target, base=root)
    if args.format in ("github", "sarif"):
        sys.stdout.write(render(report.findings, args.format, tool="kubenotes translations"))
    else:
        print(_as_json(report) if args.format == "json" else _as_text(report))
    return 1 if args.check and not report.clean else 0


def _locate(args: argparse.Namespace) -> tuple[Path, str, str, Path] | str:
    """(docs folder, source language, target language, root of the paths in findings)."""
    located = locate_docs(args.config, args.docs_dir, _start(args))
    if isinstance(located, str):
        return located
    settings, docs_dir = located
    source, target = settings.translation_pair
    if not (docs_dir / source).is_dir():
        return f"no source folder {docs_dir / source}"
    return docs_dir.resolve(), source, target, settings.config_dir


def _start(args: argparse.Namespace) -> Path:
    """Where to look for mkdocs.yml: next to the first page to refresh, else here."""
    first = Path(args.refresh[0]) if args.refresh else None
    return first.parent if first is not None and first.is_file() else Path.cwd()


def _as_text(report: Report) -> str:
    lines = []
    for status in report.pages:
        detail = f"  {status.detail}" if status.detail else ""
        lines.append(f"{status.state:<11} {status.page}{detail}")
    lines.extend(format_text(f) for f in report.findings if f.severity != "info")
    counts = report.counts()
    summary = ", ".join(f"{count} {state}" for state, count in counts.items())
    lines.append(f"{len(report.pages)} pages: {summary}")
    return "\n".join(lines)


def _as_json(report: Report) -> str:
    data = {
        "source_language": report.source_language,
        "target_language": report.target_language,
        "counts": report.counts(),
        "pages": [status.to_dict() for status in report.pages],
        "findings": [finding.to_dict() for finding in report.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _refresh(args: argparse.Namespace, docs_dir: Path, source: str, target: str) -> int:
    target_dir = docs_dir / target
    if args.refresh_all:
        pages = markdown_pages(target_dir)
    else:
        pages = []
        for given in args.refresh:
            page = _page_of(Path(given), docs_dir, target)
            if page is None:
                print(
                    f"kubenotes translations: not a page of {target_dir}: {given}", file=sys.stderr
                )
                return 2
            pages.append(page)
    today = args.date or dt.datetime.now(dt.UTC).date()
    status = 0
    for page in pages:
        shown = display_path(target_dir / page, Path.cwd())
        source_file = docs_dir / source / page
        if not source_file.is_file():
            print(f"{shown}: error: no source page {display_path(source_file, Path.cwd())}")
            status = 1
            continue
        path = target_dir / page
        try:  # both pages: regular UTF-8 files inside the docs folder (the target kept byte-exact)
            new_hash = source_hash(read_text(source_file, docs_dir))
            text = _decode_exact(read_bytes(path, docs_dir))
        except UnsafeFile as exc:
            print(f"{shown}: error: not read: {exc}")
            status = 1
            continue
        if read_record(text).translation_of == new_hash:
            print(f"{shown}: already up to date ({new_hash})")
            continue
        path.write_bytes(refresh_text(text, new_hash, today).encode("utf-8"))
        print(f"{shown}: refreshed ({new_hash}, {today.isoformat()})")
    return status


def _decode_exact(data: bytes) -> str:
    """UTF-8 with the line endings kept, so that a refresh rewrites only the record lines."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsafeFile(f"not valid UTF-8 (byte {exc.start}); save as UTF-8") from exc


def _page_of(given: Path, docs_dir: Path, target: str) -> str | None:
    """The page path inside the target folder for a path as the user typed it."""
    target_dir = docs_dir / target
    for candidate in (given, docs_dir / given, target_dir / given):
        resolved = candidate.resolve()
        if resolved.is_file() and resolved.is_relative_to(target_dir):
            return resolved.relative_to(target_dir).as_posix()
    return None
