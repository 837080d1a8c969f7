"""Team-wiki scale benchmark (``make bench``): full build growth, page size, preview latency.

In one run, on copies of the project made by ``bench/wiki.py`` (one tab of 20 sections):

1. ``make build``'s command (``mkdocs build --strict --clean``) at +0, +250 and +1000 generated
   pages: wall time, peak RSS, and the growth ratio (+1000 over +250; linear would be 4x);
2. the largest and median HTML page size, and the pages over 60 KiB (the target: none), at
   +1000 in both navigation shapes (``bench/page_weight.py SITE`` shows what a page carries);
3. ``make serve``'s preview (tools/preview.py) at +1000: edit→visible latency, the time from
   saving a page to the served page containing the edit, for a zh page, an en page and a
   generated page (several edits each), plus an added page.

The machine may be shared: the load average is printed; compare ratios within one run.

Usage: .venv/bin/python bench/bench_scale.py [--pages 0,250,1000] [--edits 3] [--skip-serve]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wiki import generate

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TIME = "/usr/bin/time"
EDITED = {
    "zh page": ("docs/zh/lifecycle/termination.md", "lifecycle/termination/"),
    "en page": ("docs/en/lifecycle/termination.md", "en/lifecycle/termination/"),
    "generated page": ("docs/zh/wiki/s07/p012.md", "wiki/s07/p012/"),
}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed_build(config: Path, site: Path, parallel: bool = True) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, of the largest process: with the languages built in
    parallel, two processes of about that size run at once) of ``make build``'s command.
    ``parallel=False`` builds the languages one after the other, as before hooks/languages.py."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KUBENOTES_PARALLEL_LANGUAGES": "1"}
    if not parallel:
        env["KUBENOTES_PARALLEL_LANGUAGES"] = "0"
    command = [str(BIN / "mkdocs"), "build", "--strict", "--clean", "-q", "-f", str(config)]
    command += ["-d", str(site)]
    if Path(TIME).exists():
        command = [TIME, "-f", "peak-kib %M", *command]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stdout}\n{result.stderr[-4000:]}")
    peaks = [line for line in result.stderr.splitlines() if line.startswith("peak-kib ")]
    return wall, (float(peaks[-1].split()[1]) / 1024 if peaks else float("nan"))


def page_sizes(site: Path) -> dict[str, int]:
    """Size of every HTML page by its path in the site."""
    return {
        p.relative_to(site).as_posix(): p.stat().st_size
        for p in site.rglob("*.html")
        if p.name == "index.html" and "search" not in p.parts
    }


PAGE_LIMIT = 60 * 1024


def size_columns(sizes: dict[str, int]) -> str:
    """Median, largest generated page, pages over 60 KiB and largest page overall (named)."""
    generated = [n for p, n in sizes.items() if p.startswith(("wiki/", "en/wiki/"))]
    largest = max(sizes, key=sizes.__getitem__)
    wiki = f"{max(generated) / 1024:6.1f}KB" if generated else f"{'-':>8}"
    over = sum(1 for n in sizes.values() if n > PAGE_LIMIT)
    return (
        f"{statistics.median(sizes.values()) / 1024:6.1f}KB {wiki} {over:5d} "
        f"{sizes[largest] / 1024:6.1f}KB {largest.removesuffix('/index.html')}"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, timeout: float) -> float | None:
    """Seconds until ``url`` serves ``text`` (polling every 20 ms), None after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def serve_latency(project: Path, config: Path, edits: int) -> dict[str, list[float]]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (project / "preview.log").open("w")
    command = [sys.executable, str(REPO / "tools" / "preview.py"), "-f", str(config)]
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    results: dict[str, list[float]] = {}
    try:
        start = time.perf_counter()
        if wait_for(base, "</html>", 600) is None:
            raise SystemExit(f"preview did not start; see {project / 'preview.log'}")
        print(f"  preview ready after {time.perf_counter() - start:.1f} s (first full build)")
        for name, (source, url) in EDITED.items():
            path = project / source
            for _ in range(edits):
                marker = f"bench-{uuid.uuid4().hex[:12]}"
                with path.open("a", encoding="utf-8") as handle:
                    handle.write(f"\n\n{marker}\n")
                seconds = wait_for(base + url, marker, 120)
                results.setdefault(name, []).append(float("inf") if seconds is None else seconds)
                time.sleep(1.0)
        added = project / "docs" / "zh" / "wiki" / "s03" / "added.md"
        marker = f"bench-{uuid.uuid4().hex[:12]}"
        added.write_text(f"# Added\n\n{marker}\n", encoding="utf-8")
        seconds = wait_for(base + "wiki/s03/added/", marker, 120)
        results["added page"] = [float("inf") if seconds is None else seconds]
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="0,250,1000")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args()
    counts = [int(x) for x in args.pages.split(",")]
    print(f"load average at start: {load()} on {os.cpu_count()} CPUs")
    walls: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="kubenotes-bench-") as tmp:
        root = Path(tmp)
        print(f"{'full strict build':<30} {'wall':>8} {'peak RSS':>10} {'pages':>6} "
              f"{'median':>8} {'max wiki':>8} {'>60K':>5} {'largest page':>8}")  # fmt: skip
        for count in counts:
            config = generate(root / f"wiki-{count}", count, "tab")
            site = root / f"site-{count}"
            wall, peak = timed_build(config, site)
            walls[count] = wall
            sizes = page_sizes(site)
            print(
                f"{f'+{count} pages (one tab)':<30} {wall:7.1f}s {peak:8.0f}MiB {len(sizes):6d} "
                f"{size_columns(sizes)}",
                flush=True,
            )
            shutil.rmtree(site)
        biggest = max(counts)
        site = root / "site-sequential"
        wall, peak = timed_build(root / f"wiki-{biggest}" / "mkdocs.scale.yml", site, False)
        print(
            f"{f'+{biggest}, languages in turn':<30} {wall:7.1f}s {peak:8.0f}MiB "
            f"(parallel languages: {wall / walls[biggest]:.2f}x faster)",
            flush=True,
        )
        shutil.rmtree(site)
        if 250 in walls and 1000 in walls:
            print(f"growth: +1000 pages cost {walls[1000] / walls[250]:.2f}x the +250 build "
                  f"(target <= 4.5x); load now {load()}")  # fmt: skip
        config = generate(root / "sections", biggest, "sections")
        site = root / "site-sections"
        wall, peak = timed_build(config, site)
        sizes = page_sizes(site)
        print(
            f"{f'+{biggest} pages (small sections)':<30} {wall:7.1f}s {peak:8.0f}MiB "
            f"{len(sizes):6d} {size_columns(sizes)}",
            flush=True,
        )
        if not args.skip_serve:
            print(f"preview at +{biggest} pages (edit -> visible), load {load()}")
            project = root / f"wiki-{biggest}"
            results = serve_latency(project, project / "mkdocs.scale.yml", args.edits)
            everything = [x for values in results.values() for x in values]
            for name, values in results.items():
                shown = ", ".join(f"{x:.2f}" for x in values)
                print(f"  {name:<16} median {statistics.median(values):5.2f} s  ({shown})")
            print(f"  all edits        median {statistics.median(everything):5.2f} s; "
                  f"load now {load()}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
