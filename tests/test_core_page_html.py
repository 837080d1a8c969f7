"""Final HTML clean-ups: hreflang links leave the head; indentation goes, <pre> stays."""

from __future__ import annotations

from kubenotes.page_html import (
    ICON_SPRITE,
    break_table_identifiers,
    drop_hreflang_links,
    icon_id,
    icon_sprite,
    lighten_code,
    share_icons,
    strip_indentation,
)

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
        "<script>\nvar x = 1;\n</script>\n"
        "<PRE class=x>\n  kept\n</PRE >\n<textarea>\n  kept\n</textarea>"
    )


def test_blank_lines_go_and_scripts_with_multiline_strings_keep_their_spaces():
    html = (
        "<ul>\n\n  \n<li>a</li>\r\n\n</ul>\n\u00a0 <b>x</b>\n"
        "<script>\n  var s = `a\n  b`;\n</script>\n"
        '<script>\n  var t = "a\\\n  b";\n</script>\n'
        "<style>\n  p { color: red }\n</style>\n"
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
        '<a tabindex="">'
    )
    assert strip_indentation(html) == (
        "<ul>\n<li>a</li>\r\n</ul>\n\u00a0 <b>x</b>\n"
        "<script>\n  var s = `a\n  b`;\n</script>\n"
        '<script>\n  var t = "a\\\n  b";\n</script>\n'
        "<style>\n  p { color: red }\n</style>\n"
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label"><a tabindex="">'
    )


CODE = (
    '<div class="language-yaml highlight"><pre><span></span><code><span id="__span-0-1">'
    '<span class="w">  </span><span class="nt">name</span><span class="p">:</span>'
    '<span class="w"> </span><span class="l l-Scalar l-Scalar-Plain">web</span>'
    '<span class="p p-Indicator">-</span><span class="kd">x</span>\n</span></code></pre></div>'
)


def test_code_keeps_its_text_and_the_classes_material_colours():
    assert lighten_code(CODE + '<p><span class="w">kept</span></p>') == (
        '<div class="language-yaml highlight"><pre><span></span><code><span id="__span-0-1">'
        '  <span class="nt">name</span><span class="p">:</span> <span class="l">web</span>'
        '<span class="p">-</span><span class="kd">x</span>\n</span></code></pre></div>'
        '<p><span class="w">kept</span></p>'
    )


LOGO = "M13.95 13.5h-.23c-.18.11-.26.32-.18.5l.86 2.11c.83-.53 1.46-1.32 1.79-2.25" * 3
MENU = "M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"


def _icon(path: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="{path}"/></svg>'


def test_long_icons_come_from_the_sprite_short_ones_stay():
    icons: dict[str, tuple[str, str]] = {}
    page = f'<a class="md-logo">{_icon(LOGO)}</a><label>{_icon(MENU)}</label>{_icon(LOGO)}'
    page += '<svg class="diagram" viewBox="0 0 24 24"><path d="' + LOGO + '"/></svg>'
    shared = share_icons(page, "../../" + ICON_SPRITE, icons)
    name = icon_id("0 0 24 24", LOGO)
    use = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<use href="../../assets/kubenotes-icons.svg#{name}"/></svg>'
    )
    assert shared == (
        f'<a class="md-logo">{use}</a><label>{_icon(MENU)}</label>{use}'
        '<svg class="diagram" viewBox="0 0 24 24"><path d="' + LOGO + '"/></svg>'
    )
    assert icons == {name: ("0 0 24 24", LOGO)}
    assert icon_sprite(icons) == (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        f'<symbol id="{name}" viewBox="0 0 24 24"><path d="{LOGO}"/></symbol></svg>\n'
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
