"""Clocks for the shell: the real monotonic one, and a virtual one for scripted sessions."""
from __future__ import annotations

import time


class RealClock:
    def __call__(self) -> float:
        return time.monotonic()


class VirtualClock:
    """Advances only when told (scripted sessions: `wait: SECONDS` runs timeouts instantly)."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance_to(self, t: float) -> None:
        self.now = max(self.now, t)
