"""Read the site's settings from mkdocs.yml without mkdocs, for the command line.

mkdocs.yml may contain mkdocs' own YAML tags (``!ENV``, ``!relative``,
``!!python/name:``); they are read here as plain values, never executed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG = "mkdocs.yml"


# libyaml's parser when PyYAML has it: reading mkdocs.yml with the pure-Python one costs ~80 ms,
# a third of a `kubenotes validate` run.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TolerantLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A private SafeLoader that maps unknown tags to their plain value."""


def _construct_any(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _construct_any)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_any)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest mkdocs.yml at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_CONFIG
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_TolerantLoader)  # a private SafeLoader
    return data if isinstance(data, dict) else {}


def kubenotes_settings(path: Path | None) -> dict[str, Any]:
    """``extra.kubenotes`` of the given mkdocs.yml, plus ``config_dir`` and ``docs_dir``."""
    if path is None:
        return {}
    data = load_config(path)
    settings = dict((data.get("extra") or {}).get("kubenotes") or {})
    settings["config_dir"] = str(path.parent.resolve())
    settings["docs_dir"] = str((path.parent / str(data.get("docs_dir") or "docs")).resolve())
    return settings


def i18n_languages(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The language folders of the mkdocs-static-i18n config (default language first)."""
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = [
                lang for lang in plugin["i18n"].get("languages") or [] if isinstance(lang, dict)
            ]
            ordered = sorted(languages, key=lambda lang: not lang.get("default", False))
            return tuple(str(lang["locale"]) for lang in ordered if lang.get("locale"))
    return ()
