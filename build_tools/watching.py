"""The preview's file watcher: the kernel's change notifications for the folders a preview
rebuilds from (the cases, the rule data, the docs folder).

``mkdocs serve`` polls the folders it watches every half second: at 10,000 cases each poll
stats every case file (0.13 s, most of it holding the interpreter lock the rebuild needs), and
an edit waits for the next poll before its rebuild starts. On Linux the kernel tells at once
(inotify, through watchdog, which MkDocs already depends on); elsewhere, or where inotify is
refused (the per-user watch limit reached), ``start`` says no and the host keeps polling.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger("mkdocs.plugins.case_archive")


class Watcher:
    """One observer thread for a preview's folders; ``changed`` is called on any file event."""

    def __init__(self) -> None:
        self._observer = None

    def start(self, folders: list[str], changed: Callable[[], None]) -> bool:
        """Watch ``folders`` (recursively); False when native notifications cannot be used."""
        self.stop()
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers.inotify import InotifyObserver
        except ImportError:  # not Linux
            return False

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if not event.is_directory and event.event_type not in ("opened", "closed_no_write"):
                    changed()  # a file read (by the rebuild itself) is no change

        observer = InotifyObserver()
        observer.daemon = True
        try:
            for folder in folders:
                observer.schedule(Handler(), folder, recursive=True)
            observer.start()
        except OSError as exc:  # the inotify watch or instance limit: polled instead
            log.info("case-archive: file changes are polled (inotify unavailable: %s)", exc)
            observer.stop()
            return False
        self._observer = observer
        return True

    def stop(self) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
