"""Facts about the running build that hooks need, read from the config object by duck typing.

No mkdocs import: the config is only looked at through ``.plugins`` and attribute access, so
this module stays part of the pure core and is testable with simple stand-ins.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

I18N_PLUGIN = "i18n"


def _i18n(config: Any) -> Any:
    plugins = getattr(config, "plugins", None) or {}
    return plugins.get(I18N_PLUGIN) if hasattr(plugins, "get") else None


def is_nested_language_build(config: Any) -> bool:
    """True while mkdocs-static-i18n re-runs the build for another language.

    Per-build state must be reset only when this is False (a top-level build or a rebuild
    of `mkdocs serve`), otherwise the second language would forget what the first reported.
    """
    plugin = _i18n(config)
    return bool(getattr(plugin, "building", False))


def current_language(config: Any, default: str = "zh") -> str:
    """The language being built now (``zh`` for the default build)."""
    plugin = _i18n(config)
    language = getattr(plugin, "current_language", None)
    if language:
        return str(language)
    theme = getattr(config, "theme", None)
    theme_language = theme.get("language") if hasattr(theme, "get") else None
    return str(theme_language or default)


def default_language(config: Any, fallback: str = "zh") -> str:
    plugin = _i18n(config)
    return str(getattr(plugin, "default_language", None) or fallback)


def kubenotes_settings(config: Any) -> dict[str, Any]:
    """The ``extra.kubenotes`` mapping of mkdocs.yml (empty when absent)."""
    extra = config.get("extra") if hasattr(config, "get") else None
    settings = (extra or {}).get("kubenotes") if hasattr(extra or {}, "get") else None
    return dict(settings or {})


def source_path(config: Any, file: Any) -> str:
    """A page's source file as findings name it: relative to mkdocs.yml's folder when below it.

    Generated pages (mkdocs ``File.generated``) have no ``abs_src_path``: they are named by
    where they would be in the docs folder.
    """
    root = Path(config.config_file_path).resolve().parent
    source = Path(file.abs_src_path or Path(config.docs_dir) / file.src_path).resolve()
    return source.relative_to(root).as_posix() if source.is_relative_to(root) else source.as_posix()


def snippet_bases(config: Any) -> list[Path]:
    """The pymdownx.snippets base paths as absolute folders (default: mkdocs.yml's folder).

    ``!relative`` gives a PathLike derived from ``config_file_path``; plain strings are taken
    relative to mkdocs.yml, never to the working directory.
    """
    options = (getattr(config, "mdx_configs", None) or {}).get("pymdownx.snippets") or {}
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str | os.PathLike) else list(bases)
    root = Path(os.path.dirname(os.path.abspath(config.config_file_path)))
    return [
        Path(os.path.abspath(os.fspath(base))) if isinstance(base, os.PathLike) else root / base
        for base in bases
    ]
