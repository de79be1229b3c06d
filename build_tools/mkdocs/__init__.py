"""Thin MkDocs adapter: hands the pipeline's pages to MkDocs as virtual files (see plugin.py)."""
