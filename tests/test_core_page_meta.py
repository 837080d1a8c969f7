"""Page metadata: the summary paragraph as description, Open Graph tags, hreflang alternates,
the "last updated" line (kubenotes.page_meta)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from kubenotes.page_meta import head_tags, insert_into_head, shorten, summary, updated_text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '<h1 id="t">Title</h1>\n<p>First <code>kubectl</code> &amp; more.</p><p>Next</p>',
            "First kubectl & more.",
        ),
        # a paragraph inside an admonition or a list is not the page's summary
        (
            '<h1>T</h1><div class="admonition"><p>Note</p></div><ul><li><p>item</p></li></ul>'
            "<p>Summary  text\nover lines.</p>",
            "Summary text over lines.",
        ),
        ("<h1>Only a title</h1><pre>code</pre>", ""),
        ("<p>Line<br>break <img src=x alt=y> here</p>", "Linebreak here"),
    ],
)
def test_summary_is_the_first_top_level_paragraph(content: str, expected: str) -> None:
    assert summary(content) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 160, "short"),
        ("One sentence here. Two sentences there, which go on.", 30, "One sentence here."),
        (
            "One sentence here. Two sentences there, which go on.",
            40,
            "One sentence here. Two sentences…",
        ),
        ("aaa bbb ccc ddd eee fff", 14, "aaa bbb ccc…"),
        ("x" * 30, 10, "x" * 9 + "…"),
        # a wide (CJK) character takes two columns: 10 columns are 5 characters
        ("一二三四五六七八九十", 10, "一二三四五六七八九十"[:4] + "…"),
        ("第一句话很长很长。第二句话", 20, "第一句话很长很长。"),
    ],
)
def test_shorten_cuts_at_a_sentence_or_word(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected


def _tags(**overrides: object) -> str:
    fields = {
        "title": 'Pod "termination" <1>',
        "description": "Grace & period",
        "site_name": "Notes",
        "url": "https://example.org/en/a/",
        "language": "en",
        "alternates": {"en": "https://example.org/en/a/", "zh": "https://example.org/a/"},
        "default_language": "zh",
        "is_home": False,
    }
    return head_tags(**{**fields, **overrides})  # type: ignore[arg-type]


def test_head_tags_are_escaped_and_complete() -> None:
    tags = _tags()
    assert '<meta property="og:title" content="Pod &quot;termination&quot; &lt;1&gt;">' in tags
    assert '<meta property="og:description" content="Grace &amp; period">' in tags
    assert '<meta property="og:type" content="article">' in tags
    assert '<meta property="og:url" content="https://example.org/en/a/">' in tags
    assert '<meta property="og:locale" content="en_US">' in tags
    assert '<meta property="og:locale:alternate" content="zh_CN">' in tags
    assert '<meta name="twitter:card" content="summary">' in tags
    assert 'name="robots"' not in tags
    alternates = re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', tags)
    assert alternates == [
        ("en", "https://example.org/en/a/"),
        ("zh", "https://example.org/a/"),
        ("x-default", "https://example.org/a/"),
    ]
    # Material fetches <href>/sitemap.xml for every link matching [rel=alternate]
    assert 'rel="alternate"' not in tags


def test_head_tags_for_home_and_noindex_pages() -> None:
    tags = _tags(is_home=True, robots="noindex", alternates={"en": "https://example.org/en/"})
    assert '<meta property="og:type" content="website">' in tags
    assert tags.startswith('<meta name="robots" content="noindex">')
    assert "og:locale:alternate" not in tags and "x-default" not in tags


def test_updated_text_in_the_readers_language() -> None:
    day = dt.date(2026, 11, 22)
    assert updated_text(day, "zh") == '最后更新：<time datetime="2026-11-22">2026年11月22日</time>'
    assert updated_text(day, "en") == (
        'Last updated: <time datetime="2026-11-22">November 22, 2026</time>'
    )


def test_insert_into_head() -> None:
    assert insert_into_head("<head><title>x</title></head><body>", "<m>") == (
        "<head><title>x</title><m></head><body>"
    )
    assert insert_into_head("<p>no head</p>", "<m>") == "<p>no head</p>"
