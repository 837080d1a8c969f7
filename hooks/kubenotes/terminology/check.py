"""The glossary as the terminology source of the English edition, and the check against it.

The Chinese glossary (``docs/zh/reference/glossary.md``) pairs each Chinese term with its
kubernetes.io English term in tables whose first two columns are ``中文术语 | English term``.
Either cell may list variants separated by `` / `` (the first one is the preferred form).
The English glossary has a table ``Do not write | Write instead | Why`` of renderings that
must never appear in the English edition.

Two checks follow from that:

* for each page pair, every glossary term whose Chinese form occurs in the Chinese page must
  occur in its English form in the English page (``term-missing``);
* no English page uses a rendering from the do-not-write table (``term-avoided``).

Code (fenced and inline), link targets and HTML comments are ignored on both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kubenotes.findings import Finding
from kubenotes.markdown import front_matter_lines
from kubenotes.safe_files import UnsafeFile, read_text

GLOSSARY = "reference/glossary.md"
SKIPPED_FOLDERS = ("reference/", "contributing/")
TERM_HEADER = ("中文术语", "English term")
AVOID_HEADER = ("Do not write", "Write instead")

_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Term:
    """One glossary row: Chinese variants, English variants (preferred first), its line."""

    zh: tuple[str, ...]
    en: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Avoided:
    """A rendering that must not appear in the English edition, and what to write instead."""

    wrong: str
    right: str
    line: int


def _cells(line: str) -> list[str] | None:
    match = _ROW.match(line.strip())
    if not match:
        return None
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", match.group("cells"))]


def _variants(cell: str) -> tuple[str, ...]:
    return tuple(v.strip().strip("`") for v in cell.split(" / ") if v.strip())


def _tables(text: str, header: tuple[str, str]) -> list[tuple[int, list[str]]]:
    """(line, cells) of the body rows of every table whose first two headers are ``header``."""
    rows: list[tuple[int, list[str]]] = []
    inside = False
    for number, line in enumerate(text.split("\n"), start=1):
        cells = _cells(line)
        if cells is None:
            inside = False
            continue
        if tuple(cells[:2]) == header:
            inside = True
            continue
        if inside and not set("".join(cells)) <= set("-: "):
            rows.append((number, cells))
    return rows


def parse_terms(glossary_text: str) -> list[Term]:
    """The term rows of the Chinese glossary."""
    return [
        Term(_variants(cells[0]), _variants(cells[1]), number)
        for number, cells in _tables(glossary_text, TERM_HEADER)
        if len(cells) >= 2 and cells[0] and cells[1]
    ]


def parse_avoided(glossary_text: str) -> list[Avoided]:
    """The do-not-write rows of the English glossary."""
    return [
        Avoided(cells[0].strip("`"), cells[1], number)
        for number, cells in _tables(glossary_text, AVOID_HEADER)
        if len(cells) >= 2 and cells[0]
    ]


def prose(text: str) -> str:
    """``text`` with front matter, code, link targets, comments and abbreviations blanked.

    Blanked characters become spaces, so offsets (and line numbers) stay those of ``text``.
    """
    lines = text.split("\n")
    skip = front_matter_lines(text)
    fence = ""
    kept: list[str] = []
    for number, line in enumerate(lines, start=1):
        opened = _FENCE.match(line)
        if number <= skip:
            kept.append("")
        elif fence:
            kept.append("")
            if opened and opened.group(1).startswith(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
            kept.append("")
        else:
            kept.append(line)
    body = "\n".join(kept)
    for pattern in (_COMMENT, _INLINE_CODE, _LINK_TARGET, _ABBREVIATION):
        body = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return body


def english_pattern(term: str) -> re.Pattern[str]:
    """A term in running English text.

    Any case; spaces, hyphens or nothing between words and between the humps of a CamelCase
    name (``PriorityClass`` matches "priority class"); common inflections (``-s``, ``-es``,
    ``-d``, ``-ed``, ``-ing``, ``-y``/``-ies``).
    """
    words = []
    for word in re.split(r"[\s-]+", term.strip()):
        humps = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[^A-Za-z0-9]+", word) or [word]
        words.append(r"[\s-]?".join(re.escape(hump) for hump in humps))
    body = r"[\s-]+".join(words)
    if body.endswith("y"):
        body = body[:-1] + "(?:y|ies)"
    return re.compile(rf"(?<![\w-]){body}(?:s|es|d|ed|ing)?(?![\w-])", re.IGNORECASE)


def exact_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as written (any case, spaces or hyphens between words), nothing appended."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip()) if word]
    body = r"[\s-]+".join(words)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def missing_terms(zh_text: str, en_text: str, terms: list[Term], en_path: str) -> list[Finding]:
    """Glossary terms of the Chinese page that the English page does not render as listed."""
    zh_prose, en_prose = prose(zh_text), prose(en_text)
    findings = []
    for term in terms:
        if set(term.zh) & set(term.en) or not any(_HAN.search(z) for z in term.zh):
            continue  # the same word in both languages (Pod, ConfigMap): nothing to check
        where = min((i for z in term.zh if (i := zh_prose.find(z)) >= 0), default=-1)
        if where < 0:
            continue
        if any(english_pattern(en).search(en_prose) for en in term.en):
            continue
        first = next(z for z in term.zh if z in zh_prose)
        findings.append(
            Finding(
                en_path,
                0,
                0,
                "warning",
                "term-missing",
                f"the Chinese page uses {first!r} (line {_line(zh_prose, where)}); "
                f"the glossary's English term {term.en[0]!r} does not occur here",
            )
        )
    return findings


def avoided_terms(en_text: str, avoided: list[Avoided], en_path: str) -> list[Finding]:
    """Uses of renderings from the glossary's do-not-write table."""
    en_prose = prose(en_text)
    findings = []
    for entry in avoided:
        for match in exact_pattern(entry.wrong).finditer(en_prose):
            line = _line(en_prose, match.start())
            column = match.start() - (en_prose.rfind("\n", 0, match.start()) + 1) + 1
            findings.append(
                Finding(
                    en_path,
                    line,
                    column,
                    "error",
                    "term-avoided",
                    f"{' '.join(match.group(0).split())!r}: write {entry.right} (see the glossary)",
                )
            )
    return findings


