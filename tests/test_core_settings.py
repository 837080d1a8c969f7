"""One SiteSettings: from mkdocs.yml without mkdocs (CLI) and from mkdocs' config (hooks),
with the same values; mkdocs' own tags are understood or left as plain values, never executed."""

from __future__ import annotations

from pathlib import Path

import pytest
from kubenotes.settings import (
    DEFAULT_KUBERNETES_VERSION,
    SettingsError,
    SiteSettings,
    display_path,
    find_config,
    locate_docs,
)
from mkdocs.config import load_config as mkdocs_load_config

CONFIG = """\
site_name: t
site_url: !ENV [KUBENOTES_TEST_SITE_URL, "https://x.org/"]
repo_url: !ENV KUBENOTES_TEST_REPO_URL
docs_dir: pages
use_directory_urls: false
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
          build: true
        - locale: zh
          name: 中文
          default: true
          build: true
markdown_extensions:
  - toc:
      {toc_option}
  - pymdownx.snippets:
      base_path:
        - !relative $config_dir
        - !relative $docs_dir/snips
        - shared
extra:
  kubenotes:
    kubernetes_version: "1.33"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    marker = tmp_path / "ran"
    unsafe = f'slugify: !!python/object/apply:os.system ["echo should-not-run > {marker}"]'
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(toc_option=unsafe), encoding="utf-8")
    (tmp_path / "pages" / "zh").mkdir(parents=True)
    (tmp_path / "pages" / "en").mkdir(parents=True)
    return tmp_path


def test_settings_come_from_the_nearest_mkdocs_yml(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KUBENOTES_TEST_SITE_URL", "https://env.example/")
    monkeypatch.chdir(project / "pages")  # never the working directory
    nested = project / "pages" / "zh"
    config = find_config(nested)
    assert config == project / "mkdocs.yml"
    settings = SiteSettings.from_file(config)
    root = project.resolve()
    assert settings == SiteSettings(
        config_file=root / "mkdocs.yml",
        docs_dir=root / "pages",
        site_dir=root / "site",
        languages=("zh", "en"),
        kubernetes_version="1.33",
        manifests_dir=root / "manifests",
        crds_dir=root / "manifests" / "crds",
        snippet_bases=(root, root / "pages" / "snips", root / "shared"),
        site_url="https://env.example/",
        use_directory_urls=False,
    )
    assert settings.snippet_label == "., pages/snips, shared"
    assert settings.translation_pair == ("zh", "en")
    assert not (project / "ran").exists()


def test_hook_and_cli_settings_agree(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hooks' settings (from mkdocs' validated config) equal the CLI's (from the file)."""
    monkeypatch.chdir(project)
    config = CONFIG.format(toc_option="permalink: true")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    monkeypatch.delenv("KUBENOTES_TEST_SITE_URL", raising=False)
    from_mkdocs = SiteSettings.from_mkdocs(mkdocs_load_config(str(project / "mkdocs.yml")))
    assert from_mkdocs == SiteSettings.from_file(project / "mkdocs.yml")
    assert from_mkdocs.site_url == "https://x.org/"


def test_defaults_without_extra_kubenotes(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    settings = SiteSettings.from_file(tmp_path / "mkdocs.yml")
    root = tmp_path.resolve()
    assert (settings.kubernetes_version, settings.crds_dir, settings.snippet_bases) == (
        DEFAULT_KUBERNETES_VERSION,
        root / "manifests" / "crds",
        (root,),
    )
    assert (settings.languages, settings.default_language) == ((), "zh")
    assert (settings.sidebar_page_limit, settings.page_seconds_limit) == (60, 20)
    assert settings == SiteSettings.defaults(tmp_path)


def test_page_seconds_limit_is_read_as_a_number_or_a_string(tmp_path: Path) -> None:
    for written in ("3", "'3'"):
        text = f"site_name: t\nextra:\n  kubenotes:\n    page_seconds_limit: {written}\n"
        (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
        assert SiteSettings.from_file(tmp_path / "mkdocs.yml").page_seconds_limit == 3


@pytest.mark.parametrize(
    ("kubenotes", "message"),
    [
        (
            "{kubernetes_versoin: '1.33'}",
            "extra.kubenotes: unknown setting(s) kubernetes_versoin "
            "(known: crds_dir, kubernetes_version, manifests_dir, page_seconds_limit, "
            "search_boost, sidebar_page_limit)",
        ),
        (
            "{sidebar_page_limit: 0}",
            "extra.kubenotes.sidebar_page_limit: expected a whole number above 0, not '0'",
        ),
        ("{sidebar_page_limit: true}", "extra.kubenotes.sidebar_page_limit: expected a string"),
        (
            "{page_seconds_limit: -5}",
            "extra.kubenotes.page_seconds_limit: expected a whole number above 0, not '-5'",
        ),
        ("{kubernetes_version: 1.30}", "extra.kubenotes.kubernetes_version: expected a string"),
        ("[1, 2]", "extra.kubenotes: expected a mapping of settings"),
    ],
)
def test_bad_extra_kubenotes_is_an_error(tmp_path: Path, kubenotes: str, message: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nextra:\n  kubenotes: {kubenotes}\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError) as raised:
        SiteSettings.from_file(tmp_path / "mkdocs.yml")
    assert str(raised.value).startswith(message)


def test_bare_relative_snippet_base_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative\n",
        encoding="utf-8",
    )
    with pytest.raises(SettingsError, match="base_path"):
        SiteSettings.from_file(tmp_path / "mkdocs.yml")


@pytest.mark.parametrize(
    ("path", "root", "expected"),
    [
        ("/r/docs/zh/a.md", "/r", "docs/zh/a.md"),
        ("/r/docs/../manifests/x.yaml", "/r", "manifests/x.yaml"),
        ("/elsewhere/x.md", "/r", "/elsewhere/x.md"),
        ("docs/a.md", None, "docs/a.md"),
    ],
)
def test_display_path(path: str, root: str | None, expected: str) -> None:
    assert display_path(Path(path), Path(root) if root else None) == expected


@pytest.mark.parametrize(
    "args",
    [["validate", "docs"], ["links"], ["translations"], ["coverage", "--seeds", "docs"],
     ["corrections", "--check"], ["terminology"]],
)  # fmt: skip
def test_every_command_refuses_an_unknown_setting(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
) -> None:
    from kubenotes.cli import main

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nextra:\n  kubenotes:\n    crd_dir: x\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "zh").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert "extra.kubenotes: unknown setting(s) crd_dir" in capsys.readouterr().err


def test_locate_docs_for_the_commands(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The docs folder the CLI commands work on, or the message they exit 2 with."""
    nested = project / "pages" / "zh"
    settings, docs_dir = locate_docs(None, None, nested)  # type: ignore[misc]
    assert settings.config_file == project.resolve() / "mkdocs.yml"
    assert docs_dir == project.resolve() / "pages"
    assert locate_docs(None, project / "other", nested)[1] == project / "other"
    missing = project / "missing.yml"
    assert locate_docs(missing, None, nested) == f"no such config file: {missing}"
    (project / "bad.yml").write_text("site_name: t\nextra:\n  kubenotes: [1]\n", "utf-8")
    assert (
        locate_docs(project / "bad.yml", None) == "extra.kubenotes: expected a mapping of settings"
    )
    elsewhere = tmp_path_factory.mktemp("no-config")
    assert locate_docs(None, None, elsewhere) == "no mkdocs.yml here or above; pass --docs-dir"
    assert locate_docs(None, project / "pages", elsewhere)[1] == project / "pages"
