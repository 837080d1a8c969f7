"""Facts about the running build, read from stand-ins for mkdocs' config and files."""

from __future__ import annotations

from pathlib import Path, PurePath
from types import SimpleNamespace

import pytest
from kubenotes.build import source_path
from kubenotes.settings import SiteSettings


@pytest.mark.parametrize(
    ("abs_src_path", "src_path", "expected"),
    [
        ("{root}/docs/zh/pod.md", "zh/pod.md", "docs/zh/pod.md"),
        (None, "en/pod.md", "docs/en/pod.md"),  # generated page: no file on disk
        ("{root}/../elsewhere/x.md", "x.md", "{parent}/elsewhere/x.md"),
    ],
)
def test_source_path(tmp_path: Path, abs_src_path: str | None, src_path: str, expected: str):
    root = tmp_path / "site"
    config = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), docs_dir=str(root / "docs"))
    file = SimpleNamespace(
        abs_src_path=abs_src_path and abs_src_path.format(root=root), src_path=src_path
    )
    assert source_path(config, file) == expected.format(parent=tmp_path.resolve().as_posix())


@pytest.mark.parametrize(
    ("mdx_configs", "expected"),
    [
        ({}, ["."]),
        ({"pymdownx.snippets": {"base_path": "snippets"}}, ["snippets"]),
        ({"pymdownx.snippets": {"base_path": ["a", PurePath("/abs/b")]}}, ["a", "/abs/b"]),
    ],
)
def test_snippet_bases_are_relative_to_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mdx_configs: dict, expected: list[str]
):
    monkeypatch.chdir(tmp_path)  # never the working directory
    config = SimpleNamespace(
        config_file_path="/site/mkdocs.yml", docs_dir="/site/docs", mdx_configs=mdx_configs
    )
    bases = SiteSettings.from_mkdocs(config).snippet_bases
    assert bases == tuple(Path("/site") / e for e in expected)
