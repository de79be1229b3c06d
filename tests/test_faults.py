"""Faults: killed, concurrent and failing builds never leave a broken site; damaged caches never
fail a build.

Real `mkdocs build` runs (subprocesses) on a small archive: two fixture cases (version 1), then a
third one added (version 2). A build is killed at a named point with the test hook in
build_tools/cache.py (``fault_point``): CASE_ARCHIVE_TEST_KILL_AT=<point> makes it SIGKILL
itself there, CASE_ARCHIVE_TEST_PAUSE_AT=<point>:<seconds> makes it wait there. After every
fault the site folder must be the whole old site or the whole new one, byte for byte, and the
next build must succeed and leave nothing behind.

A full disk is a small tmpfs, which needs root; read-only folders and files are made with file
permissions, or as root (whom they do not stop) with read-only bind mounts. Where that is not
possible the test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pathlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import CASES, ROOT
from tests import forked

V1 = ["2020-03-09-longwan-hongse-xibao.txt", "2020-04-21-wuxi-dangjian-jizhan.txt"]
ADDED = "2021-10-21-henan-jiguan-dangjian.txt"  # version 2 adds this case


def _tree(folder: pathlib.Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _make_project(folder: pathlib.Path) -> pathlib.Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    (folder / "cases").mkdir()
    for name in V1:
        shutil.copy(CASES / name, folder / "cases" / name)
    return folder


def _to_v2(project: pathlib.Path) -> None:
    shutil.copy(CASES / ADDED, project / "cases" / ADDED)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASE_ARCHIVE_")}
    # the build runs this checkout's code (also when another checkout is installed in the venv)
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT), **extra)
    return env


def build(project: pathlib.Path, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` in ``project``; processes a killed build left behind are ended afterwards."""
    process = _start(project, *args, **env)
    try:
        out, err = process.communicate(timeout=timeout)
    finally:
        _end_group(process)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _start(project: pathlib.Path, *args: str, **env: str) -> subprocess.Popen:
    return forked.popen([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=_env(**env), start_new_session=True)


def _end_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: only what this test started
    except (ProcessLookupError, PermissionError):
        pass
    if process.returncode is None:
        process.wait()


def _clean(result: subprocess.CompletedProcess) -> None:
    """No traceback and no stray error from the forked Traditional build."""
    assert "Traceback" not in result.stderr, result.stderr
    assert "NoneType" not in result.stderr, result.stderr


def _beside(project: pathlib.Path) -> list[str]:
    """What the builds left beside the site folder."""
    return sorted(p.name for p in project.iterdir() if "site" in p.name)


def _search_works(site: pathlib.Path, pages: int) -> None:
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == pages
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == pages
    assert json.loads((bundle / "case-archive.json").read_text(encoding="utf-8"))["pages"] == pages


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project built at version 1 (site and caches), and the reference trees of both versions,
    each built from scratch."""
    base = _make_project(tmp_path_factory.mktemp("faults") / "base")
    reference = _make_project(tmp_path_factory.mktemp("faults") / "reference")
    _to_v2(reference)
    (reference / "out").mkdir()  # an empty folder may be used as the site folder
    builds = [_start(base), _start(reference, "-d", str(reference / "out"))]
    for process in builds:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    _search_works(reference / "out", len(V1) + 1)
    return base, _tree(base / "site"), _tree(reference / "out")


@pytest.fixture
def project(built, tmp_path):
    """A copy of the version 1 project, with its site and caches, moved on to version 2."""
    base, _, _ = built
    copy = tmp_path / "project"
    shutil.copytree(base, copy, symlinks=True)
    _to_v2(copy)
    return copy


# -- killed builds -------------------------------------------------------------------------------
KILLS = [  # (point, what the site folder holds afterwards)
    ("render", "old"),  # while the Simplified pages are written (the Traditional process dies with it)
    ("render-hant", "old"),  # the Traditional build process alone is killed: the build fails cleanly
    ("pagefind-cache", "old"),  # while the new Pagefind bundle is copied into the cache
    ("swap", "new"),  # the new site is in, the old one not yet deleted
]


def test_killed_builds_leave_a_whole_site_and_the_next_build_succeeds(built, project):
    """Builds killed one after another at each point, each starting from what the last one left;
    then a build that completes."""
    _, old, new = built
    for name in (".site.building", ".site.old"):  # what builds killed before this fix left
        (project / name / "cases").mkdir(parents=True)
        (project / name / "cases" / "index.html").write_text("partial", encoding="utf-8")
    for point, after in KILLS:
        killed = build(project, CASE_ARCHIVE_TEST_KILL_AT=point)
        if point == "render-hant" and killed.returncode != -signal.SIGKILL:  # built in a second process
            assert killed.returncode == 1 and "Traditional" in killed.stderr, killed.stderr
            _clean(killed)
        else:
            assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        assert _tree(project / "site") == (old if after == "old" else new), point

    again = build(project)
    assert again.returncode == 0, again.stderr
    _clean(again)
    assert "0 indexed" in again.stderr  # the bundle stored by the build killed at "swap" is whole
    assert _tree(project / "site") == new
    _search_works(project / "site", len(V1) + 1)
    assert _beside(project) == ["site"]  # staging folders, old sites and the lock are gone
    assert [p for p in (project / ".cache").rglob("*") if p.name.startswith(".part-")] == []


def test_truncated_search_bundle_in_the_cache_is_rebuilt(built, tmp_path):
    """What a build killed while copying a bundle into the cache left before bundles were copied
    under a temporary name: files missing or cut short in a bundle under its final name."""
    base, old, _ = built
    project = tmp_path / "project"
    shutil.copytree(base, project, symlinks=True)
    shutil.rmtree(project / "site")
    bundles = [p.parent for p in (project / ".cache" / "case-archive" / "pagefind").rglob("pagefind.js")]
    assert len(bundles) == 1
    (bundles[0] / "pagefind.js").unlink()
    fragment = sorted((bundles[0] / "fragment").iterdir())[0]
    fragment.write_bytes(fragment.read_bytes()[:10])

    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "1 indexed" in result.stderr
    assert _tree(project / "site") == old
    _search_works(project / "site", len(V1))


# -- concurrent builds ---------------------------------------------------------------------------
def _wait_for_lock(project: pathlib.Path, process: subprocess.Popen) -> None:
    lock = project / ".site.lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if lock.exists() and lock.read_text().strip() == str(process.pid):
            return
        time.sleep(0.05)
    pytest.fail("the first build never took the build lock (.site.lock)")


def test_concurrent_builds_take_turns_and_the_wait_is_bounded(built, project):
    """While one build holds the site folder, a second waits for it and then builds, a third that
    may wait only a second gives up with a clear error; the site is never mixed."""
    _, old, new = built
    first = _start(project, CASE_ARCHIVE_TEST_PAUSE_AT="locked:3")
    second = None
    try:
        _wait_for_lock(project, first)
        second = _start(project)
        third = build(project, CASE_ARCHIVE_LOCK_TIMEOUT="1")
        assert third.returncode != 0
        assert f"process {first.pid}" in third.stderr and "still running" in third.stderr, third.stderr
        _clean(third)
        assert _tree(project / "site") == old  # nothing changed yet
        results = [process.communicate(timeout=120) for process in (first, second)]
    finally:
        for process in (first, second):
            if process is not None:
                _end_group(process)
    assert first.returncode == 0 and second.returncode == 0, results
    assert "waiting for another build" in results[1][1]
    assert "Traceback" not in results[1][1]
    assert _tree(project / "site") == new
    assert _beside(project) == ["site"]


# -- the output folder ---------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["cases", "foreign", "docs-parent"])
def test_never_replaces_a_folder_it_did_not_write(project, target):
    outside = project / "foreign"
    outside.mkdir()
    (outside / "notes.txt").write_text("mine", encoding="utf-8")
    site_dir = {"cases": project / "cases", "foreign": outside, "docs-parent": project}[target]
    before = _tree(project)
    result = build(project, "-d", str(site_dir))
    assert result.returncode != 0
    _clean(result)
    assert str(site_dir) in result.stderr or target == "docs-parent", result.stderr
    assert _tree(project) == before


def test_an_empty_folder_is_used_and_marked(built):
    _, _, new = built  # version 2 was built into an empty folder
    assert new[".case-archive-output"]  # the marker: a later build may replace this folder


@contextlib.contextmanager
def read_only(path: pathlib.Path, within: pathlib.Path):
    """Make ``path`` (a folder with everything in it, or a file) read-only for the builds: with
    file permissions, or, as root (whom permissions do not stop), with a read-only bind mount,
    unmounted afterwards wherever under ``within`` a build may have moved it. Skips when neither
    is possible."""
    if os.geteuid() != 0:
        paths = [path, *path.rglob("*")] if path.is_dir() else [path]
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            p.chmod(modes[p] & ~0o222)
        try:
            yield
        finally:
            for p in paths:
                p.chmod(modes[p])
        return
    mounted = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip("running as root, where file permissions do not stop writes, and a read-only bind mount "
                    f"is not permitted here: {mounted.stderr.strip()}")
    try:
        remounted = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True, text=True)
        if remounted.returncode != 0:
            pytest.skip(f"cannot remount {path} read-only: {remounted.stderr.strip()}")
        yield
    finally:
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            points = [line.split()[1] for line in mounts]
        for point in reversed(points):
            if pathlib.Path(point).is_relative_to(within):
                subprocess.run(["umount", "-l", point], capture_output=True)


def test_read_only_site_fails_clearly_and_keeps_it(built, project):
    _, old, new = built
    # as root a folder inside the site is made read-only: the site folder itself as a mount point
    # would be refused for that reason instead
    with read_only(project / "site" / ("assets" if os.geteuid() == 0 else ""), within=project):
        for _ in range(2):  # and again: nothing was left behind that makes the next build worse
            result = build(project)
            assert result.returncode != 0
            _clean(result)
            assert f"cannot replace {project / 'site'}" in result.stderr, result.stderr
            assert "chmod -R u+w" in result.stderr
            assert _tree(project / "site") == old and _beside(project) == ["site"]
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert _tree(project / "site") == new and _beside(project) == ["site"]


@pytest.fixture
def small_disk(tmp_path):
    """A 20 MB tmpfs (a site of this archive is about 7 MB)."""
    if os.geteuid() != 0:
        pytest.skip("a full disk is simulated with a small tmpfs, and mounting one needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill up (not permitted here?): {result.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_full_disk_fails_with_one_clear_error_and_keeps_the_site(built, tmp_path, small_disk):
    base, old, _ = built
    project = tmp_path / "project"
    shutil.copytree(base, project, symlinks=True, ignore=shutil.ignore_patterns("site"))
    site = small_disk / "site"
    shutil.copytree(base / "site", site)
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(0, free - 3_000_000))  # the new site does not fit
    _to_v2(project)

    result = build(project, "-d", str(site))
    assert result.returncode != 0
    _clean(result)
    assert result.stderr.count("No space left on device") == 1, result.stderr
    assert "free some space" in result.stderr and str(site) in result.stderr
    assert _tree(site) == old
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "site"]  # nothing left to fill it more


# -- damaged caches ------------------------------------------------------------------------------
def _warnings(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("WARNING")]


def _database(project: pathlib.Path) -> pathlib.Path:
    return project / ".cache" / "case-archive" / "cases.sqlite"


def _cases_in(db: pathlib.Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM cases").fetchone()[0]


def _no_search(project: pathlib.Path) -> None:
    """Search off: these builds need not run Pagefind."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      cases_dir: cases\n" in text
    config.write_text(text.replace("      cases_dir: cases\n", "      cases_dir: cases\n      search: false\n"),
                      encoding="utf-8")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "folder"])
