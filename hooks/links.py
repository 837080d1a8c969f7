"""mkdocs hook: links (being written)."""
