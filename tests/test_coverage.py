"""The coverage record (``kubenotes coverage``, core: kubenotes.coverage.record): its heading
rules, its findings, and the record of this repository against the seed notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from kubenotes.cli import main
from kubenotes.coverage.record import (
    Entry,
    Heading,
    broken_mappings,
    load_record,
    markdown_headings,
    title_lines,
    unmapped,
)

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

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


def test_broken_mappings_reports_missing_page_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "zh" / "x").mkdir(parents=True)
    (tmp_path / "en" / "x").mkdir(parents=True)
    (tmp_path / "zh" / "x" / "p.md").write_text("# P\n\n## S {#s}\n", encoding="utf-8")
    (tmp_path / "en" / "x" / "p.md").write_text("# P\n\n## S {#other}\n", encoding="utf-8")
    entries = [
        Entry("c.yaml", 1, {"seed": "001", "heading": "A", "page": "x/p.md", "anchor": "s"}),
        Entry("c.yaml", 5, {"seed": "001", "heading": "B", "page": "x/q.md", "anchor": "s"}),
        Entry("c.yaml", 9, {"seed": "001", "heading": "C", "page": "x/p.md"}),
    ]
    assert [
        (f.location, f.rule, f.message) for f in broken_mappings(entries, tmp_path, "coverage")
    ] == [
        (
            "coverage/c.yaml:1",
            "coverage-mapping",
            "001 'A': no heading with {#s} in docs/en/x/p.md",
        ),
        ("coverage/c.yaml:5", "coverage-mapping", "001 'B': page docs/zh/x/q.md does not exist"),
        ("coverage/c.yaml:9", "coverage-mapping", "001 'C': missing anchor"),
    ]


def test_explicit_ids_outside_fences_count(tmp_path: Path) -> None:
    for language in ("zh", "en"):
        (tmp_path / language).mkdir()
        (tmp_path / language / "p.md").write_text(
            "# T\n\n## A {#a-one}\n```md\n## B {#in-fence}\n```\n### C { #c-two .x }\n",
            encoding="utf-8",
        )
    entries = [
        Entry("c.yaml", line, {"seed": "1", "heading": "h", "page": "p.md", "anchor": anchor})
        for line, anchor in ((1, "a-one"), (2, "in-fence"), (3, "c-two"))
    ]
    assert [f.line for f in broken_mappings(entries, tmp_path, "coverage")] == [2, 2]


def test_unmapped_honours_line() -> None:
    headings = [Heading("001", 88, "管理模式"), Heading("001", 104, "管理模式")]
    entries = [Entry("c.yaml", 1, {"seed": "001", "heading": "管理模式", "line": 104})]
    assert unmapped(headings, entries) == [Heading("001", 88, "管理模式")]


def test_record_entries_keep_their_lines(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(
        "# comment\n\n- seed: '001'\n  heading: A\n- {seed: '002', heading: B}\n", "utf-8"
    )
    assert load_record(tmp_path) == [
        Entry("c.yaml", 3, {"seed": "001", "heading": "A"}),
        Entry("c.yaml", 5, {"seed": "002", "heading": "B"}),
    ]


def test_command_reports_unmapped_headings_and_broken_mappings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "001_note.txt").write_text("# 甲\n\n## 乙\n", encoding="utf-8")
    (tmp_path / "coverage").mkdir()
    (tmp_path / "coverage" / "c.yaml").write_text(
        "- {seed: '001', heading: 甲, page: a.md, anchor: x}\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "zh").mkdir(parents=True)
    (tmp_path / "docs" / "zh" / "a.md").write_text("# A {#x}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs")
    assert main(["coverage", "--seeds", str(tmp_path / "seeds")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "seeds/001_note.txt:3: error: seed heading '乙' has no home in coverage/*.yaml "
        "[coverage-unmapped]"
    ]


# --- the coverage record of this repository -------------------------------------------------


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed notes not found at {SEEDS}")
    return SEEDS


def test_every_seed_heading_has_a_home_and_every_mapping_a_heading(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["coverage", "--seeds", str(seeds), "--config", str(REPO / "mkdocs.yml")])
    assert (code, capsys.readouterr().out) == (0, "")


def test_the_seeds_have_headings(seeds: Path) -> None:
    from kubenotes.coverage.record import seed_files, seed_headings

    assert len([h for path in seed_files(seeds) for h in seed_headings(path)]) > 50
