"""The real site, built strictly: both languages, stable heading ids, small pages."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
from conftest import BuiltSite

pytestmark = pytest.mark.site

HEADING_ID = re.compile(r'<h([2-6]) id="([^"]+)"')


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if not {"search", "assets"} & set(p.parts))


def test_strict_build_has_no_warning(built_site: BuiltSite):
    assert built_site.returncode == 0, built_site.log[-4000:]
    assert "WARNING" not in built_site.log
    assert (built_site.root / "index.html").is_file()
    assert (built_site.root / "en" / "index.html").is_file()


def test_heading_ids_are_readable_and_match_across_languages(site: Path):
    problems = []
    for page in pages(site):
        relative = page.relative_to(site)
        if relative.parts[0] == "en":
            continue
        zh_ids = [i for _, i in HEADING_ID.findall(page.read_text(encoding="utf-8"))]
        problems += [f"{relative}: unreadable id {i!r}" for i in zh_ids if re.fullmatch(r"_\d+", i)]
        english = site / "en" / relative
        if not english.is_file():
            problems.append(f"{relative}: no English page")
            continue
        en_ids = [i for _, i in HEADING_ID.findall(english.read_text(encoding="utf-8"))]
        if zh_ids != en_ids:
            problems.append(f"{relative}: ids differ: {sorted(set(zh_ids) ^ set(en_ids))}")
    assert problems == []


def test_pages_stay_small(site: Path):
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in pages(site)}
    assert len(sizes) > 100
    assert statistics.median(sizes.values()) < 60 * 1024
    assert {page: size for page, size in sizes.items() if size > 200 * 1024} == {}


PAGE_LIMIT = 60 * 1024  # issue 16: every page, whatever it shows


def test_every_page_is_at_most_60_kib(site: Path):
    """Every HTML file of the site, 404 pages included; the icons they share are one file."""
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert len(sizes) > 100
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] <= PAGE_LIMIT, f"{largest}: {sizes[largest]} bytes"
    sprite = (site / "assets" / "kubenotes-icons.svg").read_text(encoding="utf-8")
    used = set(re.findall(r'kubenotes-icons\.svg#(i[0-9a-f]+)"', (site / "index.html").read_text()))
    assert used and all(f'<symbol id="{name}"' in sprite for name in used)


def test_no_page_is_rendered_twice_as_chinese_under_en(site: Path):
    """Untranslated pages are placeholders, never the Chinese text at an English URL."""
    leaked = [
        p.relative_to(site).as_posix()
        for p in pages(site / "en")
        if 'lang="zh"' in p.read_text(encoding="utf-8")[:300]
    ]
    assert leaked == []


def test_abbreviations_of_the_glossary_reach_every_language(site: Path):
    """snippets/abbreviations.md is given to the abbr extension as its glossary (hooks/
    safe_input.py) rather than appended to every page: the pages still explain the terms."""
    for page in ("scheduling/pdb/index.html", "en/scheduling/pdb/index.html"):
        html = (site / page).read_text("utf-8")
        assert '<abbr title="PodDisruptionBudget">PDB</abbr>' in html, page
        assert "*[PDB]" not in html, page
