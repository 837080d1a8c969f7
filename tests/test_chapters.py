"""The chapters written beyond the five source notes (coverage/chapters.yaml), and that every
page of the book is accounted for: by a seed heading, a source-notes line, a chapter entry, or
the book's own pages. Each chapter exists in both languages, is in the navigation, includes
its manifests (which validate), draws its diagrams, cites the kubernetes.io pages it was
written from, and ends with a related list and a source line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from kubenotes.cli import main

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
RECORD = yaml.safe_load((REPO / "coverage" / "chapters.yaml").read_text(encoding="utf-8"))
CHAPTERS = {entry["page"]: entry for entry in RECORD["chapters"]}
NOTES_LINE = {"zh": "*来源笔记：", "en": "*Source notes: "}
RELATED = {"zh": "## 相关 {#related}", "en": "## Related {#related}"}


def _seed_pages() -> set[str]:
    pages = set()
    for record in sorted((REPO / "coverage").glob("c[0-9]*.yaml")):
        pages |= {entry["page"] for entry in yaml.safe_load(record.read_text("utf-8")) or []}
    return pages


def _text(language: str, page: str) -> str:
    return (DOCS / language / page).read_text(encoding="utf-8")


def _book_pages(language: str) -> list[str]:
    folder = DOCS / language
    return sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*.md") if "assets" not in p.parts
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_book_has_at_least_70_pages_per_language(language: str) -> None:
    assert len(_book_pages(language)) >= 70


def test_every_page_is_accounted_for() -> None:
    seeds, book = _seed_pages(), set(RECORD["book"])
    unaccounted = [
        page
        for page in _book_pages("zh")
        if page not in seeds
        and page not in book
        and page not in CHAPTERS
        and not re.search(r"^\*来源笔记：\d{3}", _text("zh", page), re.M)
    ]
    assert unaccounted == []
    # a chapter entry is only for pages that no source note covers
    assert sorted(seeds & set(CHAPTERS)) == []


@pytest.mark.parametrize("page", sorted(CHAPTERS))
def test_chapter_in_both_languages_with_what_it_promises(page: str) -> None:
    entry = CHAPTERS[page]
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(rf"^\s+- {re.escape(page)}$", nav, re.M), f"{page} is not in the nav"
    for language in ("zh", "en"):
        text = _text(language, page)
        includes = re.findall(r'--8<-- "(manifests/[^"]+)"', text)
        assert includes == entry["manifests"], (language, includes)
        assert text.count("```mermaid") == entry["diagrams"] >= 1, language
        assert RELATED[language] in text, language
        assert NOTES_LINE[language] in text and re.search(r"^\*.*(无|none)", text, re.M), language
        assert re.search(r"https://kubernetes\.io/", text), language
    english = _text("en", page)
    missing = [source for source in entry["sources"] if source not in english]
    assert entry["sources"] and missing == []


def test_chapter_manifests_validate(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifests = sorted({m for entry in CHAPTERS.values() for m in entry["manifests"]})
    assert manifests
    monkeypatch.chdir(REPO)  # the project's mkdocs.yml (Kubernetes version)
    code = main(["validate", "--crds", "manifests/crds", *manifests])
    output = capsys.readouterr().out
    assert code == 0, output
