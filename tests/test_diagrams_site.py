"""The diagrams hook on a small bilingual fixture site, and the page-level core it calls."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import build_site
from kubenotes.diagrams.page import insert_diagrams, replace_fences
from kubenotes.markdown import body_line_offset
from mkdocs.utils.meta import get_data

FIXTURE = Path(__file__).parent / "fixtures" / "diagrams" / "site"
BIN = Path(sys.executable).parent


def build(site_dir: Path, strict: bool = False) -> subprocess.CompletedProcess[str]:
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)}
    return build_site(FIXTURE / "mkdocs.yml", site_dir, strict=strict, env=env, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("diagrams-site")
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site, result.stderr


EXPECTED_WARNINGS = [
    "WARNING -  docs/zh/bad.md:12: error: state stereotype '<<fork>>' is not supported "
    "[diagram-syntax]",
    "WARNING -  docs/en/bad.md:8: error: 'classDef' is not supported: diagrams take their "
    "colours from the site theme [diagram-syntax]",
]


@pytest.mark.site
def test_each_broken_diagram_is_reported_once_with_its_file_line(built):
    _, log = built
    warnings = [line for line in log.splitlines() if line.startswith("WARNING")]
    assert warnings == EXPECTED_WARNINGS


@pytest.mark.site
@pytest.mark.parametrize(
    ("page", "diagrams"),
    [
        (
            "index.html",
            [
                'diagram-flowchart" role="img" aria-label="流程图：调度器, 节点"',
                'diagram-sequence" role="img" aria-label="时序图：kubelet"',
            ],
        ),
        (
            "en/index.html",
            [
                'diagram-flowchart" role="img" aria-label="Flowchart: Scheduler, Node"',
                'diagram-sequence" role="img" aria-label="Sequence diagram: kubelet"',
            ],
        ),
    ],
)
def test_fences_become_inline_svg_in_both_languages(built, page, diagrams):
    site, _ = built
    html = (site / page).read_text(encoding="utf-8")
    found = re.findall(r'<div class="diagram-wrap"><svg [^>]*?class="diagram (diagram-\w+)"', html)
    assert found == ["diagram-flowchart", "diagram-sequence"]
    assert [d for d in diagrams if d not in html] == []
    assert html.count('<div class="diagram-wrap"><svg') == 2
    assert "kubenotesdiagram" not in html
    assert "language-mermaid" not in html and "mermaid.js" not in html
    assert "<p><div" not in html


@pytest.mark.site
def test_a_diagram_inside_an_admonition_stays_inside_it(built):
    site, _ = built
    html = (site / "index.html").read_text(encoding="utf-8")
    admonition = html.split('<div class="admonition note">', 1)[1]
    assert admonition.split("</div>", 1)[0].count('class="diagram diagram-sequence"') == 1


@pytest.mark.site
def test_a_broken_diagram_shows_an_error_box_not_a_blank(built):
    site, _ = built
    html = (site / "en" / "bad" / "index.html").read_text(encoding="utf-8")
    assert '<div class="admonition failure diagram-error">' in html
    assert "<code>docs/en/bad.md:8: error: &#x27;classDef&#x27; is not supported" in html
    assert 'class="diagram diagram-' not in html


@pytest.mark.site
def test_strict_build_fails_on_a_broken_diagram(tmp_path):
    result = build(tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert EXPECTED_WARNINGS[0] in result.stderr


# ---------------------------------------------------------------- page core


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("# no front matter\n", 0),
        ("---\ntitle: x\n---\n# body\n", 3),
        ("---\ntitle: x\n---\n\n\n# body\n", 5),
        # mkdocs keeps front matter that is not a mapping, not YAML, or empty
        ("---\n- a\n---\n# body\n", 0),
        ("---\na: [\n---\n# body\n", 0),
        ("---\n---\n# body\n", 0),
        # and strips MultiMarkdown meta-data lines up to the first blank line
        ("title: x\n    more\n\n# body\n", 3),
    ],
)
def test_body_line_offset_counts_the_blank_lines_mkdocs_strips(text, offset):
    assert body_line_offset(text) == offset
    assert "\n".join(text.split("\n")[offset:]) == get_data(text)[0]


def test_replace_fences_keeps_indentation_and_reports_file_lines():
    markdown = (
        "Intro\n\n"
        "!!! note\n\n"
        "    ```mermaid\n"
        "    flowchart TD\n"
        "        A --> B\n"
        "    ```\n\n"
        "```mermaid\n"
        "sequenceDiagram\n"
        "    A=>B: bad arrow\n"
        "```\n"
    )
    result = replace_fences(markdown, "docs/en/x.md", 10, "en")
    lines = result.markdown.split("\n")
    assert len(lines) == len(markdown.split("\n"))  # later hooks keep their line numbers
    tokens = [line for line in lines if "kubenotesdiagram" in line]
    assert [t[: len(t) - len(t.lstrip())] for t in tokens] == ["    ", ""]
    assert "```" not in result.markdown
    assert [(f.path, f.line, f.rule, f.message) for f in result.findings] == [
        (
            "docs/en/x.md",
            22,
            "diagram-syntax",
            "unsupported sequence diagram statement 'A=>B: bad arrow'",
        )
    ]
    html = insert_diagrams("\n".join(f"<p>{t.strip()}</p>" for t in tokens), result.replacements)
    assert html.count('<div class="diagram-wrap"><svg') == 1
    assert html.count('<div class="diagram-wrap"><div class="admonition failure') == 1


def test_a_renderer_bug_becomes_a_finding_not_a_traceback(monkeypatch):
    def broken(source: str, lang: str) -> str:
        raise KeyError("x")

    monkeypatch.setattr("kubenotes.diagrams.page.render_for_page", broken)
    result = replace_fences("```mermaid\nflowchart TD\n  A --> B\n```\n", "docs/zh/a.md", 0, "zh")
    assert [(f.line, f.rule, f.message) for f in result.findings] == [
        (1, "diagram-internal", "internal error while rendering this diagram: KeyError: 'x'")
    ]
    assert "图表无法渲染" in next(iter(result.replacements.values()))


def test_hook_renders_a_generated_page_without_a_source_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    """Pages made by a plugin (``File.generated``) have ``abs_src_path`` None."""
    spec = importlib.util.spec_from_file_location(
        "diagrams_hook", Path(__file__).parents[1] / "hooks" / "diagrams.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        plugins={},
        theme={"language": "en"},
    )
    markdown = "# t\n\n```mermaid\nflowchart LR\n  a --> b -->\n```\n"
    file = SimpleNamespace(abs_src_path=None, src_path="en/gen.md", content_string=markdown)
    hook.on_config(config)
    out = hook.on_page_markdown(markdown, SimpleNamespace(file=file), config, None)
    assert "```mermaid" not in out
    warnings = [r.getMessage() for r in caplog.records if r.name == hook.log.name]
    assert [w.split(": error:")[0] for w in warnings] == ["docs/en/gen.md:5"]


def test_diagram_lines_hold_when_serve_mode_adds_k8s_boxes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    """``mkdocs serve`` shows k8s findings in boxes under their blocks; a broken diagram below
    such a block is still reported at its line of the file."""
    hooks_dir = Path(__file__).parents[1] / "hooks"
    modules = []
    for name in ("k8s_examples", "diagrams"):  # the order of mkdocs.yml
        spec = importlib.util.spec_from_file_location(f"{name}_serve", hooks_dir / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    k8s_hook, diagrams_hook = modules
    text = (
        "---\ntitle: t\n---\n\n# t\n\n```yaml k8s=Container\nname: x\nimag: y\n```\n\n"
        "```mermaid\nflowchart LR\n  a --> b -->\n```\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.md").write_text(text, encoding="utf-8")
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        plugins={},
        theme={"language": "en"},
        get=lambda key, default=None: None,
    )
    file = SimpleNamespace(
        abs_src_path=str(tmp_path / "docs" / "p.md"), src_path="p.md", content_string=text
    )
    k8s_hook.on_startup(command="serve", dirty=False)
    for module in modules:
        module.on_config(config)
    # mkdocs runs the event handlers by priority, then in the order of mkdocs.yml
    handlers = sorted(
        (m.on_page_markdown for m in modules), key=lambda f: -getattr(f, "mkdocs_priority", 0)
    )
    markdown = text.split("---\n\n", 1)[1]
    try:
        for handler in handlers:
            markdown = handler(markdown, SimpleNamespace(file=file), config, None)
    finally:
        k8s_hook.on_shutdown()
    assert "kubenotes: Kubernetes YAML" in markdown
    warnings = [r.getMessage() for r in caplog.records if r.name == diagrams_hook.log.name]
    assert [w.split(": error:")[0] for w in warnings] == ["docs/p.md:14"]


def test_a_wide_left_to_right_diagram_gets_a_top_to_bottom_layout_for_phones():
    chain = " --> ".join(f"n{i}[step number {i}]" for i in range(6))
    page = f"# T\n\n```mermaid\nflowchart LR\n  {chain}\n```\n"
    result = replace_fences(page, "docs/en/a.md", 0, "en")
    html = next(iter(result.replacements.values()))
    assert html.startswith('<div class="diagram-wrap diagram-turns"><svg')
    widths = [float(w) for w in re.findall(r'<svg [^>]*? width="([0-9.]+)"', html)]
    assert len(widths) == 2 and widths[1] < widths[0] / 3, widths
    assert result.findings == []


def test_a_diagram_too_wide_for_a_phone_is_a_warning_at_its_fence_line():
    siblings = " & ".join(f"B{i}[branch {i}]" for i in range(24))
    page = f"# T\n\ntext\n\n```mermaid\nflowchart TB\n  A --> {siblings}\n```\n"
    result = replace_fences(page, "docs/en/a.md", 0, "en")
    assert [(f.line, f.severity, f.rule) for f in result.findings] == [
        (5, "warning", "diagram-too-wide")
    ]
    assert "screen widths: use 'flowchart TB', shorter labels or two diagrams" in (
        result.findings[0].message
    )
    html = next(iter(result.replacements.values()))
    assert html.startswith('<div class="diagram-wrap"><svg')  # still rendered


def test_the_svg_carries_its_natural_width_for_the_readable_minimum():
    result = replace_fences("```mermaid\nflowchart TD\n  A --> B\n```\n", "docs/a.md", 0, "en")
    html = next(iter(result.replacements.values()))
    width = re.search(r' width="([0-9.]+)"', html).group(1)
    assert f"--diagram-width:{width}px" in html
