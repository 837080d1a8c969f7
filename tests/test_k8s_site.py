"""The hook in a real build: a fixture site with bad examples fails `mkdocs build --strict`
with exactly the expected lines, and passes once they are fixed (tests/fixtures/k8s/site)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_site
from kubenotes.findings import Finding
from kubenotes.k8s.extract import extract
from kubenotes.k8s.page import rewrite_page

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "k8s" / "site"
HOOK = ROOT / "hooks" / "k8s_examples.py"
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.site

# file, correct text, broken text
BREAKAGES = [
    (
        "manifests/lifecycle-demo.yaml",
        "        exec:\n          command:",
        "        exec: {}\n        command:",
    ),
    ("docs/index.md", "apiVersion: v1\nkind: ResourceQuota", "apiversion: v1\nkind: ResourceQuota"),
    ("docs/index.md", "    matchExpressions:", "    mathExpressions:"),
    ("docs/index.md", "- name: web\n  image: nginx\n", "- name: web\n  image: nginx\n  port: 80\n"),
    (
        "docs/index.md",
        "apiVersion: apps/v1\nkind: Deployment",
        "apiVersion: extensions/v1beta1\nkind: Deployment",
    ),
    ("docs/index.md", 'k8s=skip reason="command beside exec instead of under it"', "k8s=skip"),
]

EXPECTED = [  # manifests/ is validated first (on_pre_build), then the pages in order
    "manifests/lifecycle-demo.yaml:12:9: error: Pod/lifecycle-demo "
    'spec.containers[0].lifecycle.preStop: unknown field "command" [k8s-schema]',
    'docs/index.md:16:1: error: missing "apiVersion": found "apiversion" (field names are '
    'case-sensitive; write "apiVersion") [k8s-missing-field]',
    "docs/index.md:24:5: error: ResourceQuota/pods-high spec.scopeSelector: unknown field "
    '"mathExpressions"; did you mean "matchExpressions"? [k8s-schema]',
    'docs/index.md:37:3: error: PodSpec containers[0]: unknown field "port"; did you mean '
    '"ports"? [k8s-schema]',
    "docs/index.md:43:13: error: Deployment/web apiVersion: extensions/v1beta1 Deployment is not "
    "served in Kubernetes 1.34 (last served in 1.15); use apps/v1 [k8s-api-removed]",
    'docs/index.md:61:1: error: k8s=skip needs a reason: k8s=skip reason="why" [k8s-skip-reason]',
]


def _site(tmp_path: Path, broken: bool) -> Path:
    site = tmp_path / "src"
    shutil.copytree(FIXTURE, site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("HOOK_PATH", str(HOOK)), "utf-8")
    for name, good, bad in BREAKAGES if broken else []:
        file = site / name
        text = file.read_text("utf-8")
        assert text.count(good) == 1, (name, good)
        file.write_text(text.replace(good, bad), "utf-8")
    return site


def _build(site: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": str(BIN), "NO_MKDOCS_2_WARNING": "1", "HOME": str(site), **env}
    return build_site(site / "mkdocs.yml", out, env=environment, timeout=300)


def _warnings(log: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^WARNING\s+-\s+(.*)$", log, re.M)]


def test_bad_examples_fail_the_strict_build_with_exact_lines(tmp_path: Path) -> None:
    result = _build(_site(tmp_path, broken=True), tmp_path / "out")
    assert result.returncode == 1
    assert _warnings(result.stderr) == EXPECTED
    assert "Aborted with 6 warnings in strict mode!" in result.stdout


def test_fixed_examples_pass_and_render(tmp_path: Path) -> None:
    result = _build(_site(tmp_path, broken=False), tmp_path / "out")
    assert (result.returncode, _warnings(result.stderr)) == (0, [])
    html = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "k8s=" not in html  # fence options are stripped before rendering
    assert (
        '<div class="k8s-invalid-on-purpose no-copy highlight"><span class="filename">'
        "故意错误的示例：command beside exec instead of under it</span>"
    ) in html
    assert html.count('<div class="highlight">') == 5


def test_validation_can_be_switched_off_rendering_stays(tmp_path: Path) -> None:
    site = _site(tmp_path, broken=True)
    result = _build(site, tmp_path / "out", KUBENOTES_K8S_VALIDATE="0")
    assert (result.returncode, _warnings(result.stderr)) == (0, [])
    html = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "k8s=" not in html
    assert html.count('<div class="highlight">') == 5


def _hook_module():
    spec = importlib.util.spec_from_file_location("k8s_examples_hook", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_mode_shows_the_error_under_the_block() -> None:
    markdown = (
        "# t\n\n- item\n\n    ```yaml k8s=Container\n    name: x\n    imag: y\n    ```\n\nafter\n"
    )
    found = extract(markdown, "docs/p.md", 2)
    finding = Finding("docs/p.md", 9, 5, "error", "k8s-schema", 'unknown field "imag"', "Container")
    built = rewrite_page(markdown, found, [finding], "docs/p.md", 2, "en")
    assert built == markdown.replace("```yaml k8s=Container", "```yaml")
    out = rewrite_page(markdown, found, [finding], "docs/p.md", 2, "en", show_findings=True)
    assert out.split("\n") == [
        "# t",
        "",
        "- item",
        "",
        "    ```yaml",
        "    name: x",
        "    imag: y",
        "    ```",
        "",
        '    !!! failure "kubenotes: Kubernetes YAML"',
        "",
        '        - `docs/p.md:9:5: error: Container: unknown field "imag" [k8s-schema]`',
        "",
        "",
        "after",
        "",
    ]


class _I18n:
    def __init__(self, building: bool, language: str) -> None:
        self.building = building
        self.current_language = language


class _Config(dict):
    def __init__(self, root: Path, building: bool, language: str) -> None:
        super().__init__(extra={"kubenotes": {"kubernetes_version": "1.34"}})
        self.config_file_path = str(root / "mkdocs.yml")
        self.docs_dir = str(root / "docs")
        self.plugins = {"i18n": _I18n(building, language)}
        self.theme = {}


class _File:
    def __init__(self, path: Path) -> None:
        self.abs_src_path = str(path)
        self.src_path = path.name
        self.content_string = path.read_text("utf-8")


class _Page:
    def __init__(self, path: Path) -> None:
        self.file = _File(path)


def test_each_finding_is_reported_once_across_language_builds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """mkdocs-static-i18n re-runs the build per language: zh and en pages include the same
    broken manifest, which is reported once; a new top-level build reports it again."""
    site = _site(tmp_path, broken=True)
    for lang in ("zh", "en"):
        (site / "docs" / f"{lang}.md").write_text(
            '# t\n\n```yaml\n--8<-- "manifests/lifecycle-demo.yaml"\n```\n', "utf-8"
        )
    hook = _hook_module()
    hook.on_startup(command="build", dirty=False)

    def build() -> list[str]:
        caplog.clear()
        for building, lang in ((False, "zh"), (True, "en")):
            config = _Config(site, building, lang)
            hook.on_config(config)
            page = _Page(site / "docs" / f"{lang}.md")
            hook.on_page_markdown(page.file.content_string, page, config, None)
        return [r.getMessage() for r in caplog.records if r.name.endswith("kubenotes.k8s")]

    expected = [
        "manifests/lifecycle-demo.yaml:12:9: error: Pod/lifecycle-demo "
        'spec.containers[0].lifecycle.preStop: unknown field "command" [k8s-schema]'
    ]
    assert build() == expected
    assert build() == expected


def test_preview_renders_each_get_a_whole_build_yaml_budget(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tools/preview.py renders a saved page again without a new build (BuildState.rerender):
    over a long session its YAML must not use up one build's budget (here 100 values)."""
    from kubenotes import build as build_state
    from kubenotes.k8s.load import Budget

    monkeypatch.setattr(build_state, "build_budget", lambda: Budget("build", 100, 100, 100_000))
    (tmp_path / "docs").mkdir()
    items = "".join(f"- {i}\n" for i in range(60))
    (tmp_path / "docs" / "p.md").write_text(f"# t\n\n```yaml\nitems:\n{items}```\n", "utf-8")
    hook = _hook_module()
    hook.on_startup(command="serve", dirty=False)
    config = _Config(tmp_path, False, "zh")
    hook.on_config(config)
    page = _Page(tmp_path / "docs" / "p.md")

    def render(fresh: bool) -> list[str]:
        caplog.clear()
        if fresh:
            build_state.current().rerender()
        hook.on_page_markdown(page.file.content_string, page, config, None)
        return [r.getMessage() for r in caplog.records if "[yaml-limit]" in r.getMessage()]

    assert [render(fresh=True) for _ in range(3)] == [[], [], []]
    assert render(fresh=False) != []  # the same render without a new budget runs out
    hook.on_shutdown()
