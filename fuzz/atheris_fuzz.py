"""Coverage-guided fuzzing (atheris / libFuzzer) of the hostile-input targets of issue 11: the
guarded YAML loader, fence and include extraction, front matter, the link extractor, and the
quick paths over rendered HTML (issue 16: unsafe-HTML prefilter, summary read in pieces).

    make fuzz                      # hypothesis properties, then this harness (FUZZ_SECONDS)
    .venv/bin/python fuzz/atheris_fuzz.py -max_total_time=600 fuzz/corpus

The targets are tests/fuzz_targets.py (the same as the hypothesis properties). A crash is
written to fuzz/crashes/; add it to tests/test_hostile_regressions.py with its finding.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

with atheris.instrument_imports(include=["kubenotes", "fuzz_targets", "yaml"]):
    import fuzz_targets

NAMES = sorted(fuzz_targets.TARGETS)


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    target = fuzz_targets.TARGETS[NAMES[provider.ConsumeIntInRange(0, len(NAMES) - 1)]]
    text = provider.ConsumeUnicode(len(data))
    target(text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
