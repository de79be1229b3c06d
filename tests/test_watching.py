"""The preview's file watcher (build_tools/watching.py): a change is told at once, a read is no
change, and where native notifications cannot be had the host is told to poll."""

import sys
import threading

import pytest

from build_tools import watching

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


def test_a_write_is_told_and_a_read_is_not(tmp_path):
    case = tmp_path / "2020-01-01-a.txt"
    case.write_text("一\n", encoding="utf-8")
    told = threading.Event()
    watcher = watching.Watcher()
    assert watcher.start([str(tmp_path)], told.set)
    try:
        case.read_text(encoding="utf-8")  # the rebuild reads every case file: no change
        assert not told.wait(1.0)
        case.write_text("二\n", encoding="utf-8")
        assert told.wait(10.0)
    finally:
        watcher.stop()


def test_a_folder_that_cannot_be_watched_leaves_the_host_polling(tmp_path):
    watcher = watching.Watcher()
    assert not watcher.start([str(tmp_path / "missing")], lambda: None)
    watcher.stop()
