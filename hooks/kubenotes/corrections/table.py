"""The corrections of the book: read from the pages' correction boxes, rendered as tables.

Every wrong or outdated statement of the source notes is corrected on its page in a box
``!!! note "勘误…"`` (``"Correction…"`` in English). A box holds one correction, or one per
top-level bullet. Each correction is written as the notes' claim (its first sentence) followed
by the fix (the sentences after it). Pages of the reference folder list them in tables between
``<!-- corrections:start -->`` and ``<!-- corrections:end -->``; :func:`render_table` builds
each table from the boxes, so that it cannot drift from the pages. A start marker may name the
top folders whose corrections it lists (``<!-- corrections:start storage network -->``): one
page per part of the book keeps every page small; every correction must be in some table.
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
TABLES_FOLDER = "reference"
SKIPPED_FOLDERS = ("reference/", "contributing/")
START, END = "<!-- corrections:start -->", "<!-- corrections:end -->"
_MARKERS = re.compile(
    r"<!-- corrections:start(?P<folders>(?: [A-Za-z0-9_-]+)*) -->\n.*?" + re.escape(END), re.S
)

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
    def folder(self) -> str:
        """The top folder of the page (``lifecycle``), which picks its table."""
        return self.page.split("/", 1)[0]

    @property
    def link(self) -> str:
        """Link to the section from a page of the reference folder."""
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


def fill_tables(text: str, corrections: list[Correction], lang: str) -> str | None:
    """``text`` with every table between markers rebuilt from the corrections of the folders
    its start marker names (all of them when it names none); None without markers."""
    if not _MARKERS.search(text):
        return None

    def table(marker: re.Match[str]) -> str:
        folders = marker.group("folders").split()
        listed = [c for c in corrections if not folders or c.folder in folders]
        start = f"<!-- corrections:start{marker.group('folders')} -->"
        return f"{start}\n{render_table(listed, lang)}\n{END}"

    return _MARKERS.sub(table, text)


def _listed_folders(text: str) -> set[str] | None:
    """The folders the tables of ``text`` list; None when one of them lists every folder."""
    folders: set[str] = set()
    for marker in _MARKERS.finditer(text):
        named = marker.group("folders").split()
        if not named:
            return None
        folders.update(named)
    return folders


def check(docs_dir: Path, lang: str, display: str) -> tuple[list[Finding], dict[str, str]]:
    """Findings for one language, and the text each page with a corrections table should
    have, by its path under ``docs/<lang>/`` (empty: no such page).

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
    wanted: dict[str, str] = {}
    listed: set[str] | None = set()
    folder = docs_dir / lang / TABLES_FOLDER
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        page = path.relative_to(docs_dir / lang).as_posix()
        where = f"{display}/{lang}/{page}"
        try:
            current = read_text(path, docs_dir)
        except UnsafeFile as exc:
            findings.append(Finding(where, 0, 0, "error", "unsafe-file", f"not read: {exc}"))
            continue
        text = fill_tables(current, corrections, lang)
        if text is None:
            continue
        wanted[page] = text
        folders = _listed_folders(current)
        listed = None if listed is None or folders is None else listed | folders
        if text != current:
            line = _line_of(current, "<!-- corrections:start")
            message = (
                "the corrections table differs from the pages' correction boxes; "
                "run `kubenotes corrections` to rewrite it"
            )
            findings.append(Finding(where, line, 0, "error", "corrections-outdated", message))
    sources = docs_dir / lang / SOURCES_PAGE
    if not wanted and sources.is_file() and not any(f.rule == "unsafe-file" for f in findings):
        path = f"{display}/{lang}/{SOURCES_PAGE}"
        findings.append(
            Finding(path, 0, 0, "error", "corrections-markers", f"no {START} … {END} markers")
        )
    if wanted and listed is not None:
        findings += [
            Finding(
                f"{display}/{lang}/{c.page}",
                c.line,
                0,
                "error",
                "corrections-unlisted",
                f"no corrections table lists the folder {c.folder!r}: add it to a "
                "`<!-- corrections:start … -->` marker of a reference page",
            )
            for c in corrections
            if c.folder not in listed
        ]
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
