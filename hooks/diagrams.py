"""mkdocs hook: diagrams (being written)."""
