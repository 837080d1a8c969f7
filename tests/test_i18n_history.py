"""The date a Chinese page last changed comes from git only when the history is reliable."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from kubenotes.i18n.history import FolderHistory, last_change_date


def git(folder: Path, *args: str, date: str = "2026-11-20T10:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "docs" / "zh").mkdir(parents=True)
    git(root, "init", "-q")
    for name, date in (("a.md", "2026-11-01T10:00:00"), ("b.md", "2026-11-20T10:00:00")):
        (root / "docs" / "zh" / name).write_text(f"# {name}\n", encoding="utf-8")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", name, date=date)
    return root


def test_date_of_the_last_commit_that_changed_the_file(repo: Path):
    assert last_change_date(repo / "docs" / "zh" / "a.md") == "2026-11-01"
    assert last_change_date(repo / "docs" / "zh" / "b.md") == "2026-11-20"


def test_unknown_when_edited_untracked_shallow_or_outside_git(repo: Path, tmp_path: Path):
    page = repo / "docs" / "zh" / "a.md"
    page.write_text("# a, edited\n", encoding="utf-8")
    assert last_change_date(page) == ""
    (repo / "docs" / "zh" / "new.md").write_text("# new\n", encoding="utf-8")
    assert last_change_date(repo / "docs" / "zh" / "new.md") == ""
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
        check=True,
        capture_output=True,
    )
    assert last_change_date(shallow / "docs" / "zh" / "b.md") == ""
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "c.md").write_text("# c\n", encoding="utf-8")
    assert last_change_date(plain / "c.md") == ""
    assert last_change_date(tmp_path / "missing" / "d.md") == ""


def test_folder_history_gives_the_same_dates_as_one_call_per_file(repo: Path, tmp_path: Path):
    docs = repo / "docs"
    (docs / "zh" / "b.md").write_text("# b, edited\n", encoding="utf-8")
    (docs / "zh" / "new.md").write_text("# new\n", encoding="utf-8")
    history = FolderHistory(docs)
    for name in ("a.md", "b.md", "new.md", "missing.md"):
        page = docs / "zh" / name
        assert history.last_change_date(page) == last_change_date(page), name
    assert history.last_change_date(docs / "zh" / "a.md") == "2026-11-01"
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
        check=True,
        capture_output=True,
    )
    assert FolderHistory(shallow / "docs").last_change_date(shallow / "docs/zh/a.md") == ""
    assert FolderHistory(tmp_path / "nowhere").last_change_date(tmp_path / "x.md") == ""
