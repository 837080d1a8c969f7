"""The unsafe-HTML check skips the parse when a few regular expressions prove the page clean
(kubenotes.html_safety.may_be_unsafe): it must answer exactly what the full scan answers, on
hostile HTML built to slip past it, and must skip the parse for the site's own HTML."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kubenotes.html_safety import (
    _ELEMENT_OPEN,
    _HANDLER,
    _HANDLER_AFTER_VALUE,
    _URL_VALUE,
    _URL_VALUE_START,
    ELEMENTS,
    URL_ATTRIBUTES,
    may_be_unsafe,
    scan,
    unsafe_html,
)

EXAMPLES = int(os.environ.get("KUBENOTES_FUZZ_EXAMPLES", "0")) or 500
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=EXAMPLES <= 500,  # make fuzz (KUBENOTES_FUZZ_EXAMPLES) explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KELVIN = "\u212a"  # lowercases to 'k': "bac\u212aground" is the background attribute
TAGS = [
    *sorted(ELEMENTS), "SCRIPT", "ScRiPt", "iFrame", "a", "A", "p", "img", "svg", "animate",
    "set", "form", "div", "span", "x", "a<b", "p\"", "scripts", "basefont", "metal",
]  # fmt: skip
NAMES = [
    *sorted(URL_ATTRIBUTES), "HREF", "XLink:Href", "Src", f"bac{KELVIN}ground", "ſrc",
    "class", "title", "alt", "id", "data-x", "data",
    "'x", '"x', "x'", "=", "<", "a>b", "hrefx", "xhref", "ton", "one", "\u0130d",
]  # fmt: skip
HANDLERS = ["onclick", "ONLOAD", "on", "oNerror", "onx"]
SEPARATORS = [" ", "", "/", "//", " / ", "\t", "\n", "\r", "\x0c", "\x0b", "\x1c", "\xa0", "  "]
EQUALS = ["=", " = ", "==", "=\t", "\n=\n", "= =", "=/"]
SCHEMES = [
    "javascript:", "JaVaScRiPt:", "java\tscript:", " javascript:", "\x01java\x00script:",
    "\x7fjavascript:", "jav&#97;script&colon;", "&#106;avascript:", "&#x6A;avascript:",
    "&#X6a;avascript:", "java&Tab;script:", "&#0000106;avascript:", "&NewLine;javascript:",
    "ja\nvascript:", "javaſcript:", "vbscript:", "VBScript:", "v\tb&#115;cript:", "data:",
    "data:text/html,<script>", "DATA:image/svg+xml,x", "data:image/png;base64,iVBO", "d&#97;ta:",
    "d\x00ata:", "&#100;ata:", "&ampjavascript:", "&amp;javascript:", "j", "ja", "d", "da", "v",
    "vb", "&", "https://x.example/", "#top", "../a/", "docs/", "mailto:a@b", "\xa0javascript:",
]  # fmt: skip
VALUE_TEXT = ["", " ", ">", "<", "<p onclick=x>", "a > b", "'", '"', "/", "=", "&gt;", "on", " on"]
TEXT = [
    "text", " on ", "it's on", '"on"', "'one'", "<!-- <script> -->", "<!--", "-->",
    "<![CDATA[", "]]>", "<style>", "</style>", "</script>", "</a>", "<", ">", "&lt;script&gt;",
    "<!", "<?x onclick=y>", "</p onclick=x>", "<!doctype html>", "\n", "中文", "=\"<", ">\"",
]  # fmt: skip


@st.composite
def attributes(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(HANDLERS) | st.sampled_from(NAMES))
    if draw(st.booleans()):
        return draw(st.sampled_from(SEPARATORS)) + name
    quote = draw(st.sampled_from(['"', "'", ""]))
    piece = st.sampled_from(SCHEMES) | st.sampled_from(VALUE_TEXT)
    value = draw(st.lists(piece, max_size=3).map("".join))
    close = quote if draw(st.integers(0, 9)) else ""  # sometimes left open
    equals = draw(st.sampled_from(EQUALS))
    return draw(st.sampled_from(SEPARATORS)) + name + equals + quote + value + close


@st.composite
def tags(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(TAGS))
    attrs = "".join(draw(st.lists(attributes(), max_size=4)))
    end = draw(st.sampled_from([">", "/>", " >", "", " /", "\n>"]))
    return "<" + name + attrs + end


hostile_html = st.lists(
    st.one_of(tags(), st.sampled_from(TEXT), st.text(max_size=4)), max_size=10
).map("".join)


@PROPERTY
@given(hostile_html)
def test_the_prefilter_answers_what_the_full_scan_answers(html: str) -> None:
    assert unsafe_html(html) == scan(html)


@settings(PROPERTY, max_examples=3 * EXAMPLES)
@given(tags())
def test_each_finding_is_foreseen_by_its_own_pattern(html: str) -> None:
    """Stronger than the equality above: no pattern relies on another one matching."""
    for item in scan(html):
        if item.what.startswith("an event handler"):
            assert _HANDLER.search(html) or _HANDLER_AFTER_VALUE.search(html), item
        elif " URL in " in item.what:
            assert _URL_VALUE.search(html) and _URL_VALUE_START.search(html), item
        else:
            assert _ELEMENT_OPEN.search(html), item


@PROPERTY
@given(st.text(alphabet=st.sampled_from(list("<>\"'=/ \tonjavscript:&#;x")), max_size=60))
def test_the_prefilter_is_sound_on_markup_characters(html: str) -> None:
    assert unsafe_html(html) == scan(html)


@pytest.mark.parametrize(
    "html",
    [
        '<a title=">" onclick="x()">x</a>',  # '>' inside a quoted value before the handler
        "<a title='<' x='>'onclick=y>",  # '<' and '>' in values, handler right after a quote
        '<a title="<b>"onclick=y>',  # a quoted value holding '<' then '>'
        "<a 'b onclick=x>",  # a stray quote in a name
        "<a\x0conclick=x>",
        '<svg><set to="jav&#97;script&colon;alert(1)"/></svg>',
        f'<td bac{KELVIN}ground="javascript:x">',
        "<a href=\x01java\x00script:x>",
        "<a href ==\n'vbscript:x'>",
        "<sCrIpT>",
    ],
)
def test_known_tricks_go_to_the_full_scan(html: str) -> None:
    assert scan(html), html
    assert may_be_unsafe(html)


@pytest.mark.parametrize(
    "html",
    [
        '<h1 id="pod">Pod</h1>\n<p>It runs on a node, and it\'s "on" too: <a href="../a/#b">'
        "link on x</a> once <code>only</code>.</p>",
        '<div class="highlight"><pre><span></span><code><span class="nt">restartPolicy</span>'
        '<span class="p">:</span><span class="w"> </span><span class="l l-Scalar">OnFailure'
        "</span>\n</code></pre></div>",
        '<svg class="diagram" viewBox="0 0 10 10" role="img"><title>t</title><g><rect x="1" '
        'y="1" width="8" height="8"></rect><text x="2" y="5">on one</text></g></svg>',
        '<img alt="d" src="../img/pod.png"><a href="https://kubernetes.io/docs/">docs</a>',
    ],
)
def test_the_sites_own_html_skips_the_parse(html: str) -> None:
    assert not may_be_unsafe(html)
    assert scan(html) == []


@pytest.mark.parametrize(
    "unit",
    ['<a "', '="<', "<a href=\t", "<", '="a>b"', "<a title='>", "<p ", "=", "'on"],
)
def test_the_prefilter_stays_linear_on_hostile_input(unit: str) -> None:
    """A backtracking pattern would take minutes on the long text (speed belongs in bench/);
    the full scan, quadratic on some of these in HTMLParser itself, checks a short one."""
    short = unit * 50 + "x"
    assert unsafe_html(short) == scan(short)
    assert may_be_unsafe(unit * 50_000 + "x") == may_be_unsafe(short)
