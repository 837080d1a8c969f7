"""The fuzz targets of issue 11, shared by the hypothesis properties
(tests/test_fuzz_properties.py: ``make test`` and, much longer, ``make fuzz``) and the
coverage-guided harness (fuzz/atheris_fuzz.py).

Each target takes any text and checks the contract for hostile input: it raises nothing but the
project's own findings, every finding points at a line of the input, and every output is
well-formed (text encodes as UTF-8, JSON parses). A violation raises AssertionError; anything
else raised is a crash.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from kubenotes.findings import Finding, format_json, format_text
from kubenotes.html_safety import scan, unsafe_html
from kubenotes.i18n.headings import page_title
from kubenotes.i18n.source import read_record
from kubenotes.k8s.extract import extract
from kubenotes.k8s.load import load_data, parse_yaml
from kubenotes.links.extract import extract_links, mask_code
from kubenotes.links.hygiene import (
    check_hygiene,
    escape_unclosed_comments,
    neutralize_links,
)
from kubenotes.markdown import (
    body_line_offset,
    iter_fenced_blocks,
    iter_snippet_includes,
    split_front_matter,
)
from kubenotes.page_meta import _FirstParagraph, first_paragraph
from kubenotes.snippet_guard import iter_includes


def _lines(text: str) -> int:
    return text.count("\n") + 1


def check_findings(findings: list[Finding], text: str, offset: int = 0) -> None:
    """Lines inside the text (0 = whole file), and both output formats well-formed."""
    last = _lines(text) + offset
    for finding in findings:
        assert finding.line == 0 or offset < finding.line <= last, (finding, last)
        assert finding.column >= 0, finding
        format_text(finding).encode("utf-8")
    json.loads(format_json(findings).encode("utf-8"))


def yaml_loader(text: str) -> None:
    parsed = parse_yaml(text, "f.yaml", 3)
    check_findings(parsed.findings, text, 3)
    for document in parsed.documents:
        json.dumps(document.value, default=str)  # plain data
        for position in document.positions.values():
            assert 3 < position.key_line <= _lines(text) + 3, position
            assert 3 < position.value_line <= _lines(text) + 3, position
    load_data(text, "f.yaml")


def fences(text: str) -> None:
    total = _lines(text)
    for block in iter_fenced_blocks(text, 2):
        assert 3 <= block.start_line <= block.end_line <= total + 2, block
    for include in iter_snippet_includes(text):
        assert 1 <= include.line <= total
    for index, _, _ in iter_includes(text):
        assert 0 <= index < total
    page = extract(text, "p.md", 0)
    check_findings(page.findings, text)


def front_matter(text: str) -> None:
    read_record(text)
    page_title(text)
    offset = body_line_offset(text)
    assert 0 <= offset <= text.count("\n")
    block, body = split_front_matter(text)
    assert block + body == text


def links(text: str) -> None:
    found = extract_links(text, 1)
    total = _lines(text)
    for link in found:
        assert 2 <= link.line <= total + 1, link
        assert link.column >= 1
    check_findings(check_hygiene("p.md", found, "zh"), text, 1)
    assert len(mask_code(text)) == len(text)
    neutral = neutralize_links(text)
    assert neutral.count("\n") == text.count("\n")
    escaped, _ = escape_unclosed_comments(text)
    assert escaped.count("\n") == text.count("\n")


def rendered_html(text: str) -> None:
    """The quick paths over a page's HTML answer what a whole parse answers: the unsafe-HTML
    prefilter (issue 16) and the summary read in pieces."""
    assert unsafe_html(text) == scan(text)
    whole = _FirstParagraph()
    whole.feed(text)
    whole.close()
    assert first_paragraph(text, 16) == "".join(whole.parts)


TARGETS = {
    "yaml_loader": yaml_loader,
    "fences": fences,
    "front_matter": front_matter,
    "links": links,
    "rendered_html": rendered_html,
}
