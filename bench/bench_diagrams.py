"""Benchmark: render time of every diagram of the site, and the build time the hook adds.

Run on demand::

    .venv/bin/python bench/bench_diagrams.py            # render times only (fast)
    .venv/bin/python bench/bench_diagrams.py --build    # also time two site builds
    .venv/bin/python bench/bench_diagrams.py --limits   # diagrams at the size limits

Targets (issue 4): median under 50 ms per diagram, under 10 % of the build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kubenotes.diagrams import limits
from kubenotes.diagrams.model import DiagramError
from kubenotes.diagrams.render import render_uncached
from kubenotes.markdown import iter_fenced_blocks

REPO = Path(__file__).resolve().parents[1]


def site_diagrams(docs: Path) -> list[tuple[str, int, str, str]]:
    """``(path, line, language, source)`` of every mermaid fence under ``docs``."""
    found = []
    for page in sorted(docs.rglob("*.md")):
        language = page.relative_to(docs).parts[0]
        for block in iter_fenced_blocks(page.read_text(encoding="utf-8")):
            if block.lang == "mermaid":
                found.append(
                    (page.relative_to(REPO).as_posix(), block.start_line, language, block.content)
                )
    return found


def time_renders(diagrams: list[tuple[str, int, str, str]], rounds: int) -> list[float]:
    times = []
    for path, line, language, source in diagrams:
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            try:
                render_uncached(source, language)
            except DiagramError as exc:
                print(f"{path}:{line + exc.line}: error: {exc.message}", file=sys.stderr)
                break
            best = min(best, time.perf_counter() - start)
        if best != float("inf"):
            times.append(best)
    return times


def time_build(config: Path) -> float:
    with tempfile.TemporaryDirectory() as site:
        start = time.perf_counter()
        subprocess.run(
            [
                str(Path(sys.executable).parent / "mkdocs"),
                "build",
                "-q",
                "-f",
                str(config),
                "-d",
                site,
            ],
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            capture_output=True,
            check=False,
        )
        return time.perf_counter() - start


def at_the_limits() -> dict[str, str]:
    """Worst cases the limits allow: a random dense graph, a long labelled chain, a sequence."""
    import random

    rng = random.Random(7)
    nodes, edges = limits.MAX_NODES, limits.MAX_EDGES
    dense = ["flowchart LR"] + [
        f"  n{rng.randrange(nodes)} -->|e{i}| n{rng.randrange(nodes)}" for i in range(edges)
    ]
    dense += [f"  n{i}[node {i}]" for i in range(nodes)]
    chain = ["flowchart TD"] + [f"  c{i} -->|step {i}| c{i + 1}" for i in range(nodes - 1)]
    few = ["flowchart TD"] + [f"  a{i % 8} --> a{(i * 3 + 1) % 8}" for i in range(edges)]
    people = [f"p{i}" for i in range(limits.MAX_PARTICIPANTS)]
    sequence = ["sequenceDiagram"] + [
        f"  {people[i % len(people)]}->>{people[(i * 7 + 1) % len(people)]}: message {i}"
        for i in range(limits.MAX_EVENTS)
    ]
    return {
        f"random {nodes} nodes / {edges} edges": "\n".join(dense),
        f"chain of {nodes - 1} labelled edges": "\n".join(chain),
        f"{edges} edges between 8 nodes": "\n".join(few),
        f"sequence of {limits.MAX_EVENTS} messages": "\n".join(sequence),
    }


def time_limits() -> None:
    for name, source in at_the_limits().items():
        start = time.perf_counter()
        render_uncached(source)
        print(f"{name}: {time.perf_counter() - start:.2f} s")


def config_without_diagrams() -> Path:
    """A copy of mkdocs.yml without the diagrams hook, next to it so relative paths hold."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "hooks/diagrams.py" not in line]
    config = REPO / f".bench-no-diagrams-{os.getpid()}.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="renders per diagram (best kept)")
    parser.add_argument("--build", action="store_true", help="also time the site build")
    parser.add_argument("--build-rounds", type=int, default=2, help="builds of each kind")
    parser.add_argument("--limits", action="store_true", help="time diagrams at the limits")
    args = parser.parse_args()
    if args.limits:
        time_limits()
        return 0
    diagrams = site_diagrams(REPO / "docs")
    times = time_renders(diagrams, args.rounds)
    if not times:
        print("no diagrams found")
        return 1
    ms = sorted(t * 1000 for t in times)
    print(f"diagrams: {len(ms)}")
    print(
        f"render median: {statistics.median(ms):.1f} ms   max: {ms[-1]:.1f} ms   "
        f"total: {sum(ms):.0f} ms (target: median < 50 ms)"
    )
    if args.build:
        config = config_without_diagrams()
        try:
            builds = {"with": [], "without": []}
            for _ in range(args.build_rounds):  # alternate, keep the fastest of each
                builds["without"].append(time_build(config))
                builds["with"].append(time_build(REPO / "mkdocs.yml"))
        finally:
            config.unlink()
        with_hook, without = min(builds["with"]), min(builds["without"])
        added = with_hook - without
        print(
            f"build with diagrams: {with_hook:.1f} s   without: {without:.1f} s   "
            f"added: {added:.1f} s ({100 * added / with_hook:.0f} %, target < 10 %)"
        )
        print(
            f"rendering all diagrams once: {sum(ms) / 1000:.2f} s = "
            f"{100 * sum(ms) / 1000 / with_hook:.1f} % of the build"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
