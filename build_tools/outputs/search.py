"""The search index (Pagefind), one for both scripts, at ``pagefind/`` (build_tools/searchindex.py)."""

from __future__ import annotations

from build_tools import searchindex
from build_tools.outputs import OutputFailed, Output


class SearchIndex(Output):
    name = "search"
    title = "search index"
    order = 20
    heavy = True  # Pagefind's runs and the postings: the other outputs are made beside it

    def prepare(self, context):
        """The shards' stub pages, from the cases (what Pagefind needs of them, on disk)."""
        if not context.search:
            return None
        records = searchindex.records(context.cases, context.directory_urls)
        try:
            return searchindex.prepare(records, context.cache / "pagefind", context.shard_pages)
        except searchindex.SearchIndexError as exc:
            raise OutputFailed(str(exc)) from None

    def write(self, site, state):
        if state is None:
            return
        try:
            searchindex.write(state, site)
        except searchindex.SearchIndexError as exc:
            raise OutputFailed(str(exc)) from None
