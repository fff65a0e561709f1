"""A second, independent centre that follows docs/centre-api.yaml: in-memory dicts on
`http.server`, no code shared with kiosk.centre.server. Every request the kiosk sends is checked
against the OpenAPI document; violations are collected in `violations` for the tests to assert on.

Counter status is set by the test (`set_status`), so counter choice can be checked exactly.
Ticket numbers look different from the reference centre's ("B-0001").
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.centre import openapi


class _Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class IndependentCentre:
    def __init__(self, catalogue: dict[str, Any], token: str, port: int = 0) -> None:
        self.catalogue = catalogue
        self.version = 1
        self.token = token
        self.status: dict[str, dict[str, Any]] = {
            c["id"]: {"counter_id": c["id"], "open": True, "waiting": 0, "avg_service_s": 600,
                      "serving": None} for c in catalogue["counters"]}
        self.tickets: dict[str, dict[str, Any]] = {}   # request_id -> answer
        self.bodies: dict[str, dict[str, Any]] = {}    # request_id -> request body
        self.post_count: dict[str, int] = {}
        self.dossiers = {"H40.22-261126-0001": {
            "code": "H40.22-261126-0001", "procedure_id": catalogue["procedures"][0]["id"],
            "status": "done", "status_text": "Đã có kết quả", "due_date": "2026-12-01",
            "counter_id": catalogue["counters"][0]["id"]}}
        self.heartbeats: list[dict[str, Any]] = []
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer._handle(self, "GET")

            def do_POST(self) -> None:
                outer._handle(self, "POST")

        self.handler = Handler
        self.port = port
        self.httpd: _Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self) -> "IndependentCentre":
        """Start (or start again, on the same port, with the same data)."""
        self.httpd = _Server(("127.0.0.1", self.port), self.handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def stop(self) -> None:
        assert self.httpd is not None
        self.httpd.shutdown()
        self.httpd.server_close()

    def set_status(self, counter_id: str, **values: Any) -> None:
        with self.lock:
            self.status[counter_id].update(values)

    # -- handling -------------------------------------------------------------------------------
    def _reply(self, h: BaseHTTPRequestHandler, method: str, template: str, status: int,
               body: Any = None, headers: dict[str, str] | None = None) -> None:
        schema = openapi.response_schema(method, template, status)
        if schema is not None and body is not None:
            for e in openapi.errors(schema, body):
                self.violations.append(f"server answer {method} {template} {status}: {e}")
        raw = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        if body is not None:
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(raw)))
        h.end_headers()
        h.wfile.write(raw)

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        path = urlsplit(h.path).path
        if not path.startswith("/api/v1/"):
            h.send_error(404)
            return
        rel = path[len("/api/v1"):]
        with self.lock:
            self.requests.append((method, rel))
        try:
            template = openapi.template_of(rel)
        except KeyError:
            self.violations.append(f"kiosk called {method} {rel}, which the document lacks")
            h.send_error(404)
            return
        op = openapi.document()["paths"][template].get(method.lower())
        if op is None:
            self.violations.append(f"kiosk called {method} {template}, not in the document")
            h.send_error(405)
            return
        body = None
        if "requestBody" in op:
            raw = h.rfile.read(int(h.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw)
            except ValueError:
                self.violations.append(f"{method} {template}: request body is not JSON")
                self._reply(h, method, template, 400, {"error": "bad_request", "message": "json"})
                return
            errs = openapi.errors(openapi.request_schema(method, template), body)
            if errs:
                self.violations.extend(f"kiosk request {method} {template}: {e}" for e in errs)
                self._reply(h, method, template, 400,
                            {"error": "bad_request", "message": "; ".join(errs)})
                return
        if h.headers.get("Authorization") != f"Bearer {self.token}":
            self._reply(h, method, template, 401, {"error": "unauthorized", "message": "token"})
            return
        segs = [unquote(s) for s in rel.strip("/").split("/")]
        if template == "/catalogue":
            etag = f'W/"v{self.version}"'
            if h.headers.get("If-None-Match") == etag:
                self._reply(h, method, template, 304, None, {"ETag": etag})
            else:
                self._reply(h, method, template, 200, self.catalogue, {"ETag": etag})
        elif template == "/counters/status":
            with self.lock:
                rows = [dict(v) for v in self.status.values()]
            self._reply(h, method, template, 200, rows)
        elif template == "/tickets":
            with self.lock:
                rid = body["request_id"]
                self.post_count[rid] = self.post_count.get(rid, 0) + 1
                if rid in self.tickets:
                    answer, status = self.tickets[rid], 200
                else:
                    st = self.status[body["counter_id"]]
                    number = body.get("offline_number") or f"B-{len(self.tickets) + 1:04d}"
                    answer = {"ticket_id": f"t{len(self.tickets) + 1}", "number": number,
                              "counter_id": body["counter_id"], "people_ahead": st["waiting"],
                              "estimated_wait_s": st["waiting"] * st["avg_service_s"],
                              "issued_at": body.get("issued_at") or "2026-11-26T08:00:00+07:00",
                              "tracking_url": f"https://centre.local/t/{len(self.tickets) + 1}"}
                    self.tickets[rid] = answer
                    self.bodies[rid] = body
                    st["waiting"] += 1
                    status = 201
            self._reply(h, method, template, status, answer)
        elif template == "/dossiers/{code}":
            d = self.dossiers.get(segs[1])
            if d is None:
                self._reply(h, method, template, 404, {"error": "not_found", "message": "no"})
            else:
                self._reply(h, method, template, 200, d)
        elif template == "/kiosks/{kiosk_id}/heartbeat":
            self.heartbeats.append(body)
            self._reply(h, method, template, 204)
        else:
            h.send_error(404)
