"""A small sd_notify helper: READY=1 after start-up, WATCHDOG=1 from the loop, STATUS=..."""
from __future__ import annotations

import os
import socket
import time


class Notifier:
    """Talks to systemd through $NOTIFY_SOCKET; does nothing when not run by systemd."""

    def __init__(self) -> None:
        addr = os.environ.get("NOTIFY_SOCKET", "")
        self._addr = ("\0" + addr[1:]) if addr.startswith("@") else addr
        usec = os.environ.get("WATCHDOG_USEC", "")
        # Ping at half the watchdog interval, as systemd recommends.
        self.watchdog_interval_s = int(usec) / 2e6 if usec.isdigit() else None
        self._last_ping = 0.0

    @property
    def enabled(self) -> bool:
        return bool(self._addr)

    def notify(self, message: str) -> bool:
        if not self._addr:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.setblocking(False)  # never stall the loop if systemd is slow to read
                sock.connect(self._addr)
                sock.send(message.encode())
            return True
        except OSError:  # includes BlockingIOError: the message is dropped, the next one counts
            return False

    def ready(self, status: str = "") -> None:
        self.notify("READY=1" + (f"\nSTATUS={status}" if status else ""))

    def status(self, text: str) -> None:
        self.notify(f"STATUS={text}")

    def stopping(self) -> None:
        self.notify("STOPPING=1")

    def ping(self, now: float | None = None) -> None:
        """Call every frame; sends WATCHDOG=1 at most every half watchdog interval."""
        if self.watchdog_interval_s is None:
            return
        now = time.monotonic() if now is None else now
        if now - self._last_ping >= self.watchdog_interval_s:
            self._last_ping = now
            self.notify("WATCHDOG=1")
