"""What a reader sees on a phone and what a link preview sees, in Debian's Chromium: tables
that wrap identifiers between words and show that they scroll, copy buttons only on examples
meant to be copied."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import open_page, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
COPY = "button.md-code__button[data-md-type=copy]"  # Material's copy button
SCREENSHOTS = {"health/probes", "en/health/probes", "en/security/security-context"}

# A word of a table's code span (a run between spaces, hyphens and the <wbr> break
# opportunities; each Chinese character is a word of its own) must sit on one line: a word
# whose characters lie on two lines was broken inside the word.
_BROKEN_WORDS = """() => {
  const broken = [];
  for (const code of document.querySelectorAll('.md-typeset table code')) {
    for (const node of code.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const word of node.textContent.matchAll(/\\p{Script=Han}|[^\\s\\p{Script=Han}-]+-?/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                               .map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""

_SCROLLING_TABLES = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => getComputedStyle(wrap).backgroundImage)"""


def _phone_page(browser: Any, scheme: str = "light") -> tuple[Any, Any]:
    return open_page(browser, color_scheme=scheme, **PHONE)


def test_table_identifiers_never_break_inside_a_word_on_a_phone(browser, site, site_url):
    """Every page whose tables hold long identifiers, in both languages, at 390 px."""
    pages = sorted(
        path.parent.relative_to(site).as_posix()
        for path in site.rglob("index.html")
        if "<wbr>" in path.read_text(encoding="utf-8")
    )
    assert len(pages) >= 10, pages
    page, recorder = _phone_page(browser)
    broken: dict[str, list[str]] = {}
    for path in pages:
        page.goto(f"{site_url}/{path}/")
        page.wait_for_selector(".md-typeset table code wbr", state="attached")
        broken[path] = page.evaluate(_BROKEN_WORDS)
        if path in SCREENSHOTS:
            page.locator(".md-typeset__scrollwrap").first.scroll_into_view_if_needed()
            screenshot(page, "phone-table-" + path.replace("/", "-"), full_page=False)
    assert {path: words for path, words in broken.items() if words} == {}
    recorder.assert_clean()


def test_a_table_that_scrolls_shows_edge_shadows(browser, site_url):
    page, recorder = _phone_page(browser)
    page.goto(f"{site_url}/health/probes/")
    page.wait_for_selector(".md-typeset__scrollwrap")
    backgrounds = page.evaluate(_SCROLLING_TABLES)
    assert backgrounds, "expected a table wider than a 390 px phone on the probes page"
    for background in backgrounds:
        assert background.count("radial-gradient") == 2, background  # the two edge shadows
        assert background.count("linear-gradient") == 2, background  # their covers
    recorder.assert_clean()


def test_copy_button_only_on_examples_meant_to_be_copied(browser, site_url):
    page, recorder = open_page(browser)
    page.goto(f"{site_url}/lifecycle/termination/")
    page.wait_for_selector(COPY)
    wrong = page.locator(".k8s-invalid-on-purpose")
    assert wrong.count() >= 1
    assert page.locator(f".k8s-invalid-on-purpose {COPY}").count() == 0
    blocks = page.locator(".highlight:not(.k8s-invalid-on-purpose) pre")
    buttons = page.locator(f".highlight:not(.k8s-invalid-on-purpose) {COPY}")
    assert blocks.count() > 0 and buttons.count() == blocks.count()
    recorder.assert_clean()
