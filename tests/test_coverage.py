"""Every section heading of every seed note has a home on a page of the knowledge base.

The coverage record is ``coverage/*.yaml``: a list of mappings
``{seed: "003", heading: "Pod的终止过程", page: lifecycle/termination.md,
anchor: termination-steps}``
(optional ``line:`` picks one of several identical headings of a seed).

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

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from kubenotes.markdown import iter_fenced_blocks

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DOCS = REPO / "docs"
COVERAGE = REPO / "coverage"

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*?#(?P<id>[A-Za-z0-9_-]+)[^}]*\}[ \t]*$")
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


def fenced_lines(text: str) -> set[int]:
    """1-based line numbers inside fenced code blocks, fences included."""
    lines: set[int] = set()
    for block in iter_fenced_blocks(text):
        lines.update(range(block.start_line, block.end_line + 1))
    return lines


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


def seed_headings(path: Path) -> list[Heading]:
    seed = path.name.split("_", 1)[0]
    text = path.read_text(encoding="utf-8")
    return title_lines(seed, text) if seed == "002" else markdown_headings(seed, text)


def explicit_ids(page: Path) -> set[str]:
    """Explicit ``{#id}`` attributes of the headings of a Markdown page."""
    text = page.read_text(encoding="utf-8")
    in_fence = fenced_lines(text)
    ids = set()
    for number, line in enumerate(text.split("\n"), start=1):
        match = _ATX.match(line)
        if match and number not in in_fence:
            id_match = _EXPLICIT_ID.search(line)
            if id_match:
                ids.add(id_match.group("id"))
    return ids


def load_coverage(directory: Path) -> list[tuple[str, dict]]:
    """``(file name, mapping)`` for every entry of every ``*.yaml`` in ``directory``."""
    entries = []
    for path in sorted(directory.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            entries.append((path.name, entry))
    return entries


def unmapped(headings: list[Heading], entries: list[tuple[str, dict]]) -> list[Heading]:
    keys = {(str(e["seed"]), str(e["heading"]).strip(), e.get("line")) for _, e in entries}
    return [
        h
        for h in headings
        if (h.seed, h.text, None) not in keys and (h.seed, h.text, h.line) not in keys
    ]


def broken_mappings(entries: list[tuple[str, dict]], docs: Path) -> list[str]:
    problems = []
    for name, entry in entries:
        where = f"{name}: {entry.get('seed')} {entry.get('heading')!r}"
        missing = [k for k in ("seed", "heading", "page", "anchor") if not entry.get(k)]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        zh_page = docs / "zh" / entry["page"]
        if not zh_page.is_file():
            problems.append(f"{where}: page docs/zh/{entry['page']} does not exist")
            continue
        pages = [zh_page]
        en_page = docs / "en" / entry["page"]
        if en_page.is_file():
            pages.append(en_page)
        for page in pages:
            if entry["anchor"] not in explicit_ids(page):
                rel = page.relative_to(docs)
                problems.append(f"{where}: no heading with {{#{entry['anchor']}}} in docs/{rel}")
    return problems


# --- unit tests of the heading rules -------------------------------------------------------

MARKDOWN_CASES = [
    ("# Title\n\ntext\n## Section\n", [(1, "Title"), (4, "Section")]),
    ("```bash\n# comment\n```\n### Real ###\n", [(4, "Real")]),
    ("1. step\n\n    ```yaml\n    # Quota\n    ```\n\n#### After\n", [(7, "After")]),
    ("#hashtag\n    # indented code\n", []),
    ("##### Deep {#deep}\n", [(1, "Deep {#deep}")]),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_CASES)
def test_markdown_headings(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(h.line, h.text) for h in markdown_headings("000", text)] == expected


TITLE_CASES = [
    (
        "k8s 笔记\n\n这里记录。\n\n存储相关\n\nConfigMap 热更新\n",
        [(1, "k8s 笔记"), (5, "存储相关"), (7, "ConfigMap 热更新")],
    ),
    ("更新configmap后:\n\n  • 不会触发更新\n", []),
    ("杂项\n\n  • a\ndocker inspect -f {{.State.Pid}} id\n", [(1, "杂项")]),
    ("网络模型\n\nk8s 对网络提出了三个基本要求\n\n  • x\n", [(1, "网络模型")]),
    ("lifecycle:\n  preStop:\n\nStrategic Merge Patch\n", [(4, "Strategic Merge Patch")]),
    ("参考:https://blog.px.dev/container-filesystems/\n", []),
    ("标题\n正文紧跟\n", []),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_CASES)
def test_title_lines(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(h.line, h.text) for h in title_lines("002", text)] == expected


def test_explicit_ids(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(
        "# T\n\n## A {#a-one}\n```md\n## B {#in-fence}\n```\n### C { #c-two .x }\n## D\n",
        encoding="utf-8",
    )
    assert explicit_ids(page) == {"a-one", "c-two"}


def test_broken_mappings_reports_missing_page_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "zh" / "x").mkdir(parents=True)
    (tmp_path / "en" / "x").mkdir(parents=True)
    (tmp_path / "zh" / "x" / "p.md").write_text("# P\n\n## S {#s}\n", encoding="utf-8")
    (tmp_path / "en" / "x" / "p.md").write_text("# P\n\n## S {#other}\n", encoding="utf-8")
    entries = [
        ("c.yaml", {"seed": "001", "heading": "A", "page": "x/p.md", "anchor": "s"}),
        ("c.yaml", {"seed": "001", "heading": "B", "page": "x/q.md", "anchor": "s"}),
        ("c.yaml", {"seed": "001", "heading": "C", "page": "x/p.md"}),
    ]
    assert broken_mappings(entries, tmp_path) == [
        "c.yaml: 001 'A': no heading with {#s} in docs/en/x/p.md",
        "c.yaml: 001 'B': page docs/zh/x/q.md does not exist",
        "c.yaml: 001 'C': missing anchor",
    ]


def test_unmapped_honours_line() -> None:
    headings = [Heading("001", 88, "管理模式"), Heading("001", 104, "管理模式")]
    entries = [("c.yaml", {"seed": "001", "heading": "管理模式", "line": 104})]
    assert unmapped(headings, entries) == [Heading("001", 88, "管理模式")]


# --- the corrections list of reference/sources.md -------------------------------------------
# The table between the markers of docs/<lang>/reference/sources.md lists every correction
# admonition of the book. Regenerate it with
#   KUBENOTES_UPDATE_SOURCES=1 pytest tests/test_coverage.py

CORRECTION_TITLES = {"zh": "勘误", "en": "Correction"}
TABLE_HEADERS = {
    "zh": "| 页面 | 小节 | 勘误 |\n| --- | --- | --- |",
    "en": "| Page | Section | Correction |\n| --- | --- | --- |",
}
SENTENCE_END = {"zh": "。", "en": ". "}
_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)!!! note "(?P<title>[^"]+)"')
_MARKERS = re.compile(r"<!-- corrections:start -->\n.*?<!-- corrections:end -->", re.S)
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)]*)\)")


