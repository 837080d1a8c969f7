"""Translation tracking: which English pages translate which version of their Chinese source.

Chinese (``docs/zh/``) is the source language, English (``docs/en/``) the translation; a page
has the same relative path in both folders. Each English page records, in its front matter,
the version of the Chinese page it translates::

    ---
    translation_of: sha256:3f1c9a0b7d2e4c55
    translated_on: 2026-11-22
    ---

``translation_of``
    ``sha256:`` and the first 16 hex digits of the SHA-256 of the *normalized* Chinese page
    (:func:`kubenotes.i18n.source.source_hash`): front matter removed, LF line endings,
    Unicode NFC, trailing spaces stripped, runs of blank lines collapsed, blank lines at both
    ends dropped. Whitespace-only edits therefore do not flag a translation, and the hash
    needs no git history (it works in shallow CI clones).
``translated_on``
    The UTC date the translator last brought the page up to date (informational).

Translators run ``kubenotes translations --refresh docs/en/<path>.md`` (or ``--refresh-all``)
after updating a page; it rewrites only these two front matter lines.

Stages: :mod:`.source` (normalize, hash, read and rewrite the front matter) →
:mod:`.status` (compare the two trees: up-to-date / outdated / missing / orphan, heading ids)
→ :mod:`.render` (banner, placeholder page, status table) and :mod:`.command` (the CLI).
"""
