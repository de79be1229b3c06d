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
# (a line cut short printed many times near the top: the teaser rule's window moved up once lines went)
@example(("\u67d0\u53bf\u515a\u5458\u5954\u8d74\u4e00\u7ebf\n\n" + "\n\n".join(["\u5404\u6751\u515a\u652f\u90e8\u8fc5\u901f\u7ec4\u7ec7\u515a\u5458\u8fde\u591c\u6392\u67e5\u6c5b\u60c5\u5e76\u8f6c\u79fb\u7fa4\u4f17\u5230\u5b89\u5168\u5730\u5e26\u9632\u6c5b\u7269\u8d44\u540c\u6b65\u8fd0\u62b5\u5404\u4e2a\u5b89\u7f6e\u70b9\u5e76\u5b89\u6392\u4e13\u4eba"] * 19 + ["\u5404\u6751\u515a\u652f\u90e8\u8fc5\u901f"])).encode())
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
