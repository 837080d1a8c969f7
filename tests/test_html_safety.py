"""What a page's rendered HTML may not carry (kubenotes.html_safety): every way of running
script that raw HTML or attr_list attributes allow, and none of the HTML the site itself makes."""

from __future__ import annotations

import pytest
from kubenotes.html_safety import source_line, unsafe_html

HREF = "href= on <a>"
JS = "a javascript: URL in "


@pytest.mark.parametrize(
    ("html", "what"),
    [
        ("<script>alert(1)</script>", ["a <script> element"]),
        ("<SCRIPT SRC=//x.example/a.js></SCRIPT>", ["a <script> element"]),
        ('<iframe srcdoc="&lt;script&gt;"></iframe>', ["a <iframe> element"]),
        ('<object data="x"></object><embed src="x">', ["a <object> element", "a <embed> element"]),
        ('<base href="https://evil.example/">', ["a <base> element"]),
        ('<meta http-equiv="refresh" content="0;url=https://x">', ["a <meta> element"]),
        ('<img src=x onerror="alert(1)">', ["an event handler attribute onerror= on <img>"]),
        ('<p ONCLICK="x()">', ["an event handler attribute onclick= on <p>"]),
        ('<svg><rect onload="x()"/></svg>', ["an event handler attribute onload= on <rect>"]),
        ('<a href="javascript:alert(1)">x</a>', ["a javascript: URL in href= on <a>"]),
        ('<a href=" JaVa&#x09;Script:alert(1)">x</a>', ["a javascript: URL in href= on <a>"]),
        ('<a href="vbscript:msgbox(1)">x</a>', ["a vbscript: URL in href= on <a>"]),
        ('<a href="data:text/html,&lt;script&gt;">x</a>', ["a data: URL in href= on <a>"]),
        ('<svg><a xlink:href="javascript:x()"></a></svg>', [f"a javascript: URL in xlink:{HREF}"]),
        ('<form action="javascript:x()"></form>', ["a javascript: URL in action= on <form>"]),
        ('<svg><animate attributeName="href" to="javascript:x()"/>', [f"{JS}to= on <animate>"]),
    ],
)  # fmt: skip
def test_script_in_any_form_is_found(html: str, what: list[str]) -> None:
    assert [item.what for item in unsafe_html(html)] == what


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://kubernetes.io/">k</a> <a href="../x/#y">x</a></p>',
        '<img alt="d" src="data:image/png;base64,iVBORw0KGgo=">',
        '<div class="admonition failure" data-search-exclude><p>javascript: is a word</p></div>',
        '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt; onclick="x"</code></pre>',
        '<svg class="diagram" role="img"><title>t</title><text x="1">on</text></svg>',
        '<a href="mailto:a@example.org" title="javascript: no">mail</a>',
    ],
)
def test_the_sites_own_html_passes(html: str) -> None:
    assert unsafe_html(html) == []


def test_source_line_finds_the_first_occurrence_in_any_case() -> None:
    source = "---\ntitle: t\n---\n# T\n\n<IMG OnError=x>\n"
    assert source_line(source, "onerror") == 6
    assert source_line(source, "<script") == 0
