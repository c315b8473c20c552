"""Keeps the project's write-ahead log small without stalling the UI thread.

SQLite checkpoints a WAL file automatically inside the commit that crosses 1,000 pages; with takes stored
as blobs that happens every few dozen takes and costs 25–50 ms of fsync on the thread that committed —
the UI thread, during a render. ``WalKeeper`` turns the automatic checkpoint off for the window's
connection and runs passive checkpoints from a worker thread over a second connection instead (a
passive checkpoint never blocks the writer). The store still truncates the log when it closes.

Only the timer and the hand-off to a worker thread live here; the SQLite side is in the store.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from studio.store.project_file import ProjectStore, checkpoint_passive

log = logging.getLogger(__name__)

WAL_LIMIT_BYTES = 4 * 1024 * 1024


class WalKeeper(QObject):
    def __init__(self, store: ProjectStore, parent: QObject | None = None, interval_ms: int = 2000) -> None:
        super().__init__(parent)
        self.path = Path(store.path)
        self._task: asyncio.Task[None] | None = None
        try:
            store.set_auto_checkpoint(False)
            self.active = True
        except (sqlite3.Error, AttributeError):
            self.active = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)
        if self.active:
            self._timer.start()

    def wal_size(self) -> int:
        try:
            return Path(str(self.path) + "-wal").stat().st_size
        except OSError:
            return 0

    def tick(self) -> None:
        if self._task is not None and not self._task.done():
            return
        if self.wal_size() < WAL_LIMIT_BYTES:
            return
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            return
        self._task = loop.create_task(self._run())

    async def _run(self) -> None:
        try:
            await asyncio.to_thread(checkpoint_passive, self.path)
        except Exception:
            log.info("background checkpoint skipped", exc_info=True)

    def stop(self) -> None:
        self._timer.stop()
        if self._task is not None and not self._task.done():
            self._task.cancel()
