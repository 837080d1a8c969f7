"""Find the YAML to validate in a Markdown page, and the fence options that steer it.

Fence options: ``k8s=<Definition or alias>`` names a fragment's schema; ``k8s=skip`` marks a
block that is invalid on purpose and ``k8s=none`` one that is not Kubernetes; both need a
``reason="..."``. Files included with ``--8<--`` are validated at their own path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kubenotes.findings import Finding
from kubenotes.k8s.load import Budget, parse_yaml
from kubenotes.markdown import FencedBlock, iter_fenced_blocks, iter_snippet_includes
from kubenotes.safe_files import UnsafeFile, check_target, resolve_inside

YAML_LANGS = ("yaml", "yml")
OPT_OUTS = ("skip", "none")
OPTION_KEYS = ("k8s", "reason")


@dataclass(frozen=True)
class YamlBlock:
    """A fenced block to validate: its text starts at line ``block.content_line``."""

    block: FencedBlock
    fragments: bool  # yaml fences may be fragments; unlabeled fences must be whole objects
    target: str | None


@dataclass(frozen=True)
class PageYaml:
    blocks: list[YamlBlock]
    includes: list[str]  # targets of --8<-- includes of .yaml/.yml files, as written
    skipped: list[FencedBlock]  # opted out with k8s=skip (invalid on purpose)
    findings: list[Finding]
    other: list[FencedBlock] = field(default_factory=list)  # k8s=none: not Kubernetes
    include_at: dict[str, tuple[int, int]] = field(default_factory=dict)  # first line, column


def is_yaml_file(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml"))


def _looks_like_object(text: str) -> bool:
    """An unlabeled fence counts when it parses as a mapping with apiVersion and kind."""
    if "apiVersion" not in text or "kind" not in text:
        return False
    parsed = parse_yaml(text, "", budget=Budget("sniff"))  # the guarded loader, quietly
    if not parsed.documents:
        return "\napiVersion:" in f"\n{text}" and "\nkind:" in f"\n{text}"
    first = parsed.documents[0].value
    return isinstance(first, dict) and "apiVersion" in first and "kind" in first


def extract(markdown: str, path: str, line_offset: int = 0) -> PageYaml:
    """The blocks, includes and opt-outs of a page (``line_offset``: front matter lines)."""
    blocks: list[YamlBlock] = []
    skipped: list[FencedBlock] = []
    other: list[FencedBlock] = []
    findings: list[Finding] = []
    snippet_includes = list(iter_snippet_includes(markdown, line_offset))
    include_lines = {i.line for i in snippet_includes}
    for block in iter_fenced_blocks(markdown, line_offset):
        option = block.options.get("k8s")
        if option in OPT_OUTS:
            if not block.options.get("reason", "").strip():
                findings.append(
                    Finding(
                        path,
                        block.start_line,
                        len(block.indent) + 1,
                        "error",
                        "k8s-skip-reason",
                        f'k8s={option} needs a reason: k8s={option} reason="why"',
                    )
                )
            (skipped if option == "skip" else other).append(block)
            continue
        if any(block.start_line < line < block.end_line for line in include_lines):
            continue  # the included file is validated at its own path
        if block.lang in YAML_LANGS:
            blocks.append(YamlBlock(block, True, option or None))
        elif option:
            blocks.append(YamlBlock(block, True, option))
        elif not block.lang and _looks_like_object(block.content):
            blocks.append(YamlBlock(block, False, None))
    includes = [i.path for i in snippet_includes if is_yaml_file(i.path)]
    include_at: dict[str, tuple[int, int]] = {}
    for include in snippet_includes:
        include_at.setdefault(include.path, (include.line, include.column))
    return PageYaml(blocks, sorted(set(includes)), skipped, findings, other, include_at)


def clean_info(block: FencedBlock) -> str:
    """The fence info string without kubenotes' own options (superfences must not see them)."""
    if not any(key in block.options for key in OPTION_KEYS):
        return block.info
    kept = [f'{k}="{v}"' for k, v in block.options.items() if k not in OPTION_KEYS]
    return " ".join([block.lang, *block.attrs, *kept]).strip()


def resolve_include(target: str, base_dirs: list[Path], root: Path | None = None) -> Path | None:
    """The file an include names, as pymdownx.snippets finds it (first base folder that has
    it, never above that folder), checked like every file the core reads: symlinks resolved,
    inside ``root`` (default: the base folder), a regular file. Raises :class:`UnsafeFile`."""
    check_target(target)
    for base in base_dirs:
        base_text = os.path.abspath(base)
        candidate = os.path.abspath(os.path.join(base_text, target))
        if not candidate.startswith(base_text.rstrip(os.sep) + os.sep):
            continue  # pymdownx's restrict_base_path: "../" never leaves a base folder
        if os.path.lexists(candidate):
            return resolve_inside(Path(candidate), root if root is not None else Path(base_text))
    if os.path.isabs(target) or ".." in Path(target).parts:
        raise UnsafeFile("include path leaves the project folder")
    return None
