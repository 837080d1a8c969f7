"""Benchmark (run on demand, never in tests): `kubenotes validate` against the
`kubernetes-validate` CLI on the kubernetes/examples corpus, and the site build time with and
without the k8s_examples hook.

    .venv/bin/python bench/bench_validate.py [--runs 3] [--no-site]

Both validators run as one command over all files (end to end: interpreter start, schema
loading, parsing, validation, output), strict mode, Kubernetes 1.34. Prints small tables.

The headline is the cold figure: `kubenotes validate` with an empty cache folder
(KUBENOTES_CACHE_DIR, a new one for every run), as on a first run; its default workers (one
per available CPU) and --jobs 1 are both shown. "Warm cache" reuses the derived schemas
(bundled definitions, CRD schemas) an earlier run stored; every file is still parsed and
validated. Then where the time of a cold run goes (interpreter start, imports, the rest).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kubenotes.k8s import batch
from kubenotes.k8s.load import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "kubernetes-examples"
BIN = Path(sys.executable).parent


def best_of(
    runs: int,
    command: list[str],
    extra_env: dict[str, str] | Callable[[], dict[str, str]] | None = None,
) -> float:
    """The fastest wall-clock time of ``runs`` runs (the least disturbed by the machine).
    ``extra_env``: environment variables, or a function giving them anew for each run."""
    times = []
    for _ in range(runs):
        extra = extra_env() if callable(extra_env) else extra_env
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def cpu_best_of(
    runs: int, command: list[str], extra_env: Callable[[], dict[str, str]] | None = None
) -> float:
    """The least CPU time (user + system, workers included) of ``runs`` runs: unlike
    wall-clock time, hardly changed by other processes competing for the machine."""
    found = []
    for _ in range(runs):
        env = {**os.environ, **(extra_env() if extra_env else {})}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        found.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(found)


_CACHES = Path(tempfile.mkdtemp(prefix="kubenotes-bench-cache-"))


def empty_cache() -> dict[str, str]:
    """A new, empty cache folder: a cold run, as the first run on a machine."""
    return {"KUBENOTES_CACHE_DIR": tempfile.mkdtemp(dir=_CACHES)}


def corpus_files() -> tuple[list[str], int]:
    """Corpus files that kubernetes-validate can read: it stops at the first file whose YAML
    does not load (the unrendered templates), so those few are left out for both tools."""
    files, documents = [], 0
    for path in sorted(p for p in CORPUS.iterdir() if p.suffix in (".yaml", ".yml")):
        parsed = parse_yaml(path.read_text("utf-8"), str(path))
        if any(f.rule == "yaml-syntax" for f in parsed.findings):
            continue
        files.append(str(path))
        documents += len(parsed.documents)
    return files, documents


def in_process(files: list[str]) -> tuple[float, float, int]:
    """Per-document validation time inside one warm process (what the mkdocs hook sees)."""
    import kubernetes_validate
    import yaml
    from kubenotes.k8s.check import Checker

    texts = [Path(f).read_text("utf-8") for f in files]
    docs = [d for t in texts for d in yaml.safe_load_all(t) if isinstance(d, dict)]
    checker = Checker("1.34")
    for index, text in enumerate(texts):  # warm-up: compile the schemas once
        checker.check_text(text, str(index))
    start = time.perf_counter()
    for index, text in enumerate(texts):
        checker.check_text(text + "\n", str(index))  # new content: no result cache hit
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for doc in docs:
        with contextlib.suppress(Exception):
            kubernetes_validate.validate(doc, "1.34.0", strict=True)
    theirs = time.perf_counter() - start
    return ours, theirs, len(docs)


def bench_validators(runs: int) -> None:
    files, documents = corpus_files()
    # An installed package has its bytecode; with PYTHONDONTWRITEBYTECODE set, an edited
    # checkout would otherwise recompile every changed module on every run.
    compileall.compile_dir(ROOT / "hooks" / "kubenotes", quiet=1)
    ours_command = [
        str(BIN / "kubenotes"),
        "validate",
        "--kubernetes-version",
        "1.34",
        "--format",
        "json",
        *files,
    ]
    theirs_command = [
        str(BIN / "kubernetes-validate"),
        "--strict",
        "--quiet",
        "-k",
        "1.34.0",
        *files,
    ]
    ours_runs = runs * 3  # a fraction of a second each: more runs, a steadier best
    warm_dir = {"KUBENOTES_CACHE_DIR": tempfile.mkdtemp(dir=_CACHES)}
    best_of(1, ours_command, warm_dir)  # fills it
    rows = interleaved(
        ours_runs,
        [
            ("kubenotes validate, cold cache", ours_command, empty_cache),
            ("  the same, --jobs 1", [*ours_command, "--jobs", "1"], empty_cache),
            ("  the same, warm cache", ours_command, lambda: warm_dir),
        ],
    )
    rows.append(("kubernetes-validate CLI", best_of(runs, theirs_command)))
    theirs = rows[-1][1]
    print(f"kubernetes/examples: {len(files)} files, {documents} documents; ", end="")
    print(f"{batch.available_cpus()} CPUs available, default workers: ", end="")
    print(batch.worker_count(len(files)))
    print(f"{'end to end (one command, best of)':<34}{'total s':>10}{'ms/doc':>10}{'vs CLI':>9}")
    for name, seconds in rows:
        ratio = f"{theirs / seconds:.1f}x" if seconds != theirs else ""
        print(f"{name:<34}{seconds:>10.3f}{seconds / documents * 1000:>10.2f}{ratio:>9}")
    print(
        f"speed-up per document, end to end, cold cache: {theirs / rows[0][1]:.1f}x "
        f"(--jobs 1: {theirs / rows[1][1]:.1f}x; warm cache, schemas only: "
        f"{theirs / rows[2][1]:.1f}x)"
    )
    ours_cpu = cpu_best_of(ours_runs, ours_command, empty_cache)
    theirs_cpu = cpu_best_of(runs, theirs_command)
    print(
        f"CPU time, end to end, cold cache: {ours_cpu:.3f} s against {theirs_cpu:.2f} s "
        f"({theirs_cpu / ours_cpu:.1f}x less; workers included)"
    )
    breakdown(ours_runs, ours_command)
    warm_ours, warm_theirs, count = in_process(files)
    print(f"{'in one warm process':<34}{'total s':>10}{'ms/doc':>10}")
    print(f"{'kubenotes Checker':<34}{warm_ours:>10.3f}{warm_ours / documents * 1000:>10.3f}")
    print(
        f"{'kubernetes_validate.validate()':<34}{warm_theirs:>10.3f}"
        f"{warm_theirs / count * 1000:>10.3f}"
    )
    print(f"speed-up per document, warm: {(warm_theirs / count) / (warm_ours / documents):.1f}x")


def interleaved(
    runs: int, variants: list[tuple[str, list[str], Callable[[], dict[str, str]]]]
) -> list[tuple[str, float]]:
    """The best time of each variant, run in turn (a busy spell slows them all alike)."""
    best = [float("inf")] * len(variants)
    for _ in range(runs):
        for index, (_, command, extra_env) in enumerate(variants):
            best[index] = min(best[index], best_of(1, command, extra_env))
    return [(name, seconds) for (name, _, _), seconds in zip(variants, best, strict=True)]


def breakdown(runs: int, command: list[str]) -> None:
    """Where a cold run's time goes: what any Python program pays to start, the imports, and
    the work (reading the schemas, parsing, validating, output) with and without workers."""
    python = str(BIN / "python")
    no_env: Callable[[], dict[str, str]] = dict
    found = dict(
        interleaved(
            runs,
            [
                ("start", [python, "-c", "pass"], no_env),
                (
                    "third",
                    [python, "-c", "import yaml, jsonschema_rs, dataclasses, argparse"],
                    no_env,
                ),
                ("ours", [python, "-c", "import kubenotes.cli, kubenotes.k8s.command"], no_env),
                ("whole", [*command, "--jobs", "1"], empty_cache),
                ("shared", command, empty_cache),
            ],
        )
    )
    start, third, ours = found["start"], found["third"], found["ours"]
    whole, shared = found["whole"], found["shared"]
    print(f"{'where a cold run goes (best of)':<34}{'s':>10}")
    for name, seconds in (
        ("interpreter start (python -c pass)", start),
        ("+ yaml, jsonschema_rs, dataclasses", third - start),
        ("+ the rest of the imports", ours - third),
        ("+ the work, one process", whole - ours),
        ("+ the work, default workers", shared - ours),
    ):
        print(f"{name:<34}{seconds:>10.3f}")


_TIMED_BUILD = """
import sys, tempfile, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config(sys.argv[1], site_dir=tempfile.mkdtemp())
hook = config.plugins["hooks/k8s_examples.py"]
spent = [0.0]

