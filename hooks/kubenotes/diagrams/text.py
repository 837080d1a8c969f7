"""Text measurement without a font renderer: CJK is one em wide, Latin uses Arial's widths.

Widths are in em; multiply by the font size. Arial metrics match Liberation Sans and are
close to Helvetica and the system UI fonts Material uses; :data:`LATIN_SAFETY` adds a
little room for wider fallbacks so labels still fit their shapes.
"""

from __future__ import annotations

import re
import unicodedata

FONT_SIZE = 14.0
SMALL_FONT_SIZE = FONT_SIZE * 0.9  # edge labels, block titles, sequence numbers: the smallest
LINE_HEIGHT = 1.35  # in em
LATIN_SAFETY = 1.08
MAX_LINE_EM = 14.0  # labels wrap beyond this width

# Arial advance widths in 1/1000 em for printable ASCII (32..126).
_ARIAL = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip

_BREAK = re.compile(r"<br\s*/?>", re.I)


def char_width(char: str) -> float:
    """Advance width of one character in em."""
    code = ord(char)
    if 32 <= code <= 126:
        return _ARIAL[code - 32] / 1000 * LATIN_SAFETY
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    return 0.6 * LATIN_SAFETY


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Width of a single line of text in pixels at ``size``."""
    return sum(char_width(c) for c in text) * size


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Break opportunities: after each wide character and at spaces between Latin words."""
    tokens: list[str] = []
    current = ""
    for char in text:
        if char == " ":
            current += char
            tokens.append(current)
            current = ""
        elif _is_wide(char):
            if current and not current.endswith(" "):
                tokens.append(current)
                current = ""
            tokens.append(char)
        else:
            current += char
    if current:
        tokens.append(current)
    return tokens


def wrap(text: str, max_em: float = MAX_LINE_EM) -> list[str]:
    """Split a label into lines: at ``<br>`` and ``\\n``, then where a line exceeds ``max_em``."""
    lines: list[str] = []
    for part in _BREAK.split(text.replace("\\n", "\n")):
        for paragraph in part.split("\n"):
            lines.extend(_wrap_line(paragraph.strip(), max_em))
    return lines or [""]


def _wrap_line(text: str, max_em: float) -> list[str]:
    limit = max_em * FONT_SIZE
    if text_width(text) <= limit:
        return [text]
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        candidate = current + token
        if current and text_width(candidate.rstrip()) > limit:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


def block_size(lines: list[str], size: float = FONT_SIZE) -> tuple[float, float]:
    """Width and height in pixels of a block of lines."""
    width = max((text_width(line, size) for line in lines), default=0.0)
    return width, len(lines) * size * LINE_HEIGHT
