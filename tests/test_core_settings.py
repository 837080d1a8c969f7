"""mkdocs.yml read without mkdocs: its own tags are plain values, never executed."""

from __future__ import annotations

from pathlib import Path

from kubenotes.settings import find_config, kubenotes_settings

CONFIG = """\
site_url: !ENV [KUBENOTES_SITE_URL, "https://x.org/"]
repo_url: !ENV KUBENOTES_REPO_URL
docs_dir: pages
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:os.system ["echo should-not-run > {marker}"]
extra:
  kubenotes:
    kubernetes_version: "1.33"
"""


def test_settings_come_from_the_nearest_mkdocs_yml(tmp_path: Path):
    marker = tmp_path / "ran"
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(marker=marker), encoding="utf-8")
    nested = tmp_path / "pages" / "deep"
    nested.mkdir(parents=True)
    config = find_config(nested)
    assert config == tmp_path / "mkdocs.yml"
    assert kubenotes_settings(config) == {
        "kubernetes_version": "1.33",
        "config_dir": str(tmp_path.resolve()),
        "docs_dir": str((tmp_path / "pages").resolve()),
    }
    assert not marker.exists()


def test_no_config_means_no_settings(tmp_path: Path):
    assert kubenotes_settings(None) == {}
