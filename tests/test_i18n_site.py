"""The translations hook in a real build of the fixture site (tests/fixtures/i18n/site).

Each test copies the fixture to a temp dir, changes it like an author would, builds it strictly
with mkdocs + material + mkdocs-static-i18n and looks at the HTML, the sitemap and the log.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import build_site
from kubenotes.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "i18n" / "site"
HOOK = REPO / "hooks" / "translations.py"
META_HOOK = REPO / "hooks" / "page_meta.py"
BANNER = "This translation may be outdated"
PLACEHOLDER = "Not yet translated"

pytestmark = pytest.mark.site


@dataclass
class Site:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def build(self) -> tuple[int, str]:
        result = build_site(self.root / "mkdocs.yml", self.root / "site", timeout=300)
        return result.returncode, result.stdout + result.stderr

    def html(self, url: str) -> str:
        return (self.root / "site" / url / "index.html").read_text(encoding="utf-8")

    def edit(self, page: str, old: str, new: str) -> None:
        path = self.docs / page
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("META_HOOK", str(META_HOOK))
    config.write_text(text.replace("- HOOK", f"- {HOOK}"), "utf-8")
    return Site(root)


def status(site: Site, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    capsys.readouterr()
    main(["translations", "--config", str(site.root / "mkdocs.yml"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    return {page["page"]: page["state"] for page in data["pages"]}


def lines_with(log: str, text: str) -> list[str]:
    return [line for line in log.splitlines() if text in line]


def test_fixture_site_is_up_to_date(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    code, log = site.build()
    assert code == 0, log
    assert set(status(site, capsys).values()) == {"up-to-date"}
    assert lines_with(log, "translation") == []
    for url in ("en/guide/phases", "en/guide/probes", "en"):
        assert BANNER not in site.html(url)
    assert "共 4 页：已同步 4 页，待更新 0 页，未翻译 0 页，缺少中文原文 0 页。" in site.html(
        "reference/translation-status"
    )
    english_status = site.html("en/reference/translation-status")
    assert "4 pages: 4 up to date, 0 outdated, 0 not yet translated" in english_status
    assert "Every page is up to date." in english_status  # counted per folder, not listed
    assert "<code>guide/</code>" in english_status
    assert "<!-- translation-status -->" not in english_status


def test_changed_source_shows_banner_until_refreshed(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.edit("zh/guide/phases.md", "简单的高层概括", "简单的、高层次的概括")
    code, log = site.build()
    assert code == 0, log
    assert status(site, capsys)["guide/phases.md"] == "outdated"
    assert [line.split(" ", 1)[1].strip() for line in lines_with(log, "[translation-")] == [
        "-  docs/en/guide/phases.md:2: info: the source changed since this translation "
        f"(sha256:{_hash(site, 'en/guide/phases.md')} → sha256:{_current(site)}); update it from "
        "docs/zh/guide/phases.md, then run "
        "`kubenotes translations --refresh docs/en/guide/phases.md` [translation-outdated]"
    ]
    page = site.html("en/guide/phases")
    assert re.search(
        r'<h1 id="pod-phases">Pod phases.*?</h1>\s*<div class="admonition warning '
        r'kubenotes-translation-outdated"',
        page,
        re.S,
    )
    assert (
        'The <a href="../../../guide/phases/" hreflang="zh">Chinese original</a> has changed '
        "since this page was translated (translated on 2026-11-22)."
    ) in page
    assert BANNER not in site.html("en/guide/probes")
    english_status = site.html("en/reference/translation-status")
    assert "kubenotes-state-outdated" in english_status
    assert '<a href="../../guide/phases/">Pod phases</a>' in english_status  # named: needs work

    assert main(["translations", "--refresh", str(site.docs / "en/guide/phases.md")]) == 0
    assert status(site, capsys)["guide/phases.md"] == "up-to-date"
    code, log = site.build()
    assert code == 0, log
    assert BANNER not in site.html("en/guide/phases")


def test_missing_translation_gets_a_placeholder(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    (site.docs / "en/guide/probes.md").unlink()
    code, log = site.build()
    assert code == 0, log
    assert status(site, capsys)["guide/probes.md"] == "missing"
    assert len(lines_with(log, "[translation-missing]")) == 1
    page = site.html("en/guide/probes")
    assert PLACEHOLDER in page
    assert (
        'Read the Chinese original: <a href="../../../guide/probes/" hreflang="zh" lang="zh">'
        "健康检查</a>."
    ) in page
    # an English title and navigation label, the Chinese title only as the link's text, and
    # no entry in search engines
    assert "<title>Probes - Notes</title>" in page
    assert '<h1 id="probes">Probes<a class="headerlink"' in page
    assert re.search(r'md-nav__link--active">\s*<span class="md-ellipsis">\s*Probes\s*<', page)
    assert '<meta name="robots" content="noindex">' in page
    assert 'name="robots"' not in site.html("en/guide/phases")
    assert "存活探针独有的中文正文" not in page  # the Chinese page is not rendered again
    assert "就绪探针决定" not in page
    assert (  # the original's sections, under their ids, for a switch that keeps the section
        '<li id="readiness"><a href="../../../guide/probes/#readiness" hreflang="zh" lang="zh">'
        "就绪探针</a></li>"
    ) in page
    # English navigation, language switchers in both directions, sitemap, search
    assert 'href="../../../guide/probes/" hreflang="zh" class="md-select__link"' in page
    assert '<a href="../../en/guide/probes/" hreflang="en" class="md-select__link"' in (
        site.html("guide/probes")
    )
    assert 'href="../probes/"' in site.html("en/guide/phases")
    sitemap = (site.root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/en/guide/probes/</loc>" in sitemap
    index = json.loads((site.root / "site/search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert "guide/probes/" in locations
    assert [loc for loc in locations if loc.startswith("en/guide/probes")] == []
    assert "kubenotes-state-missing" in site.html("en/reference/translation-status")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("en/guide/orphan.md", "# Orphan\n"),
            "docs/en/guide/orphan.md: error: translation has no source page "
            "docs/zh/guide/orphan.md: give it the path of the page it translates, or delete it "
            "[translation-orphan]",
        ),
        (
            ("en/guide/probes.md", None),
            "docs/en/guide/probes.md: warning: no heading with id #readiness of "
            "docs/zh/guide/probes.md:5 [translation-heading-ids]",
        ),
    ],
)
def test_strict_build_fails(site: Site, change: tuple[str, str | None], expected: str) -> None:
    page, text = change
    if text is None:
        site.edit(page, "{#readiness}", "{#readiness-probes}")
    else:
        (site.docs / page).write_text(text, encoding="utf-8")
    code, log = site.build()
    assert code == 1
    assert len(lines_with(log, expected)) == 1, log
    assert "Aborted with" in log


def _hash(site: Site, page: str) -> str:
    text = (site.docs / page).read_text(encoding="utf-8")
    return re.search(r"translation_of: sha256:([0-9a-f]{16})", text).group(1)


def _current(site: Site) -> str:
    from kubenotes.i18n.source import source_hash

    text = (site.docs / "zh/guide/phases.md").read_text(encoding="utf-8")
    return source_hash(text).removeprefix("sha256:")
