"""mkdocs hook: one search index per language (mkdocs-static-i18n merges them into one)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kubenotes import build
from kubenotes.build import default_language, is_nested_language_build
from kubenotes.search import (
    cache_material_segmentation,
    index_lighter,
    load_jieba_user_dict,
    resolve_from_config_dir,
    write_language_indexes,
)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.kubenotes.search")


@event_priority(100)  # before Material's search plugin reads its jieba settings
def on_config(config, **kwargs):
    build.begin(config, PluginError)  # a malformed search_boost is an error here
    search = config.plugins.get("material/search")
    if search is not None and not is_nested_language_build(config):  # set up once per build
        path = resolve_from_config_dir(search.config.jieba_dict_user, config.config_file_path)
        if path and not Path(path).is_file():
            raise PluginError(f"search.jieba_dict_user: {path} does not exist")
        if load_jieba_user_dict(path):  # once per process, not once per build
            path = None
        search.config.jieba_dict_user = path
        cache_material_segmentation(sys.modules.get(type(search).__module__))
    return config


def on_pre_build(config, **kwargs):
    # Material makes a new index in each (language) build's on_config: index it lighter.
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    add_entry = getattr(index, "add_entry_from_context", None)
    if add_entry is not None and not getattr(add_entry, "kubenotes_lighter", False):
        index.add_entry_from_context = index_lighter(add_entry)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged
def on_post_build(config, **kwargs) -> None:
    if is_nested_language_build(config):
        return
    i18n = config.plugins.get("i18n")
    languages = [lang for lang in getattr(i18n, "build_languages", []) or []]
    others = [lang for lang in languages if lang != default_language(config)]
    boosts = dict(build.current().settings.search_boost)
    counts = write_language_indexes(Path(config.site_dir), others, boosts)
    for language, count in sorted(counts.items(), key=lambda item: str(item[0])):
        log.info("search index for %s: %d entries", language or default_language(config), count)