def test_damaged_case_cache_warns_once_and_the_build_goes_on(project, damage):
    _no_search(project)
    db = _database(project)
    if damage == "garbage":
        db.write_bytes(b"this is not a database\n" * 200)
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:1500])
    else:
        db.unlink()
        db.mkdir()
        (db / "keep.txt").write_text("x", encoding="utf-8")
    result = build(project, "--strict")  # a cache problem is worked around: it does not fail a strict build
    assert result.returncode == 0, result.stderr
    _clean(result)
    warnings = _warnings(result)
    assert len(warnings) == 1 and str(db) in warnings[0], result.stderr
    assert (project / "site" / "cases").is_dir()
    if damage == "folder":
        assert "remove it" in warnings[0] and (db / "keep.txt").exists()  # not ours to delete
    else:
        assert _cases_in(db) == len(V1) + 1  # replaced by a new cache, which holds every case


def test_locked_case_cache_warns_once_and_the_build_goes_on(project):
    _no_search(project)
    db = _database(project)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process in the middle of writing
        holder.execute("INSERT OR REPLACE INTO cases VALUES ('x', '{}')")
        result = build(project, CASE_ARCHIVE_TEST_BUSY_SECONDS="0.5")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 0, result.stderr
    _clean(result)
    warnings = _warnings(result)
    assert len(warnings) == 1 and str(db) in warnings[0] and "locked" in warnings[0], result.stderr
    assert _cases_in(db) == len(V1)  # not written, not damaged


