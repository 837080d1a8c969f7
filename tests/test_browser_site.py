"""What a reader sees, in Debian's Chromium: search per language, language switch, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import open_page, screenshot, search

pytestmark = pytest.mark.browser

DEEP_PAGES = ["lifecycle/termination/", "health/probes/", "scheduling/overview/"]


def first_section_id(site: Path, page: str) -> str:
    """The id of the first ``<h2>`` of a built zh page (explicit ids are ASCII)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    marker = html.index("<h2 id=")
    return html[marker + 8 : html.index('"', marker + 8)]


def test_zh_search_finds_pod_lifecycle_by_chinese_word(browser, site_url):
    page, recorder = open_page(browser)
    page.goto(site_url + "/")
    results = search(page, "宽限期")
    screenshot(page, "search-zh-grace-period")
    assert any("/lifecycle/" in link for link in results), results
    assert all("/en/" not in link for link in results), results
    recorder.assert_clean()


def test_en_search_returns_only_english_pages(browser, site_url):
    page, recorder = open_page(browser)
    page.goto(site_url + "/en/")
    results = search(page, "grace period")
    screenshot(page, "search-en-grace-period")
    assert any("/en/lifecycle/" in link for link in results), results
    assert all(link.startswith(site_url + "/en/") for link in results), results
    recorder.assert_clean()


@pytest.mark.parametrize("deep_page", DEEP_PAGES)
def test_language_switch_keeps_page_and_section(browser, site_url, site, deep_page):
    section = first_section_id(site, deep_page)
    page, recorder = open_page(browser)
    page.goto(f"{site_url}/{deep_page}#{section}")
    page.locator("a.md-select__link[hreflang='en']").dispatch_event("click")
    page.wait_for_url(f"{site_url}/en/{deep_page}#{section}")
    assert page.locator(f"[id='{section}']").count() == 1
    screenshot(page, "switch-" + deep_page.strip("/").replace("/", "-"))
    page.locator("a.md-select__link[hreflang='zh']").dispatch_event("click")
    page.wait_for_url(f"{site_url}/{deep_page}#{section}")
    recorder.assert_clean()


@pytest.mark.parametrize("path", ["", "en/", "lifecycle/termination/", "en/health/probes/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_load_offline_without_errors(browser, site_url, path, scheme):
    page, recorder = open_page(browser, color_scheme=scheme)
    response = page.goto(f"{site_url}/{path}")
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    screenshot(page, f"page-{scheme}-" + (path.strip("/").replace("/", "-") or "home"))
    assert len(recorder.requests) > 3  # the recorder sees the page's own assets
    recorder.assert_clean()