@dataclass(frozen=True)
class Correction:
    page: str  # path relative to docs/<lang>/
    title: str  # the page's level-1 heading
    section: str  # the enclosing section's heading text ("" before the first section)
    section_id: str
    text: str  # the admonition body on one line

    @property
    def link(self) -> str:
        return f"../{self.page}#{self.section_id}" if self.section_id else f"../{self.page}"


def _heading_text(line: str) -> str:
    match = _ATX.match(line)
    return _EXPLICIT_ID.sub("", match.group("text")).strip() if match else ""


def _admonition_body(lines: list[str], start: int, indent: int) -> str:
    body: list[str] = []
    for line in lines[start:]:
        if not line.strip():
            if body:
                break
            continue
        if len(line) - len(line.lstrip()) < indent + 4:
            break
        body.append(line.strip().removeprefix("- "))
    return " ".join(body)


def corrections(docs: Path, lang: str) -> list[Correction]:
    """Every correction admonition of the pages of ``lang`` (reference and contributing aside)."""
    found = []
    for page in sorted((docs / lang).rglob("*.md")):
        rel = page.relative_to(docs / lang).as_posix()
        if rel.startswith(("reference/", "contributing/")):
            continue
        lines = page.read_text(encoding="utf-8").split("\n")
        in_fence = fenced_lines("\n".join(lines))
        title = section = section_id = ""
        for number, line in enumerate(lines, start=1):
            if number in in_fence:
                continue
            heading = _ATX.match(line)
            if heading and len(heading.group(1)) == 1:
                title = _heading_text(line)
            elif heading:
                id_match = _EXPLICIT_ID.search(line)
                section, section_id = _heading_text(line), id_match.group("id") if id_match else ""
            admonition = _ADMONITION.match(line)
            if admonition and admonition.group("title") == CORRECTION_TITLES[lang]:
                body = _admonition_body(lines, number, len(admonition.group("indent")))
                found.append(Correction(rel, title, section, section_id, body))
    return found


