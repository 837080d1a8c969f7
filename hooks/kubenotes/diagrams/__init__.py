"""Mermaid subset → plain model → layered layout → themed, accessible, deterministic inline SVG.

Stages: ``parse_*`` (source → :mod:`model`), :mod:`layout` / :mod:`layout_sequence`
(model → positioned boxes and paths), :mod:`svg` (positions → markup), :mod:`render`
(the entry point with its content-hash cache).
"""

from kubenotes.diagrams.model import DiagramError
