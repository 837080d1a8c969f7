"""Split the merged search index of a multilingual build into one index per language.

mkdocs-static-i18n merges every language into ``search/search_index.json`` at the site
root. Readers of ``/en/`` should only find English pages, so the English entries move to
``en/search/search_index.json`` with locations relative to ``en/``; the default language
keeps the root index. Pages of a non-default language point their search at their own
index (see ``overrides/main.html``).

The whole index is not where Material's page script looks for it: ``search/search_index.json``
keeps only the config (Material fetches that file on every page view), and the documents go
to ``search/kubenotes_index.json``, which the search worker
(``overrides/assets/javascripts/kubenotes-search.js``) fetches when a reader starts to search.
Pages listed in ``extra.kubenotes.search_boost`` (location prefix -> factor) get a document
boost, so long reference lists (glossary, corrections) rank below topic pages.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"
FULL_INDEX = Path("search") / "kubenotes_index.json"


class SearchBoostError(ValueError):
    """``extra.kubenotes.search_boost`` is not a mapping of location prefixes to factors."""


def parse_boosts(value: Any) -> dict[str, float]:
    """``{"reference/glossary/": 0.3}`` from the setting; raise SearchBoostError when malformed."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SearchBoostError("expected a mapping of page locations to numbers")
    boosts: dict[str, float] = {}
    for key, factor in value.items():
        if not isinstance(key, str) or isinstance(factor, bool):
            raise SearchBoostError(f"{key!r}: expected a page location and a number")
        if not isinstance(factor, int | float) or not 0 < factor <= 100:
            raise SearchBoostError(f"{key}: expected a number above 0 and at most 100")
        boosts[key.lstrip("/")] = float(factor)
    return boosts


def apply_boosts(docs: list[dict[str, Any]], boosts: dict[str, float]) -> list[dict[str, Any]]:
    """Docs whose location starts with a boosted prefix carry that ``boost`` (longest wins)."""
    if not boosts:
        return docs
    prefixes = sorted(boosts, key=len, reverse=True)
    result = []
    for doc in docs:
        location = doc.get("location", "")
        prefix = next((p for p in prefixes if location.startswith(p)), None)
        result.append(doc if prefix is None else {**doc, "boost": boosts[prefix]})
    return result


_JIEBA: dict[str, Any] = {}  # the user dictionary loaded into jieba in this process


def load_jieba_user_dict(path: str | None) -> bool:
    """Load jieba's user dictionary once per process and file version; True when jieba is there.

    ``jieba.load_userdict`` adds every word's frequency to the tokenizer's total again on each
    call, so loading it in every build (as Material's search plugin does) changes how Chinese is
    segmented from one ``mkdocs serve`` rebuild to the next. A new or edited file starts again
    from jieba's own dictionary.
    """
    try:
        import jieba
    except ImportError:
        return False
    key = None
    if path and Path(path).is_file():
        stat = Path(path).stat()
        key = (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)
    if _JIEBA.get("key", ()) == key:
        return True
    jieba.dt.initialized = False  # re-read the main dictionary: no user words, original total
    jieba.dt.initialize()
    if key is not None:
        jieba.load_userdict(path)
    _JIEBA["key"] = key
    _segment.cache_clear()  # words cut with the previous dictionary
    return True


class CachedJieba:
    """jieba as Material's search plugin uses it, with ``cut`` remembered per text.

    Material segments every run of Han characters of every page section with ``jieba.cut``,
    and the same runs come back page after page (headings, boilerplate, common words). With a
    given dictionary the cut is a pure function of the text, so its words are kept (the cache
    is emptied whenever :func:`load_jieba_user_dict` changes the dictionary). Everything else
    is jieba's own."""

    def __init__(self, jieba: Any) -> None:
        self._jieba = jieba

    def cut(
        self, sentence: Any, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> Any:
        if cut_all or not HMM or use_paddle or not isinstance(sentence, str | bytes):
            return self._jieba.cut(sentence, cut_all, HMM, use_paddle)
        return iter(_segment(sentence))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._jieba, name)


@functools.lru_cache(maxsize=1 << 16)
def _segment(sentence: str | bytes) -> tuple[str, ...]:
    import jieba

    return tuple(jieba.cut(sentence))


def cache_material_segmentation(module: Any) -> bool:
    """Give Material's search plugin ``module`` the cached jieba; True when it uses jieba."""
    current = getattr(module, "jieba", None)
    if current is None:
        return False
    if not isinstance(current, CachedJieba):
        module.jieba = CachedJieba(current)
    return True


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


def write_language_indexes(
    site_dir: Path, languages: list[str], boosts: dict[str, float] | None = None
) -> dict[str | None, int]:
    """Write each language's stub and full index (``<lang>/search/``); return entry counts."""
    root_index = site_dir / INDEX
    if not root_index.is_file():
        return {}
    index = json.loads(root_index.read_text(encoding="utf-8"))
    counts: dict[str | None, int] = {}
    for language, part in split_index(index, languages).items():
        root = site_dir / (language or "")
        (root / INDEX).parent.mkdir(parents=True, exist_ok=True)
        full = {**part, "docs": apply_boosts(part["docs"], boosts or {})}
        (root / FULL_INDEX).write_text(_dump(full), "utf-8")
        (root / INDEX).write_text(_dump({**part, "docs": []}), "utf-8")
        counts[language] = len(part["docs"])
    return counts


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# Highlighted code as Pygments writes it: a <span> per token (about two thirds of all the tags of
# a page), none of which changes what Material's search parser collects inside <pre>.
_HIGHLIGHTED = re.compile(r"<pre><span></span><code>(.*?)</code></pre>", re.S)
_SPAN_TAG = re.compile(r"</?span\b[^>]*>")
_PLAIN_SPAN = re.compile(r'</span>|<span(?: (?:class|id)="[^"<>]*")*>')


def lighter_for_search(html: str) -> str:
    """``html`` without the token spans of highlighted code, for Material's search parser.

    Inside ``<pre>`` the parser appends every piece of text as it comes, so the text of a code
    block is the same with or without the spans around its pieces; a block with any other kind
    of span (an author's ``data-search-exclude``, say) is left as it is. Parsing the page costs
    about a third."""

    def strip(match: re.Match[str]) -> str:
        code = match.group(1)
        tags = _SPAN_TAG.findall(code)
        if not all(_PLAIN_SPAN.fullmatch(tag) for tag in tags):
            return match.group(0)
        return f"<pre><span></span><code>{_SPAN_TAG.sub('', code)}</code></pre>"

    return _HIGHLIGHTED.sub(strip, html)


def index_lighter(add_entry: Any) -> Any:
    """Wrap Material's ``SearchIndex.add_entry_from_context(page)`` so that it parses the
    page's content without the token spans of its highlighted code; the page keeps its own."""

    def add_entry_from_context(page: Any) -> Any:
        content = page.content
        page.content = lighter_for_search(content) if content else content
        try:
            return add_entry(page)
        finally:
            page.content = content

    add_entry_from_context.kubenotes_lighter = True  # type: ignore[attr-defined]
    return add_entry_from_context
