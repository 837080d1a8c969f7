"""Check many files in one run, shared among forked worker processes when there are many.

What this returns is, finding for finding, what checking the files one after another in this
process returns. Files are independent except for one thing: the YAML budget of the build
(:func:`kubenotes.k8s.load.build_budget`), which every file draws on in order. So each worker
reports what each of its files cost, and this process charges those costs to the real budget in
file order; from the first file the budget cannot pay for (the build would have run out in it),
the rest is checked here, one after another, as without workers.

Workers are forked (Linux only): they start with everything this process has imported and
loaded, and send their findings back through a pipe with :mod:`marshal` (plain tuples). A
worker that fails has its files checked here instead, so an error shows as it would without
workers.
"""

from __future__ import annotations

import gc
import marshal
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import NoReturn, TypeVar

from kubenotes.findings import Finding
from kubenotes.k8s.check import Checker, affordable

Job = TypeVar("Job")

MIN_FILES_PER_WORKER = 40  # below this a worker costs more (fork, schemas compiled twice)
MAX_WORKERS = 8
# What a file costs beyond its bytes, in bytes: on the kubernetes/examples corpus a file took
# about 240 us plus 0.034 us per byte. Splitting by bytes alone gave the process with the many
# small files 137 of 243 files and a quarter more time than the other.
FILE_COST = 6000
_FIELDS = tuple(f.name for f in fields(Finding))


def can_fork() -> bool:
    """Forked workers are used on Linux only (macOS forbids fork after some libraries start
    threads; Windows has no fork)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, e.g. in a container), not the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(files: int, requested: int | None = None, cpus: int | None = None) -> int:
    """How many processes share ``files`` files: ``requested`` if given (1 = no workers), else
    one per available CPU while each gets at least :data:`MIN_FILES_PER_WORKER` files."""
    if not can_fork():
        return 1
    if requested is not None:
        return max(1, min(requested, files, MAX_WORKERS))
    cpus = available_cpus() if cpus is None else cpus
    return max(1, min(cpus, files // MIN_FILES_PER_WORKER, MAX_WORKERS))


def shares(sizes: Sequence[int], count: int) -> list[range]:
    """At most ``count`` consecutive ranges of indexes, none empty, each about the same cost:
    a file costs its size in bytes plus :data:`FILE_COST` (reading, naming and setting up a
    file weighs as much as parsing and validating that many bytes)."""
    count = max(1, min(count, len(sizes)))
    weights = [size + FILE_COST for size in sizes]
    total = sum(weights)
    found, start, running = [], 0, 0
    for index, weight in enumerate(weights):
        running += weight
        cut = len(found) + 1  # the cut this would be
        if cut < count and running * count >= total * cut and len(sizes) - index > count - cut:
            found.append(range(start, index + 1))
            start = index + 1
    found.append(range(start, len(sizes)))
    return found


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def check_all(
    checker: Checker,
    jobs: Sequence[Job],
    check_one: Callable[[Job], list[Finding]],
    sizes: Sequence[int],
    workers: int,
) -> list[Finding]:
    """The findings of every job, in job order: ``check_one(job)`` for each, with ``checker``'s
    build budget charged as if they ran here one after another (see the module docstring)."""
    groups = shares(sizes, workers) if workers > 1 and len(jobs) > 1 else [range(len(jobs))]
    started: list[tuple[int, int, range]] = []
    findings: list[Finding] = []
    try:
        for group in groups[1:]:
            started.append(_fork(checker, jobs, group, check_one))
        for index in groups[0]:
            findings += check_one(jobs[index])
        alone = False  # from the first job the budget cannot pay for, every job is checked here
        while started:
            pid, pipe, group = started.pop(0)
            results = _collect(pid, pipe, len(group))
            for index, result in zip(group, results or [None] * len(group), strict=True):
                if alone or result is None or not affordable(checker.budget, result[1]):
                    alone = alone or result is not None  # a failed worker: only its own files
                    findings += check_one(jobs[index])
                    continue
                found, cost = result
                for kind, amount in cost.items():
                    checker.budget.charge(kind, amount)
                findings += [Finding(*values) for values in found]
    finally:
        for pid, pipe, _ in started:  # only when interrupted: stop the workers not collected
            os.close(pipe)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return findings


def _fork(
    checker: Checker, jobs: Sequence[Job], group: range, check_one: Callable[[Job], list[Finding]]
) -> tuple[int, int, range]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        os.close(read)
        _work(write, checker, [jobs[index] for index in group], check_one)
    os.close(write)
    return pid, read, group


def _work(
    pipe: int, checker: Checker, jobs: list[Job], check_one: Callable[[Job], list[Finding]]
) -> NoReturn:
    code = 1
    gc.freeze()  # what was inherited stays shared: the collector would write to every object
    try:
        results = []
        for job in jobs:
            before = dict(checker.budget.left)
            found = check_one(job)
            cost = {kind: before[kind] - left for kind, left in checker.budget.left.items()}
            results.append(([tuple(getattr(f, name) for name in _FIELDS) for f in found], cost))
        with os.fdopen(pipe, "wb") as stream:
            stream.write(marshal.dumps(results))
        code = 0
    finally:  # whatever happened (even KeyboardInterrupt), never run the parent's code
        os._exit(code)


def _collect(pid: int, pipe: int, expected: int) -> list | None:
    """A worker's results, or None when it failed (its files are then checked here)."""
    try:
        with os.fdopen(pipe, "rb") as stream:
            data = stream.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        results = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return results if isinstance(results, list) and len(results) == expected else None
