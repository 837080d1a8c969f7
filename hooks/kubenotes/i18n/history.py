"""When a Chinese source page last changed, from git history when the checkout has it.

The outdated banner can then say *when* the original changed. Without reliable history the
date is unknown and the banner says only that the page changed: no git, no repository, a
shallow clone (its single commit says nothing about when this file changed), an untracked
file, or uncommitted edits (e.g. while previewing with ``mkdocs serve``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def last_change_date(path: Path) -> str:
    """``YYYY-MM-DD`` of the last commit that changed ``path``, or ``""`` when unknown."""
    folder, name = path.parent, path.name
    if not folder.is_dir():
        return ""
    shallow = _git(folder, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.returncode != 0 or shallow.stdout.strip() != "false":
        return ""
    edited = _git(folder, "diff", "--quiet", "HEAD", "--", name)
    if edited is None or edited.returncode != 0:
        return ""
    log = _git(folder, "log", "-1", "--format=%cs", "--", name)
    return log.stdout.strip() if log is not None and log.returncode == 0 else ""


class FolderHistory:
    """:func:`last_change_date` for every file below ``folder``, from three git calls in all.

    A build asks for the date of each outdated page; calling git three times per page cost
    1,500 processes in a 1000-page wiki. This reads, once and only when first asked: whether
    the clone is shallow, which files differ from HEAD, and one ``git log --name-only`` of the
    folder (newest first, so a file's first appearance is its last change). Create one per
    build: it does not notice commits made after its first answer.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._dates: dict[Path, str] | None = None

    def last_change_date(self, path: Path) -> str:
        if self._dates is None:
            self._dates = self._read()
        return self._dates.get(path.resolve(), "")

    def _read(self) -> dict[Path, str]:
        if not self.folder.is_dir():
            return {}
        head = _git(self.folder, "rev-parse", "--is-shallow-repository", "--show-toplevel")
        lines = head.stdout.split("\n") if head is not None and head.returncode == 0 else []
        if len(lines) < 2 or lines[0].strip() != "false":
            return {}
        top = Path(lines[1].strip())
        quiet = ("-c", "core.quotePath=false")
        edited = _git(self.folder, *quiet, "diff", "--name-only", "HEAD", "--", ".")
        log = _git(self.folder, *quiet, "log", "--format=\x01%cs", "--name-only", "--", ".")
        if edited is None or edited.returncode != 0 or log is None or log.returncode != 0:
            return {}
        dates: dict[Path, str] = {}
        date = ""
        for line in log.stdout.splitlines():
            if line.startswith("\x01"):
                date = line[1:].strip()
            elif line:
                dates.setdefault((top / line).resolve(), date)
        for line in edited.stdout.splitlines():
            if line:
                dates.pop((top / line).resolve(), None)
        return dates
