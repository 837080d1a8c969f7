"""Page states, findings and the `kubenotes translations` command over small docs trees."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from kubenotes.cli import main
from kubenotes.findings import format_text
from kubenotes.i18n.render import status_table
from kubenotes.i18n.source import refresh_text, source_hash
from kubenotes.i18n.status import scan

DAY = dt.date(2026, 11, 22)
ZH = "# 阶段 {#phases}\n\n正文。\n\n## 列表 {#list}\n\n- Pending\n"
EN = "# Phases {#phases}\n\nBody.\n\n## List {#list}\n\n- Pending\n"
ZH_CHANGED = ZH.replace("正文。", "新的正文。")


def translated(english: str, chinese: str) -> str:
    """An English page that records ``chinese`` as its source."""
    return refresh_text(english, source_hash(chinese), DAY)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    docs = root / "docs"
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (docs / "zh").mkdir(parents=True, exist_ok=True)
    return docs


OUTDATED_MSG = (
    "the source changed since this translation ({old} → {new}); update it from docs/zh/a.md, "
    "then run `kubenotes translations --refresh docs/en/a.md`"
)


@pytest.mark.parametrize(
    ("files", "state", "findings"),
    [
        ({"zh/a.md": ZH, "en/a.md": translated(EN, ZH)}, "up-to-date", []),
        (
            {"zh/a.md": ZH + "   \n\n\n", "en/a.md": translated(EN, ZH).replace("\n", "\r\n")},
            "up-to-date",
            [],
        ),
        (
            {"zh/a.md": ZH_CHANGED, "en/a.md": translated(EN, ZH)},
            "outdated",
            [
                "docs/en/a.md:2: info: "
                + OUTDATED_MSG.format(old=source_hash(ZH), new=source_hash(ZH_CHANGED))
                + " [translation-outdated]"
            ],
        ),
        (
            {"zh/a.md": ZH, "en/a.md": EN},
            "outdated",
            [
                "docs/en/a.md: info: records no `translation_of` source hash; update it from "
                "docs/zh/a.md, then run `kubenotes translations --refresh docs/en/a.md` "
                "[translation-outdated]"
            ],
        ),
        (
            {"zh/a.md": ZH},
            "missing",
            [
                "docs/zh/a.md: info: no translation docs/en/a.md yet: the site shows a "
                "'not yet translated' page [translation-missing]"
            ],
        ),
        (
            {"en/a.md": EN},
            "orphan",
            [
                "docs/en/a.md: error: translation has no source page docs/zh/a.md: give it the "
                "path of the page it translates, or delete it [translation-orphan]"
            ],
        ),
        (
            {
                "zh/a.md": ZH,
                "en/a.md": translated(EN.replace("{#list}", "{#items}"), ZH),
            },
            "up-to-date",
            [
                "docs/en/a.md: warning: no heading with id #list of docs/zh/a.md:5 "
                "[translation-heading-ids]",
                "docs/en/a.md:9: warning: heading id #items does not exist in docs/zh/a.md "
                "[translation-heading-ids]",
            ],
        ),
    ],
)
def test_scan(tmp_path: Path, files: dict[str, str], state: str, findings: list[str]) -> None:
    report = scan(write_tree(tmp_path, files), base=tmp_path)
    assert [(status.page, status.state) for status in report.pages] == [("a.md", state)]
    assert [format_text(finding) for finding in report.findings] == findings
    assert report.clean is (state == "up-to-date" and not findings)


def test_status_table_in_both_languages(tmp_path: Path) -> None:
    files = {
        "zh/a.md": ZH,
        "en/a.md": translated(EN, ZH),
        "zh/b/c.md": "# 探针 | 检查\n",
        "en/orphan.md": "# Orphan\n",
        "zh/reference/status.md": "# 状态\n",
        "en/reference/status.md": translated("# Status\n", "# 状态\n"),
    }
    report = scan(write_tree(tmp_path, files), base=tmp_path)
    assert status_table(report, "en", "reference/status.md") == (
        "4 pages: 2 up to date, 0 outdated, 1 not yet translated, 1 without a Chinese source.\n"
        "\n"
        "Pages that need work:\n"
        "\n"
        "| Page | File | State | Translated on |\n"
        "| --- | --- | --- | --- |\n"
        '| [探针 \\| 检查](../b/c.md) | `b/c.md` | <span class="kubenotes-state-missing">'
        "Not yet translated</span> | — |\n"
        '| [Orphan](../orphan.md) | `orphan.md` | <span class="kubenotes-state-orphan">'
        "No Chinese source</span> | — |\n"
        "\n"
        "Pages up to date, by folder:\n"
        "\n"
        "| Folder | Up to date |\n"
        "| --- | --- |\n"
        "| `./` | 1 |\n"
        "| `reference/` | 1 |\n"
    )
    zh_rows = status_table(report, "zh", "reference/status.md").splitlines()
    assert zh_rows[0] == "共 4 页：已同步 2 页，待更新 0 页，未翻译 1 页，缺少中文原文 1 页。"
    assert zh_rows[2] == "需要处理的页面："
    assert zh_rows[6].startswith("| [探针 \\| 检查](../b/c.md) | `b/c.md` |")
    assert zh_rows[7].startswith('| Orphan | `orphan.md` | <span class="kubenotes-state-orphan">')
    assert zh_rows[-2:] == ["| `./` | 1 |", "| `reference/` | 1 |"]


def test_status_table_does_not_grow_with_up_to_date_pages(tmp_path: Path) -> None:
    """Up-to-date pages are counted per folder; each outdated page keeps its own row."""
    files = {
        "zh/reference/status.md": "# 状态\n",
        "en/reference/status.md": translated("# Status\n", "# 状态\n"),
    }
    for number in range(60):
        files[f"zh/wiki/p{number:02d}.md"] = ZH
        files[f"en/wiki/p{number:02d}.md"] = translated(EN, ZH if number else "# 旧\n")
    report = scan(write_tree(tmp_path, files), base=tmp_path)
    table = status_table(report, "en", "reference/status.md")
    assert "| `wiki/` | 59 |" in table
    assert '`wiki/p00.md` | <span class="kubenotes-state-outdated">Outdated</span>' in table
    assert "p01.md" not in table and len(table.splitlines()) == 14
    clean = {k: v for k, v in files.items() if k != "en/wiki/p00.md"} | {
        "en/wiki/p00.md": translated(EN, ZH)
    }
    report = scan(write_tree(tmp_path / "clean", clean), base=tmp_path / "clean")
    assert "Every page is up to date." in status_table(report, "en", "reference/status.md")


# -- the command ---------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["translations", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {
        "zh/a.md": ZH_CHANGED,
        "en/a.md": translated(EN, ZH),
        "zh/b.md": ZH,
        "en/b.md": translated(EN, ZH),
        "zh/c.md": "# 三\n",
    }
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, files)


def test_cli_text_and_check(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--docs-dir", "docs")
    assert code == 0
    assert out.splitlines() == [
        f"outdated    a.md  the source changed since this translation "
        f"({source_hash(ZH)} → {source_hash(ZH_CHANGED)})",
        "up-to-date  b.md",
        "missing     c.md",
        "3 pages: 1 up-to-date, 1 outdated, 1 missing, 0 orphan",
    ]
    assert run_cli(capsys, "--docs-dir", "docs", "--check")[0] == 1


def test_cli_json(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--docs-dir", "docs", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["counts"] == {"up-to-date": 1, "outdated": 1, "missing": 1, "orphan": 0}
    assert [(p["page"], p["state"], p["translation"]) for p in data["pages"]] == [
        ("a.md", "outdated", "docs/en/a.md"),
        ("b.md", "up-to-date", "docs/en/b.md"),
        ("c.md", "missing", "docs/en/c.md"),
    ]
    assert [f["rule"] for f in data["findings"]] == ["translation-outdated", "translation-missing"]


def test_cli_refresh_marks_page_up_to_date(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (tree / "en/a.md").read_text(encoding="utf-8")
    code, out, _ = run_cli(capsys, "--docs-dir", "docs", "--refresh", "docs/en/a.md")
    assert code == 0
    today = dt.datetime.now(dt.UTC).date()
    assert out == f"docs/en/a.md: refreshed ({source_hash(ZH_CHANGED)}, {today})\n"
    after = (tree / "en/a.md").read_text(encoding="utf-8")
    assert after.split("---\n", 2)[2] == before.split("---\n", 2)[2]  # body byte-identical
    code, out, _ = run_cli(
        capsys, "--docs-dir", "docs", "--refresh", "en/b.md", "--date", "2030-01-01"
    )
    assert (code, out) == (0, f"docs/en/b.md: already up to date ({source_hash(ZH)})\n")
    (tree / "zh/c.md").unlink()
    assert run_cli(capsys, "--docs-dir", "docs", "--check")[0] == 0


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--refresh", "docs/zh/a.md"], "not a page of"),
        (["--refresh", "docs/en/nope.md"], "not a page of"),
        (["--docs-dir", "nowhere"], "no source folder nowhere/zh"),
    ],
)
def test_cli_bad_usage(
    tree: Path, capsys: pytest.CaptureFixture[str], args: list[str], error: str
) -> None:
    docs = [] if "--docs-dir" in args else ["--docs-dir", "docs"]
    code, out, err = run_cli(capsys, *docs, *args)
    assert (code, out) == (2, "")
    assert error in err


def test_cli_reads_docs_dir_and_languages_from_mkdocs_yml(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree.parent / "mkdocs.yml").write_text(
        "docs_dir: docs\nsite_url: !ENV [X, 'https://x/']\nplugins:\n  - i18n:\n"
        "      languages:\n        - {locale: zh, default: true}\n        - {locale: en}\n",
        encoding="utf-8",
    )
    (tree / "zh" / "sub").mkdir()
    monkeypatch.chdir(tree / "zh" / "sub")
    code, out, _ = run_cli(capsys)
    assert code == 0
    assert out.splitlines()[-1] == "3 pages: 1 up-to-date, 1 outdated, 1 missing, 0 orphan"
