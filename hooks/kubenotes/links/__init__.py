"""Link checks: internal links, anchors, images and snippet includes at build time (with source
lines), content hygiene rules, and the external-URL checker run from CI.

Stages: ``extract`` (Markdown → links with lines) → ``anchors`` (rendered HTML → ids) →
``internal`` (links × site index → findings) and ``hygiene`` (links → findings);
``external`` (built site → URLs → HTTP results) → ``report`` (text/json/markdown);
``sources`` reads mkdocs.yml and a built site for the command line (``command``).

Why not only mkdocs' ``validation:`` (checked against mkdocs 1.6.1): it does report missing
pages, missing images and missing anchors on the same and on other pages, but without a line
number; it reports a correct percent-encoded CJK fragment (``#%E4%B8%AD%E6%96%87``) as missing;
it cannot see that an English link leads to a generated "not yet translated" placeholder
instead of a translation; and a missing snippet file aborts the build in pymdownx.snippets
instead of being reported with the other problems.
"""
