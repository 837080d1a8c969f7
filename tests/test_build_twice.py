"""Two builds in one process (as `mkdocs serve` rebuilds: the hook modules are loaded once) give
the same findings, the same search entries and the same output, byte for byte."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from kubenotes.search import FULL_INDEX
from mkdocs.commands.build import build
from mkdocs.config import load_config

pytestmark = pytest.mark.site

ZH_PAGE = """\
# 首页

```yaml
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: nginx
    imag: typo
```

```mermaid
flowchart LR
  a --> b -->
```

```mermaid
flowchart LR
  a[开始] --> b[结束]
```

[坏链接](no-such-page.md)
"""


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """The real mkdocs.yml and hooks over two pages with one finding of each hook."""
    for folder in ("hooks", "overrides", "snippets", "manifests", "search"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__py*"))
    shutil.copytree(REPO / "docs" / "zh" / "assets", tmp_path / "docs" / "zh" / "assets")
    (tmp_path / "docs" / "zh" / "index.md").write_text(ZH_PAGE, "utf-8")
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text("# Home\n\n[broken](nowhere.md)\n", "utf-8")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(text[: text.index("\nnav:")] + "\n", "utf-8")
    return tmp_path / "mkdocs.yml"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.name, record.levelno, record.getMessage()))


FULL = FULL_INDEX.as_posix()


def _build_once(
    config_file: Path, site_dir: Path, command: str = "build"
) -> list[tuple[str, int, str]]:
    """One build as `mkdocs build` or a `mkdocs serve` rebuild runs it, in this process;
    the kubenotes log records."""
    handler = _Records()
    logger = logging.getLogger("mkdocs.plugins.kubenotes")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
        config.plugins.on_startup(command=command, dirty=False)
        try:
            if command == "serve":
                config.site_url = "http://127.0.0.1:8000/"
                build(config, serve_url=config.site_url)
            else:
                build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
    return handler.messages


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _compare(
    config_file: Path, tmp_path: Path, command: str = "build"
) -> list[tuple[str, int, str]]:
    # `mkdocs serve` rebuilds into the same folder: so do these two builds
    first = _build_once(config_file, tmp_path / "site", command)
    one = _tree(tmp_path / "site")
    second = _build_once(config_file, tmp_path / "site", command)
    two = _tree(tmp_path / "site")
    assert second == first  # the same findings, each once, at the same level
    # the stubs Material loads on every page and the full indexes the search worker loads
    for index in ("search/search_index.json", "en/search/search_index.json", FULL, f"en/{FULL}"):
        assert two[index] == one[index], index
    assert sorted(two) == sorted(one)
    assert [name for name in one if one[name] != two[name]] == []
    return first


@pytest.mark.parametrize("command", ["build", "serve"])
def test_small_site_twice_in_one_process(
    small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KUBENOTES_REPO_URL", raising=False)
    findings = [m for m in _compare(small_site, tmp_path, command) if m[1] >= logging.WARNING]
    rules = sorted(message.rsplit("[", 1)[-1].rstrip("]") for _, _, message in findings)
    assert rules == ["diagram-syntax", "k8s-schema", "link-page", "link-page"], findings
    assert [m for m in findings if "docs/zh/index.md:11:5" in m[2]] != []


def test_real_site_twice_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KUBENOTES_REPO_URL", raising=False)
    assert [m for m in _compare(REPO / "mkdocs.yml", tmp_path) if m[1] >= logging.WARNING] == []
