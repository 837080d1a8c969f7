"""Text measurement and wrapping: CJK is one em, Latin uses proportional widths."""

from __future__ import annotations

import pytest
from kubenotes.diagrams.text import FONT_SIZE, LATIN_SAFETY, text_width, wrap


@pytest.mark.parametrize(
    ("text", "em"),
    [
        ("调度器", 3.0),
        ("Ｐｏｄ", 3.0),  # full-width Latin counts as wide
        ("iii", 3 * 0.222 * LATIN_SAFETY),
        ("WWW", 3 * 0.944 * LATIN_SAFETY),
        ("Pod 调度", (0.667 + 0.556 + 0.556 + 0.278) * LATIN_SAFETY + 2.0),
        ("", 0.0),
    ],
)
def test_text_width(text: str, em: float):
    assert text_width(text) == pytest.approx(em * FONT_SIZE)


def test_cjk_is_wider_than_latin_of_the_same_length():
    assert text_width("节点节点") > text_width("node") * 1.5


@pytest.mark.parametrize(
    ("label", "max_em", "lines"),
    [
        ("short", 14.0, ["short"]),
        ("one<br>two<br/>three", 14.0, ["one", "two", "three"]),
        ("a\\nb", 14.0, ["a", "b"]),
        ("kubelet calls the container runtime", 10.0, ["kubelet calls the", "container runtime"]),
        ("调度器为Pod选择一个合适的节点", 6.0, ["调度器为Pod", "选择一个合适", "的节点"]),
    ],
)
def test_wrap(label: str, max_em: float, lines: list[str]):
    assert wrap(label, max_em) == lines
