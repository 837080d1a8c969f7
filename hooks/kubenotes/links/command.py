"""``kubenotes links``: the link checks from the command line.

Without ``--external``: the build's internal checks over the Markdown sources (pages, images,
snippets, hygiene; anchors too when the site is built). With ``--external``: every http(s) URL
of the built site is checked over the network. Nothing touches the network otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kubenotes import findings as report_findings
from kubenotes.formats import FORMATS, render
from kubenotes.links import external, report
from kubenotes.links.internal import SiteIndex, check_links
from kubenotes.links.page import check_source, page_language
from kubenotes.links.sources import built_anchors
from kubenotes.safe_files import UnsafeFile, read_bytes
from kubenotes.settings import SettingsError, SiteSettings, find_config

HELP = "check internal links of the sources, or (--external) external URLs of the built site"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-f", type=Path, help="mkdocs.yml (default: nearest one)")
    parser.add_argument("--site", type=Path, help="built site folder (default: site_dir)")
    parser.add_argument("--external", action="store_true", help="check external URLs (network)")
    parser.add_argument(
        "--format",
        choices=sorted({*FORMATS, *report.FORMATTERS}),
        default="text",
        help="github/sarif: internal checks only; markdown: --external only",
    )
    parser.add_argument("--output", "-o", type=Path, help="also write the report to this file")
    group = parser.add_argument_group("external check")
    group.add_argument("--cache", type=Path, help="results cache (default: .cache/links.json)")
    group.add_argument("--no-cache", action="store_true", help="ignore and keep no cache")
    group.add_argument("--ttl-hours", type=float, default=72.0, help="reuse good results (72)")
    group.add_argument("--concurrency", type=int, default=8, help="parallel requests (8)")
    group.add_argument("--timeout", type=float, default=10.0, help="seconds per request (10)")
    group.add_argument("--deadline", type=float, default=30.0, help="total seconds per URL, "
                       "redirects and slow answers included (30)")  # fmt: skip
    group.add_argument("--max-redirects", type=int, default=5, help="redirects followed (5)")
    group.add_argument("--retries", type=int, default=2, help="retries on 429/5xx/timeouts (2)")
    group.add_argument("--backoff", type=float, default=1.0, help="first retry delay, doubles")
    group.add_argument("--host-interval", type=float, default=1.0, help="seconds between two "
                       "requests to one host (1)")  # fmt: skip
    group.add_argument("--check-local", action="store_true",
                       help="also check loopback URLs (skipped or refused by default)")  # fmt: skip
    group.add_argument("--skip-host", action="append", default=[], metavar="HOST",
                       help="never check this host (and subdomains); repeatable")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    config_path = args.config or find_config()
    if config_path is None or not Path(config_path).is_file():
        print("kubenotes links: error: no mkdocs.yml found (use --config)", file=sys.stderr)
        return 2
    try:
        settings = SiteSettings.from_file(Path(config_path))
    except SettingsError as exc:
        print(f"kubenotes links: error: {exc}", file=sys.stderr)
        return 2
    site_dir = Path(args.site) if args.site else settings.site_dir
    if args.external:
        return _external(args, settings, site_dir)
    return _internal(args, settings, site_dir)


def _write(args: argparse.Namespace, text: str) -> None:
    sys.stdout.write(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")


def _internal(args, settings: SiteSettings, site_dir: Path) -> int:
    if args.format == "markdown":
        print("kubenotes links: error: --format markdown needs --external", file=sys.stderr)
        return 2
    languages = settings.languages
    default = languages[0] if languages else ""
    directory_urls = settings.use_directory_urls
    docs_dir = settings.docs_dir
    if not site_dir.is_dir():
        print(f"kubenotes links: note: no built site at {site_dir}: anchors are not checked",
              file=sys.stderr)  # fmt: skip
    site = SiteIndex(
        docs_dir=docs_dir,
        docs_label=settings.display_path(docs_dir),
        languages=languages,
        anchors=built_anchors(docs_dir, site_dir, default, directory_urls),
    )
    bases = list(settings.snippet_bases)
    base_label = settings.snippet_label
    found = []
    for page in sorted(docs_dir.rglob("*.md")):
        src_path = page.relative_to(docs_dir).as_posix()
        try:  # inside the project, a regular file, bounded; other encodings are still checked
            text = read_bytes(page, settings.config_dir).decode("utf-8-sig", errors="replace")
            text = text.replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
        except UnsafeFile as exc:
            shown = site.label(src_path)
            found.append(report_findings.Finding(shown, 0, 0, "error", "unsafe-file", str(exc)))
            continue
        language = page_language(src_path, default)
        links, page_findings = check_source(text, site.label(src_path), language, bases, base_label)
        found += check_links(src_path, links, site) + page_findings
    ordered = report_findings.sort_findings(found)
    _write(args, render(ordered, args.format, tool="kubenotes links"))
    return 1 if ordered else 0


def _external(args, settings: SiteSettings, site_dir: Path) -> int:
    if args.format not in report.FORMATTERS:
        print(f"kubenotes links: error: --format {args.format} is for the internal checks "
              "(--external reports URLs, not source lines)", file=sys.stderr)  # fmt: skip
        return 2
    if not site_dir.is_dir():
        print(f"kubenotes links: error: no built site at {site_dir} (run mkdocs build)",
              file=sys.stderr)  # fmt: skip
        return 2
    options = external.Options(
        concurrency=args.concurrency,
        timeout=args.timeout,
        retries=args.retries,
        backoff=args.backoff,
        host_interval=args.host_interval,
        ttl=args.ttl_hours * 3600,
        skip_hosts=external.DEFAULT_SKIP_HOSTS + tuple(args.skip_host),
        check_local=args.check_local,
        deadline=args.deadline,
        max_redirects=args.max_redirects,
    )
    cache_path = args.cache or settings.config_dir / ".cache" / "links.json"
    cache = {} if args.no_cache else external.load_cache(cache_path)
    pages = external.collect_urls(site_dir, settings.site_url)
    checker = external.Checker(options, cache)
    results = checker.check_all(pages)
    if not args.no_cache:
        external.save_cache(cache_path, checker.cache)
    outcome = report.build_report(results, pages)
    _write(args, report.FORMATTERS[args.format](outcome))
    return 1 if outcome.broken else 0
