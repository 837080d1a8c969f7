"""Mermaid subset → plain model → layered layout → themed, accessible, deterministic inline SVG.

Stages: ``parse_*`` (source → :mod:`model`), :mod:`layout` / :mod:`layout_sequence`
(model → positioned boxes and paths), :mod:`svg` / :mod:`svg_sequence` (positions → markup),
:mod:`render` (the entry point with its content-hash cache), :mod:`page` (fences of a page).
"""
