"""Robust by construction: arbitrary bytes never crash or hang the reader and text stages."""

import subprocess
import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_tools import clean, extract, reader
from build_tools.model import CaseError
from tests.conftest import ROOT


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
@example(b"\t#\t\x01")  # (a heading mark after a tab: once cleaned, cleaning again removed it)
def test_reader_and_cleaner_on_arbitrary_bytes(data):
    try:
        raw = reader.parse(reader.decode(data, "x.txt"), "x.txt", "x", "")
    except CaseError as exc:
        assert exc.diagnostic.message and exc.diagnostic.path == "x.txt"
        return
    cleaned = clean.clean(raw.body)
    text = "\n".join(cleaned.lines)
    assert clean.clean_text(text) == text
    extract.extract(cleaned)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_text_stages_on_arbitrary_text(text):
    once = clean.clean_text(text)
    assert clean.clean_text(once) == once
    extract.extract(clean.clean(text))


def test_time_boxed_fuzz_run_on_mutated_captures(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "fuzz.py"), "--seconds", "8", "--seed", "7"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no crash" in result.stdout
