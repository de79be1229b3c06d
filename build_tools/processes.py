"""Forked helper processes: when a second one is worth starting, and how to fork without the
child copying the parent's memory.

The build forks in three places (the pipeline's workers, build_tools/pipeline.py; the
Traditional site's build, and the outputs made beside the search index, build_tools/site.py). A forked child shares the parent's memory until either writes to
it; Python's garbage collector writes to every object it examines, so a child's first full
collection would copy nearly all the parent's memory although it reads little of it.
"""

from __future__ import annotations

import concurrent.futures
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


_BESIDE: tuple | None = None  # (function, args) of ``beside``'s call: inherited, never pickled


def _call_beside():
    function, args = _BESIDE
    return function(*args)


def beside(function, *args) -> concurrent.futures.Future:
    """``function(*args)`` in a forked process beside this one when ``parallel_possible``, else
    here and now; a future of its result. The process inherits the call (the arguments may be
    large: the cases) and sends back only the result or the exception, pickled."""
    global _BESIDE
    if not parallel_possible():
        future: concurrent.futures.Future = concurrent.futures.Future()
        try:
            future.set_result(function(*args))
        except Exception as exc:  # noqa: BLE001 (raised by ``result()``, as from the process)
            future.set_exception(exc)
        return future
    pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    _BESIDE = (function, args)
    try:
        with frozen_heap():  # the process forks at the first submission
            return pool.submit(_call_beside)
    finally:
        _BESIDE = None
        pool.shutdown(wait=False)  # the process ends when its one call is done
