"""Editorial notes about the source notes' images live on the sources page, not on topic pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kubenotes.corrections.table import pages

DOCS = Path(__file__).resolve().parent.parent / "docs"
# An image file named in backticks, or a sentence about a replaced figure of the notes.
LEFTOVER = re.compile(
    r"`[^`\s]+\.(?:png|jpe?g|gif)`|替代原笔记|replaces `|of the (?:source )?notes?:",
    re.IGNORECASE,
)
TABLE_ROW = re.compile(r"^\| `(?P<image>[^`]+\.(?:png|jpe?g|gif))` \| (?P<note>\d{3}) \| \[", re.M)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_editorial_leftovers_on_topic_pages(lang: str) -> None:
    found = [
        f"{path.relative_to(DOCS)}:{number}: {match.group(0)}"
        for path in pages(DOCS, lang)
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
        for match in [LEFTOVER.search(line)]
        if match
    ]
    assert not found, "\n".join(found)


def test_redrawn_figures_are_listed_on_both_sources_pages() -> None:
    tables = {
        lang: TABLE_ROW.findall((DOCS / lang / "reference" / "sources.md").read_text("utf-8"))
        for lang in ("zh", "en")
    }
    assert tables["zh"] == tables["en"]
    assert {image for image, _ in tables["zh"]} >= {
        "images/pod_management.png",
        "images/log_sidecar.png",
        "images/proxy_sidecar.png",
        "images/adapter_sidecar.png",
        "4-pod-lifecycle.png",
        "4-pod-start.png",
        "4-pod-delete.png",
    }


def test_leftover_pattern_catches_the_old_wording() -> None:
    assert LEFTOVER.search("下图替代原笔记中的 `4-pod-delete.png`：")
    assert LEFTOVER.search("The diagram below replaces `images/log_sidecar.png` of the notes:")
    assert not LEFTOVER.search("The numbers in the diagram below match the 10 steps:")
