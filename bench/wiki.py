"""Generate a team-wiki-sized copy of the project for the scale benchmarks and tests.

``generate(target, pages, shape)`` copies the project (docs, hooks, overrides, manifests,
snippets, search dictionary, mkdocs.yml) to ``target`` and adds ``pages`` generated pages
(half Chinese, half English) in one of two navigation shapes:

``tab``
    one extra tab of 20 sections, each with ``pages / 2 / 20`` pages (a 500-page tab at +1000):
    the shape whose sidebar exploded with ``navigation.sections``.
``sections``
    many small sections (5 pages each) spread over extra tabs of 10 sections.

Every page has two Kubernetes YAML blocks (a full Deployment and a ``k8s=PodSpec`` fragment),
a link to the next page's anchor, and every fifth page a Mermaid diagram. English pages record
the hash of their Chinese source (every tenth one is outdated, so the outdated banner and its
git history are exercised). The copy is a git repository with one commit, like a checkout.
The config is ``mkdocs.scale.yml`` (``INHERIT: mkdocs.yml`` plus the extended ``nav``).

Usage: .venv/bin/python bench/wiki.py TARGET [--pages 1000] [--shape tab|sections]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from kubenotes.i18n.source import source_hash

REPO = Path(__file__).resolve().parents[1]
COPIED = ("docs", "hooks", "overrides", "manifests", "snippets", "search", "mkdocs.yml")
SCALE_CONFIG = "mkdocs.scale.yml"
SHAPES = ("tab", "sections")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (only ``nav`` is needed)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_nav(config: Path) -> list[Any]:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)["nav"]


def _zh_page(section: int, number: int, pages_in_section: int) -> str:
    name = f"wiki-s{section:02d}-p{number:03d}"
    nxt = (number + 1) % pages_in_section
    body = [
        f"# 维基页面 {section}-{number}",
        "",
        f"这是生成的第 {section} 组第 {number} 页，用于测量构建时间与页面大小。"
        "它和真实页面一样包含 YAML 示例、链接和图。",
        "",
        "## 部署示例 {#deployment}",
        "",
        "一个完整的 Deployment：",
        "",
        "```yaml",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        f"  name: {name}",
        "spec:",
        "  replicas: 2",
        "  selector:",
        "    matchLabels:",
        f"      app: {name}",
        "  template:",
        "    metadata:",
        "      labels:",
        f"        app: {name}",
        "    spec:",
        "      containers:",
        "        - name: web",
        "          image: nginx:1.27",
        "          ports:",
        "            - containerPort: 80",
        "          resources:",
        "            requests:",
        "              cpu: 100m",
        "              memory: 64Mi",
        "```",
        "",
        "## Pod 片段 {#fragment}",
        "",
        "```yaml k8s=PodSpec",
        "containers:",
        "  - name: app",
        "    image: busybox:1.36",
        '    command: ["sleep", "3600"]',
        "restartPolicy: Always",
        "```",
        "",
        f"下一页：[维基页面 {section}-{nxt}](p{nxt:03d}.md#deployment)。",
        "",
    ]
    if number % 5 == 0:
        body += [
            "## 流程 {#flow}",
            "",
            "```mermaid",
            "flowchart LR",
            "  A[提交] --> B[构建]",
            "  B --> C{通过?}",
            "  C -->|是| D[发布]",
            "  C -->|否| A",
            "```",
            "",
        ]
    body += [
        "## 说明 {#notes}",
        "",
        "Kubernetes 通过控制器不断把实际状态调整到期望状态。" * 6,
        "",
    ]
    return "\n".join(body)


def _en_page(zh_text: str, section: int, number: int, pages_in_section: int) -> str:
    recorded = source_hash(zh_text) if number % 10 else source_hash(zh_text + "\nolder\n")
    text = _zh_page(section, number, pages_in_section)
    text = text.replace(f"# 维基页面 {section}-{number}", f"# Wiki page {section}-{number}", 1)
    text = text.replace("这是生成的第", "Generated page of group").replace("维基页面", "Wiki page")
    return f"---\ntranslation_of: {recorded}\ntranslated_on: 2026-11-22\n---\n{text}"


def _layout(pages: int, shape: str) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Tabs of sections of page paths (relative to the language folder), per language."""
    per_language = pages // 2
    if per_language == 0:
        return []
    if shape == "tab":
        sections, size = 20, max(1, per_language // 20)
        tabs = [
            (
                "Wiki",
                [
                    (f"Wiki {s:02d}", [f"wiki/s{s:02d}/p{p:03d}.md" for p in range(size)])
                    for s in range(sections)
                ],
            )
        ]
        return tabs
    size, per_tab = 5, 10
    count = max(1, per_language // size)
    groups = [
        (f"Wiki {s:03d}", [f"wiki/s{s:03d}/p{p:03d}.md" for p in range(size)]) for s in range(count)
    ]
    return [
        (f"Wiki {t:02d}", groups[t * per_tab : (t + 1) * per_tab])
        for t in range((count + per_tab - 1) // per_tab)
    ]


def generate(target: Path, pages: int = 1000, shape: str = "tab", source: Path = REPO) -> Path:
    """Copy the project to ``target`` with ``pages`` generated pages; return the config path."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, not {shape!r}")
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = source / name
        if src.is_dir():
            shutil.copytree(
                src, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        elif src.is_file():
            shutil.copy2(src, target / name)
    nav = project_nav(source / "mkdocs.yml")
    for tab, sections in _layout(pages, shape):
        entries = []
        for title, paths in sections:
            entries.append({title: paths})
            for index, path in enumerate(paths):
                section = int(path.split("/")[1][1:])
                zh = _zh_page(section, index, len(paths))
                for language, text in (
                    ("zh", zh),
                    ("en", _en_page(zh, section, index, len(paths))),
                ):
                    file = target / "docs" / language / path
                    file.parent.mkdir(parents=True, exist_ok=True)
                    file.write_text(text, encoding="utf-8")
        nav.append({tab: entries})
    config = target / SCALE_CONFIG
    config.write_text(
        "# Generated by bench/wiki.py: the project plus a generated wiki.\n"
        "INHERIT: mkdocs.yml\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    _commit(target)
    return config


def _commit(target: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git(
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example.org",
        "commit",
        "-q",
        "-m",
        "generated wiki",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--shape", choices=SHAPES, default="tab")
    args = parser.parse_args()
    if args.target.exists() and any(args.target.iterdir()):
        print(f"error: {args.target} is not empty", file=sys.stderr)
        return 2
    print(generate(args.target, args.pages, args.shape))
    return 0


if __name__ == "__main__":
    sys.exit(main())
