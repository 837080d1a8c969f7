"""One search index per language out of mkdocs-static-i18n's merged index."""

from __future__ import annotations

import json

from kubenotes.search import (
    language_of,
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


def test_write_language_indexes(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(MERGED), "utf-8")
    assert write_language_indexes(tmp_path, ["en"]) == {None: 3, "en": 2}
    english = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert [d["title"] for d in english["docs"]] == ["Home", "Termination"]
    assert write_language_indexes(tmp_path / "missing", ["en"]) == {}


def test_relative_settings_resolve_from_the_config_folder(tmp_path):
    config = str(tmp_path / "site" / "mkdocs.yml")
    assert resolve_from_config_dir("search/dict.txt", config) == str(
        tmp_path / "site" / "search" / "dict.txt"
    )
    assert resolve_from_config_dir("/abs/dict.txt", config) == "/abs/dict.txt"
    assert resolve_from_config_dir(None, config) is None
