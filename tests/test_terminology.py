"""The glossary is the terminology source of the English edition; every English page follows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kubenotes.findings import format_text
from kubenotes.terminology.check import (
    Avoided,
    Term,
    avoided_terms,
    check,
    english_pattern,
    exact_pattern,
    missing_terms,
    parse_avoided,
    parse_terms,
    prose,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"

GLOSSARY_ZH = """\
# 术语表

## A {#a}

| 中文术语 | English term | 一句话定义 |
| --- | --- | --- |
| 驱逐 | Eviction / evict | 终止 Pod。 |
| Pod | Pod | 原子单位。 |

| 别的表 | x |
| --- | --- |
| 节点 | Host |
"""

GLOSSARY_EN = """\
| Do not write | Write instead | Why |
| --- | --- | --- |
| host machine | node | kubernetes.io |
| `super-affinity` | tightly coupled | kubernetes.io |
"""


def test_parse_glossary_tables() -> None:
    assert parse_terms(GLOSSARY_ZH) == [
        Term(("驱逐",), ("Eviction", "evict"), 7),
        Term(("Pod",), ("Pod",), 8),
    ]
    assert parse_avoided(GLOSSARY_EN) == [
        Avoided("host machine", "node", 3),
        Avoided("super-affinity", "tightly coupled", 4),
    ]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("PriorityClass", "a priority class", True),
        ("PriorityClass", "PriorityClasses", True),
        ("PersistentVolume", "persistent-volume", True),
        ("CPU management policy", "CPU management policies", True),
        ("evict", "the Pod is evicted", True),
        ("Namespace", "namespaced", True),
        ("PV", "a PVC", False),
        ("Node", "nodeName", False),
        ("Label", "labelled", False),
    ],
)
def test_english_pattern(term: str, text: str, found: bool) -> None:
    assert bool(english_pattern(term).search(text)) is found


def test_exact_pattern_takes_no_inflection() -> None:
    assert exact_pattern("source note").search("the source note's claim")
    assert not exact_pattern("source note").search("the source notes say")
    assert exact_pattern("host machine").search("the Host-machine IP")


def test_prose_blanks_code_links_and_front_matter_but_keeps_lines() -> None:
    text = "---\na: 驱逐\n---\n驱逐 `驱逐` [x](驱逐.md)\n```\n驱逐\n```\n<!-- 驱逐 -->"
    blanked = prose(text)
    assert blanked.count("\n") == text.count("\n")
    assert blanked.count("驱逐") == 1 and blanked.split("\n")[3].startswith("驱逐 ")


def test_missing_term_is_reported_with_the_chinese_line() -> None:
    terms = parse_terms(GLOSSARY_ZH)
    zh = "# 标题\n\n```\n驱逐\n```\n\n节点压力时 kubelet 驱逐 Pod。\n"
    assert [
        format_text(f) for f in missing_terms(zh, "The kubelet kills Pods.", terms, "e.md")
    ] == [
        "e.md: warning: the Chinese page uses '驱逐' (line 7); the glossary's English term "
        "'Eviction' does not occur here [term-missing]"
    ]
    assert missing_terms(zh, "The kubelet evicts Pods.", terms, "e.md") == []
    assert missing_terms("# 只有代码\n`驱逐`\n", "Nothing.", terms, "e.md") == []


def test_avoided_rendering_is_reported_where_it_is() -> None:
    avoided = parse_avoided(GLOSSARY_EN)
    text = "---\nx: 1\n---\nIt runs on the host\nmachine. `host machine` is code.\n"
    assert [format_text(f) for f in avoided_terms(text, avoided, "e.md")] == [
        "e.md:4:16: error: 'host machine': write node (see the glossary) [term-avoided]"
    ]


# --- the book itself ---------------------------------------------------------------------------


def _rows(lang: str) -> set[tuple[str, str]]:
    """(Chinese cell, English cell) of every term row of a glossary page."""
    text = (DOCS / lang / "reference" / "glossary.md").read_text(encoding="utf-8")
    header = ("中文术语", "English term") if lang == "zh" else ("English term", "Chinese term")
    rows, inside = set(), False
    for line in text.split("\n"):
        cells = (
            [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        )
        if tuple(cells[:2]) == header:
            inside = True
        elif not cells:
            inside = False
        elif inside and not set("".join(cells)) <= set("-: "):
            rows.add((cells[0], cells[1]) if lang == "zh" else (cells[1], cells[0]))
    return rows


def test_both_glossaries_list_the_same_terms() -> None:
    assert _rows("zh") == _rows("en")
    assert len(_rows("zh")) >= 90


def test_the_review_findings_are_in_the_do_not_write_table() -> None:
    text = (DOCS / "en" / "reference" / "glossary.md").read_text(encoding="utf-8")
    wrong = {entry.wrong for entry in parse_avoided(text)}
    assert {
        "host machine",
        "super-affinity",
        "relational scheduling",
        "Endpoints controller",
        "electing the master",
        "original note",
        "original notes",
        "source note",
    } <= wrong


def test_every_english_page_follows_the_glossary() -> None:
    findings = check(DOCS, "docs")
    assert not findings, "\n".join(format_text(f) for f in findings)


def test_the_check_would_catch_a_regression(tmp_path: Path) -> None:
    """Copy the glossaries and one page pair, break the English page, and see it reported."""
    for lang in ("zh", "en"):
        (tmp_path / lang / "reference").mkdir(parents=True)
        (tmp_path / lang / "scheduling").mkdir()
        for rel in ("reference/glossary.md", "scheduling/affinity.md"):
            (tmp_path / lang / rel).write_text((DOCS / lang / rel).read_text("utf-8"), "utf-8")
    page = tmp_path / "en" / "scheduling" / "affinity.md"
    text = page.read_text(encoding="utf-8")
    broken = re.sub(r"(?i)anti-affinity", "repulsion", text).replace(
        "Assigning Pods to nodes", "Relational scheduling", 1
    )
    page.write_text(broken, encoding="utf-8")
    rules = sorted({f.rule for f in check(tmp_path, "docs")})
    messages = "\n".join(format_text(f) for f in check(tmp_path, "docs"))
    assert rules == ["term-avoided", "term-missing"]
    assert "'Anti-affinity'" in messages and "'Relational scheduling'" in messages


def test_command_reports_and_exits_1(tmp_path: Path, capsys) -> None:
    from kubenotes.cli import main

    for lang, text in (
        ("zh", "| 中文术语 | English term |\n| --- | --- |\n| 驱逐 | Eviction / evict |\n"),
        ("en", "| Do not write | Write instead |\n| --- | --- |\n| host machine | node |\n"),
    ):
        (tmp_path / lang / "reference").mkdir(parents=True)
        (tmp_path / lang / "reference" / "glossary.md").write_text(text, encoding="utf-8")
    (tmp_path / "zh" / "p.md").write_text("# 页\n\n节点压力时驱逐 Pod。\n", encoding="utf-8")
    (tmp_path / "en" / "p.md").write_text("# Page\n\nThe host machine kills Pods.\n", "utf-8")
    assert main(["terminology", "--docs-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out.split("\n")
    assert out[0].endswith(
        "/en/p.md: warning: the Chinese page uses '驱逐' (line 3); the glossary's "
        "English term 'Eviction' does not occur here [term-missing]"
    )
    assert out[1].endswith(
        "/en/p.md:3:5: error: 'host machine': write node (see the glossary) [term-avoided]"
    )
    (tmp_path / "en" / "p.md").write_text("# Page\n\nThe node evicts Pods.\n", "utf-8")
    assert main(["terminology", "--docs-dir", str(tmp_path)]) == 0


def test_pages_outside_docs_or_devices_are_not_read(tmp_path: Path) -> None:
    # A committed symlink page -> /dev/zero was read without bound (MemoryError in the suite).
    for lang, text in (
        ("zh", "| 中文术语 | English term |\n| --- | --- |\n| 驱逐 | Eviction / evict |\n"),
        ("en", "| Do not write | Write instead |\n| --- | --- |\n| host machine | node |\n"),
    ):
        (tmp_path / lang / "reference").mkdir(parents=True)
        (tmp_path / lang / "reference" / "glossary.md").write_text(text, encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("# Page\n\nThe host machine kills Pods.\n", encoding="utf-8")
    (tmp_path / "zh" / "zero.md").write_text("# 页\n\n驱逐\n", encoding="utf-8")
    (tmp_path / "en" / "zero.md").symlink_to("/dev/zero")
    (tmp_path / "en" / "out.md").symlink_to(outside)
    findings = check(tmp_path, "docs")
    assert sorted((f.path, f.rule) for f in findings) == [
        ("docs/en/out.md", "unsafe-file"),
        ("docs/en/zero.md", "unsafe-file"),
    ]
