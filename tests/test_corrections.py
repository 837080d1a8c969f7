"""The corrections table of the sources pages is generated from the pages' correction boxes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from kubenotes.cli import main
from kubenotes.corrections.table import (
    END,
    START,
    Correction,
    check,
    collect,
    page_corrections,
    render_table,
    split_claim_fix,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize(
    ("lang", "text", "claim", "fix"),
    [
        ("zh", "原笔记写作 a。应为 b。", "原笔记写作 a。", "应为 b。"),
        ("zh", "原笔记写作 “a。b”；应为 c。", "原笔记写作 “a。b”。", "应为 c。"),
        ("zh", "原笔记写作 `x。y`，错了。", "原笔记写作 `x。y`，错了。", ""),
        (
            "en",
            'The source notes say "a. B". In fact c.',
            'The source notes say "a. B".',
            "In fact c.",
        ),
        ("en", "The source notes say `a. B`; it is c.", "The source notes say `a. B`.", "It is c."),
        (
            "en",
            "The source notes use e.g. `x`. `y` is right.",
            "The source notes use e.g. `x`.",
            "`y` is right.",
        ),
        ("en", "Version 1.24. Since v1.24 it is gone.", "Version 1.24.", "Since v1.24 it is gone."),
        ("en", "The source notes say a. the rest.", "The source notes say a. the rest.", ""),
    ],
)
def test_split_claim_fix(lang: str, text: str, claim: str, fix: str) -> None:
    assert split_claim_fix(text, lang) == (claim, fix)


PAGE = """\
---
translation_of: x
---
# Title