def check(docs_dir: Path, display: str, source: str = "zh", target: str = "en") -> list[Finding]:
    """Every English page against the glossary: missing terms and avoided renderings.

    Pages are read only inside ``docs_dir`` (see :mod:`kubenotes.safe_files`): a page that is a
    symlink out of it, a device or too large is an ``unsafe-file`` finding, not read."""
    findings: list[Finding] = []

    def read(path: Path, shown: str) -> str | None:
        try:
            return read_text(path, docs_dir)
        except UnsafeFile as exc:
            findings.append(Finding(shown, 0, 0, "error", "unsafe-file", f"not read: {exc}"))
            return None

    zh_glossary = docs_dir / source / GLOSSARY
    en_glossary = docs_dir / target / GLOSSARY
    zh_text = read(zh_glossary, f"{display}/{source}/{GLOSSARY}") if zh_glossary.is_file() else ""
    en_gloss = read(en_glossary, f"{display}/{target}/{GLOSSARY}") if en_glossary.is_file() else ""
    terms = parse_terms(zh_text or "")
    avoided = parse_avoided(en_gloss or "")
    root = docs_dir / target
    for en_page in sorted(root.rglob("*.md")):
        rel = en_page.relative_to(root).as_posix()
        en_path = f"{display}/{target}/{rel}"
        en_text = read(en_page, en_path)
        if en_text is None:
            continue
        if rel != GLOSSARY:
            findings.extend(avoided_terms(en_text, avoided, en_path))
        zh_page = docs_dir / source / rel
        if rel.startswith(SKIPPED_FOLDERS) or not zh_page.is_file():
            continue
        zh_text = read(zh_page, f"{display}/{source}/{rel}")
        if zh_text is not None:
            findings.extend(missing_terms(zh_text, en_text, terms, en_path))
    return findings
