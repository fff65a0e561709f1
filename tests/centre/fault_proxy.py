"""A fault-injecting HTTP proxy in front of a centre: slow answers, connection resets, 5xx, 401,
HTML pages, malformed/wrongly-typed/oversized bodies, and "forward then drop the answer"
(the centre did the work, the kiosk never heard back). Faults are queued per method and path and
consumed in order; without a fault a request is forwarded unchanged."""
from __future__ import annotations

import http.client
import json
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up in the middle (the kiosk giving up on an oversized answer) is one
    of the cases this proxy plays: no traceback on stderr for it."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FaultProxy:
    def __init__(self, upstream_url: str) -> None:
        up = urlsplit(upstream_url)
        self.up_host, self.up_port = up.hostname, up.port
        self.faults: list[dict[str, Any]] = []
        self.seen: list[tuple[str, str, str]] = []   # (method, path, what happened)
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer._handle(self)

            do_POST = do_PUT = do_GET

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v1"

    def start(self) -> "FaultProxy":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def add(self, method: str, path: str, fault: str, times: int = 1, **params: Any) -> None:
        """Queue a fault for requests `method path` (path after /api/v1)."""
        with self.lock:
            self.faults.append({"method": method, "path": path, "fault": fault, "left": times,
                                **params})

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()

    def count(self, method: str, path: str) -> int:
        with self.lock:
            return sum(1 for m, p, _ in self.seen if m == method and p == path)

    def _take(self, method: str, path: str) -> dict[str, Any] | None:
        with self.lock:
            for f in self.faults:
                if f["method"] == method and f["path"] == path and f["left"] > 0:
                    f["left"] -= 1
                    return f
        return None

    # -- handling -------------------------------------------------------------------------------
    def _forward(self, h: BaseHTTPRequestHandler, body: bytes) -> tuple[int, list, bytes]:
        conn = http.client.HTTPConnection(self.up_host, self.up_port, timeout=10)
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host", "connection")}
        conn.request(h.command, h.path, body=body or None, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, resp.getheaders(), data

    def _send(self, h: BaseHTTPRequestHandler, status: int, headers: list, data: bytes) -> None:
        h.send_response(status)
        for k, v in headers:
            if k.lower() not in ("content-length", "connection", "transfer-encoding", "server",
                                 "date"):
                h.send_header(k, v)
        if status not in (204, 304):
            h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    @staticmethod
    def _reset(h: BaseHTTPRequestHandler) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.close_connection = True
        h.connection.close()

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = urlsplit(h.path).path.removeprefix("/api/v1")
        body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        fault = self._take(h.command, path)
        what = fault["fault"] if fault else "forward"
        with self.lock:
            self.seen.append((h.command, path, what))
        if fault is None:
            self._send(h, *self._forward(h, body))
            return
        kind = fault["fault"]
        json_h = [("Content-Type", "application/json")]
        if kind == "slow":
            time.sleep(fault.get("delay", 2.0))
            try:
                self._send(h, *self._forward(h, body))
            except OSError:
                pass
        elif kind == "reset":
            self._reset(h)
        elif kind == "forward_then_reset":      # the centre acts, the answer is lost
            self._forward(h, body)
            self._reset(h)
        elif kind == "status":
            code = fault.get("code", 500)
            self._send(h, code, json_h, json.dumps({"error": "x", "message": f"fault {code}"})
                       .encode())
        elif kind == "html":
            self._send(h, fault.get("code", 200), [("Content-Type", "text/html")],
                       b"<html><body><h1>502 Bad Gateway</h1>nginx</body></html>")
        elif kind == "body":                    # a canned body (malformed / wrong types)
            data = fault["data"]
            raw = data if isinstance(data, bytes) else json.dumps(data).encode()
            self._send(h, fault.get("code", 200), json_h, raw)
        elif kind == "oversized":
            size = fault.get("size", 6 * 1024 * 1024)
            raw = b'{"version": "x", "fields": [], "procedures": [], "counters": [], "pad": "' \
                + b"a" * size + b'"}'
            if fault.get("chunked"):            # no Content-Length: the cap must hold anyway
                h.send_response(200)
                h.send_header("Content-Type", "application/json")
                h.send_header("Transfer-Encoding", "chunked")
                h.end_headers()
                try:
                    for i in range(0, len(raw), 65536):
                        part = raw[i:i + 65536]
                        h.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    h.wfile.write(b"0\r\n\r\n")
                except OSError:
                    pass
            else:
                try:
                    self._send(h, 200, json_h, raw)
                except OSError:
                    pass
        else:
            raise ValueError(kind)
