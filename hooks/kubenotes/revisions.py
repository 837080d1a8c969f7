"""When each page last changed, from a single ``git log`` over the whole docs folder.

One process for the whole site, however many pages it has (a per-page ``git log`` costs
about 6 ms each: 12 s for a 2000-page bilingual wiki). A date is given only when history
is reliable: not outside a repository, not in a shallow clone (its boundary commit would
look like the last change of every file), and not for a file with uncommitted changes or
one git does not track (the date of the published version is not known yet).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Runner = Callable[[Path, list[str]], str | None]


def run_git(folder: Path, args: list[str]) -> str | None:
    """``git args`` in ``folder``: its output, or None when git fails or is missing."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


@dataclass(frozen=True)
class Revisions:
    """The last commit date (``YYYY-MM-DD``) of each committed, unmodified file."""

    top: Path | None = None
    dates: dict[str, str] = field(default_factory=dict)

    def date_of(self, path: Path) -> dt.date | None:
        if self.top is None:
            return None
        try:
            relative = path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None
        day = self.dates.get(relative)
        return dt.date.fromisoformat(day) if day else None


def load_revisions(folder: Path, git: Runner = run_git) -> Revisions:
    """Dates of every file below ``folder`` from its repository's history (empty if none)."""
    if not folder.is_dir():
        return Revisions()
    top = git(folder, ["rev-parse", "--show-toplevel"])
    shallow = git(folder, ["rev-parse", "--is-shallow-repository"])
    if not top or shallow is None or shallow.strip() != "false":
        return Revisions()
    log = git(folder, ["log", "--format=%x01%cs", "--name-only", "-z", "--", "."])
    changed = git(folder, ["status", "--porcelain", "-z", "--untracked-files=no", "--", "."])
    if log is None or changed is None:
        return Revisions()
    dates = parse_log(log)
    for name in parse_status(changed):
        dates.pop(name, None)
    return Revisions(Path(top.strip()).resolve(), dates)


def parse_log(output: str) -> dict[str, str]:
    """``git log --format=%x01%cs --name-only -z``: newest first, so a file's first date wins."""
    dates: dict[str, str] = {}
    for record in output.split("\x01")[1:]:
        day, _, names = record.partition("\x00")
        for name in names.split("\x00"):
            name = name.strip("\n")
            if name and name not in dates:
                dates[name] = day.strip()
    return dates


def parse_status(output: str) -> list[str]:
    """Paths with uncommitted changes, from ``git status --porcelain -z``."""
    names: list[str] = []
    entries = iter(output.split("\x00"))
    for entry in entries:
        if len(entry) < 4:
            continue
        names.append(entry[3:])
        if entry[0] in "RC":  # a rename or copy is followed by its source path
            names.append(next(entries, ""))
    return names
