"""Device workers: each runs jobs on its own thread so the loop never blocks on I/O."""
from __future__ import annotations

import logging
import queue
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)


class Worker:
    """One thread, one job queue. `submit(fn, *args)`; `idle` tells whether all jobs are done."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._jobs: "queue.Queue[tuple[Callable[..., Any], tuple[Any, ...]] | None]" = queue.Queue()
        self._pending = 0
        self._lock = threading.Lock()
        self._done = threading.Condition(self._lock)
        self._thread = threading.Thread(target=self._run, name=f"kiosk-{name}", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        with self._lock:
            self._pending += 1
        self._jobs.put((fn, args))

    @property
    def idle(self) -> bool:
        with self._lock:
            return self._pending == 0

    def wait_idle(self, timeout: float | None = None) -> bool:
        with self._done:
            return self._done.wait_for(lambda: self._pending == 0, timeout)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, args = job
            try:
                fn(*args)
            except Exception:  # a device fault must never kill the worker
                log.exception("worker %s: job %s failed", self.name, getattr(fn, "__name__", fn))
            finally:
                with self._done:
                    self._pending -= 1
                    self._done.notify_all()

    def stop(self, timeout: float = 2.0) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)
