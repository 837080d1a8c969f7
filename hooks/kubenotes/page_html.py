"""Clean-ups of each page's final HTML: no per-page hreflang links, no indentation or blank
lines, shared icons, break opportunities in long identifiers of tables.

Alternates: Material writes ``<link rel="alternate" href=… hreflang=…>`` tags (relative URLs,
from mkdocs-static-i18n's language switcher). Material's JavaScript treats such links as
language *roots* and fetches ``<link>/sitemap.xml`` for each of them, which 404s on every
page view, so they are dropped here; ``kubenotes.page_meta`` writes absolute hreflang
alternates that Material's selector does not match.

Indentation: Material's templates indent every line and leave runs of blank lines; in a big
wiki the navigation alone is tens of KB of leading spaces per page. Whitespace after a newline
never changes how HTML renders (a newline is whitespace too, and runs of it collapse), except
inside ``<pre>``, ``<textarea>`` and ``<style>``, which are kept byte for byte, and ``<script>``
(below).

Code: Pygments wraps every run of spaces in ``<span class="w">`` and names a token with all of
its parent types (``l l-Scalar l-Scalar-Plain``). Material's stylesheet colours the short
classes only (``.l``, ``.p``; nothing styles ``.w`` or the dashed sub-types), so
:func:`lighten_code` drops the rest: the same text and colours.

Inline scripts keep their code but not the indentation of their lines, unless a line could be
inside a string (a template literal or a line continuation); an empty ``tabindex=""`` (which
browsers ignore) goes from Material's section labels.

Icons: Material writes each icon of the header, sidebar and footer as inline ``<svg>`` on every
page (the Kubernetes logo alone is 3 KB, twice). An icon whose path is long enough to matter
becomes ``<svg …><use href="…/assets/kubenotes-icons.svg#i…"/></svg>``: the same element with
the same classes and viewBox, drawn from one sprite file the browser caches
(:func:`icon_sprite`, written once per build). ``fill: currentcolor`` reaches the shape through
``<use>``, so the icons look the same.
"""

from __future__ import annotations

import hashlib
import re

_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_CODE_TEXT = re.compile(r"<code>([^<]{12,})</code>")
# In a code span's escaped text: break before the capital of a camelCase word and after a dot,
# slash, underscore, colon or equals sign; an entity is matched whole, so nothing goes inside.
_BREAK_AT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[./_:=])(?=[^\s])|(&#?\w+;)")
_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\r\n]+")  # not \s: a no-break space is text
_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def break_table_identifiers(html: str) -> str:
    """Let long identifiers in tables wrap where a reader expects (``initial·Delay·Seconds``,
    ``spec.·containers``): ``<wbr>`` break opportunities in their code spans, so the stylesheet
    can forbid breaks inside a word. Copying and search see the same text (``<wbr>`` has none).
    """
    return _TABLE.sub(lambda table: _CODE_TEXT.sub(_code_with_breaks, table.group(0)), html)


def _code_with_breaks(code: re.Match[str]) -> str:
    text = _BREAK_AT.sub(lambda m: m.group(1) or "<wbr>", code.group(1))
    return f"<code>{text}</code>"


def drop_hreflang_links(html: str) -> str:
    """Remove the per-page ``hreflang`` alternate links from the document head."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]


def strip_indentation(html: str) -> str:
    """Remove the whitespace at the start of lines and blank lines, outside
    pre/textarea/style; in a script, only where no line can be inside a string."""
    out: list[str] = []
    position = 0
    for kept in _KEEP.finditer(html):
        out.append(_tidy(html[position : kept.start()]))
        block = kept.group(0)
        plain_script = kept.group(1).lower() == "script" and not _STRING_LINES.search(block)
        out.append(_INDENT.sub("\n", block) if plain_script else block)
        position = kept.end()
    out.append(_tidy(html[position:]))
    return "".join(out)


_STRING_LINES = re.compile(r"`|\\\n")  # a template literal, a line continuation
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')


def _tidy(html: str) -> str:
    return _EMPTY_TABINDEX.sub(r"\1", _INDENT.sub("\n", html))


# Material's icon markup (its .icons/*.svg files as the templates include them), nothing else.
_ICON = re.compile(
    r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="(?P<box>0 0 \d+ \d+)">'
    r'<path d="(?P<d>[^"<>]+)"/></svg>'
)
# A <use> reference costs about 90 bytes more than a bare path: shorter icons stay inline.
SHARED_ICON_MIN = 160
ICON_SPRITE = "assets/kubenotes-icons.svg"


def icon_id(view_box: str, path: str) -> str:
    """The sprite id of an icon: its content's hash (stable across builds and languages)."""
    return "i" + hashlib.sha256(f"{view_box}\0{path}".encode()).hexdigest()[:10]


def share_icons(html: str, sprite_url: str, icons: dict[str, tuple[str, str]]) -> str:
    """Inline icons with a long path → ``<use>`` of the sprite at ``sprite_url``; each one is
    recorded in ``icons`` (id → view box, path) for :func:`icon_sprite`."""

    def shared(match: re.Match[str]) -> str:
        box, path = match.group("box"), match.group("d")
        if len(path) < SHARED_ICON_MIN:
            return match.group(0)
        name = icon_id(box, path)
        icons[name] = (box, path)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}">'
            f'<use href="{sprite_url}#{name}"/></svg>'
        )

    return _ICON.sub(shared, html)


def icon_sprite(icons: dict[str, tuple[str, str]]) -> str:
    """The sprite file: one ``<symbol>`` per icon, sorted by id (the same bytes every build)."""
    symbols = "".join(
        f'<symbol id="{name}" viewBox="{box}"><path d="{path}"/></symbol>'
        for name, (box, path) in sorted(icons.items())
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'


_PRE = re.compile(r"<pre\b[^>]*>.*?</pre>", re.S)
_WHITESPACE_TOKEN = re.compile(r'<span class="w">([^<]*)</span>')
_SUBTYPES = re.compile(r'<span class="([a-z0-9]+)(?: \1-[A-Za-z0-9-]+)+">')


def lighten_code(html: str) -> str:
    """Highlighted code without unstyled whitespace spans and sub-type classes (see the module
    docstring); only inside ``<pre>``."""

    def lighter(block: re.Match[str]) -> str:
        code = _WHITESPACE_TOKEN.sub(r"\1", block.group(0))
        return _SUBTYPES.sub(r'<span class="\1">', code)

    return _PRE.sub(lighter, html)
