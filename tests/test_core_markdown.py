"""Fenced blocks, front matter and snippet includes with the author's line numbers."""

from __future__ import annotations

import pytest
from kubenotes.markdown import (
    front_matter_lines,
    iter_fenced_blocks,
    iter_snippet_includes,
    parse_info,
    replace_fence_info,
    split_front_matter,
)

PAGE = """\
# Title

```yaml k8s=PodSpec
containers: []
```

- item

    ~~~~ { .yaml title="x" }
    a: 1
    ~~~~

```
apiVersion: v1
kind: Pod
```
"""


def test_blocks_carry_language_options_and_lines():
    blocks = list(iter_fenced_blocks(PAGE, line_offset=3))
    assert [(b.lang, b.options, b.start_line, b.end_line, b.content) for b in blocks] == [
        ("yaml", {"k8s": "PodSpec"}, 6, 8, "containers: []"),
        ("yaml", {"title": "x"}, 12, 14, "a: 1"),
        ("", {}, 16, 19, "apiVersion: v1\nkind: Pod"),
    ]
    assert blocks[1].indent == "    " and blocks[1].fence == "~~~~"
    assert blocks[0].content_line == 7


def test_unclosed_fence_runs_to_end_and_inline_backticks_are_not_fences():
    text = "``` not a fence ```\n```python\nx = 1\n"
    (block,) = iter_fenced_blocks(text)
    assert (block.lang, block.content, block.start_line) == ("python", "x = 1\n", 2)


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("yaml", ("yaml", {}, ())),
        ("YAML k8s=Container", ("yaml", {"k8s": "Container"}, ())),
        (
            'yaml k8s=skip reason="shows a common mistake"',
            ("yaml", {"k8s": "skip", "reason": "shows a common mistake"}, ()),
        ),
        ('{ .yml .annotate title="a b" }', ("yml", {"title": "a b"}, (".annotate",))),
        ("", ("", {}, ())),
        ('yaml reason="unbalanced', ("yaml", {"reason": '"unbalanced'}, ())),
    ],
)
def test_parse_info(info, expected):
    assert parse_info(info) == expected


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("---\ntitle: x\n---\n# Page\n", 3),
        ("---\n---\nbody", 2),
        ("# no front matter\n---\n", 0),
        ("---\na: 1\n...\nbody", 3),
    ],
)
def test_front_matter_lines(text, lines):
    assert front_matter_lines(text) == lines
    block, body = split_front_matter(text)
    assert len(block.splitlines()) == lines
    assert block + body == text


def test_snippet_includes_single_line_block_form_and_escapes():
    text = (
        "```yaml\n"
        '--8<-- "manifests/pod.yaml"\n'
        "```\n"
        "\n"
        "--8<--\n"
        "snippets/a.md\n"
        ";snippets/escaped.md\n"
        "--8<--\n"
        "  --8<-- 'manifests/x.yaml:3:9'\n"
        ';--8<-- "not/included.md"\n'
    )
    found = [
        (s.target, s.path, s.line, s.column, s.in_fence is not None)
        for s in iter_snippet_includes(text, line_offset=2)
    ]
    assert found == [
        ("manifests/pod.yaml", "manifests/pod.yaml", 4, 1, True),
        ("snippets/a.md", "snippets/a.md", 8, 1, False),
        ("manifests/x.yaml:3:9", "manifests/x.yaml", 11, 3, False),
    ]


def test_replace_fence_info_rewrites_only_the_opening_line():
    text = "intro\n\n  ```yaml k8s=skip reason=x\n  a: 1\n  ```\n"
    (block,) = iter_fenced_blocks(text, line_offset=5)
    assert replace_fence_info(text, block, "yaml", line_offset=5) == (
        "intro\n\n  ```yaml\n  a: 1\n  ```\n"
    )


def test_abbreviation_glossary_reads_only_definition_files() -> None:
    from kubenotes.markdown import abbreviation_glossary

    text = "*[PDB]: PodDisruptionBudget\n*[QoS]:  Quality of Service \n\n"
    expected = {"PDB": "PodDisruptionBudget", "QoS": "Quality of Service"}
    assert abbreviation_glossary(text) == expected
    assert abbreviation_glossary("*[PDB]: x\nSome prose.\n") is None
    assert abbreviation_glossary("*[PDB]: ''\n") is None  # a deletion, not a definition
    assert abbreviation_glossary("\n\n") is None


def test_a_glossary_renders_like_definitions_appended_to_the_page() -> None:
    """What the hook relies on: the abbr extension's glossary gives the HTML that the same
    definitions appended at the end of the page give (pymdownx.snippets auto_append)."""
    import markdown
    from kubenotes.markdown import abbreviation_glossary

    definitions = (
        "*[PDB]: PodDisruptionBudget\n*[PDBs]: PodDisruptionBudgets\n"
        "*[CNI]: Container Network Interface"
    )
    page = (
        "# PDB\n\nA PDB or two PDBs; CNI plugins.\n\n- CNI\n- `PDB` in code\n\n"
        "| PDB |\n| --- |\n| CNI |\n"
    )
    extensions = ["abbr", "tables", "attr_list", "md_in_html", "toc"]
    appended = markdown.markdown(page + "\n\n" + definitions, extensions=extensions)
    glossary = abbreviation_glossary(definitions)
    given = markdown.markdown(
        page, extensions=extensions, extension_configs={"abbr": {"glossary": glossary}}
    )
    assert given == appended
    assert given.count("<abbr") == 7  # not the one in code
