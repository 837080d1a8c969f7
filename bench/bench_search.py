"""Search benchmark (run on demand, never by the tests): index bytes, first-query latency, hits.

For each built site and language:

- bytes a plain page view downloads for search (Material fetches ``search/search_index.json``
  on every page; kubenotes keeps only the config there) and bytes of the whole index, raw and
  gzip (level 6, what a web server sends), with the time a 1.6 Mbit/s link needs for them;
- first-query latency in Chromium: a fresh page, the search box focused and a query typed at
  once or 300 ms later (so the index download and set-up count), in ms from the keystroke to
  the first result shown; the median over fresh pages, and the latency once the index is
  loaded. The machine's load average is printed with the figures: compare runs made together;
- hits of the query set (tests/search_queries.tsv): queries whose page is in the top 3.

Works on sites built before this change (one whole index, Material's worker) and after, so the
same run gives before/after figures; at scale, build the generated wiki first and pass --site.

Usage: .venv/bin/python bench/bench_search.py [--site DIR ...] [--no-browser] [--samples N]
                                               [--scale-to PAGES]
Without --site the real site is built into a temporary folder. --scale-to copies each site and
repeats its index entries (under new locations) until the index covers PAGES pages in all
languages: real text at the size of a bigger wiki, for bytes and latency (the query set is
skipped there, its pages exist many times over).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "search_queries.tsv"
CHROMIUM = os.environ.get("KUBENOTES_CHROMIUM", "/usr/bin/chromium")
STUB = Path("search") / "search_index.json"
FULL = Path("search") / "kubenotes_index.json"
LINK_BITS_PER_SECOND = 1.6e6
# Queries both the old and the new search answer (a query without results never "shows").
LATENCY_QUERIES = {
    "zh": ["抢占", "宽限期", "kube-proxy", "静态 Pod"],
    "en": ["grace period", "kube-proxy"],
}
THINK_MS = 300  # a reader's time from focusing the search box to the first keystroke

FIRST_RESULT_JS = """async ([query, think]) => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  box.focus();
  await new Promise(resolve => setTimeout(resolve, think));
  box.value = query;
  const start = performance.now();
  return await new Promise(resolve => {
    const done = () => {
      if (list.querySelector("li")) { observer.disconnect(); resolve(performance.now() - start); }
    };
    const observer = new MutationObserver(done);
    observer.observe(list, { childList: true, subtree: true });
    box.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
    setTimeout(() => { observer.disconnect(); resolve(-1); }, 30000);
  });
}"""


def languages(site: Path) -> dict[str, Path]:
    """Language -> its root in the site (zh at the root, others in their folder)."""
    found = {"zh": site}
    for child in sorted(site.iterdir()):
        if child.is_dir() and (child / STUB).is_file() and len(child.name) == 2:
            found[child.name] = child
    return found


def sizes(root: Path) -> dict[str, int]:
    stub = (root / STUB).read_bytes()
    full = (root / FULL).read_bytes() if (root / FULL).is_file() else stub
    page_view = stub
    return {
        "page_view_raw": len(page_view),
        "page_view_gzip": len(gzip.compress(page_view, 6)),
        "index_raw": len(full),
        "index_gzip": len(gzip.compress(full, 6)),
        "entries": len(json.loads(full)["docs"]),
        "pages": len({d["location"].split("#")[0] for d in json.loads(full)["docs"]}),
    }


def load_queries(language: str) -> list[tuple[str, str]]:
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, query, page = line.split("\t")
            if lang == language:
                rows.append((query, page))
    return rows


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def result_pages(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('li.md-search-result__item')")
    box.fill(query)
    box.press("End")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector("li.md-search-result__item a", timeout=4000)
    except PlaywrightTimeout:  # no result is a miss
        return []
    page.wait_for_timeout(100)
    return page.eval_on_selector_all(
        "li.md-search-result__item",
        "items => items.map(li => li.querySelector('a').href.split(/[?#]/)[0])",
    )


def browser_figures(language: str, base: str, browser, samples: int, query_set: bool) -> dict:
    url = base + ("/" if language == "zh" else f"/{language}/")
    queries = LATENCY_QUERIES.get(language, ["pod"])
    first: dict[int, list[float]] = {0: [], THINK_MS: []}
    for think in first:
        for i in range(samples):
            page = browser.new_page()
            page.goto(url, wait_until="load")
            first[think].append(page.evaluate(FIRST_RESULT_JS, [queries[i % len(queries)], think]))
            page.close()
    page = browser.new_page()
    page.goto(url, wait_until="load")
    page.evaluate(FIRST_RESULT_JS, [queries[0], 0])
    warm = []
    for query in queries[1:] * 2:
        page.locator("input.md-search__input").fill("")
        page.locator("input.md-search__input").press("End")
        page.wait_for_function("() => !document.querySelector('li.md-search-result__item')")
        warm.append(page.evaluate(FIRST_RESULT_JS, [query, 0]))
    hits, total, missed = 0, 0, []
    for query, expected in load_queries(language) if query_set else []:
        total += 1
        top = result_pages(page, query)[:3]
        if url + expected in top:
            hits += 1
        else:
            missed.append(query)
    page.close()
    return {
        "first_query_ms_median_typed_at_focus": round(statistics.median(first[0])),
        "first_query_ms_max_typed_at_focus": round(max(first[0])),
        f"first_query_ms_median_typed_{THINK_MS}ms_after_focus": round(
            statistics.median(first[THINK_MS])
        ),
        "warm_query_ms_median": round(statistics.median(warm)) if warm else None,
        **({"query_set_hits": f"{hits}/{total}", "missed": missed} if query_set else {}),
    }


def scaled_copy(site: Path, pages: int, target: Path) -> Path:
    """A copy of ``site`` whose indexes repeat their entries to cover ``pages`` pages in all."""
    shutil.copytree(site, target)
    roots = languages(target)
    for root in roots.values():
        index_file = root / FULL if (root / FULL).is_file() else root / STUB
        index = json.loads(index_file.read_text(encoding="utf-8"))
        docs = index["docs"]
        real = len({doc["location"].split("#")[0] for doc in docs}) or 1
        copies = math.ceil(pages / len(roots) / real)
        index["docs"] = [
            {**doc, "location": (f"copy{k}/" if k else "") + doc["location"]}
            for k in range(copies)
            for doc in docs
        ]
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        index_file.write_text(data, encoding="utf-8")
    return target


def build_real_site(target: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    command = [str(mkdocs), "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml")]
    subprocess.run([*command, "-d", str(target)], cwd=REPO, env=env, check=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="append", type=Path, help="a built site folder")
    parser.add_argument("--no-browser", action="store_true", help="only measure index bytes")
    parser.add_argument("--samples", type=int, default=5, help="fresh pages per language")
    parser.add_argument("--scale-to", type=int, metavar="PAGES", help="repeat index entries")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as temp:
        sites = args.site or [build_real_site(Path(temp) / "site")]
        if args.scale_to:
            sites = [
                scaled_copy(site, args.scale_to, Path(temp) / f"scaled-{i}")
                for i, site in enumerate(sites)
            ]
        playwright = browser = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
        try:
            for site in sites:
                server, base = serve(site) if browser else (None, "")
                for language, root in languages(site).items():
                    figures = sizes(root)
                    for key in ("page_view", "index"):
                        seconds = figures[f"{key}_gzip"] * 8 / LINK_BITS_PER_SECOND
                        figures[f"{key}_gzip_seconds_at_1.6Mbps"] = round(seconds, 2)
                    if browser:
                        figures.update(
                            browser_figures(
                                language, base, browser, args.samples, not args.scale_to
                            )
                        )
                    figures["load_average"] = round(os.getloadavg()[0], 1)
                    print(json.dumps({"site": str(site), "language": language, **figures}))
                if server:
                    server.shutdown()
        finally:
            if browser:
                browser.close()
                playwright.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
