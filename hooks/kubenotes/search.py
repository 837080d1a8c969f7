"""Split the merged search index of a multilingual build into one index per language.

mkdocs-static-i18n merges every language into ``search/search_index.json`` at the site
root. Readers of ``/en/`` should only find English pages, so the English entries move to
``en/search/search_index.json`` with locations relative to ``en/``; the default language
keeps the root index. Pages of a non-default language point their search at their own
index (see ``overrides/main.html``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"


def resolve_from_config_dir(value: str | None, config_file: str) -> str | None:
    """A relative path setting made absolute from mkdocs.yml's folder (not the working dir)."""
    if not value or Path(value).is_absolute():
        return value
    return str(Path(config_file).resolve().parent / value)


def language_of(location: str, languages: list[str]) -> str | None:
    """The non-default language whose folder ``location`` is in, or None for the default."""
    head = location.split("/", 1)[0].split("#", 1)[0]
    return head if head in languages else None


def split_index(index: dict[str, Any], languages: list[str]) -> dict[str | None, dict[str, Any]]:
    """Map each language (None = default) to its own index with relative locations."""
    docs: dict[str | None, list[dict[str, Any]]] = {None: [], **{lang: [] for lang in languages}}
    for entry in index.get("docs", []):
        language = language_of(entry.get("location", ""), languages)
        if language is not None:
            entry = {**entry, "location": entry["location"][len(language) + 1 :]}
        docs[language].append(entry)
    return {lang: {**index, "docs": entries} for lang, entries in docs.items()}


def write_language_indexes(site_dir: Path, languages: list[str]) -> dict[str | None, int]:
    """Rewrite the root index and write ``<lang>/search/search_index.json``; return counts."""
    root_index = site_dir / INDEX
    if not root_index.is_file():
        return {}
    index = json.loads(root_index.read_text(encoding="utf-8"))
    counts: dict[str | None, int] = {}
    for language, part in split_index(index, languages).items():
        target = site_dir / (language or "") / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), "utf-8")
        counts[language] = len(part["docs"])
    return counts
