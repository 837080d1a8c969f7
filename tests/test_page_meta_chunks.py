"""The page summary is read in pieces and stops after the first paragraph
(kubenotes.page_meta.first_paragraph): whatever the pieces, the text is the one a parse of the
whole page gives."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kubenotes import page_meta
from kubenotes.page_meta import _FirstParagraph, first_paragraph, summary


def _whole(html: str) -> str:
    """The first paragraph as the whole-text parse finds it (what summary() did before)."""
    parser = _FirstParagraph()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# Markup that changes how the rest is read: nested and void elements, comments and raw text that
# hide a "<p>", '<' and '>' inside attribute values, unfinished tags, and character references
# (named with and without ';', numeric with many digits, broken) that a cut in text would split.
PIECES = [
    "<p>", "</p>", "<P>", "</P >", "<p class=\"x\">", "<div>", "</div>", "<ul><li>", "</li></ul>",
    "<br>", "<br/>", "<img src=x alt=\"<p>\">", "<a title='</p>' href=\"#p\">", "</a>",
    "<!-- <p>c</p> -->", "<!--", "-->", "<![CDATA[<p>]]>", "<!DOCTYPE html>", "<?pi <p>?>",
    "<script>", "</script>", "<style>", "</style>", "<svg><text>t</text></svg>", "<p/>",
    "&amp;", "&amp", "&ampx", "&lt;p&gt;", "&#106;", "&#x6A;", "&#" + "0" * 40 + "65;",
    "&#x" + "0" * 40 + "41", "&notit;", "&notin;", "&", "&#", "&#x;", "<", ">", "</", "<!", "<a",
    " ", "\n", "\t", "a", "text ", "中文。", "é", "'", '"', "=", "/",
]  # fmt: skip

pages = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=60).map("".join)
PROPERTY = settings(
    max_examples=400, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip


@PROPERTY
@given(pages, st.integers(min_value=1, max_value=40))
def test_pieces_read_the_same_paragraph_as_the_whole_text(html: str, chunk: int) -> None:
    assert first_paragraph(html, chunk) == _whole(html)


@PROPERTY
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.integers(1, 12))
def test_a_long_page_after_the_paragraph_changes_nothing(head: str, chunk: int) -> None:
    tail = "<div><p>later</p></div>" * 10 + "<p>never read"
    assert first_paragraph(head + tail, chunk) == _whole(head + tail)


@pytest.mark.parametrize("chunk", [1, 2, 7, 256, 4096])
def test_a_reference_next_to_a_cut_is_decoded_whole(chunk: int) -> None:
    reference = "&#" + "0" * 40 + "106;"  # 'j', longer than what HTMLParser looks back for
    html = f"<h1>T</h1><p>{'x' * 30}{reference}{'y' * 30} <b>b</b> &ampz</p><p>next</p>"
    assert first_paragraph(html, chunk) == "x" * 30 + "j" + "y" * 30 + " b &z"


def test_reading_stops_after_the_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    fed: list[str] = []

    class Counting(_FirstParagraph):
        def feed(self, data: str) -> None:
            fed.append(data)
            super().feed(data)

    monkeypatch.setattr(page_meta, "_FirstParagraph", Counting)
    html = "<h1>T</h1><p>Summary.</p>" + "<p>rest</p>" * 10_000
    assert summary(html) == "Summary."
    assert sum(map(len, fed)) < 1024 < len(html)


@pytest.mark.parametrize("unfinished", ["<!-- ", '<a title="', "<script>", "<![CDATA["])
def test_an_unfinished_construct_is_not_read_again_at_every_piece(
    monkeypatch: pytest.MonkeyPatch, unfinished: str
) -> None:
    """HTMLParser parses what it waits on again at each piece: pieces double in size, so a
    hostile page is read about twice, not once per 256 characters (quadratic)."""
    fed: list[str] = []

    class Counting(_FirstParagraph):
        def feed(self, data: str) -> None:
            fed.append(data)
            super().feed(data)

    monkeypatch.setattr(page_meta, "_FirstParagraph", Counting)
    html = "<h1>T</h1>" + unfinished + "x <p>y</p> " * 20_000
    assert first_paragraph(html) == _whole(html)
    assert len(fed) <= 16  # 850 pieces of 256 characters
