"""mkdocs hook: search (being written)."""
