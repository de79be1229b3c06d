"""The verbatim captures: each case file as it was submitted (front matter and capture, bytes
unchanged), at ``captures/<case id>.txt`` in the site root, linked from both scripts' case pages.

Each file starts with a UTF-8 byte-order mark (added when the case file has none): many servers
send ``.txt`` as ``text/plain`` without a charset, and a browser then decodes it in a legacy
encoding (Chromium shows UTF-8 Chinese as mojibake); the mark makes every browser read UTF-8.

A ``.txt`` file is served as ``text/plain`` by static hosts (GitHub Pages, ``mkdocs serve``,
Python's http.server) and opened as text from ``file://``: markup in a capture is shown, never run.
The file is the archive's record of what was captured (build_tools/provenance.py).
"""

from __future__ import annotations

import codecs
import pathlib

from build_tools import provenance
from build_tools.outputs import Output, OutputFailed


class Captures(Output):
    name = "captures"
    title = "verbatim captures"
    order = 30
    export = False  # export writes the pages; the site build publishes the captures

    def prepare(self, context):
        """(published path, case file) pairs; the files are read when written."""
        return [(provenance.capture_path(case), context.root / case.path) for case in context.cases]

    def write(self, site: pathlib.Path, state) -> None:
        for target, source in state or ():
            try:
                data = source.read_bytes()
            except OSError as exc:
                raise OutputFailed(f"cannot read {source} to publish its capture: {exc.strerror}") from None
            if not data.startswith(codecs.BOM_UTF8):
                data = codecs.BOM_UTF8 + data
            out = site / target
            out.parent.mkdir(parents=True, exist_ok=True)
            if not out.exists() or out.read_bytes() != data:
                out.write_bytes(data)
