"""mkdocs hook: translations (being written)."""
