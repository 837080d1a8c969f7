"""One search index per language out of mkdocs-static-i18n's merged index."""

from __future__ import annotations

import json

import pytest
from kubenotes.search import (
    SearchBoostError,
    apply_boosts,
    language_of,
    parse_boosts,
    resolve_from_config_dir,
    split_index,
    write_language_indexes,
)

MERGED = {
    "config": {"lang": ["en", "zh"]},
    "docs": [
        {"location": "", "title": "首页", "text": ""},
        {"location": "lifecycle/termination/#grace-period", "title": "宽限期", "text": ""},
        {"location": "en/", "title": "Home", "text": ""},
        {"location": "en/lifecycle/termination/", "title": "Termination", "text": ""},
        {"location": "english/", "title": "a zh page whose folder starts with en", "text": ""},
    ],
}


def test_language_of_needs_the_whole_folder_name():
    assert language_of("en/lifecycle/", ["en"]) == "en"
    assert language_of("en", ["en"]) == "en"
    assert language_of("english/", ["en"]) is None
    assert language_of("lifecycle/#en", ["en"]) is None


def test_split_keeps_config_and_rebases_locations():
    parts = split_index(MERGED, ["en"])
    assert [d["location"] for d in parts[None]["docs"]] == [
        "",
        "lifecycle/termination/#grace-period",
        "english/",
    ]
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "lifecycle/termination/"]
    assert parts["en"]["config"] == MERGED["config"]


def read(path):
    return json.loads(path.read_text("utf-8"))


def test_write_language_indexes(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(MERGED), "utf-8")
    boosts = {"lifecycle/": 0.5}
    assert write_language_indexes(tmp_path, ["en"], boosts) == {None: 3, "en": 2}
    english = read(tmp_path / "en" / "search" / "kubenotes_index.json")
    assert [d["title"] for d in english["docs"]] == ["Home", "Termination"]
    assert [d.get("boost") for d in english["docs"]] == [None, 0.5]
    chinese = read(tmp_path / "search" / "kubenotes_index.json")
    assert [d["location"] for d in chinese["docs"]] == [
        "",
        "lifecycle/termination/#grace-period",
        "english/",
    ]
    # What Material fetches on every page view keeps the config, not the documents.
    for stub in (tmp_path / "search", tmp_path / "en" / "search"):
        assert read(stub / "search_index.json") == {"config": MERGED["config"], "docs": []}
    assert write_language_indexes(tmp_path / "missing", ["en"]) == {}


def test_boosts_go_to_the_longest_matching_prefix():
    docs = [{"location": "reference/glossary/#pod"}, {"location": "reference/x/"}, {"location": ""}]
    boosted = apply_boosts(docs, {"reference/": 0.8, "reference/glossary/": 0.3})
    assert [d.get("boost") for d in boosted] == [0.3, 0.8, None]
    assert apply_boosts(docs, {}) is docs


@pytest.mark.parametrize(
    "value",
    [["reference/"], {"reference/": "low"}, {"reference/": 0}, {"reference/": True}, {1: 0.5}],
)
def test_malformed_boosts_are_refused(value):
    with pytest.raises(SearchBoostError):
        parse_boosts(value)


def test_boosts_parse():
    assert parse_boosts(None) == {}
    assert parse_boosts({"/reference/glossary/": 0.4, "contributing/": 1}) == {
        "reference/glossary/": 0.4,
        "contributing/": 1.0,
    }


def test_relative_settings_resolve_from_the_config_folder(tmp_path):
    config = str(tmp_path / "site" / "mkdocs.yml")
    assert resolve_from_config_dir("search/dict.txt", config) == str(
        tmp_path / "site" / "search" / "dict.txt"
    )
    assert resolve_from_config_dir("/abs/dict.txt", config) == "/abs/dict.txt"
    assert resolve_from_config_dir(None, config) is None


