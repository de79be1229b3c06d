"""Shared paths and fixtures.

The tests are specifications, independent of what the archive ships: they run against a fixed
fixture archive, tests/fixtures/cases (the five seed captures as case files), never against
cases/, so a pull request that adds, edits or removes a case leaves every expectation as it was.
Only tests that say so look at the shipped cases/ (SHIPPED_CASES), and none counts or names them.
"""

import contextlib
import fcntl
import os
import pathlib
import shutil
import subprocess
import sys
import urllib.parse

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CASES = FIXTURES / "cases"  # the fixture archive every test specifies against
SHIPPED_CASES = ROOT / "cases"  # the archive this repository publishes: content may change in any PR
SEEDS = ROOT.parent / "shared" / "seeds"  # maintainers' raw seed captures; absent in a contributor's clone or CI

sys.path.insert(0, str(ROOT))


def case_body(path: pathlib.Path) -> bytes:
    """A case file's bytes after its front matter: the raw capture as pasted from the page."""
    data = path.read_bytes()
    if data.startswith(b"---\n"):
        end = data.index(b"\n---\n", 3)
        return data[end + len(b"\n---\n"):]
    return data


def copy_cases(folder: pathlib.Path) -> pathlib.Path:
    """A fresh copy of the fixture archive at folder (created); returns folder."""
    shutil.copytree(CASES, folder)
    return folder


@pytest.fixture(scope="session")
def archive():
    from build_tools import pipeline

    return pipeline.load_archive(pipeline.case_files(CASES), display_root=ROOT)


@pytest.fixture(scope="session")
def cases_by_id(archive):
    return {case.case_id: case for case in archive.cases}


def run_cli(*args: str, cwd: pathlib.Path = ROOT, env: dict[str, str] | None = None, input: str = "") -> subprocess.CompletedProcess:
    """``python -m build_tools ARGS`` in this process: the same ``cli.main`` the command line runs,
    with its exit status, standard output and standard error, in the folder ``cwd``, with the
    extra environment ``env`` and ``input`` as standard input. A new interpreter per call costs
    about a second of imports and rule loading, which dozens of calls cannot afford inside the
    suite's time budget; tests that are about the process itself (the entry point, signals, exit
    codes of ``python -m``) start one. What a command sets for the whole process (the Traditional
    standard of the site it ran in) is set back afterwards."""
    import contextlib
    import io
    import os

    from build_tools import cli, script

    out, err = io.StringIO(), io.StringIO()
    saved, standard, stdin = dict(os.environ), script.standard(), sys.stdin
    os.environ.update(env or {})
    sys.stdin = io.StringIO(input)
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli.main([str(arg) for arg in args])
            except SystemExit as exc:  # argparse errors and --help
                status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.stdin = stdin
        os.environ.clear()
        os.environ.update(saved)
        script.use_standard(standard)
    return subprocess.CompletedProcess(["python", "-m", "build_tools", *map(str, args)], status, out.getvalue(), err.getvalue())


