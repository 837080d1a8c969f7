"""Final HTML clean-ups: hreflang links leave the head; indentation goes, <pre> stays."""

from __future__ import annotations

from kubenotes.page_html import break_table_identifiers, drop_hreflang_links, strip_indentation

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


def test_table_identifiers_break_at_camel_case_and_punctuation_only():
    page = (
        "<p><code>terminationGracePeriodSeconds</code></p>"
        "<table><tr><td><code>initialDelaySeconds</code></td>"
        "<td><code>spec.containers[0].livenessProbe</code><code>short</code></td>"
        "<td><code>a&amp;b&#x2F;cD/eeeeeeeeeeeee</code><code>period=&lt;second&gt;</code>"
        "<code class='x'>keepsAsIs</code></td>"
        "</tr></table>"
    )
    assert break_table_identifiers(page) == (
        "<p><code>terminationGracePeriodSeconds</code></p>"  # outside a table: unchanged
        "<table><tr><td><code>initial<wbr>Delay<wbr>Seconds</code></td>"
        "<td><code>spec.<wbr>containers[0].<wbr>liveness<wbr>Probe</code><code>short</code></td>"
        # entities stay whole
        "<td><code>a&amp;b&#x2F;c<wbr>D/<wbr>eeeeeeeeeeeee</code>"
        "<code>period=<wbr>&lt;second&gt;</code>"
        "<code class='x'>keepsAsIs</code></td>"
        "</tr></table>"
    )