def _relink(text: str, page: str) -> str:
    """Rewrite relative links of a page so that they work from reference/sources.md."""

    def fix(match: re.Match[str]) -> str:
        target = match.group("target")
        if "://" in target or target.startswith("#"):
            return match.group(0)
        path, _, fragment = target.partition("#")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        new = posixpath.relpath(joined, "reference") + (f"#{fragment}" if fragment else "")
        return f"[{match.group('text')}]({new})"

    return _LINK.sub(fix, text)


def _summary(text: str, lang: str) -> str:
    """The first two sentences (the note's claim and the fix), at most ~220 characters."""
    end = SENTENCE_END[lang]
    first = text.find(end)
    if first < 0:
        return text
    second = text.find(end, first + len(end))
    cut = second if 0 <= second < 220 else first
    return text[: cut + len(end)].strip()


def corrections_table(docs: Path, lang: str) -> str:
    rows = [TABLE_HEADERS[lang]]
    for c in corrections(docs, lang):
        summary = _relink(_summary(c.text, lang), c.page).replace("|", "\\|")
        rows.append(
            f"| [{c.title}](../{c.page}) | [{c.section or c.title}]({c.link}) | {summary} |"
        )
    return "\n".join(rows)


def test_corrections(tmp_path: Path) -> None:
    (tmp_path / "zh" / "a").mkdir(parents=True)
    (tmp_path / "zh" / "a" / "p.md").write_text(
        '# P\n\n!!! note "勘误"\n    原写 a。应为 b，见 [Q](../b/q.md#x)。多余。\n\n## S {#s}\n\n'
        '```md\n!!! note "勘误"\n```\n!!! note "提示"\n    y\n\n'
        '!!! note "勘误"\n    - 一\n    - 二\n',
        encoding="utf-8",
    )
    assert corrections_table(tmp_path, "zh").split("\n")[2:] == [
        "| [P](../a/p.md) | [P](../a/p.md) | 原写 a。应为 b，见 [Q](../b/q.md#x)。 |",
        "| [P](../a/p.md) | [S](../a/p.md#s) | 一 二 |",
    ]


@pytest.mark.parametrize("lang", sorted(CORRECTION_TITLES))
def test_sources_page_lists_every_correction(lang: str) -> None:
    sources = DOCS / lang / "reference" / "sources.md"
    if not sources.is_file():
        pytest.skip(f"{sources} not written yet")
    text = sources.read_text(encoding="utf-8")
    assert _MARKERS.search(text), f"no corrections markers in {sources}"
    if os.environ.get("KUBENOTES_UPDATE_SOURCES"):
        table = corrections_table(DOCS, lang)
        block = f"<!-- corrections:start -->\n{table}\n<!-- corrections:end -->"
        text = _MARKERS.sub(lambda _: block, text)
        sources.write_text(text, encoding="utf-8")
    listed = _MARKERS.search(text).group(0)
    missing = [c.link for c in corrections(DOCS, lang) if f"]({c.link})" not in listed]
    assert not missing, (
        f"corrections not listed in docs/{lang}/reference/sources.md (regenerate with "
        "KUBENOTES_UPDATE_SOURCES=1 pytest tests/test_coverage.py):\n"
        + "\n".join(f"  {link}" for link in missing)
    )


# --- the coverage record itself -------------------------------------------------------------


def _seed_files() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed notes not found at {SEEDS}")
    return sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))


def test_every_seed_heading_has_a_home() -> None:
    headings = [h for path in _seed_files() for h in seed_headings(path)]
    assert headings, "no seed headings found"
    missing = unmapped(headings, load_coverage(COVERAGE))
    assert not missing, "seed headings with no home in coverage/*.yaml:\n" + "\n".join(
        f"  {h.seed}:{h.line}: {h.text}" for h in missing
    )


def test_every_mapping_points_at_an_explicit_heading() -> None:
    problems = broken_mappings(load_coverage(COVERAGE), DOCS)
    assert not problems, "broken coverage mappings:\n" + "\n".join(f"  {p}" for p in problems)
