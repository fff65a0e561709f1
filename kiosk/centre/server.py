"""The reference centre server: the whole contract of docs/centre-api.yaml over SQLite.

Built on the standard library (`http.server.ThreadingHTTPServer`). Seeded from a catalogue (the
demo one for `kiosk run --demo` and `kiosk centre serve`) and a few demo dossiers. Besides the
kiosk's endpoints it has small staff endpoints (under /api/v1/staff) to call the next ticket at a
counter, close a ticket, open or close a counter and replace the catalogue, so that waiting counts,
average service times and wait estimates change for real.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import logging
import re
import socket
import sqlite3
import ssl
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, unquote, urlsplit

from dialogs.catalogue import CatalogueError, parse_catalogue

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
MAX_BODY = 256 * 1024
DEFAULT_AVG_SERVICE_S = 300
AVG_WINDOW = 20
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
OFFLINE_NUMBER_RE = re.compile(r"^[A-Za-z0-9_.]{1,16}-[0-9]{1,6}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS catalogue (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL,
    etag TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (id TEXT PRIMARY KEY, number INTEGER NOT NULL,
    name TEXT NOT NULL, field_ids TEXT NOT NULL, open INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS tickets (ticket_id TEXT PRIMARY KEY, request_id TEXT UNIQUE NOT NULL,
    kiosk_id TEXT NOT NULL, procedure_id TEXT NOT NULL, counter_id TEXT NOT NULL,
    priority INTEGER NOT NULL, number TEXT NOT NULL, day TEXT NOT NULL,
    status TEXT NOT NULL, queued_ts REAL NOT NULL, issued_at TEXT NOT NULL,
    people_ahead INTEGER NOT NULL, estimated_wait_s INTEGER NOT NULL,
    called_ts REAL, closed_ts REAL, offline_number TEXT);
CREATE INDEX IF NOT EXISTS tickets_queue ON tickets (counter_id, status, priority, queued_ts);
CREATE TABLE IF NOT EXISTS sequences (day TEXT NOT NULL, counter_id TEXT NOT NULL,
    last INTEGER NOT NULL, PRIMARY KEY (day, counter_id));
CREATE TABLE IF NOT EXISTS dossiers (code TEXT PRIMARY KEY, procedure_id TEXT, status TEXT NOT NULL,
    status_text TEXT NOT NULL, due_date TEXT, counter_id TEXT);
CREATE TABLE IF NOT EXISTS heartbeats (kiosk_id TEXT PRIMARY KEY, received_at TEXT NOT NULL,
    summary TEXT NOT NULL);
"""

DOSSIER_STATUSES = [
    ("received", "Đã tiếp nhận hồ sơ, đang chờ xử lý"),
    ("processing", "Hồ sơ đang được giải quyết"),
    ("done", "Đã có kết quả, mời ông/bà đến quầy nhận kết quả"),
    ("need_documents", "Hồ sơ cần bổ sung giấy tờ, mời ông/bà đến quầy để được hướng dẫn"),
]


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def _iso(ts: float) -> str:
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).astimezone().isoformat(
        timespec="seconds")


