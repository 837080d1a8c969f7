"""Build benchmark (run on demand, never by the tests): wall time, peak memory, page size.

1. The real site: `mkdocs build --strict` wall time and peak RSS of the build process.
2. A generated 1000-page wiki (500 zh + 500 en pages in 20 nav sections, same mkdocs.yml and
   hooks): wall time, peak RSS and the HTML size per page (target: under 60 KB).

Usage: .venv/bin/python bench/bench_build.py [--skip-real] [--pages 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"
TIME = shutil.which("time") or "/usr/bin/time"


def timed_build(config: Path, site: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one strict build in a child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(MKDOCS), "build", "--strict", "-q", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    if Path(TIME).exists():
        result = subprocess.run(
            [TIME, "-f", "%M", *command], capture_output=True, text=True, env=env, check=False
        )
        peak_kib = float(result.stderr.strip().splitlines()[-1])
    else:
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        peak_kib = float("nan")
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stdout}\n{result.stderr}")
    return wall, peak_kib / 1024


def page_sizes(site: Path) -> list[int]:
    pages = [p for p in site.rglob("index.html") if "search" not in p.parts]
    return [p.stat().st_size for p in pages]


def generate_wiki(target: Path, pages: int, sections: int = 20) -> Path:
    """A copy of the site config with ``pages`` generated pages (half per language)."""
    shutil.copytree(REPO / "hooks", target / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(REPO / "snippets", target / "snippets")
    shutil.copytree(REPO / "docs" / "zh" / "assets", target / "docs" / "zh" / "assets")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\nnav:\n  - index.md\n"
    per_section = max(1, pages // 2 // sections)
    for language, intro in (
        ("zh", "这是一个生成的页面，用于测量构建时间。"),
        ("en", "Generated page."),
    ):
        docs = target / "docs" / language
        docs.mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text(f"# Home {language}\n\n{intro}\n", encoding="utf-8")
        for s in range(sections):
            for p in range(per_section):
                page = docs / f"s{s:02d}" / f"p{p:03d}.md"
                page.parent.mkdir(exist_ok=True)
                body = "\n\n".join(
                    f"## Section {k} {{#section-{k}}}\n\n{intro * 8}" for k in range(5)
                )
                page.write_text(f"# Page {s}-{p}\n\n{body}\n", encoding="utf-8")
    nav = []  # like the real site: tabs, then sections, then pages
    for s in range(sections):
        if s % 4 == 0:
            nav.append(f"  - Tab {s // 4}:")
        nav.append(f"      - Section {s}:")
        nav += [f"          - s{s:02d}/p{p:03d}.md" for p in range(per_section)]
    config = re.sub(r"nav_translations:\n(?:\s{12}.*\n)+", "", config)
    (target / "mkdocs.yml").write_text(config + "\n".join(nav) + "\n", encoding="utf-8")
    (target / "manifests" / "crds").mkdir(parents=True)
    return target / "mkdocs.yml"


def report(name: str, wall: float, peak: float, sizes: list[int]) -> None:
    print(
        f"{name:<28} {wall:7.1f} s  {peak:7.0f} MiB  {len(sizes):5d} pages  "
        f"HTML median {statistics.median(sizes) / 1024:5.1f} KB, max {max(sizes) / 1024:5.1f} KB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    print(f"{'build':<28} {'wall':>9}  {'peak RSS':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_real:
            site = Path(tmp) / "real"
            wall, peak = timed_build(REPO / "mkdocs.yml", site)
            report("real site", wall, peak, page_sizes(site))
        config = generate_wiki(Path(tmp) / "wiki", args.pages)
        site = Path(tmp) / "wiki-site"
        wall, peak = timed_build(config, site)
        report(f"generated {args.pages}-page wiki", wall, peak, page_sizes(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
