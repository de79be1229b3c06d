"""Case archive generator: raw captured articles in, clean bilingual-script Markdown pages out.

Pipeline stages, one module each (see DESIGN.md): reader -> clean -> extract -> classify ->
convert -> render.  ``pipeline`` wires them; ``mkdocs`` is the thin MkDocs adapter.
"""

__version__ = "0.1.0"

# The layout of a cached case entry. Nothing is bumped when a stage changes: a cache key carries digests of
# the stages' code, the rule data and the versions of the libraries the stages call (cache.case_key).
PIPELINE_VERSION = "2"
