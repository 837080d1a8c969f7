"""Final HTML clean-ups: hreflang links leave the head; indentation goes, <pre> stays."""

from __future__ import annotations

from kubenotes.page_html import drop_hreflang_links, strip_indentation

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


def test_indentation_goes_but_preformatted_text_stays():
    html = (
        "<nav>\n    <ul>\n      <li>a</li>\n\t\t<li>b</li>\n    </ul>\n</nav>\n"
        "<pre><code>spec:\n  containers:\n    - name: x\n</code></pre>\n"
        "  <p>text\n   more</p>\n"
        "<script>\n  var x = 1;\n</script>\n"
        "<PRE class=x>\n  kept\n</PRE >\n  <textarea>\n  kept\n</textarea>"
    )
    assert strip_indentation(html) == (
        "<nav>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</nav>\n"
        "<pre><code>spec:\n  containers:\n    - name: x\n</code></pre>\n"
        "<p>text\nmore</p>\n"
        "<script>\n  var x = 1;\n</script>\n"
        "<PRE class=x>\n  kept\n</PRE >\n<textarea>\n  kept\n</textarea>"
    )


def test_unclosed_pre_is_left_to_the_indent_rule():
    assert strip_indentation("<pre>\n  a") == "<pre>\na"