def test_jieba_user_dictionary_is_loaded_once_per_file_version(tmp_path) -> None:
    import jieba
    from kubenotes.search import load_jieba_user_dict

    words = tmp_path / "dict.txt"
    words.write_text("时为它加 5 n\n", encoding="utf-8")
    text = "新增页面时为它加一两条查询"
    assert load_jieba_user_dict(str(words))
    first = (jieba.dt.total, list(jieba.cut(text)))
    for _ in range(50):  # every build of a long `mkdocs serve` session asks again
        load_jieba_user_dict(str(words))
    assert (jieba.dt.total, list(jieba.cut(text))) == first
    words.write_text("两条查询 900000 n\n", encoding="utf-8")  # an edited file: loaded afresh
    load_jieba_user_dict(str(words))
    assert "两条查询" in list(jieba.cut(text))
    assert "时为它加" not in list(jieba.cut(text))  # the old word is gone, not kept
    load_jieba_user_dict(None)
    assert jieba.dt.total < first[0] + 900000


def _material_sections(html: str) -> list[tuple[object, str, str]]:
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


LIGHTER_CASES = [
    "```yaml\napiVersion: v1\nkind: Pod   # a comment\nmetadata:\n  name:  two  spaces\n```",
    "```python hl_lines=\"2\"\nx = '<b>&amp;</b>'\n\n\n    y = 2\n```",
    'Text with `inline`.\n\n```text\nplain\n```\n\n## Next {#next}\n\n```bash\necho "$A" | wc\n```',
    '<pre><span></span><code><span data-search-exclude="">hidden</span> shown</code></pre>',
    '<pre><span></span><code><span class="k">a</span>  <span class="w"> </span>b</code></pre>',
]


@pytest.mark.parametrize("source", LIGHTER_CASES)
def test_lighter_content_gives_material_the_same_sections(source: str) -> None:
    import markdown
    from kubenotes.search import lighter_for_search

    html = markdown.markdown(
        "# Title\n\n" + source,
        extensions=["pymdownx.highlight", "pymdownx.superfences", "attr_list", "toc"],
        extension_configs={"pymdownx.highlight": {"line_spans": "__span"}},
    )
    lighter = lighter_for_search(html)
    assert _material_sections(lighter) == _material_sections(html)
    if "data-search-exclude" in source:
        assert lighter == html  # a block with an author's span is left alone
    elif "```" in source:
        assert lighter.count("<span") < html.count("<span")


def test_index_lighter_gives_the_page_its_own_content_back() -> None:
    from kubenotes.search import index_lighter

    class Page:
        content = '<pre><span></span><code><span class="k">a</span></code></pre>'

    seen = []
    page = Page()
    wrapped = index_lighter(lambda p: seen.append(p.content))
    wrapped(page)
    assert seen == ["<pre><span></span><code>a</code></pre>"]
    assert page.content == '<pre><span></span><code><span class="k">a</span></code></pre>'


def test_material_gets_jieba_with_cut_remembered_per_text() -> None:
    import types

    import jieba
    from kubenotes.search import CachedJieba, cache_material_segmentation

    module = types.SimpleNamespace(jieba=jieba)
    assert cache_material_segmentation(module)
    assert isinstance(module.jieba, CachedJieba)
    assert cache_material_segmentation(module) and not isinstance(module.jieba._jieba, CachedJieba)
    for text in ("容器运行时与镜像", "优先级与抢占", "容器运行时与镜像".encode()):
        assert list(module.jieba.cut(text)) == list(jieba.cut(text))
        assert list(module.jieba.cut(text)) == list(jieba.cut(text))  # from the cache
    assert list(module.jieba.cut("抢占", cut_all=True)) == list(jieba.cut("抢占", cut_all=True))
    assert module.jieba.dt is jieba.dt  # everything else is jieba's own
    assert not cache_material_segmentation(types.SimpleNamespace(jieba=None))


def test_remembered_cuts_are_forgotten_when_the_dictionary_changes(tmp_path) -> None:
    from kubenotes import search

    words = tmp_path / "words.txt"
    words.write_text("抢占式 5 n\n", "utf-8")
    assert search.load_jieba_user_dict(str(words))
    search._segment("抢占式调度")
    assert search._segment.cache_info().currsize > 0
    words.write_text("抢占式调度 9 n\n", "utf-8")
    assert search.load_jieba_user_dict(str(words))
    assert search._segment.cache_info().currsize == 0
    search.load_jieba_user_dict(None)  # back to jieba's own dictionary for the other tests
