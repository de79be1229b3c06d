"""`mkdocs build` in a process forked from a fork server, with the interface of ``subprocess``.

The suite builds real sites with real MkDocs well over a hundred times. A new interpreter per build
spends about two seconds importing MkDocs, Material and this project (pypinyin's phrase table, the
compiled text patterns) before it builds anything; across the suite that was a fifth of its time.
Here each build runs in a child of Python's fork server (``multiprocessing``'s "forkserver"), a
clean interpreter started once per test worker that imported all of that (tests/forkwarm.py) and
did nothing else: the same command-line entry point (``mkdocs.__main__.cli``) in a process of its
own, with its own working folder, environment, standard output and error, exit status and process
id, killed by a signal as any build is. Not the test process itself: a test process has run builds
in-process (tests/test_incremental.py), and a build must not inherit what they left in memory. Only
what a fork cannot give falls back to a new interpreter: another hash seed, another checkout on
``PYTHONPATH``, or a command other than ``python -m mkdocs``.
"""

from __future__ import annotations

import io
import os
import pathlib
import selectors
import signal
import subprocess
import sys
import time
import traceback
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util

ROOT = pathlib.Path(__file__).resolve().parent.parent

class _Popen(popen_forkserver.Popen):
    """The fork server's launch, without the test process's main module: a build is no copy of the
    test runner (the child would import the runner's script as ``__mp_main__``)."""

    def _launch(self, process_obj):
        prep_data = {key: value for key, value in spawn.get_preparation_data(process_obj._name).items()
                     if not key.startswith("init_main")}
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Build(context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        forkserver.set_forkserver_preload(["tests.forkwarm"])  # (read when the server starts: the first build)
        return _Popen(process_obj)


def _forkable(args: list[str], env: dict[str, str] | None) -> bool:
    if list(args[:3]) != [sys.executable, "-m", "mkdocs"]:
        return False
    env = os.environ if env is None else env
    seed = env.get("PYTHONHASHSEED")
    if seed is None or seed != os.environ.get("PYTHONHASHSEED"):
        return False  # (the fork server's hash seed is this process's, fixed when it started)
    return env.get("PYTHONPATH", "") in ("", str(ROOT))


class _Fd:
    """A file descriptor handed to the child through the fork server."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self):
        return _detach, (reduction.DupFd(self.fd),)


def _detach(handle) -> int:
    return handle.detach()


class Forked:
    """A forked build, with the ``subprocess.Popen`` methods the tests use (``text`` output)."""

    def __init__(self, args: list[str], cwd, env: dict[str, str] | None, start_new_session: bool) -> None:
        self.args = list(args)
        self.returncode: int | None = None
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        environment = dict(os.environ if env is None else env)
        self._process = _Build(target=_child, args=(self.args[3:], str(cwd or os.getcwd()), environment,
                                                                _Fd(out_w), _Fd(err_w), start_new_session))
        try:
            self._process.start()
        finally:
            os.close(out_w)
            os.close(err_w)
        self.pid = self._process.pid
        self._pipes = {out_r: bytearray(), err_r: bytearray()}
        self._out, self._err = out_r, err_r

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self._process.exitcode
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self.poll() is None:
            raise subprocess.TimeoutExpired(self.args, timeout)
        return self.returncode  # type: ignore[return-value]

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        """Both outputs to their ends (as a pipe gives them: until every process holding them is
        gone), then the exit status; ``subprocess.TimeoutExpired`` past ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            for fd in self._pipes:
                if fd >= 0:
                    selector.register(fd, selectors.EVENT_READ)
            while selector.get_map():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    raise subprocess.TimeoutExpired(self.args, timeout)
                for key, _ in selector.select(left):
                    chunk = os.read(key.fd, 65536)
                    if chunk:
                        self._pipes[key.fd].extend(chunk)
                    else:
                        selector.unregister(key.fd)
                        os.close(key.fd)
        self._pipes = {-1: self._pipes[self._out], -2: self._pipes[self._err]}
        self._out, self._err = -1, -2
        self.wait(None if deadline is None else max(deadline - time.monotonic(), 0.1))
        decode = lambda data: bytes(data).decode("utf-8", errors="replace").replace("\r\n", "\n")  # noqa: E731
        return decode(self._pipes[-1]), decode(self._pipes[-2])

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _child(argv: list[str], cwd: str, env: dict[str, str], out: int, err: int, new_session: bool) -> None:
    """The build, in the forked child: never returns."""
    code = 1
    try:
        if new_session:
            os.setsid()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        for fd in (null, out, err):
            os.close(fd)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", line_buffering=True)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace",
                                      line_buffering=True)
        sys.argv = [str(pathlib.Path(sys.modules["mkdocs.__main__"].__file__)), *argv]
        from mkdocs.__main__ import cli

        try:
            cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)
            code = 0
        except SystemExit as exc:
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:
                print(exc.code, file=sys.stderr)
                code = 1
    except BaseException:  # reported as a new interpreter would report it
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def popen(args: list[str], *, cwd=None, env: dict[str, str] | None = None, start_new_session: bool = False, **kwargs):
    """``subprocess.Popen(args, …, stdout=PIPE, stderr=PIPE, text=True)``, forked when it can be."""
    if _forkable(args, env):
        return Forked(args, cwd, env, start_new_session)
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("text", True)
    return subprocess.Popen(args, cwd=cwd, env=env, start_new_session=start_new_session, **kwargs)


def run(args: list[str], *, cwd=None, env: dict[str, str] | None = None, timeout: float | None = None,
        capture_output: bool = True, text: bool = True, check: bool = False) -> subprocess.CompletedProcess:
    """``subprocess.run(args, capture_output=True, text=True, …)``, forked when it can be."""
    assert capture_output and text, "forked.run captures text output"
    if not _forkable(args, env):
        return subprocess.run(args, cwd=cwd, env=env, timeout=timeout, capture_output=True, text=True, check=check)
    process = Forked(args, cwd, env, start_new_session=False)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    result = subprocess.CompletedProcess(args, process.returncode, out, err)
    if check:
        result.check_returncode()
    return result