!!! note "勘误"
    原笔记写作 a。应为 b，见 [Q](../b/q.md#x) 和 [本页](#s)。

## S {#s}

```md
!!! note "勘误"
    原笔记写作 z。应为 y。
```

!!! note "提示"
    不是勘误。

!!! note "勘误（v1.24 起）"
    - 原笔记写作 c；应为 d。
    - 原笔记写作 e。应为 f：

        ```yaml
        a: 1
        ```

    - 原笔记写作 g
      跨行。应为 h。

!!! note "勘误与版本说明"
    原笔记写作 i。应为 j：

    - 一；
    - 二。
"""


def test_page_corrections_reads_boxes_bullets_and_skips_fences() -> None:
    found = page_corrections(PAGE, "a/p.md", "zh")
    assert [(c.line, c.section_id, c.claim, c.fix) for c in found] == [
        (7, "", "原笔记写作 a。", "应为 b，见 [Q](../b/q.md#x) 和 [本页](#s)。"),
        (20, "s", "原笔记写作 c。", "应为 d。"),
        (21, "s", "原笔记写作 e。", "应为 f："),
        (27, "s", "原笔记写作 g 跨行。", "应为 h。"),
        (31, "s", "原笔记写作 i。", "应为 j： 一； 二。"),
    ]
    assert found[0].title == "Title" and found[1].section == "S"


def test_table_rewrites_links_for_the_sources_page() -> None:
    found = page_corrections(PAGE, "a/p.md", "zh")[:2]
    assert render_table(found, "zh").split("\n") == [
        "| 小节 | 原笔记的说法 | 改正 |",
        "| --- | --- | --- |",
        "| [Title](../a/p.md) | 原笔记写作 a。 "
        "| 应为 b，见 [Q](../b/q.md#x) 和 [本页](../a/p.md#s)。 |",
        "| [Title](../a/p.md) › [S](../a/p.md#s) | 原笔记写作 c。 | 应为 d。 |",
    ]


def test_pipes_are_escaped() -> None:
    row = render_table([Correction("p.md", 1, "T", "", "", "a | b", "c")], "en").split("\n")[2]
    assert row == "| [T](../p.md) | a \\| b | c |"


def _site(tmp_path: Path, zh_page: str, table: str = "") -> Path:
    docs = tmp_path / "docs"
    (docs / "zh" / "a").mkdir(parents=True)
    (docs / "zh" / "reference").mkdir()
    (docs / "zh" / "a" / "p.md").write_text(zh_page, encoding="utf-8")
    (docs / "zh" / "reference" / "sources.md").write_text(
        f"# 来源\n\n{START}\n{table}\n{END}\n\n尾。\n", encoding="utf-8"
    )
    return docs


def test_check_reports_outdated_table_and_bad_items(tmp_path: Path) -> None:
    docs = _site(tmp_path, '# P\n\n!!! note "勘误"\n    只有一句话\n')
    findings, wanted = check(docs, "zh", "docs")
    assert [(f.path, f.line, f.rule) for f in findings] == [
        ("docs/zh/a/p.md", 4, "correction-without-claim"),
        ("docs/zh/a/p.md", 4, "correction-without-fix"),
        ("docs/zh/reference/sources.md", 3, "corrections-outdated"),
    ]
    sources = wanted["reference/sources.md"]
    assert "| [P](../a/p.md) | 只有一句话 |  |" in sources
    assert sources.endswith(f"{END}\n\n尾。\n")


def test_command_rewrites_then_checks_clean(tmp_path: Path, capsys) -> None:
    docs = _site(tmp_path, '# P\n\n!!! note "勘误"\n    原笔记写作 a。应为 b。\n')
    assert main(["corrections", "--check", "--docs-dir", str(docs)]) == 1
    assert main(["corrections", "--docs-dir", str(docs)]) == 0
    assert "rewrote" in capsys.readouterr().out
    text = (docs / "zh" / "reference" / "sources.md").read_text(encoding="utf-8")
    assert "| [P](../a/p.md) | 原笔记写作 a。 | 应为 b。 |" in text
    assert main(["corrections", "--check", "--docs-dir", str(docs)]) == 0


def test_command_without_markers_is_an_error(tmp_path: Path, capsys) -> None:
    docs = _site(tmp_path, "# P\n")
    (docs / "zh" / "reference" / "sources.md").write_text("# 来源\n", encoding="utf-8")
    assert main(["corrections", "--docs-dir", str(docs)]) == 1
    assert "[corrections-markers]" in capsys.readouterr().out


# --- the book itself ---------------------------------------------------------------------------


def test_tables_split_by_folder_list_every_correction_once(tmp_path: Path) -> None:
    box = '# P\n\n!!! note "勘误"\n    原笔记写作 a。应为 b。\n'
    docs = _site(tmp_path, box)
    (docs / "zh" / "b").mkdir()
    (docs / "zh" / "b" / "q.md").write_text(box.replace("# P", "# Q"), encoding="utf-8")
    (docs / "zh" / "reference" / "sources.md").write_text("# 来源\n\n见各部分。\n", "utf-8")
    part = docs / "zh" / "reference" / "corrections-a.md"
    part.write_text(f"# 勘误：A\n\n<!-- corrections:start a -->\n{END}\n", "utf-8")
    findings, wanted = check(docs, "zh", "docs")
    assert [(f.path, f.line, f.rule) for f in findings] == [
        ("docs/zh/reference/corrections-a.md", 3, "corrections-outdated"),
        ("docs/zh/b/q.md", 4, "corrections-unlisted"),
    ]
    assert list(wanted) == ["reference/corrections-a.md"]
    assert "[P](../a/p.md)" in wanted["reference/corrections-a.md"]
    assert "[Q]" not in wanted["reference/corrections-a.md"]
    (docs / "zh" / "reference" / "corrections-b.md").write_text(
        "# 勘误：B\n\n<!-- corrections:start b -->\n<!-- corrections:end -->\n", "utf-8"
    )
    assert main(["corrections", "--docs-dir", str(docs)]) == 0
    assert "| [Q](../b/q.md) | 原笔记写作 a。 | 应为 b。 |" in (
        docs / "zh" / "reference" / "corrections-b.md"
    ).read_text(encoding="utf-8")
    assert main(["corrections", "--check", "--docs-dir", str(docs)]) == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_committed_tables_match_the_boxes(lang: str) -> None:
    findings, wanted = check(DOCS, lang, "docs")
    assert wanted
    assert not findings, "\n".join(f"{f.location}: {f.message} [{f.rule}]" for f in findings)


def test_every_correction_is_translated() -> None:
    """Both editions show the same number of corrections on each page."""
    zh = Counter(c.page for c in collect(DOCS, "zh"))
    en = Counter(c.page for c in collect(DOCS, "en"))
    assert zh == en
    assert sum(zh.values()) >= 61


def test_pages_outside_docs_or_devices_are_not_read(tmp_path: Path) -> None:
    # A pull request can commit symlinks: a page -> /dev/zero was read without bound (the test
    # suite ran out of memory) and a sources page -> a file outside was read and rewritten.
    docs = _site(tmp_path, '# P\n\n!!! note "勘误"\n    原笔记写作 a。应为 b。\n')
    outside = tmp_path / "outside.md"
    outside.write_text(f'{START}\n{END}\n\n!!! note "勘误"\n    原笔记写作 x。应为 y。\n', "utf-8")
    (docs / "zh" / "a" / "zero.md").symlink_to("/dev/zero")
    (docs / "zh" / "a" / "out.md").symlink_to(outside)
    findings, wanted = check(docs, "zh", "docs")
    unsafe = sorted((f.path, f.rule) for f in findings if f.rule == "unsafe-file")
    assert unsafe == [("docs/zh/a/out.md", "unsafe-file"), ("docs/zh/a/zero.md", "unsafe-file")]
    sources = wanted["reference/sources.md"]
    assert "原笔记写作 a。" in sources and "原笔记写作 x。" not in sources
    sources = docs / "zh" / "reference" / "sources.md"
    sources.unlink()
    sources.symlink_to(outside)
    assert main(["corrections", "--docs-dir", str(docs)]) == 1
    assert "原笔记写作 a。" not in outside.read_text(encoding="utf-8")  # not rewritten
