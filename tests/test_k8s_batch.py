"""Many files in forked workers: the same findings, in the same order, as one process gives,
the build's YAML budget included (kubenotes.k8s.batch)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from kubenotes.cli import main
from kubenotes.findings import Finding
from kubenotes.k8s import batch, load
from kubenotes.k8s.check import Checker

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kubernetes-examples"
REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not batch.can_fork(), reason="workers are forked (Linux)")


@pytest.mark.parametrize(
    ("files", "requested", "cpus", "expected"),
    [
        (243, None, 2, 2),
        (243, None, 16, 6),  # at least 40 files each
        (243, None, 1, 1),
        (39, None, 8, 1),  # pre-commit with a few files: no worker
        (1000, None, 64, 8),  # never more than 8
        (243, 1, 8, 1),  # --jobs 1: none
        (243, 3, 1, 3),  # --jobs is obeyed, whatever the CPUs
        (2, 5, 8, 2),  # never more processes than files
    ],
)
def test_worker_count(files: int, requested: int | None, cpus: int, expected: int) -> None:
    assert batch.worker_count(files, requested, cpus) == expected


@pytest.mark.parametrize(
    ("sizes", "count", "expected"),
    [
        ([1] * 10, 3, [(0, 4), (4, 7), (7, 10)]),
        ([30_000, 1, 1, 1], 2, [(0, 1), (1, 4)]),  # one large file weighs as much as three
        ([100, 1, 1, 1], 2, [(0, 2), (2, 4)]),  # small files: what counts is how many
        ([5], 3, [(0, 1)]),
        ([], 2, [(0, 0)]),
        ([0, 0, 0, 0], 2, [(0, 2), (2, 4)]),
    ],
)
def test_shares_are_consecutive_and_about_the_same_size(
    sizes: list[int], count: int, expected: list[tuple[int, int]]
) -> None:
    assert [(r.start, r.stop) for r in batch.shares(sizes, count)] == expected


def _corpus_args() -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found: {CORPUS}")
    return ["validate", "--kubernetes-version", "1.34", "--format", "json", str(CORPUS)]


@pytest.mark.parametrize("jobs", ["2", "3", "5"])
def test_the_corpus_gives_the_same_output_with_workers(
    jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*_corpus_args(), "--jobs", "1"])
    alone = capsys.readouterr()
    assert main([*_corpus_args(), "--jobs", jobs]) == code == 1
    shared = capsys.readouterr()
    assert (shared.out, shared.err) == (alone.out, alone.err)
    assert alone.out.count('"rule"') > 40


def _files(tmp_path: Path, count: int) -> list[Path]:
    files = []
    for index in range(count):
        file = tmp_path / f"m{index:02}.yaml"
        items = ", ".join(f"x{i}" for i in range(index % 7 + 3))
        file.write_text(
            f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{index}}}\n"
            f"data: {{k: v}}\nlist: [{items}]\n",
            encoding="utf-8",
        )
        files.append(file)
    return files


def _run(files: list[Path], workers: int, check=None) -> tuple[list[Finding], dict[str, int]]:
    checker = Checker("1.34")

    def check_one(file: Path) -> list[Finding]:
        return (check or checker.check_yaml_file)(file, file.name, file.parent)

    sizes = [file.stat().st_size for file in files]
    return batch.check_all(checker, files, check_one, sizes, workers), dict(checker.budget.left)


@pytest.mark.parametrize("workers", [2, 3, 4])
def test_the_build_budget_runs_out_at_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # 30 files of 11 to 17 values (98 for 7 files): a build may hold 300, so it runs out in
    # the 22nd file; workers, each with a whole budget, would not run out at all.
    monkeypatch.setattr(load, "BUILD_LIMITS", (300, 10, 10**6))
    files = _files(tmp_path, 30)
    alone, left = _run(files, 1)
    limits = [f for f in alone if f.rule == load.LIMIT_RULE]
    assert [f.path for f in limits][:1] == ["m21.yaml"]
    assert "in one build" in limits[0].message
    assert _run(files, workers) == (alone, left)


def test_files_within_the_budget_are_not_checked_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path, 12)
    here: list[str] = []
    parent = os.getpid()
    checker = Checker("1.34")

    def check_one(file: Path) -> list[Finding]:
        if os.getpid() == parent:
            here.append(file.name)
        return checker.check_yaml_file(file, file.name, file.parent)

    sizes = [file.stat().st_size for file in files]
    batch.check_all(checker, files, check_one, sizes, 3)
    assert here == [f.name for f in files[: len(batch.shares(sizes, 3)[0])]]


def test_a_worker_that_dies_has_its_files_checked_here(tmp_path: Path) -> None:
    files = _files(tmp_path, 12)
    parent = os.getpid()
    expected = _run(files, 1)

    def dying(file: Path, shown: str, root: Path) -> list[Finding]:
        if os.getpid() != parent and file.name == "m09.yaml":
            os.kill(os.getpid(), signal.SIGKILL)
        return checker.check_yaml_file(file, shown, root)

    checker = Checker("1.34")
    sizes = [file.stat().st_size for file in files]

    def check_one(file: Path) -> list[Finding]:
        return dying(file, file.name, file.parent)

    found = batch.check_all(checker, files, check_one, sizes, 3)
    assert (found, dict(checker.budget.left)) == expected


def test_an_error_in_a_worker_is_raised_here(tmp_path: Path) -> None:
    files = _files(tmp_path, 12)

    def broken(file: Path, shown: str, root: Path) -> list[Finding]:
        if file.name == "m10.yaml":
            raise ValueError("a bug")
        return []

    with pytest.raises(ValueError, match="a bug"):
        _run(files, 3, broken)
