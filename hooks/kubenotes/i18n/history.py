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