def _chromium() -> str | None:
    candidate = os.environ.get("CASE_ARCHIVE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and pathlib.Path(candidate).exists() else None


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test process, shared by every module (each test opens its own context)."""
    executable = _chromium()
    if executable is None:
        if os.environ.get("CASE_ARCHIVE_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (CASE_ARCHIVE_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("browser tests skipped: Debian's chromium is not installed (apt-get install chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def reader_context(browser):
    """One browser context per test module: its HTTP cache carries the theme's scripts and styles
    from one test's page to the next, as a reader's browser does (a new context per test loaded
    them cold every time: twice the time of a page load, the suite's largest cost)."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture(scope="module")
def _tab(reader_context):
    """The module's tab, handed from test to test by ``page`` (see there); closed with the module."""
    tab = _Tab(reader_context)
    yield tab
    tab.close()


@pytest.fixture
def page(_tab):
    """A browser tab for one test, in the module's context (which keeps the theme's assets in its
    HTTP cache, as a reader's browser does). The module's tests take turns in one tab: a new tab
    starts a new renderer process that compiles the theme's scripts again, which cost three times
    a page load here, over a hundred times per run. Each test still starts from a blank tab with
    nothing of the test before: the listeners and routes a test adds are removed after it, the
    viewport and the emulated media (a test's dark palette) are set back, the storage of every origin
    the tab visited (cookies, local and session storage) is cleared, and a tab a test changed in a
    way that cannot be undone (init scripts, exposed functions) or closed is replaced by a new one."""
    page = _tab.take()
    yield page
    _tab.give_back(page)


class _Tab:
    UNDOABLE = ("add_init_script", "expose_function", "expose_binding", "set_extra_http_headers")
    # the media a new context emulates (Playwright's defaults): what ``emulate_media`` is set back to
    MEDIA = {"media": "null", "color_scheme": "light", "reduced_motion": "no-preference", "forced_colors": "none",
             "contrast": "no-preference"}

    def __init__(self, context) -> None:
        self.context = context
        self.current = None
        self.origins: set[str] = set()

    def _open(self):
        page = self.context.new_page()
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("framenavigated", lambda frame: self.origins.add(_origin(frame.url)))
        self.viewport = page.viewport_size
        return page

    def take(self):
        if self.current is None or self.current.is_closed():
            self.current = self._open()
        page = self.current
        page.dialogs = []
        page.tainted = False
        added: list[tuple[str, object]] = []
        page.added = added
        for name in ("on", "once"):  # what the test listens to, to remove afterwards
            method = getattr(type(page), name)
            setattr(page, name, lambda event, f, method=method: (added.append((event, f)), method(page, event, f))[1])
        for name in self.UNDOABLE:
            method = getattr(type(page), name)
            setattr(page, name, lambda *a, method=method, **k: (setattr(page, "tainted", True), method(page, *a, **k))[1])
        page.emulated = False
        emulate = type(page).emulate_media
        page.emulate_media = lambda **k: (setattr(page, "emulated", True), emulate(page, **k))[1]
        return page

    def give_back(self, page) -> None:
        if not page.is_closed():
            for event, f in page.added:
                page.remove_listener(event, f)
            for name in ("on", "once", "emulate_media", *self.UNDOABLE):
                delattr(page, name)
            if page.emulated:
                page.emulate_media(**self.MEDIA)
            page.unroute_all(behavior="ignoreErrors")
            # session storage lives in the tab: emptied here when the test saw one origin and is still on
            # it, else the tab is replaced
            visited = {o for o in self.origins if o}
            try:
                if visited and (visited != {_origin(page.url)} or page.evaluate("() => { sessionStorage.clear(); return 1; }") != 1):
                    page.tainted = True
                page.goto("about:blank", timeout=5000)
            except Exception:  # a page stuck in a dialog or a navigation
                page.tainted = True
            if page.viewport_size != self.viewport:
                page.set_viewport_size(self.viewport)
            if page.tainted or page.url != "about:blank":
                page.close()
        if page.is_closed():
            self.current = self._open()
        session = self.context.new_cdp_session(self.current)  # (storage is the context's: any of its tabs clears it)
        for origin in sorted(o for o in self.origins if o):
            session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        session.detach()
        self.origins.clear()
        self.context.clear_cookies()

    def close(self) -> None:
        if self.current is not None and not self.current.is_closed():
            self.current.close()


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def site_project(folder: pathlib.Path, cases: "dict[str, str] | pathlib.Path" = CASES, *, options: str = "",
                 edit=None) -> pathlib.Path:
    """A site project at ``folder`` (created): the repository's mkdocs.yml with ``options`` (plugin option
    lines, e.g. ``"search: false"``) added to the case-archive plugin and ``edit`` (a function of the
    file's text) applied, its docs/, and cases/ holding ``cases`` (file name -> text, or a folder to copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = "      cases_dir: cases\n"
    assert anchor in config
    config = config.replace(anchor, anchor + "".join(f"      {line}\n" for line in options.splitlines()))
    (folder / "mkdocs.yml").write_text(edit(config) if edit else config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", folder / "docs")
    if isinstance(cases, pathlib.Path):
        shutil.copytree(cases, folder / "cases")
    else:
        (folder / "cases").mkdir()
        for name, text in cases.items():
            (folder / "cases" / name).write_text(text, encoding="utf-8")
    return folder


def shared_build(tmp_path_factory, name: str, make) -> pathlib.Path:
    """``make(folder)``'s result (a built project or site), made once per test run and shared by every
    module that asks for ``name``, in this process or another test worker (a lock file orders them):
    for fixture sites that tests only read. Each name must always be made the same way."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # (the workers' common folder)
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / f"shared-{name}.done"
        if not done.exists():
            folder = root / f"shared-{name}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(str(make(folder)), encoding="utf-8")
        return pathlib.Path(done.read_text(encoding="utf-8"))
