"""Check every ``--8<--`` include of a page before pymdownx.snippets reads it.

pymdownx.snippets (13.1) keeps includes under its base folders by comparing path strings
(``restrict_base_path``) but follows symlinks, reads devices and FIFOs, and has no size cap: a
committed ``snippets/env.txt -> /proc/self/environ`` would publish the build's environment.
This module finds the includes the way pymdownx does (same line syntax, nested includes of the
included files too) and checks each target with :mod:`kubenotes.safe_files`. An include that
fails is a finding at its line and is blanked out of the page, so pymdownx never opens it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from kubenotes.findings import Finding
from kubenotes.safe_files import UnsafeFile, check_target, read_text

RULE = "unsafe-include"
MAX_NESTING = 8  # includes of includes
MAX_INCLUDES = 500  # include lines checked for one page, nested ones counted

# pymdownx.snippets.SnippetPreprocessor.RE_ALL_SNIPPETS and RE_SNIPPET_FILE (13.1)
_ALL = re.compile(
    r"^(?P<space>[ \t]*)(?P<escape>;*)(?P<all>"
    r"(?P<inline_marker>-{1,}8<-{1,}[ \t]+)"
    r"(?P<snippet>(?:\"(?:\\\"|[^\"\n\r])+?\"|'(?:\\'|[^'\n\r])+?'))(?![ \t])"
    r"|(?P<block_marker>-{1,}8<-{1,})(?![ \t]))\r?$"
)
_FILE = re.compile(
    r"(?i)(.*?)(?:((?::-?[0-9]*){1,2}(?:(?:,(?=[-0-9:])-?[0-9]*)(?::-?[0-9]*)?)*)|(:[a-z][-_0-9a-z]*))?$"
)


def iter_includes(text: str) -> Iterator[tuple[int, int, str]]:
    """``(line index, column, file path)`` of every include pymdownx would try to read."""
    block = False
    for index, line in enumerate(text.split("\n")):
        match = _ALL.match(line)
        if match:
            if match.group("escape"):
                continue
            if match.group("inline_marker"):
                if block:
                    continue
                target = match.group("snippet")[1:-1].strip()
            else:
                block = not block
                continue
        elif block:
            target = line.strip()
            if not target or target.startswith(";"):
                continue
        else:
            continue
        path = file_part(target)
        if path:
            yield index, len(line) - len(line.lstrip(" \t")) + 1, path


def file_part(target: str) -> str:
    """The file of a target, without ``:1:5`` line ranges or ``:section``."""
    if len(target) > 4096:
        return target
    match = _FILE.match(target)
    return (match.group(1) if match else target).strip()


class _Walk:
    def __init__(self, bases: list[Path], root: Path) -> None:
        self.bases = [os.path.abspath(b) for b in bases]
        self.root = root
        self.count = 0

    def problem(self, target: str, depth: int, stack: tuple[str, ...]) -> str | None:
        """Why ``target`` must not be included (``None`` when it may, or pymdownx will say it
        is missing)."""
        if target.lower().startswith(("http://", "https://")):
            return None  # url_download is off: pymdownx reports it as missing
        self.count += 1
        if self.count > MAX_INCLUDES:
            return f"more than {MAX_INCLUDES} includes in one page"
        try:
            check_target(target)
        except UnsafeFile as exc:
            return str(exc)
        for base in self.bases:
            candidate = os.path.abspath(os.path.join(base, target))
            if not candidate.startswith(base.rstrip(os.sep) + os.sep):
                continue  # pymdownx's restrict_base_path skips this base too
            if not os.path.exists(candidate):
                if os.path.islink(candidate):
                    return "a symlink to nothing"
                continue
            if candidate in stack:
                return None  # pymdownx stops include loops itself
            if depth >= MAX_NESTING:
                return f"includes nested more than {MAX_NESTING} deep"
            try:
                text = read_text(Path(candidate), self.root)
            except UnsafeFile as exc:
                return str(exc)
            for _, _, nested in iter_includes(text):
                why = self.problem(nested, depth + 1, (*stack, candidate))
                if why:
                    return f'it includes "{nested[:80]}": {why}'
            return None
        return None


def guard_includes(
    markdown: str, path: str, line_offset: int, bases: list[Path], root: Path
) -> tuple[str, list[Finding]]:
    """``markdown`` with every unsafe include line blanked, and one finding per such line.

    ``bases`` are pymdownx.snippets' base folders, ``root`` the project folder no file may
    leave (after symlinks are resolved)."""
    walk = _Walk(bases, root)
    lines = markdown.split("\n")
    findings: list[Finding] = []
    for index, column, target in iter_includes(markdown):
        why = walk.problem(target, 0, ())
        if why is None:
            continue
        shown = target if len(target) <= 80 else target[:80] + "…"
        findings.append(
            Finding(
                path,
                index + 1 + line_offset,
                column,
                "error",
                RULE,
                f'--8<-- "{shown}" is not included: {why}',
            )
        )
        lines[index] = ""
    return "\n".join(lines), findings


def check_auto_append(targets: list[str], bases: list[Path], root: Path) -> dict[str, str]:
    """``{target: why}`` for the ``auto_append`` snippets that must not be read."""
    problems = {}
    for target in targets:
        why = _Walk(bases, root).problem(str(target), 0, ())
        if why:
            problems[str(target)] = why
    return problems
