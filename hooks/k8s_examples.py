"""mkdocs hook: k8s_examples (being written)."""
