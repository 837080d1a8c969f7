"""Page weight of a built site: which HTML pages are over the size limit, and what they carry.

Every page is split into the parts a maintainer can act on (bytes of UTF-8, not characters):
the ``<head>``, the header with its search box, the tabs, the primary sidebar (navigation, with
the page's table of contents inside it for the phone drawer), the secondary sidebar (table of
contents), the article (and within it: diagram SVG, highlighted code, tables), the footer and
the configuration scripts; plus the inline ``<svg>`` icons outside the article.

Usage: .venv/bin/python bench/page_weight.py SITE [--limit 61440] [--top 10] [--page PATH]

``--page lifecycle/phases`` prints the parts of one page; otherwise the pages over the limit
(or the largest ``--top`` pages) are listed with their parts.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
from pathlib import Path

LIMIT = 60 * 1024
# Regions in the order Material writes them; each ends where the next one starts.
_MARKERS = [
    ("head", "<head>"),
    ("header", '<header class="md-header'),
    ("tabs", '<nav class="md-tabs'),
    ("nav", '<div class="md-sidebar md-sidebar--primary'),
    ("toc", '<div class="md-sidebar md-sidebar--secondary'),
    ("article", '<article class="md-content__inner'),
    ("after article", "</article>"),
    ("footer", '<footer class="md-footer'),
    ("config", '<script id="__config"'),
]
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_DIAGRAM = re.compile(r'<svg\b[^>]*class="diagram\b.*?</svg>', re.S)
_CODE = re.compile(r'<div class="language-[^"]*highlight">.*?</code></pre></div>', re.S)
_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def size(text: str) -> int:
    return len(text.encode("utf-8"))


def pages(site: Path) -> dict[str, Path]:
    """Every HTML page of the site by its URL path (``lifecycle/phases``, ``en/``, …)."""
    found = {}
    for path in site.rglob("*.html"):
        name = path.relative_to(site).as_posix()
        found[name.removesuffix("index.html").rstrip("/") or "/"] = path
    return found


def parts(html: str) -> dict[str, int]:
    """Bytes of each region of one page (see the module docstring)."""
    starts = [(html.find(marker), name) for name, marker in _MARKERS]
    starts = sorted((i, name) for i, name in starts if i >= 0)
    result: dict[str, int] = {}
    bounds = [*starts, (len(html), "")]
    result["before head"] = size(html[: starts[0][0]]) if starts else size(html)
    for (start, name), (end, _) in itertools.pairwise(bounds):
        result[name] = size(html[start:end])
    article_start = html.find('<article class="md-content__inner')
    article_end = html.find("</article>", article_start)
    if article_start >= 0 and article_end >= 0:
        article = html[article_start:article_end]
        result["  diagrams"] = sum(size(s) for s in _DIAGRAM.findall(article))
        result["  code"] = sum(size(s) for s in _CODE.findall(article))
        result["  tables"] = sum(size(s) for s in _TABLE.findall(article))
        outside = html[:article_start] + html[article_end:]
    else:
        outside = html
    icons = _SVG.findall(outside)
    result["icons outside article"] = sum(size(s) for s in icons)
    return result


def report(site: Path, limit: int, top: int) -> int:
    found = pages(site)
    sizes = {name: path.stat().st_size for name, path in found.items()}
    over = sorted((n for n in sizes if sizes[n] > limit), key=lambda n: -sizes[n])
    shown = over or sorted(sizes, key=lambda n: -sizes[n])[:top]
    print(
        f"{len(sizes)} pages; median {statistics.median(sizes.values()) / 1024:.1f} KiB; "
        f"largest {max(sizes.values())} bytes; {len(over)} over {limit} bytes"
    )
    columns = ["header", "nav", "toc", "article", "  diagrams", "  code", "icons outside article"]
    print(f"{'bytes':>7} " + " ".join(f"{c.strip()[:8]:>8}" for c in columns) + "  page")
    for name in shown[: max(top, len(over))]:
        weights = parts(found[name].read_text("utf-8"))
        cells = " ".join(f"{weights.get(c, 0):8d}" for c in columns)
        print(f"{sizes[name]:7d} {cells}  {name}")
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--limit", type=int, default=LIMIT)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--page", help="URL path of one page, e.g. lifecycle/phases")
    args = parser.parse_args()
    if args.page is not None:
        found = pages(args.site)
        key = args.page.strip("/") or "/"
        if key not in found:
            print(f"no page {key!r} in {args.site}", file=sys.stderr)
            return 2
        html = found[key].read_text("utf-8")
        print(f"{size(html):7d}  {key}")
        for name, weight in parts(html).items():
            print(f"{weight:7d}  {name}")
        return 0
    return report(args.site, args.limit, args.top)


if __name__ == "__main__":
    sys.exit(main())
