"""The window's background jobs, each under a name: starting a job cancels the running one with the same
name (a new preview stops the old one; re-mixing for playback drops the stale mix), and closing the
window is one call that cancels every job and waits for them to finish.

``TaskManager`` is plain asyncio (it runs on the qasync loop but needs no Qt). A job's failure is reported
once, through ``on_error``, as a sentence; cancellation is not a failure. Must not live here: what the
jobs do.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskManager:
    def __init__(self, on_error: Callable[[str, BaseException], None] | None = None) -> None:
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._on_error = on_error
        self._counter = itertools.count(1)
        self._closed = False

    def spawn(self, name: str, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run ``coro`` as the job ``name``; a running job of that name is cancelled first."""
        if self._closed:
            coro.close()
            raise RuntimeError("the window is closing; no new work starts")
        previous = self._tasks.get(name)
        if previous is not None and not previous.done():
            previous.cancel()
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:  # no loop any more (the app is gone): the job never starts, and says so once
            coro.close()
            raise
        task = loop.create_task(coro, name=name)
        self._tasks[name] = task
        task.add_done_callback(lambda t, n=name: self._finished(n, t))
        return task

    def spawn_unique(self, prefix: str, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run ``coro`` alongside any other job of this kind (named ``prefix:N``)."""
        return self.spawn(f"{prefix}:{next(self._counter)}", coro)

    def _finished(self, name: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(name) is task:
            del self._tasks[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("background job %s failed", name, exc_info=exc)
            if self._on_error is not None:
                self._on_error(name, exc)

    def get(self, name: str) -> asyncio.Task[Any] | None:
        task = self._tasks.get(name)
        return task if task is not None and not task.done() else None

    def running(self, prefix: str = "") -> list[str]:
        """Names of the jobs still running (those starting with ``prefix``)."""
        return [n for n, t in self._tasks.items() if not t.done() and n.startswith(prefix)]

    def cancel(self, name: str) -> None:
        task = self._tasks.get(name)
        if task is not None and not task.done():
            task.cancel()

    def cancel_all(self, prefix: str = "") -> None:
        for name in self.running(prefix):
            self._tasks[name].cancel()

    async def shutdown(self, timeout: float = 10.0) -> None:
        """Cancel every job and wait (at most ``timeout`` seconds) until each has finished."""
        self._closed = True
        tasks = [t for t in self._tasks.values() if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            done, pending = await asyncio.wait(tasks, timeout=timeout)
            for task in pending:
                log.warning("background job %s did not stop in time", task.get_name())


__all__ = ["TaskManager"]
