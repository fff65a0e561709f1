"""A fake Epson-compatible network printer: a real TCP server on 127.0.0.1 (raw port protocol).

It records every byte it receives, answers DLE EOT n at command boundaries with the status bytes a
TM-series printer sends, and can misbehave: stay silent, report paper out or an open cover, drop the
connection in the middle of a job, or stop reading (so the sender times out)."""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field

from printer.escpos_decode import command_length

# Status bytes (bits 1 and 4 always set).
ONLINE = {1: 0x16, 2: 0x12, 3: 0x12, 4: 0x12}
PAPER_OUT = {1: 0x1E, 2: 0x32, 3: 0x12, 4: 0x7E}      # offline, stopped by paper end, both sensors
PAPER_NEAR_END = {1: 0x16, 2: 0x12, 3: 0x12, 4: 0x1E}
COVER_OPEN = {1: 0x1E, 2: 0x16, 3: 0x12, 4: 0x12}


@dataclass
class FakePrinter:
    """Start with `start()`; `mode` is "ok", "silent", "paper_out", "near_end", "cover_open",
    "drop" (closes the connection after `drop_after` job bytes) or "stall" (stops reading)."""

    mode: str = "ok"
    drop_after: int = 5000
    port: int = 0
    received: bytearray = field(default_factory=bytearray)
    """Job bytes received (status queries removed), over all connections."""
    queries: int = 0
    connections: int = 0

    def start(self) -> "FakePrinter":
        self._stop = threading.Event()
        self._srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if self.mode == "stall":
            self._srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        self._srv.bind(("127.0.0.1", self.port))
        self.port = self._srv.getsockname()[1]
        self._srv.listen(4)
        self._srv.settimeout(0.1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._srv.close()

    def _status(self) -> dict[int, int]:
        return {"paper_out": PAPER_OUT, "cover_open": COVER_OPEN, "near_end": PAPER_NEAR_END}.get(
            self.mode, ONLINE)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._srv.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        buf = b""
        pos = 0
        job_bytes = 0
        while not self._stop.is_set():
            if self.mode == "stall":
                time.sleep(0.05)
                continue
            try:
                chunk = conn.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
            while True:
                k = command_length(buf, pos)
                if k is None:
                    break
                cmd = buf[pos:pos + k]
                pos += k
                if cmd[:2] == b"\x10\x04":
                    self.queries += 1
                    if self.mode != "silent":
                        conn.sendall(bytes((self._status().get(cmd[2], 0x12),)))
                    continue
                self.received += cmd
                job_bytes += len(cmd)
                if self.mode == "drop" and job_bytes >= self.drop_after:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    return          # RST: the sender sees "connection reset"
            buf, pos = buf[pos:], 0
