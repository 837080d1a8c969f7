"""Source hashes, the translation record and its refresh (kubenotes.i18n.source, .headings)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from kubenotes.i18n.headings import explicit_ids, page_title
from kubenotes.i18n.render import insert_banner
from kubenotes.i18n.source import Record, normalize, read_record, refresh_text, source_hash

DAY = dt.date(2026, 11, 22)
PAGE = "# 标题 {#title}\n\n正文。\n\n## 小节 {#section}\n\n更多。\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# 标题\n\n正文\n", "# 标题\n\n正文\n"),
        ("# 标题\r\n\r\n正文\r\n", "# 标题\n\n正文\n"),
        ("# 标题   \n\n正文\t\n", "# 标题\n\n正文\n"),
        ("\n\n# 标题\n\n\n\n正文\n\n\n", "# 标题\n\n正文\n"),
        ("---\ntitle: 标题\n---\n# 标题\n", "# 标题\n"),
        ("\ufeff# 标题\n", "# 标题\n"),
        ("# Cafe\u0301\n", "# Caf\u00e9\n"),
        ("```yaml\nkey:  value  \n```\n", "```yaml\nkey:  value\n```\n"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_source_hash_is_sha256_of_the_normalized_text() -> None:
    digest = hashlib.sha256(normalize(PAGE).encode("utf-8")).hexdigest()
    assert source_hash(PAGE) == f"sha256:{digest[:16]}"


@pytest.mark.parametrize(
    ("edited", "same"),
    [
        (PAGE.replace("\n", "\r\n"), True),  # line endings
        (PAGE.replace("正文。", "正文。  "), True),  # trailing spaces
        (PAGE.replace("\n\n## ", "\n\n\n\n## "), True),  # blank lines
        ("---\ndescription: x\n---\n" + PAGE, True),  # front matter
        (PAGE.replace("正文。", "正文！"), False),  # punctuation
        (PAGE.replace("{#section}", "{#part}"), False),  # heading id
        (PAGE.replace("更多。", " 更多。"), False),  # leading indentation matters (Markdown)
    ],
)
def test_source_hash_ignores_whitespace_only_edits(edited: str, same: bool) -> None:
    assert (source_hash(edited) == source_hash(PAGE)) is same


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcd", "bcde", strict=True)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Title\n", Record()),
        ("---\ntitle: T\n---\n# Title\n", Record()),
        (
            "---\ntranslation_of: sha256:0123456789abcdef\ntranslated_on: 2026-11-20\n---\n",
            Record("sha256:0123456789abcdef", "2026-11-20"),
        ),
        (
            "---\ntranslation_of: 'sha256:0123456789abcdef'\n---\n",
            Record("sha256:0123456789abcdef", ""),
        ),
        (
            "---\ntranslation_of: [unclosed\n---\n",
            Record(
                front_matter_error="line 2: while parsing a flow sequence: expected ',' or ']', "
                "but got '<stream end>'"
            ),
        ),
        # hostile front matter (issue 11): a finding at its line, never an exception or a hang
        (
            "---\ntitle: T\ntranslation_of: !!bool x\n---\n",
            Record(front_matter_error="line 3: 'x' is not a valid !!bool value"),
        ),
        (
            f"---\n{BOMB}---\n",
            Record(
                front_matter_error="line 2: more than 10,000 YAML aliases in one file (limit "
                "against hostile input; alias bomb?)"
            ),
        ),
    ],
)
def test_read_record(text: str, expected: Record) -> None:
    assert read_record(text) == expected


H = "sha256:00000000000000aa"
RECORD = f"translation_of: {H}\ntranslated_on: 2026-11-22\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Title\n\nBody\n", f"---\n{RECORD}---\n# Title\n\nBody\n"),
        (
            "# Title\r\nBody\r\n",
            f"---\r\n{RECORD.replace(chr(10), chr(13) + chr(10))}---\r\n# Title\r\nBody\r\n",
        ),
        (
            "---\ntitle: T  # kept as is\n---\n# Title\n",
            f"---\ntitle: T  # kept as is\n{RECORD}---\n# Title\n",
        ),
        (
            "---\ntranslated_on: 2020-01-01\ntitle: T\ntranslation_of: sha256:old\n---\nBody\n",
            f"---\ntranslated_on: 2026-11-22\ntitle: T\ntranslation_of: {H}\n---\nBody\n",
        ),
        ("\ufeff---\na: 1\n---\nBody", f"\ufeff---\na: 1\n{RECORD}---\nBody"),
    ],
)
def test_refresh_text_rewrites_only_the_record(text: str, expected: str) -> None:
    refreshed = refresh_text(text, H, DAY)
    assert refreshed == expected
    assert read_record(refreshed) == Record(H, "2026-11-22")
    assert refresh_text(refreshed, H, DAY) == refreshed


@pytest.mark.parametrize(
    ("text", "title", "ids"),
    [
        (PAGE, "标题", {"title": 1, "section": 5}),
        ("---\ntitle: 前言\n---\n# 标题 {#t}\n", "前言", {"t": 4}),
        ("## A {: #a }\n# B {#b .wide}\n### C ###\n", "B", {"a": 1, "b": 2}),
        ("```bash\n# 注释 {#no}\n```\n# 真正的标题\n", "真正的标题", {}),
        ("#NoSpace\n    # indented code\nText\n", "", {}),
    ],
)
def test_title_and_explicit_ids(text: str, title: str, ids: dict[str, int]) -> None:
    assert page_title(text) == title
    assert explicit_ids(text) == ids


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Title\n\nBody\n", "# Title\n\nBANNER\n\n\nBody\n"),
        ("\n# Title {#t}\nBody", "\n# Title {#t}\n\nBANNER\n\nBody"),
        ("Intro\n\n# Title\n", "BANNER\n\nIntro\n\n# Title\n"),
        ("## Section\n", "BANNER\n\n## Section\n"),
    ],
)
def test_insert_banner_after_the_page_title(markdown: str, expected: str) -> None:
    assert insert_banner(markdown, "BANNER\n") == expected
