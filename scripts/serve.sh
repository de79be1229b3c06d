#!/usr/bin/env bash
# Set up a virtual environment (.venv) with the project, check the cases, then build and serve
# the archive with live reload. Usage: bash scripts/serve.sh [mkdocs serve args]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/python -m build_tools check --quiet
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --dirty --dev-addr "${CASE_ARCHIVE_ADDR:-127.0.0.1:8000}" "$@"
