"""Facts about the running build, read from stand-ins for mkdocs' config and files."""

from __future__ import annotations

import logging
from pathlib import Path, PurePath
from types import SimpleNamespace

import pytest
from kubenotes import build
from kubenotes.build import source_path
from kubenotes.findings import Finding
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


def _config(tmp_path: Path, building: bool = False, extra: dict | None = None) -> SimpleNamespace:
    i18n = SimpleNamespace(building=building, config=SimpleNamespace(languages=[]))
    values = {"extra": {"kubenotes": extra or {}}}
    return SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        plugins={"i18n": i18n},
        get=lambda key, default=None: values.get(key, default),
    )


def test_one_state_per_top_level_build(tmp_path: Path) -> None:
    first = _config(tmp_path)
    state = build.begin(first)
    assert build.begin(first) is state  # the other hooks' on_config of the same build
    state.report(logging.getLogger("t"), [Finding("a.md", 1, 0, "error", "r", "m")])
    nested = _config(tmp_path, building=True)  # mkdocs-static-i18n's next language
    assert build.begin(nested) is state and build.current() is state
    rebuild = build.begin(_config(tmp_path))  # a `mkdocs serve` rebuild: a new config object
    assert rebuild is not state and build.current() is rebuild
    assert rebuild.reported.new([Finding("a.md", 1, 0, "error", "r", "m")]) != []


def test_report_logs_each_finding_once_with_one_severity_mapping(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = build.begin(_config(tmp_path))
    findings = [
        Finding("a.md", 2, 0, "info", "r", "note"),
        Finding("a.md", 1, 0, "error", "r", "bad"),
        Finding("a.md", 1, 0, "error", "r", "bad"),
    ]
    with caplog.at_level(logging.INFO, logger="t"):
        state.report(logging.getLogger("t"), findings)
        state.report(logging.getLogger("t"), findings)  # the English build finds them again
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "a.md:1: error: bad [r]"),
        (logging.INFO, "a.md:2: info: note [r]"),
    ]


def test_bad_settings_raise_the_given_error(tmp_path: Path) -> None:
    class PluginError(Exception):
        pass

    with pytest.raises(PluginError, match="unknown setting"):
        build.begin(_config(tmp_path, extra={"kubernetes_versoin": "1.33"}), PluginError)


def test_not_found_pages() -> None:
    assert build.not_found_pages({"en": "E", "zh": "Z", "fr": "F"}, "zh") == {
        "en/404.html": "E",
        "fr/404.html": "F",
        "404.html": "Z",
    }
