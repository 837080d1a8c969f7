"""A broken mkdocs.yml gives a clear error naming the problem, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, build_site

pytestmark = pytest.mark.site


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """The real config with a tiny docs tree, to break one setting at a time."""
    for folder in ("hooks", "overrides", "snippets", "manifests"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__py*"))
    for language, title in (("zh", "首页"), ("en", "Home")):
        (tmp_path / "docs" / language).mkdir(parents=True)
        (tmp_path / "docs" / language / "index.md").write_text(f"# {title}\n", "utf-8")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(text[: text.index("\nnav:")] + "\n", "utf-8")
    return tmp_path / "mkdocs.yml"


BREAKAGES = {
    "yaml syntax": (
        lambda text: text + "nav:\n  - index.md: [\n",
        "error parsing the configuration file",
    ),
    "unknown i18n option value": (
        lambda text: text.replace("docs_structure: folder", "docs_structure: folders"),
        "Expected one of: ['folder', 'suffix']",
    ),
    "missing hook file": (
        lambda text: text.replace("hooks/search.py", "hooks/no_such_hook.py"),
        "no_such_hook.py",
    ),
    "unknown extra.kubenotes setting": (
        lambda text: text.replace("    crds_dir:", "    crd_dir:"),
        "extra.kubenotes: unknown setting(s) crd_dir",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKAGES))
def test_broken_config_fails_cleanly(site_copy: Path, case: str):
    breakage, expected = BREAKAGES[case]
    site_copy.write_text(breakage(site_copy.read_text(encoding="utf-8")), encoding="utf-8")
    result = build_site(site_copy, site_copy.parent / "out", "-q")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert expected in output
    assert "Traceback" not in output
