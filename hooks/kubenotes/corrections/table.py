"""The corrections of the book: read from the pages' correction boxes, rendered as one table.

Every wrong or outdated statement of the source notes is corrected on its page in a box
``!!! note "勘误…"`` (``"Correction…"`` in English). A box holds one correction, or one per
top-level bullet. Each correction is written as the notes' claim (its first sentence) followed
by the fix (the sentences after it). The sources page lists them all in a table between
``<!-- corrections:start -->`` and ``<!-- corrections:end -->``; :func:`render_table` builds
that table from the boxes, so that it cannot drift from the pages.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from kubenotes.findings import Finding
from kubenotes.markdown import front_matter_lines
from kubenotes.safe_files import UnsafeFile, read_text

# A box is a correction when its title starts with one of these words.
TITLE_PREFIXES = {"zh": ("勘误",), "en": ("Correction",)}
HEADERS = {
    "zh": ("小节", "原笔记的说法", "改正"),
    "en": ("Section", "What the source notes said", "The fix"),
}
# How a correction's first sentence names the five notes.
NOTES_NAME = {"zh": "笔记", "en": "source notes"}
SOURCES_PAGE = "reference/sources.md"
SKIPPED_FOLDERS = ("reference/", "contributing/")
START, END = "<!-- corrections:start -->", "<!-- corrections:end -->"
_MARKERS = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.S)

_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+\w+[ \t]+"(?P<title>[^"]*)"')
_ATX = re.compile(r"^ {0,3}(?P<level>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_EXPLICIT_ID = re.compile(r"[ \t]*\{[^}]*?#(?P<id>[A-Za-z0-9_-]+)[^}]*\}[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_BULLET = re.compile(r"^[-*+][ \t]+")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)]*)\)")
# Spans in which a full stop does not end a sentence: code, quotations, links, parentheses.
_OPAQUE = re.compile(r"`[^`]*`|“[^”]*”|\"[^\"]*\"|‘[^’]*’|\[[^\]]*\]\([^)]*\)|（[^）]*）|\([^)]*\)")
_EN_END = re.compile(r"[.!?](?=\s)")
_EN_NEXT = re.compile(r"\s+[A-Z`*\[“\"(0-9]")
_EN_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "cf.", "etc.")
_ZH_END = re.compile(r"[。！？]")


@dataclass(frozen=True)
class Correction:
    """One correction: where it is on its page, what the notes said, and the fix."""

    page: str  # path relative to docs/<lang>/, e.g. "lifecycle/termination.md"
    line: int  # line of the box title in the file (front matter counted)
    title: str  # the page's level-1 heading
    section: str  # the enclosing level-2+ heading ("" before the first one)
    section_id: str
    claim: str
    fix: str

    @property
    def link(self) -> str:
        """Link to the section from ``reference/sources.md``."""
        anchor = f"#{self.section_id}" if self.section_id else ""
        return f"../{self.page}{anchor}"


def _heading(line: str) -> tuple[int, str, str] | None:
    match = _ATX.match(line)
    if not match:
        return None
    text = match.group("text")
    explicit = _EXPLICIT_ID.search(text)
    section_id = explicit.group("id") if explicit else ""
    return len(match.group("level")), _EXPLICIT_ID.sub("", text).strip(), section_id


def _fence_after(line: str, fence: str) -> tuple[str, bool]:
    """(the fence open after ``line``, given the one open before it; whether ``line`` is code).

    A line that opens or closes a fence counts as code; a fence closes only with the same
    marker, at least as long.
    """
    opened = _FENCE.match(line)
    if fence:
        return ("" if opened and opened.group(1).startswith(fence) else fence), True
    if opened:
        return opened.group(1), True
    return "", False


def _box_items(lines: list[str], start: int, indent: int) -> list[tuple[int, str]]:
    """The correction items of the box whose title is ``lines[start - 1]``: (line, text).

    A box that starts with a bullet list has one item per top-level bullet; otherwise its
    paragraphs (and any list inside them) are one item. Code blocks inside the box are left
    out (the text around them is kept).
    """
    items: list[tuple[int, list[str]]] = []
    body_indent = indent + 4
    fence = ""
    listed = False
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.strip() and len(line) - len(line.lstrip()) < body_indent:
            break
        stripped = line.strip()
        fence, code = _fence_after(line, fence)
        if code:
            continue
        if not stripped:
            continue
        depth = len(line) - len(line.lstrip())
        bullet = depth == body_indent and _BULLET.match(stripped)
        if not items:
            listed = bool(bullet)
        bullet = bullet and listed
        if bullet or not items:
            items.append((number, []))
        items[-1][1].append(_BULLET.sub("", stripped))
    return [(number, " ".join(words)) for number, words in items]


def split_claim_fix(text: str, lang: str) -> tuple[str, str]:
    """(claim, fix): the first sentence and the rest; fix is "" when there is one sentence.

    A single sentence "claim; fix" (the book's usual short form) splits at its first semicolon
    into two sentences.
    Full stops inside code, quotations, links and parentheses do not count.
    """
    masked = _OPAQUE.sub(lambda m: "x" * len(m.group(0)), text.strip())
    text = text.strip()
    ends = _ZH_END if lang == "zh" else _EN_END
    for match in ends.finditer(masked):
        end = match.end()
        if lang == "en" and (
            any(masked[:end].endswith(a) for a in _EN_ABBREVIATIONS)
            or not _EN_NEXT.match(text, end)
        ):
            continue
        if text[end:].strip():
            return text[:end].strip(), text[end:].strip()
    semicolon = masked.find("；" if lang == "zh" else "; ")
    if semicolon > 0:
        claim, fix = text[:semicolon].strip(), text[semicolon + 1 :].strip()
        if lang == "en":
            return f"{claim}.", fix[:1].upper() + fix[1:] if fix[:1].islower() else fix
        return f"{claim}。", fix
    return text, ""


def page_corrections(text: str, page: str, lang: str) -> list[Correction]:
    """The corrections of one page, given its file text and its path under docs/<lang>/."""
    lines = text.split("\n")
    skip = front_matter_lines(text)
    title = section = section_id = ""
    fence = ""
    found: list[Correction] = []
    for number, line in enumerate(lines, start=1):
        if number <= skip:
            continue
        fence, code = _fence_after(line, fence)
        if code:
            continue
        heading = _heading(line)
        if heading:
            level, heading_text, heading_id = heading
            if level == 1:
                title = heading_text
            else:
                section, section_id = heading_text, heading_id
            continue
        box = _ADMONITION.match(line)
        if not box or not box.group("title").startswith(TITLE_PREFIXES[lang]):
            continue
        for item_line, item in _box_items(lines, number, len(box.group("indent"))):
            claim, fix = split_claim_fix(item, lang)
            found.append(Correction(page, item_line, title, section, section_id, claim, fix))
    return found


def pages(docs_dir: Path, lang: str) -> list[Path]:
    """The topic pages of one language (reference and contributing pages aside)."""
    root = docs_dir / lang
    return [
        path
        for path in sorted(root.rglob("*.md"))
        if not path.relative_to(root).as_posix().startswith(SKIPPED_FOLDERS)
    ]


def collect(
    docs_dir: Path, lang: str, unreadable: dict[str, str] | None = None
) -> list[Correction]:
    """Every correction of one language, by page path, then in page order.

    Pages are read only inside ``docs_dir`` (no symlink out of it, no device, bounded size, see
    :mod:`kubenotes.safe_files`); a page that is not read goes into ``unreadable`` (page: why).
    """
    found: list[Correction] = []
    for path in pages(docs_dir, lang):
        page = path.relative_to(docs_dir / lang).as_posix()
        try:
            text = read_text(path, docs_dir)
        except UnsafeFile as exc:
            if unreadable is not None:
                unreadable[page] = str(exc)
            continue
        found.extend(page_corrections(text, page, lang))
    return found


def _relink(text: str, page: str) -> str:
    """Rewrite the relative links of ``page`` so that they work from the sources page."""

    def fix(match: re.Match[str]) -> str:
        target = match.group("target")
        if "://" in target or target.startswith(("mailto:", "/")):
            return match.group(0)
        if target.startswith("#"):
            return f"[{match.group('text')}](../{page}{target})"
        path, _, fragment = target.partition("#")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        new = posixpath.relpath(joined, posixpath.dirname(SOURCES_PAGE))
        return f"[{match.group('text')}]({new}{'#' + fragment if fragment else ''})"

    return _LINK.sub(fix, text)


def _cell(text: str, page: str) -> str:
    return _relink(text, page).replace("|", "\\|")


def render_table(corrections: list[Correction], lang: str) -> str:
    """The Markdown table of the sources page: section link, the claim, the fix."""
    section, claim, fix = HEADERS[lang]
    rows = [f"| {section} | {claim} | {fix} |", "| --- | --- | --- |"]
    for c in corrections:
        where = f"[{c.title}](../{c.page})"
        if c.section:
            where += f" › [{c.section}]({c.link})"
        rows.append(f"| {where} | {_cell(c.claim, c.page)} | {_cell(c.fix, c.page)} |")
    return "\n".join(rows)


def replace_table(sources_text: str, table: str) -> str | None:
    """``sources_text`` with the table between the markers replaced; None without markers."""
    if not _MARKERS.search(sources_text):
        return None
    return _MARKERS.sub(lambda _: f"{START}\n{table}\n{END}", sources_text, count=1)


def check(docs_dir: Path, lang: str, display: str) -> tuple[list[Finding], str | None]:
    """Findings for one language and the sources page text as it should be (None: no page).

    ``display`` is how docs_dir is written in findings (e.g. ``docs``).
    """
    unreadable: dict[str, str] = {}
    corrections = collect(docs_dir, lang, unreadable)
    findings = [
        Finding(f"{display}/{lang}/{page}", 0, 0, "error", "unsafe-file", f"not read: {why}")
        for page, why in unreadable.items()
    ]
    findings += [
        Finding(f"{display}/{lang}/{c.page}", c.line, 0, "error", rule, message)
        for c in corrections
        for rule, message in _problems(c, lang)
    ]
    sources = docs_dir / lang / SOURCES_PAGE
    if not sources.is_file():
        return findings, None
    try:
        current = read_text(sources, docs_dir)
    except UnsafeFile as exc:
        path = f"{display}/{lang}/{SOURCES_PAGE}"
        return [*findings, Finding(path, 0, 0, "error", "unsafe-file", f"not read: {exc}")], None
    wanted = replace_table(current, render_table(corrections, lang))
    path = f"{display}/{lang}/{SOURCES_PAGE}"
    if wanted is None:
        findings.append(
            Finding(path, 0, 0, "error", "corrections-markers", f"no {START} … {END} markers")
        )
    elif wanted != current:
        findings.append(
            Finding(
                path,
                _line_of(current, START),
                0,
                "error",
                "corrections-outdated",
                "the corrections table differs from the pages' correction boxes; "
                "run `kubenotes corrections` to rewrite it",
            )
        )
    return findings, wanted


def _problems(c: Correction, lang: str) -> list[tuple[str, str]]:
    problems = []
    if NOTES_NAME[lang] not in c.claim:
        problems.append(
            (
                "correction-without-claim",
                f"a correction's first sentence says what the source notes said "
                f"(it names them: {NOTES_NAME[lang]!r})",
            )
        )
    if not c.fix:
        problems.append(
            (
                "correction-without-fix",
                "a correction states the notes' claim in its first sentence and the fix in "
                "the sentences after it; this one has a single sentence",
            )
        )
    return problems


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 0
