"""The open dataset (build_tools/dataset.py) at ``data/``: cases.csv, cases.jsonl and their
datapackage.json, one copy for both scripts (each row carries both scripts' text)."""

from __future__ import annotations

import os
import pathlib
import shutil
import tempfile

from build_tools import dataset
from build_tools.outputs import Output


class Dataset(Output):
    name = "dataset"
    title = "open dataset"
    order = 40
    export = True  # python -m build_tools export writes data/ too

    def prepare(self, context):
        """The files, written row by row into the cache (the cases are gone when ``write`` runs),
        or into a temporary folder when the cache cannot be used (the build goes on without it)."""
        folder = context.cache / "dataset" / f"build-{os.getpid()}"
        try:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        except OSError:
            folder = pathlib.Path(tempfile.mkdtemp(prefix="case-archive-dataset-"))
        dataset.Dataset(context.cases, context.site_name, context.license, context.directory_urls).write(folder)
        return folder

    def write(self, site, state):
        target = site / dataset.FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for name in (dataset.CSV, dataset.JSONL, dataset.PACKAGE):
            shutil.move(state / name, target / name)
        shutil.rmtree(state, ignore_errors=True)