def test_read_only_case_cache_warns_once_and_the_build_goes_on(project):
    _no_search(project)
    db = _database(project)
    with read_only(db, within=project):
        result = build(project)
    assert result.returncode == 0, result.stderr
    _clean(result)
    warnings = _warnings(result)
    assert len(warnings) == 1 and str(db) in warnings[0], result.stderr
    assert _cases_in(db) == len(V1)


def test_cache_folder_in_the_way_warns_and_the_build_goes_on(built, project):
    _, _, new = built
    cache = project / ".cache" / "case-archive"
    shutil.rmtree(cache)
    cache.write_text("not a folder", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    _clean(result)
    warnings = _warnings(result)
    assert 1 <= len(warnings) <= 2 and all(str(cache) in w for w in warnings), result.stderr  # one per cache
    assert _tree(project / "site") == new


def test_a_site_built_before_folders_were_marked_is_replaced(tmp_path):
    """Upgrading must not stop the first build: an unmarked folder that holds an earlier build of
    this site (its search manifest) and nothing of the project's is replaced and marked."""
    from build_tools import staging

    old = tmp_path / "site"
    (old / "pagefind").mkdir(parents=True)
    (old / "pagefind" / "case-archive.json").write_text('{"pages":0,"shards":[]}', encoding="utf-8")
    (old / "index.html").write_text("old", encoding="utf-8")
    staging.check_replaceable(old)  # no error
    (old / "cases").mkdir()  # but never a folder that holds cases
    with pytest.raises(staging.OutputError):
        staging.check_replaceable(old)
