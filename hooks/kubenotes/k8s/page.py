"""A page's YAML blocks as the reader sees them: kubenotes' fence options stripped, opt-outs
labelled, and (in ``mkdocs serve``) each block's findings shown in a box under it."""

from __future__ import annotations

from kubenotes.findings import Finding, format_text
from kubenotes.k8s.extract import PageYaml, clean_info
from kubenotes.markdown import FencedBlock, replace_fence_info

LABELS = {"zh": "故意错误的示例", "en": "invalid on purpose"}


def rewrite_page(
    markdown: str,
    found: PageYaml,
    findings: list[Finding],
    path: str,
    offset: int,
    language: str,
    show_findings: bool = False,
) -> str:
    """Strip kubenotes' fence options, label opt-outs, and (``show_findings``) show errors
    under the blocks they are about."""
    label = LABELS.get(language, LABELS["en"])
    skipped = {block.start_line for block in found.skipped}
    blocks = [item.block for item in found.blocks] + found.skipped + found.other
    for block in sorted(blocks, key=lambda b: b.start_line, reverse=True):
        if show_findings:
            mine = [
                f
                for f in findings
                if f.path == path and block.start_line <= f.line <= block.end_line
            ]
            markdown = _insert_box(markdown, block, mine, offset)
        if block.start_line in skipped:
            reason = block.options.get("reason", "").replace('"', "'")
            title = f"{label}：{reason}" if language == "zh" else f"{label}: {reason}"
            # .no-copy: Material adds no copy button, so a reader cannot copy the mistake in
            # one click
            info = f'{{ .{block.lang or "text"} .k8s-invalid-on-purpose .no-copy title="{title}" }}'
            markdown = replace_fence_info(markdown, block, info, offset)
        elif clean_info(block) != block.info:
            markdown = replace_fence_info(markdown, block, clean_info(block), offset)
    return markdown


def _insert_box(markdown: str, block: FencedBlock, findings: list[Finding], offset: int) -> str:
    if not findings:
        return markdown
    lines = markdown.split("\n")
    at = min(block.end_line - offset, len(lines))
    box = ["", f'{block.indent}!!! failure "kubenotes: Kubernetes YAML"', ""]
    for finding in findings:
        text = format_text(finding).replace("`", "'")
        box.append(f"{block.indent}    - `{text}`")
    box.append("")
    return "\n".join(lines[:at] + box + lines[at:])