def catalogue_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class CentreState:
    """The centre's data in SQLite. All methods are serialised by one lock."""

    def __init__(self, db_path: str | Path, catalogue_json: dict[str, Any],
                 clock: Callable[[], float] = time.time,
                 default_avg_service_s: int = DEFAULT_AVG_SERVICE_S) -> None:
        if str(db_path) != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.default_avg_service_s = default_avg_service_s
        self.lock = threading.RLock()
        self.db = sqlite3.connect(str(db_path), check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(_SCHEMA)
        self.set_catalogue(catalogue_json)
        self._seed_dossiers()

    def close(self) -> None:
        with self.lock:
            self.db.close()

    def _tx(self):
        state = self

        class Tx:
            def __enter__(self) -> sqlite3.Connection:
                state.lock.acquire()
                state.db.execute("BEGIN IMMEDIATE")
                return state.db

            def __exit__(self, exc_type, exc, tb) -> None:
                try:
                    state.db.execute("ROLLBACK" if exc_type else "COMMIT")
                finally:
                    state.lock.release()
        return Tx()

    # -- catalogue ------------------------------------------------------------------------------
    def set_catalogue(self, catalogue_json: dict[str, Any]) -> None:
        try:
            catalogue = parse_catalogue(catalogue_json)
        except CatalogueError as exc:
            raise ApiError(400, "bad_catalogue", str(exc))
        body = json.dumps(catalogue_json, ensure_ascii=False, sort_keys=True).encode("utf-8")
        with self._tx() as db:
            db.execute("INSERT INTO catalogue (id, body, etag) VALUES (1, ?, ?) ON CONFLICT(id) "
                       "DO UPDATE SET body = excluded.body, etag = excluded.etag",
                       (body.decode("utf-8"), catalogue_etag(body)))
            for c in catalogue.counters:
                db.execute("INSERT INTO counters (id, number, name, field_ids) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT(id) DO UPDATE SET number = excluded.number, "
                           "name = excluded.name, field_ids = excluded.field_ids",
                           (c.id, c.number, c.name, json.dumps(list(c.field_ids))))
            ids = [c.id for c in catalogue.counters]
            db.execute(f"DELETE FROM counters WHERE id NOT IN ({','.join('?' * len(ids))})", ids)
        self.procedure_ids = {p.id for p in catalogue.procedures}

    def catalogue(self) -> tuple[bytes, str]:
        with self.lock:
            row = self.db.execute("SELECT body, etag FROM catalogue WHERE id = 1").fetchone()
        return row["body"].encode("utf-8"), row["etag"]

    def _seed_dossiers(self) -> None:
        with self._tx() as db:
            if db.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]:
                return
            procs = sorted(self.procedure_ids)
            counters = [r["id"] for r in db.execute("SELECT id FROM counters ORDER BY number")]
            today = _dt.date.fromtimestamp(self.clock())
            for i, (status, text) in enumerate(DOSSIER_STATUSES):
                code = f"H40.22-{today:%d%m%y}-{i + 1:04d}"
                for fixed in (f"H40.22-261126-{i + 1:04d}",):
                    for c in (code, fixed):
                        db.execute("INSERT OR IGNORE INTO dossiers VALUES (?, ?, ?, ?, ?, ?)", (
                            c, procs[i % len(procs)] if procs else None, status, text,
                            (today + _dt.timedelta(days=3 + i)).isoformat(),
                            counters[i % len(counters)] if counters else None))

    # -- queue ----------------------------------------------------------------------------------
    def _avg_service_s(self, db: sqlite3.Connection, counter_id: str) -> int:
        rows = db.execute("SELECT closed_ts - called_ts AS d FROM tickets WHERE counter_id = ? AND "
                          "status = 'done' AND called_ts IS NOT NULL ORDER BY closed_ts DESC "
                          "LIMIT ?", (counter_id, AVG_WINDOW)).fetchall()
        if not rows:
            return self.default_avg_service_s
        return max(1, round(sum(max(0.0, r["d"]) for r in rows) / len(rows)))

    def counter_status(self) -> list[dict[str, Any]]:
        with self.lock:
            out = []
            for c in self.db.execute("SELECT * FROM counters ORDER BY number"):
                waiting = self.db.execute("SELECT COUNT(*) FROM tickets WHERE counter_id = ? AND "
                                          "status = 'waiting'", (c["id"],)).fetchone()[0]
                serving = self.db.execute("SELECT number FROM tickets WHERE counter_id = ? AND "
                                          "status = 'serving' ORDER BY called_ts DESC LIMIT 1",
                                          (c["id"],)).fetchone()
                out.append({"counter_id": c["id"], "open": bool(c["open"]), "waiting": waiting,
                            "avg_service_s": self._avg_service_s(self.db, c["id"]),
                            "serving": serving["number"] if serving else None})
            return out

    def _ticket_answer(self, row: sqlite3.Row) -> dict[str, Any]:
        return {"ticket_id": row["ticket_id"], "number": row["number"],
                "counter_id": row["counter_id"], "people_ahead": row["people_ahead"],
                "estimated_wait_s": row["estimated_wait_s"], "issued_at": row["issued_at"],
                "tracking_url": None}

    def issue_ticket(self, body: Any) -> tuple[int, dict[str, Any]]:
        if not isinstance(body, dict):
            raise ApiError(400, "bad_request", "expected a JSON object")
        for key in ("request_id", "kiosk_id", "procedure_id", "counter_id"):
            if not isinstance(body.get(key), str) or not body[key]:
                raise ApiError(400, "bad_request", f"{key}: expected a non-empty string")
        if not isinstance(body.get("priority"), bool):
            raise ApiError(400, "bad_request", "priority: expected true or false")
        if not UUID_RE.match(body["request_id"]):
            raise ApiError(400, "bad_request", "request_id: expected a UUID")
        offline_number = body.get("offline_number")
        if offline_number is not None and (not isinstance(offline_number, str)
                                           or not OFFLINE_NUMBER_RE.match(offline_number)):
            raise ApiError(400, "bad_request", "offline_number: expected e.g. K1-007")
        now = self.clock()
        queued = now
        if body.get("issued_at") is not None:
            try:
                queued = min(now, _dt.datetime.fromisoformat(str(body["issued_at"])).timestamp())
            except ValueError:
                raise ApiError(400, "bad_request", "issued_at: expected an ISO 8601 time")
        with self._tx() as db:
            existing = db.execute("SELECT * FROM tickets WHERE request_id = ?",
                                  (body["request_id"],)).fetchone()
            if existing is not None:
                if (offline_number and existing["number"] != offline_number
                        and existing["status"] == "waiting"):
                    # The kiosk lost our answer and printed its own number: call that one.
                    db.execute("UPDATE tickets SET number = ?, offline_number = ? WHERE "
                               "ticket_id = ?", (offline_number, offline_number,
                                                 existing["ticket_id"]))
                    existing = db.execute("SELECT * FROM tickets WHERE ticket_id = ?",
                                          (existing["ticket_id"],)).fetchone()
                return 200, self._ticket_answer(existing)
            if body["procedure_id"] not in self.procedure_ids:
                raise ApiError(422, "unknown_procedure",
                               f"unknown procedure {body['procedure_id']!r}")
            counter = db.execute("SELECT * FROM counters WHERE id = ?",
                                 (body["counter_id"],)).fetchone()
            if counter is None:
                raise ApiError(422, "unknown_counter", f"unknown counter {body['counter_id']!r}")
            priority = int(body["priority"])
            ahead = db.execute(
                "SELECT COUNT(*) FROM tickets WHERE counter_id = ? AND status = 'waiting' AND "
                "(priority > ? OR (priority = ? AND queued_ts <= ?))",
                (counter["id"], priority, priority, queued)).fetchone()[0]
            avg = self._avg_service_s(db, counter["id"])
            day = _dt.date.fromtimestamp(now).isoformat()
            if offline_number:
                number = offline_number
            else:
                seq_row = db.execute("SELECT last FROM sequences WHERE day = ? AND counter_id = ?",
                                     (day, counter["id"])).fetchone()
                seq = (seq_row["last"] if seq_row else 0) + 1
                db.execute("INSERT INTO sequences VALUES (?, ?, ?) ON CONFLICT(day, counter_id) "
                           "DO UPDATE SET last = excluded.last", (day, counter["id"], seq))
                number = f"{counter['number']}{seq:03d}"
            ticket_id = str(uuid.uuid4())
            db.execute("INSERT INTO tickets (ticket_id, request_id, kiosk_id, procedure_id, "
                       "counter_id, priority, number, day, status, queued_ts, issued_at, "
                       "people_ahead, estimated_wait_s, offline_number) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?)",
                       (ticket_id, body["request_id"], body["kiosk_id"], body["procedure_id"],
                        counter["id"], priority, number, day, queued, _iso(queued), ahead,
                        ahead * avg, offline_number))
            row = db.execute("SELECT * FROM tickets WHERE ticket_id = ?", (ticket_id,)).fetchone()
            return 201, self._ticket_answer(row)

    # -- dossiers, heartbeats -------------------------------------------------------------------
    def dossier(self, code: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.db.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone()
        return dict(row) if row else None

    def heartbeat(self, kiosk_id: str, summary: Any) -> None:
        if not isinstance(summary, dict):
            raise ApiError(400, "bad_request", "expected a JSON object")
        with self._tx() as db:
            db.execute("INSERT INTO heartbeats VALUES (?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE "
                       "SET received_at = excluded.received_at, summary = excluded.summary",
                       (kiosk_id, _iso(self.clock()), json.dumps(summary, ensure_ascii=False)))

    def heartbeats(self) -> dict[str, dict[str, Any]]:
        with self.lock:
            return {r["kiosk_id"]: {"received_at": r["received_at"],
                                    "summary": json.loads(r["summary"])}
                    for r in self.db.execute("SELECT * FROM heartbeats")}

    # -- staff ----------------------------------------------------------------------------------
    def staff_ticket(self, row: sqlite3.Row) -> dict[str, Any]:
        return {"ticket_id": row["ticket_id"], "request_id": row["request_id"],
                "number": row["number"], "counter_id": row["counter_id"],
                "procedure_id": row["procedure_id"], "kiosk_id": row["kiosk_id"],
                "priority": bool(row["priority"]), "status": row["status"],
                "issued_at": row["issued_at"], "offline_number": row["offline_number"],
                "called_at": _iso(row["called_ts"]) if row["called_ts"] else None,
                "closed_at": _iso(row["closed_ts"]) if row["closed_ts"] else None}

    def tickets(self, status: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            sql, args = "SELECT * FROM tickets", ()
            if status:
                sql, args = sql + " WHERE status = ?", (status,)
            rows = self.db.execute(sql + " ORDER BY queued_ts, rowid", args).fetchall()
        return [self.staff_ticket(r) for r in rows]

    def call_next(self, counter_id: str) -> dict[str, Any] | None:
        """Close the ticket being served at the counter and call the next one (priority first)."""
        now = self.clock()
        with self._tx() as db:
            if db.execute("SELECT 1 FROM counters WHERE id = ?", (counter_id,)).fetchone() is None:
                raise ApiError(404, "not_found", f"unknown counter {counter_id!r}")
            db.execute("UPDATE tickets SET status = 'done', closed_ts = ? WHERE counter_id = ? "
                       "AND status = 'serving'", (now, counter_id))
            row = db.execute("SELECT * FROM tickets WHERE counter_id = ? AND status = 'waiting' "
                             "ORDER BY priority DESC, queued_ts, rowid LIMIT 1",
                             (counter_id,)).fetchone()
            if row is None:
                return None
            db.execute("UPDATE tickets SET status = 'serving', called_ts = ? WHERE ticket_id = ?",
                       (now, row["ticket_id"]))
            row = db.execute("SELECT * FROM tickets WHERE ticket_id = ?",
                             (row["ticket_id"],)).fetchone()
            return self.staff_ticket(row)

    def close_ticket(self, ticket_id: str) -> dict[str, Any]:
        now = self.clock()
        with self._tx() as db:
            row = db.execute("SELECT * FROM tickets WHERE ticket_id = ?", (ticket_id,)).fetchone()
            if row is None:
                raise ApiError(404, "not_found", f"unknown ticket {ticket_id!r}")
            if row["status"] == "done":
                return self.staff_ticket(row)
            if row["status"] == "waiting":  # a no-show, closed without being served
                db.execute("UPDATE tickets SET status = 'skipped', closed_ts = ? WHERE "
                           "ticket_id = ?", (now, ticket_id))
            else:
                db.execute("UPDATE tickets SET status = 'done', closed_ts = ? WHERE ticket_id = ?",
                           (now, ticket_id))
            return self.staff_ticket(db.execute("SELECT * FROM tickets WHERE ticket_id = ?",
                                                (ticket_id,)).fetchone())

    def set_open(self, counter_id: str, is_open: Any) -> None:
        if not isinstance(is_open, bool):
            raise ApiError(400, "bad_request", "open: expected true or false")
        with self._tx() as db:
            if db.execute("UPDATE counters SET open = ? WHERE id = ?",
                          (int(is_open), counter_id)).rowcount == 0:
                raise ApiError(404, "not_found", f"unknown counter {counter_id!r}")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ReferenceCentre/1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    centre: "ReferenceCentre"

    def log_message(self, fmt: str, *args: Any) -> None:  # no tokens here: only the request line
        log.debug("centre %s: " + fmt, self.client_address[0], *args)

    # -- helpers --------------------------------------------------------------------------------
    def _send(self, status: int, data: Any = None, headers: dict[str, str] | None = None) -> None:
        body = b"" if data is None else (data if isinstance(data, bytes) else json.dumps(
            data, ensure_ascii=False).encode("utf-8"))
        self.send_response(status)
        if data is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            # Said aloud, so a keep-alive client does not send its next request down a socket
            # about to close (after a 413 the unread body is never drained).
            self.send_header("Connection", "close")
        if status != 304 and status != 204:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, error: str, message: str,
               headers: dict[str, str] | None = None) -> None:
        self._send(status, {"error": error, "message": message}, headers)

    def _body(self) -> Any:
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raise ApiError(411, "length_required", "send a Content-Length")
        if not length:
            return None
        if not length.isdigit():
            raise ApiError(400, "bad_request", "bad Content-Length")
        if int(length) == 0:
            return None
        if int(length) > MAX_BODY:
            self.close_connection = True
            raise ApiError(413, "too_large", f"request body over {MAX_BODY} bytes")
        raw = self.rfile.read(int(length))
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "bad_request", "request body is not JSON")

    def _authorised(self) -> bool:
        token = self.centre.token
        if not token:
            return True
        header = self.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(),
                                                                  token.encode())

    def _dispatch(self, method: str) -> None:
        try:
            parts = urlsplit(self.path)
            path = parts.path
            if not path.startswith(API_PREFIX + "/"):
                raise ApiError(404, "not_found", "no such endpoint")
            segs = [unquote(s) for s in path[len(API_PREFIX) + 1:].split("/")]
            body = self._body() if method in ("POST", "PUT") else None
            if not self._authorised():
                self._error(401, "unauthorized", "missing or wrong bearer token",
                            {"WWW-Authenticate": 'Bearer realm="centre"'})
                return
            self._route(method, segs, body, parse_qs(parts.query))
        except ApiError as exc:
            self._error(exc.status, exc.error, exc.message)
        except Exception:  # one clear line, the kiosk gets a 500
            log.exception("centre: %s %s failed", method, self.path)
            self._error(500, "internal", "internal error")

    def _route(self, method: str, segs: list[str], body: Any, query: dict[str, list[str]]) -> None:
        st = self.centre.state
        match method, segs:
            case "GET", ["catalogue"]:
                data, etag = st.catalogue()
                if _etag_matches(self.headers.get("If-None-Match"), etag):
                    self._send(304, None, {"ETag": etag, "Cache-Control": "no-cache"})
                else:
                    self._send(200, data, {"ETag": etag, "Cache-Control": "no-cache"})
            case "GET", ["counters", "status"]:
                self._send(200, st.counter_status())
            case "POST", ["tickets"]:
                status, answer = st.issue_ticket(body)
                self._send(status, answer)
            case "GET", ["dossiers", code] if code:
                dossier = st.dossier(code)
                if dossier is None:
                    raise ApiError(404, "not_found", "unknown dossier")
                self._send(200, dossier)
            case "POST", ["kiosks", kiosk_id, "heartbeat"] if kiosk_id:
                st.heartbeat(kiosk_id, body)
                self._send(204)
            case "GET", ["staff", "tickets"]:
                self._send(200, st.tickets((query.get("status") or [None])[0]))
            case "POST", ["staff", "counters", counter_id, "call-next"]:
                called = st.call_next(counter_id)
                self._send(200, called) if called else self._send(204)
            case "POST", ["staff", "counters", counter_id, "open"]:
                st.set_open(counter_id, body.get("open") if isinstance(body, dict) else None)
                self._send(204)
            case "POST", ["staff", "tickets", ticket_id, "close"]:
                self._send(200, st.close_ticket(ticket_id))
            case "PUT", ["staff", "catalogue"]:
                st.set_catalogue(body)
                self._send(204)
            case _, (["catalogue"] | ["counters", "status"] | ["tickets"] | ["dossiers", _]
                     | ["kiosks", _, "heartbeat"]):
                raise ApiError(405, "method_not_allowed", f"{method} not allowed here")
            case _:
                raise ApiError(404, "not_found", "no such endpoint")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = [t.strip() for t in header.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


class _Server(ThreadingHTTPServer):
    """Threading server that can also cut its open keep-alive connections when stopping."""
    daemon_threads = True

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conns_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._conns_lock:
            conns, self._conns = list(self._conns), set()
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class ReferenceCentre:
    """The reference centre on a background thread. `url` ends in /api/v1."""

    def __init__(self, db_path: str | Path, catalogue_json: dict[str, Any], token: str | None,
                 host: str = "127.0.0.1", port: int = 0, *,
                 clock: Callable[[], float] = time.time,
                 default_avg_service_s: int = DEFAULT_AVG_SERVICE_S,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.state = CentreState(db_path, catalogue_json, clock, default_avg_service_s)
        self.token = token or None
        handler = type("Handler", (_Handler,), {"centre": self})
        self._server = _Server((host, port), handler)
        self._scheme = "http"
        if ssl_context is not None:
            self._server.socket = ssl_context.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"{self._scheme}://{host}:{self.port}{API_PREFIX}"

    def start(self) -> "ReferenceCentre":
        self._thread = threading.Thread(target=self._server.serve_forever, name="reference-centre",
                                        kwargs={"poll_interval": 0.2}, daemon=True)
        self._thread.start()
        log.info("reference centre listening on %s", self.url)
        return self

    def serve_forever(self) -> None:
        log.info("reference centre listening on %s", self.url)
        self._server.serve_forever(poll_interval=0.5)

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()
        self._server.close_connections()
        with self.state.lock:
            self.state.close()

    def __enter__(self) -> "ReferenceCentre":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
