"""The real site's page metadata, read from the built HTML: a description of its own per
page and language, Open Graph tags, hreflang alternates Material does not fetch, and the
"last updated" date that git history gives (asked of git here, page by page)."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.site

SITE_URL = "https://kubenotes.example.org/"
META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">')
ALTERNATE = re.compile(r'<link rel="alternate\s*" hreflang="([^"]+)" href="([^"]+)">')


def _pages(site: Path) -> dict[str, str]:
    """URL path (``en/health/probes/``) → HTML of every content page of both languages."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        if not {"search", "assets"} & set(path.parts):
            found["" if url == "." else url + "/"] = path.read_text(encoding="utf-8")
    return found


def _head(page: str) -> str:
    return page[: page.index("</head>")]


def _meta(page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in META.findall(_head(page)):
        found.setdefault(name, []).append(html.unescape(value))
    return found


def test_every_page_has_its_own_description_in_its_language(site: Path):
    pages = _pages(site)
    assert len(pages) >= 120
    site_wide = {
        _meta(pages[""])["description"][0]: "",
        _meta(pages["en/"])["description"][0]: "",
    }
    descriptions: dict[str, str] = {}
    for url, page in pages.items():
        meta = _meta(page)
        assert len(meta.get("description", [])) == 1, (url, meta)
        (description,) = meta["description"]
        assert meta["og:description"] == [description] == meta["twitter:description"], url
        assert 20 <= len(description) <= 160, (url, description)
        chinese = len(re.findall(r"[\u4e00-\u9fff]", description))
        if url.startswith("en/"):
            assert chinese == 0, (url, description)
        else:
            assert chinese >= 10, (url, description)
        assert description not in descriptions or url in ("", "en/"), (
            url,
            descriptions.get(description),
        )
        descriptions[description] = url
    # the home pages' own summaries, not the site-wide description of mkdocs.yml
    assert "按主题整理的 Kubernetes 学习笔记：Pod" not in site_wide
    assert len(site_wide) == 2


def test_open_graph_and_alternates(site: Path):
    for url, page in _pages(site).items():
        meta = _meta(page)
        english = url.startswith("en/")
        canonical = SITE_URL + url
        assert meta["og:url"] == [canonical], url
        assert meta["og:locale"] == ["en_US" if english else "zh_CN"], url
        assert meta["og:locale:alternate"] == ["zh_CN" if english else "en_US"], url
        assert meta["og:type"] == ["website" if url in ("", "en/") else "article"], url
        assert meta["og:title"][0] and meta["twitter:card"] == ["summary"], url
        assert f'<html lang="{"en" if english else "zh"}"' in page, url
        zh_url = SITE_URL + (url[3:] if english else url)
        en_url = SITE_URL + (url if english else "en/" + url)
        assert ALTERNATE.findall(_head(page)) == [
            ("en", en_url),
            ("zh", zh_url),
            ("x-default", zh_url),
        ], url
        # Material fetches <href>/sitemap.xml for every link[rel=alternate]: none may match
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', page), url
        assert 'name="robots"' not in page, url  # every page is translated


def _source(url: str) -> Path:
    language, _, rest = url.partition("/") if url.startswith("en/") else ("zh", "", url)
    stem = REPO / "docs" / language / rest.rstrip("/")
    if (stem / "index.md").is_file() or not rest:
        return stem / "index.md"
    return stem.with_suffix(".md")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def test_last_updated_is_the_git_date_of_each_committed_page(site: Path):
    if _git("rev-parse", "--is-shallow-repository") != "false":
        pytest.skip("no reliable git history here (no repository, or a shallow clone)")
    dated = 0
    for url, page in _pages(site).items():
        source = _source(url)
        assert source.is_file(), (url, source)
        shown = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', page)
        committed = _git("log", "-1", "--format=%cs", "--", str(source))
        clean = not _git("status", "--porcelain", "--", str(source))
        expected = [committed] if committed and clean else []
        assert shown == expected, url
        dated += bool(shown)
        if shown:
            label = "Last updated: " if url.startswith("en/") else "最后更新："
            assert f'{label}<time datetime="{shown[0]}">' in page, url
    assert dated > 0 or _git("status", "--porcelain", "--", "docs")
