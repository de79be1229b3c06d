"""Forked helper processes: when a second one is worth starting, and how to fork without the
child copying the parent's memory.

The build forks in three places (the pipeline's workers, build_tools/pipeline.py; the
Traditional site's build, build_tools/site.py; the second half of the search postings,
build_tools/searchindex.py). A forked child shares the parent's memory until either writes to
it; Python's garbage collector writes to every object it examines, so a child's first full
collection would copy nearly all the parent's memory although it reads little of it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os


def parallel_possible() -> bool:
    """Whether a forked process can run beside this one: fork exists and a second core is ours."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:
        return (os.cpu_count() or 1) > 1


@contextlib.contextmanager
def frozen_heap():
    """Fork inside this block: every object that exists is moved out of the collector's reach
    (``gc.freeze``) for the child, which then never writes to them unless it uses them; the
    parent's collector gets them back when the block ends."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
