"""Source hashes and the translation record in an English page's front matter."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from kubenotes.k8s.load import load_data
from kubenotes.markdown import split_front_matter

HASH_FIELD = "translation_of"
DATE_FIELD = "translated_on"
HASH_PREFIX = "sha256:"
HASH_DIGITS = 16

_BLANK_RUNS = re.compile(r"\n{3,}")
_HASH_VALUE = re.compile(rf"^{HASH_PREFIX}[0-9a-f]{{{HASH_DIGITS}}}$")


def normalize(text: str) -> str:
    """The page text whose changes matter: no front matter, no whitespace-only differences."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    _, body = split_front_matter(text)
    body = unicodedata.normalize("NFC", body)
    lines = [line.rstrip() for line in body.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def source_hash(text: str) -> str:
    """``sha256:<16 hex>`` of the normalized Chinese page."""
    digest = hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()
    return f"{HASH_PREFIX}{digest[:HASH_DIGITS]}"


def is_valid_hash(value: str) -> bool:
    return bool(_HASH_VALUE.match(value))


@dataclass(frozen=True)
class Record:
    """What an English page says about its source: the hash and date, as written ('' if absent)."""

    translation_of: str = ""
    translated_on: str = ""
    front_matter_error: str = ""
    title_en: str = ""  # on a Chinese page: its English title, until the translation exists


def read_record(text: str) -> Record:
    """The translation record of an English page (empty fields when it records nothing)."""
    block, _ = split_front_matter(text.lstrip("\ufeff"))
    if not block:
        return Record()
    inner = "\n".join(block.rstrip("\n").split("\n")[1:-1])
    data, findings = load_data(inner, "", 1)  # the guarded loader: bombs, tags, depth
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        return Record(front_matter_error=f"line {errors[0].line}: {errors[0].message}")
    if not isinstance(data, dict):
        return Record()
    return Record(
        translation_of=_text(data.get(HASH_FIELD)),
        translated_on=_text(data.get(DATE_FIELD)),
        title_en=_text(data.get("title_en")),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def refresh_text(text: str, new_hash: str, today: dt.date) -> str:
    """``text`` with the two record fields set; every other byte of the file is kept.

    Existing ``translation_of``/``translated_on`` lines are replaced in place; missing ones
    are appended at the end of the front matter, which is created when the page has none.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom) :]
    values = {HASH_FIELD: new_hash, DATE_FIELD: today.isoformat()}
    block, body = split_front_matter(text)
    if not block:
        lines = [f"{key}: {value}" for key, value in values.items()]
        return bom + newline.join(["---", *lines, "---", ""]) + text
    lines = block.splitlines(keepends=True)
    closing = lines[-1]
    middle = lines[1:-1]
    for key, value in values.items():
        pattern = re.compile(rf"^{key}[ \t]*:.*?(?P<eol>\r?\n)?$", re.S)
        for index, line in enumerate(middle):
            match = pattern.match(line)
            if match:
                middle[index] = f"{key}: {value}{match.group('eol') or ''}"
                break
        else:
            middle.append(f"{key}: {value}{newline}")
    if not closing.endswith("\n") and body:
        closing += newline
    return bom + lines[0] + "".join(middle) + closing + body
