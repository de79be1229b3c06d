#!/usr/bin/env bash
# Set up a virtual environment (.venv) with the project and its test dependencies, then run
# the whole test suite. Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# the project's own modules compiled once: the tests start hundreds of processes (builds, commands),
# and where PYTHONDONTWRITEBYTECODE is set none of them would keep what it compiled
.venv/bin/python -m compileall -q build_tools bench scripts tests >/dev/null
if [ -z "${CASE_ARCHIVE_CHROMIUM:-}" ] && command -v chromium >/dev/null 2>&1; then
  export CASE_ARCHIVE_CHROMIUM="$(command -v chromium)"
fi
# one hash seed for the test processes: the tests' builds run in processes forked from them (tests/forked.py),
# which a build asking for another seed cannot be (the determinism tests ask for another on purpose)
export PYTHONHASHSEED="${PYTHONHASHSEED:-0}"
# one test file per worker, one worker per core (each file's fixtures, such as a built site,
# stay in one process); set CASE_ARCHIVE_TEST_WORKERS=0 to run everything in this process
exec .venv/bin/python -m pytest -n "${CASE_ARCHIVE_TEST_WORKERS:-auto}" --dist loadfile "$@"
