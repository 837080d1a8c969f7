"""Hypothesis properties for hostile input (issue 11): the YAML loader, fence extraction, front
matter and the link extractor never raise, point only at lines of their input and keep their
output well-formed. The targets are in tests/fuzz_targets.py (the atheris harness uses them too).

A few seconds in ``make test``; ``make fuzz`` runs the same properties with
``KUBENOTES_FUZZ_EXAMPLES`` (e.g. 20000) examples each. A crash found is added to
``tests/test_hostile_regressions.py`` with its expected finding.
"""

from __future__ import annotations

import os

import fuzz_targets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("KUBENOTES_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 60,  # the normal suite is reproducible; make fuzz explores
    database=None,
)

# Characters that matter to YAML, Markdown and URLs, plus the line breaks PyYAML and Python
# disagree about, control characters and a lone surrogate.
SPECIAL = [
    *" \t\n\r-:[]{}&*!|>'\"#,?%@`~<=()\\/.;_0123456789aeknxyz",
    *("\x00", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\ufeff", "\ud800", "：", "é", "中"),
]
TOKENS = [
    "apiVersion: v1\n", "kind: Pod\n", "metadata:\n", "  name: x\n", "spec:\n", "- ", "  ",
    "&a ", "*a", "<<: ", "!!bool ", "!!int ", "!!timestamp ", "!!set ", "!!python/name:os.system ",
    "!!binary ", "2024-02-30", "9223372036854775808", "---\n", "...\n", "```yaml\n", "```\n",
    "~~~\n", "> ", "<!--", "-->", "`", "``", "[x](", ")", "](", "<a href=\"", "javascript:",
    "data:text/html,", "file:///etc/passwd", "http://[oops/", "https://kubernetes.io：443/",
    '--8<-- "', '"\n', "--8<--\n", "title: ", "translation_of: ", "[", "]", "{", "}", '"\\ud800"',
]  # fmt: skip

hostile_text = st.one_of(
    st.text(alphabet=st.sampled_from(SPECIAL), max_size=300),
    st.lists(st.sampled_from(TOKENS + SPECIAL), max_size=60).map("".join),
    st.text(max_size=200),
)


@FUZZ
@given(hostile_text)
def test_yaml_loader(text: str) -> None:
    fuzz_targets.yaml_loader(text)


@FUZZ
@given(hostile_text)
def test_fence_extraction(text: str) -> None:
    fuzz_targets.fences(text)


@FUZZ
@given(hostile_text.map(lambda t: f"---\n{t}\n---\n# T\n"))
def test_front_matter(text: str) -> None:
    fuzz_targets.front_matter(text)


@FUZZ
@given(hostile_text)
def test_link_extractor(text: str) -> None:
    fuzz_targets.links(text)


@FUZZ
@given(st.lists(st.sampled_from(["[", "- ", "{", "a: ", "  ", "\n", "]", "}"]), max_size=400))
def test_nesting_never_reaches_the_c_parser_unbounded(parts: list[str]) -> None:
    fuzz_targets.yaml_loader("".join(parts))


@FUZZ
@given(hostile_text)
def test_rendered_html_quick_paths(text: str) -> None:
    fuzz_targets.rendered_html(text)
