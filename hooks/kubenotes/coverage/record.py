"""Seed note headings and the coverage record (``coverage/*.yaml``) that gives each a home.

The record is a list of mappings ``{seed: "003", heading: "Pod的终止过程",
page: lifecycle/termination.md, anchor: termination-steps}`` (optional ``line:`` picks one of
several identical headings of a seed).

Seed section headings:

* seeds 000, 001, 003, 004: Markdown ATX headings (``#`` … ``######``) outside fenced code
  blocks (fences may be indented, as inside list items).
* seed 002 has no Markdown headings; its sections start with a *title line*: a standalone,
  unindented line (blank line or file start before it, blank line after it) that is not a
  list item, has at most 60 characters, contains no sentence punctuation (``: ： , ， 。 ; ；``)
  and no code characters (``$ { } = /``), and is not one of the lead-in sentences listed in
  ``LEAD_IN_LINES_002`` (short sentences that introduce the list below them, which no
  structural rule can tell from a title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kubenotes.findings import Finding
from kubenotes.i18n.headings import explicit_ids
from kubenotes.markdown import fenced_lines

RULE_UNMAPPED = "coverage-unmapped"
RULE_MAPPING = "coverage-mapping"

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_TITLE_FORBIDDEN = re.compile(r"[:：,，。;；${}=/]")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d+[.)])[ \t]")
LEAD_IN_LINES_002 = frozenset(
    {
        "k8s 对网络提出了三个基本要求",
        "简写为",
        "一个 POD 要跑起来会经历以下流程",
    }
)


@dataclass(frozen=True)
class Heading:
    seed: str
    line: int
    text: str


@dataclass(frozen=True)
class Entry:
    """One mapping of the record, with the file and line it is written at."""

    file: str
    line: int
    data: dict[str, Any]


def markdown_headings(seed: str, text: str) -> list[Heading]:
    """ATX headings outside fenced code blocks."""
    in_fence = fenced_lines(text)
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _ATX.match(line)
        if match and number not in in_fence and match.group("text"):
            found.append(Heading(seed, number, match.group("text").strip()))
    return found


def title_lines(seed: str, text: str) -> list[Heading]:
    """Standalone title lines of a note written without Markdown headings (seed 002)."""
    lines = text.split("\n")
    found = []
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else ""
        after = lines[index + 1] if index + 1 < len(lines) else ""
        stripped = line.strip()
        if (
            stripped
            and line == line.lstrip()
            and not before.strip()
            and not after.strip()
            and not _LIST_ITEM.match(line)
            and len(stripped) <= 60
            and not _TITLE_FORBIDDEN.search(stripped)
            and stripped not in LEAD_IN_LINES_002
        ):
            found.append(Heading(seed, index + 1, stripped))
    return found


def seed_files(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("[0-9][0-9][0-9]_*.txt"))


def seed_headings(path: Path) -> list[Heading]:
    seed = path.name.split("_", 1)[0]
    text = path.read_text(encoding="utf-8")
    return title_lines(seed, text) if seed == "002" else markdown_headings(seed, text)


def load_record(directory: Path) -> list[Entry]:
    """Every mapping of every ``*.yaml`` in ``directory``, with its line."""
    entries = []
    for path in sorted(directory.glob("*.yaml")):
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        if node is None:
            continue
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        for item in items:
            data = yaml.SafeLoader("").construct_document(item)
            entries.append(Entry(path.name, item.start_mark.line + 1, data))
    return entries


def unmapped(headings: list[Heading], entries: list[Entry]) -> list[Heading]:
    keys = {(str(e.data["seed"]), str(e.data["heading"]).strip(), e.data.get("line"))
            for e in entries if isinstance(e.data, dict) and "seed" in e.data
            and "heading" in e.data}  # fmt: skip
    return [
        h
        for h in headings
        if (h.seed, h.text, None) not in keys and (h.seed, h.text, h.line) not in keys
    ]


def broken_mappings(entries: list[Entry], docs: Path, record_label: str) -> list[Finding]:
    """Mappings with a missing field, page or explicit heading id (both languages)."""
    problems = []
    for entry in entries:
        data = entry.data if isinstance(entry.data, dict) else {}
        where = f"{data.get('seed')} {data.get('heading')!r}"

        def problem(message: str, entry: Entry = entry, where: str = where) -> Finding:
            path = f"{record_label}/{entry.file}"
            return Finding(path, entry.line, 0, "error", RULE_MAPPING, f"{where}: {message}")

        missing = [k for k in ("seed", "heading", "page", "anchor") if not data.get(k)]
        if missing:
            problems.append(problem(f"missing {', '.join(missing)}"))
            continue
        zh_page = docs / "zh" / data["page"]
        if not zh_page.is_file():
            problems.append(problem(f"page docs/zh/{data['page']} does not exist"))
            continue
        pages = [zh_page]
        en_page = docs / "en" / data["page"]
        if en_page.is_file():
            pages.append(en_page)
        for page in pages:
            if data["anchor"] not in explicit_ids(page.read_text(encoding="utf-8")):
                rel = page.relative_to(docs).as_posix()
                problems.append(problem(f"no heading with {{#{data['anchor']}}} in docs/{rel}"))
    return problems


def check(seeds_dir: Path, record_dir: Path, docs: Path, labels: tuple[str, str]) -> list[Finding]:
    """Every finding of the coverage record: unmapped seed headings and broken mappings.

    ``labels`` are how the seeds folder and the record folder are named in findings.
    """
    seeds_label, record_label = labels
    entries = load_record(record_dir)
    findings = []
    for path in seed_files(seeds_dir):
        for heading in unmapped(seed_headings(path), entries):
            message = f"seed heading {heading.text!r} has no home in {record_label}/*.yaml"
            shown = f"{seeds_label}/{path.name}"
            findings.append(Finding(shown, heading.line, 0, "error", RULE_UNMAPPED, message))
    return findings + broken_mappings(entries, docs, record_label)