def timed(function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start
    return wrapper

for handlers in config.plugins.events.values():
    for index, handler in enumerate(handlers):
        if getattr(handler, "__module__", None) == hook.__name__:
            handlers[index] = timed(handler)
start = time.perf_counter()
build(config)
print(time.perf_counter() - start, spent[0])
"""


def hook_share(runs: int) -> tuple[float, float]:
    """(build seconds, seconds inside the hook) measured within one build process: immune to
    the noise of other processes that makes wall-clock A/B comparisons unreliable."""
    best: tuple[float, float] | None = None
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", _TIMED_BUILD, str(ROOT / "mkdocs.yml")],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            check=False,
        )
        total, spent = (float(x) for x in result.stdout.split()[-2:])
        if best is None or total < best[0]:
            best = (total, spent)
    assert best is not None
    return best


def bench_site(runs: int) -> None:
    """The real site built with validation and without it. "Without" keeps the hook but sets
    KUBENOTES_K8S_VALIDATE=0: removing the hook altogether would leave `yaml k8s=PodSpec`
    fence headers that superfences does not recognise, a different (broken) build."""
    config = ROOT / "mkdocs.yml"
    out = Path(tempfile.mkdtemp(prefix="kubenotes-bench-"))
    build = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d"]
    try:
        with_hook, no_hook = [], []
        for _ in range(runs):  # interleaved, so that a busy machine disturbs both alike
            with_hook.append(best_of(1, [*build, str(out / "a")]))
            no_hook.append(best_of(1, [*build, str(out / "b")], {"KUBENOTES_K8S_VALIDATE": "0"}))
        work = best_of(runs, [str(BIN / "kubenotes"), "validate", "docs", "manifests"])
    finally:
        shutil.rmtree(out, ignore_errors=True)
    best_with, best_without = min(with_hook), min(no_hook)
    print(f"{'site build (best of ' + str(runs) + ')':<34}{'total s':>10}")
    print(f"{'with validation':<34}{best_with:>10.2f}")
    print(f"{'without (KUBENOTES_K8S_VALIDATE=0)':<34}{best_without:>10.2f}")
    print(
        f"validation overhead, wall clock: {(best_with - best_without) / best_without * 100:+.1f}%"
    )
    print(
        f"{'the same checks, cold CLI':<34}{work:>10.2f}  "
        f"({work / best_without * 100:.1f}% of the build without validation)"
    )
    total, spent = hook_share(runs)
    print(
        f"{'time inside the hook, one build':<34}{spent:>10.2f}  "
        f"({spent / (total - spent) * 100:.1f}% added to a {total - spent:.2f} s build)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-site", action="store_true", help="skip the site build benchmark")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    bench_validators(args.runs)
    if not args.no_site:
        bench_site(args.runs)
    shutil.rmtree(_CACHES, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
