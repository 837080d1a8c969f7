"""The coverage record: every section heading of every seed note has a home on a page."""
