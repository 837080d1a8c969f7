"""When pages last changed, from one git log (kubenotes.revisions), in real repositories."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from kubenotes.revisions import load_revisions, parse_log, parse_status


def git(folder: Path, *args: str, date: str = "2026-01-02T03:04:05+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        env=env,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    docs = root / "docs"
    docs.mkdir(parents=True)
    git(root, "init", "-q")
    (docs / "a.md").write_text("a\n")
    (docs / "b.md").write_text("b\n")
    (root / "outside.md").write_text("o\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "one", date="2026-01-02T03:04:05+00:00")
    (docs / "b.md").write_text("b2\n")
    git(root, "commit", "-q", "-am", "two", date="2026-03-04T05:06:07+00:00")
    git(root, "mv", "docs/a.md", "docs/renamed.md")
    git(root, "commit", "-q", "-m", "three", date="2026-05-06T07:08:09+00:00")
    return root


def test_dates_of_committed_files(repo: Path) -> None:
    revisions = load_revisions(repo / "docs")
    assert revisions.date_of(repo / "docs" / "b.md") == dt.date(2026, 3, 4)
    assert revisions.date_of(repo / "docs" / "renamed.md") == dt.date(2026, 5, 6)
    assert revisions.date_of(repo / "outside.md") is None  # not below the folder asked for


def test_uncommitted_and_untracked_files_have_no_date(repo: Path) -> None:
    (repo / "docs" / "b.md").write_text("edited\n")
    (repo / "docs" / "new.md").write_text("new\n")
    revisions = load_revisions(repo / "docs")
    assert revisions.date_of(repo / "docs" / "b.md") is None
    assert revisions.date_of(repo / "docs" / "new.md") is None
    assert revisions.date_of(repo / "docs" / "renamed.md") == dt.date(2026, 5, 6)


def test_no_dates_outside_git_or_in_a_shallow_clone(repo: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.md").write_text("a\n")
    assert load_revisions(plain).date_of(plain / "a.md") is None
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
        check=True,
        capture_output=True,
    )
    assert load_revisions(shallow / "docs").dates == {}
    assert load_revisions(tmp_path / "missing").dates == {}


def test_git_failures_give_no_dates(tmp_path: Path) -> None:
    assert load_revisions(tmp_path, git=lambda folder, args: None).dates == {}


def test_parse_log_keeps_the_newest_date() -> None:
    output = "\x012026-05-06\x00\nd/x.md\x00d/y.md\x00\x00\x012026-01-02\x00\nd/x.md\x00d/z.md\x00"
    assert parse_log(output) == {
        "d/x.md": "2026-05-06",
        "d/y.md": "2026-05-06",
        "d/z.md": "2026-01-02",
    }


def test_parse_status_names_both_sides_of_a_rename() -> None:
    assert parse_status(" M d/a.md\x00R  d/new.md\x00d/old.md\x00") == [
        "d/a.md",
        "d/new.md",
        "d/old.md",
    ]


def test_same_dates_as_one_git_log_per_file(repo: Path) -> None:
    (repo / "docs" / "b.md").write_text("edited\n")
    revisions = load_revisions(repo / "docs")
    for name in ("b.md", "renamed.md"):
        page = repo / "docs" / name
        per_file = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", name],
            cwd=page.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        edited = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", name], cwd=page.parent)
        expected = dt.date.fromisoformat(per_file) if edited.returncode == 0 else None
        assert revisions.date_of(page) == expected, name
