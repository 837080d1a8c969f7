"""Per-page hreflang links leave the head (Material would fetch <link>/sitemap.xml for each)."""

from __future__ import annotations

from kubenotes.alternates import drop_hreflang_links

PAGE = """<html><head>
  <link rel="canonical" href="https://x.org/a/">
  <link rel="alternate" href="./" hreflang="zh">
  <link rel="alternate" href="../../en/a/" hreflang="en">
  <link rel="alternate" type="application/rss+xml" href="feed.xml">
</head><body>
  <link rel="alternate" href="./" hreflang="zh">
</body></html>"""


def test_only_head_hreflang_links_are_dropped():
    assert drop_hreflang_links(PAGE) == (
        "<html><head>\n"
        '  <link rel="canonical" href="https://x.org/a/">\n'
        '  <link rel="alternate" type="application/rss+xml" href="feed.xml">\n'
        "</head><body>\n"
        '  <link rel="alternate" href="./" hreflang="zh">\n'
        "</body></html>"
    )


def test_a_fragment_without_head_is_unchanged():
    assert drop_hreflang_links('<link rel="alternate" href="./" hreflang="zh">') == (
        '<link rel="alternate" href="./" hreflang="zh">'
    )
