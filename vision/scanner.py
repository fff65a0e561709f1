"""The camera thread: always the newest frame, QR decoding, classification, de-duplication, presence.

Privacy: the Classification of a chip ID card goes to `on_code` in memory only; this module logs the kind of
a scanned code and never its text or fields.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

import numpy as np

from vision.camera import Camera
from vision.classify import Classification, classify
from vision.decode import DEFAULT_BUDGET_MS, decode_frame
from vision.presence import PresenceConfig, PresenceDetector

log = logging.getLogger(__name__)


class Deduper:
    """The same code held up in front of the camera is one scan: a code is reported again only after it
    has been out of sight for `hold_s` seconds."""

    def __init__(self, hold_s: float = 3.0) -> None:
        self.hold_s = hold_s
        self._last_seen: dict[bytes, float] = {}

    def is_new(self, key: bytes, now: float) -> bool:
        last = self._last_seen.get(key)
        self._last_seen[key] = now
        if len(self._last_seen) > 64:  # forget codes long gone (keeps nothing personal for long)
            self._last_seen = {k: t for k, t in self._last_seen.items() if now - t <= self.hold_s}
        return last is None or now - last > self.hold_s


class Scanner:
    """Runs its own thread reading `camera`; calls `on_code(Classification)` once per code shown and
    `on_presence(True/False)` when someone arrives or leaves. Callbacks run on the scanner's thread and
    must not block (post an event to the inbox)."""

    def __init__(self, camera: Camera, on_code: Callable[[Classification], None],
                 on_presence: Callable[[bool], None] | None = None, dedupe_s: float = 3.0,
                 presence: PresenceConfig | None = None, budget_ms: float = DEFAULT_BUDGET_MS,
                 idle_sleep_s: float = 0.01, clock: Callable[[], float] = time.monotonic) -> None:
        self.camera = camera
        self.on_code = on_code
        self.on_presence = on_presence
        self.deduper = Deduper(dedupe_s)
        self.presence = PresenceDetector(presence or PresenceConfig())
        self.budget_ms = budget_ms
        self.idle_sleep_s = idle_sleep_s
        self.clock = clock
        self.frames = 0
        """Frames processed (for the technician and tests)."""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_frame: np.ndarray | None = None

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="vision-scanner", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return bool(self._thread and self._thread.is_alive())

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                frame = self.camera.read()
            except Exception:
                log.exception("camera read failed")
                frame = None
            if frame is None or frame is self._last_frame:
                self._tick_presence(self.clock())
                self._stop.wait(self.idle_sleep_s)
                continue
            self._last_frame = frame
            try:
                self.process(frame, self.clock())
            except Exception:  # never let one bad frame end the thread
                log.exception("frame processing failed")

    def _emit_presence(self, change: bool | None) -> None:
        if change is not None and self.on_presence:
            log.info("presence: %s", "person arrived" if change else "person left")
            self.on_presence(change)

    def _tick_presence(self, now: float) -> None:
        self._emit_presence(self.presence.tick(now))

    def process(self, frame: np.ndarray, now: float) -> list[Classification]:
        """Handle one frame (also usable without the thread): presence, decoding, de-duplication."""
        self.frames += 1
        self._emit_presence(self.presence.update(frame, now))
        reported = []
        for code in decode_frame(frame, self.budget_ms):
            self._emit_presence(self.presence.seen(now))
            if not self.deduper.is_new(code.raw, now):
                continue
            result = classify(code.text)
            log.info("QR code scanned: kind=%s", result.kind)
            reported.append(result)
            self.on_code(result)
        return reported
