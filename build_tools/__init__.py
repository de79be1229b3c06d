"""Case archive generator: raw captured articles in, clean bilingual-script Markdown pages out.

Pipeline stages, one module each (see DESIGN.md): reader -> clean -> extract -> classify ->
convert -> render.  ``pipeline`` wires them; ``mkdocs`` is the thin MkDocs adapter.
"""

__version__ = "0.1.0"

# Bump when any stage's output for the same input may change: it invalidates the case cache.
PIPELINE_VERSION = "2"
