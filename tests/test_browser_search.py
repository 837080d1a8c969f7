"""Search as a reader uses it, in Debian's Chromium against the built site.

The query set (tests/search_queries.tsv) holds what readers of these notes type: inflected
English words, Chinese compound terms, mixed zh/en queries, field names and kubectl commands,
each with the page that must be among the first three results. The index must not be
downloaded until the reader starts to search.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import open_page, screenshot
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

QUERIES = Path(__file__).with_name("search_queries.tsv")
FULL_INDEX = "search/kubenotes_index.json"


def load_queries() -> list[tuple[str, str, str]]:
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, query, page = line.split("\t")
            rows.append((language, query, page))
    return rows


QUERY_SET = load_queries()


def root(site_url: str, language: str) -> str:
    return site_url + ("/en/" if language == "en" else "/")


def result_pages(page: Any, query: str, timeout: float = 15000) -> list[str]:
    """Type ``query`` into Material's search box; the page link of each result, in order."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material listens to keyup; fill() sends no key events
    page.wait_for_function(
        "() => !document.querySelector('li.md-search-result__item')", timeout=timeout
    )
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_selector("li.md-search-result__item a", timeout=timeout)
    except PlaywrightTimeout:  # no result at all: the test reports the query as missed
        return []
    return page.eval_on_selector_all(
        "li.md-search-result__item",
        "items => items.map(li => li.querySelector('a').href.split(/[?#]/)[0])",
    )


@pytest.fixture(scope="module")
def query_results(browser, site_url) -> dict[tuple[str, str], list[str]]:
    """Every query of the set, typed in the search of its language's site (one page each)."""
    results: dict[tuple[str, str], list[str]] = {}
    for language in ("zh", "en"):
        page, recorder = open_page(browser)
        page.goto(root(site_url, language))
        page.locator("input.md-search__input").click()
        for lang, query, _ in QUERY_SET:
            if lang == language:
                results[(lang, query)] = result_pages(page, query)
        recorder.assert_clean()
        page.context.close()
    return results


@pytest.mark.parametrize(
    ("language", "query", "expected"), QUERY_SET, ids=[f"{q[0]}:{q[1]}" for q in QUERY_SET]
)
def test_query_finds_its_page_in_the_top_three(query_results, site_url, language, query, expected):
    pages = query_results[(language, query)]
    wanted = root(site_url, language) + expected
    assert wanted in pages[:3], f"{query!r}: want {expected} in the top 3, got {pages[:5]}"


# Exact field and component names rank their page first, not just in the top 3.
EXACT_NAMES = ["terminationGracePeriodSeconds", "NetworkPolicy", "kube-proxy"]
LIST_PAGES = (
    "reference/glossary/",
    "reference/sources/",
    "reference/corrections-",
    "contributing/",
)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", EXACT_NAMES)
def test_exact_names_rank_their_page_first(query_results, site_url, language, name):
    expected = next(page for lang, query, page in QUERY_SET if (lang, query) == (language, name))
    pages = query_results[(language, name)]
    assert pages[:1] == [root(site_url, language) + expected], pages[:3]


def test_list_pages_do_not_crowd_out_topic_pages(query_results, site_url):
    # The glossary and the corrections list mention every term; none of the queries is
    # about them, so they must never come first.
    for (language, query), pages in query_results.items():
        first = pages[0][len(root(site_url, language)) :] if pages else ""
        assert not first.startswith(LIST_PAGES), f"{language} {query!r}: {pages[:3]}"


def test_the_query_set_is_big_enough():
    for language in ("zh", "en"):
        assert sum(1 for q in QUERY_SET if q[0] == language) >= 30, language


def test_results_stay_in_their_language(query_results, site_url):
    for (language, query), pages in query_results.items():
        for link in pages:
            english = link.startswith(site_url + "/en/")
            assert english == (language == "en"), f"{language} query {query!r} found {link}"


def test_one_result_per_page(query_results):
    for (language, query), pages in query_results.items():
        assert len(pages) == len(set(pages)), f"{language} {query!r}: {pages}"


def index_requests(recorder) -> list[str]:
    return [url for url in recorder.requests if url.endswith(FULL_INDEX)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_index_loads_on_search_focus_not_on_page_view(browser, site_url, language):
    page, recorder = open_page(browser)
    page.goto(root(site_url, language) + "lifecycle/termination/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert index_requests(recorder) == [], "the index was downloaded on a plain page view"
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    assert index_requests(recorder) == [root(site_url, language) + FULL_INDEX]
    recorder.assert_clean()


def test_query_link_loads_the_index_and_shows_results(browser, site_url):
    page, recorder = open_page(browser)
    page.goto(site_url + "/en/?q=readiness")
    page.wait_for_selector("li.md-search-result__item a", timeout=15000)
    first = page.eval_on_selector("li.md-search-result__item a", "a => a.href")
    assert first.split("?")[0] == site_url + "/en/health/probes/"
    assert index_requests(recorder) == [site_url + "/en/" + FULL_INDEX]
    recorder.assert_clean()


def test_keyboard_opens_the_best_result_and_marks_whole_words(browser, site_url):
    page, recorder = open_page(browser)
    page.goto(site_url + "/")
    page.keyboard.press("s")
    page.keyboard.type("抢占")  # inserted as text, as an input method does: no key events
    page.keyboard.press("End")  # the keyup Material listens to (an IME commit sends one too)
    page.wait_for_selector("li.md-search-result__item a", timeout=15000)
    screenshot(page, "search-zh-preemption")
    marks = page.eval_on_selector_all(
        "li.md-search-result__item mark", "marks => marks.map(m => m.textContent)"
    )
    assert marks and set(marks) == {"抢占"}, marks
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/scheduling/priority-preemption/**")
    page.wait_for_selector("mark[data-md-highlight]")
    on_page = page.eval_on_selector_all(
        "mark[data-md-highlight]", "marks => marks.map(m => m.textContent)"
    )
    screenshot(page, "search-zh-preemption-target")
    assert on_page and set(on_page) == {"抢占"}, on_page
    recorder.assert_clean()
