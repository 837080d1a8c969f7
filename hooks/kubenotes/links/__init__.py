"""Link checks: internal links, anchors, images and snippet includes at build time (with source
lines), content hygiene rules, and the external-URL checker run from CI.

Stages: ``extract`` (Markdown → links with lines) → ``anchors`` (rendered HTML → ids) →
``internal`` (links × site index → findings) and ``hygiene`` (links → findings);
``external`` (built site → URLs → HTTP results) → ``report`` (text/json/markdown).
"""
