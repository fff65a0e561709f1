"""The kiosk's local durable store (SQLite): catalogue cache, ticket journal, offline numbering, outbox.

Every write is committed with WAL and `synchronous=FULL` before the caller goes on (so before a
ticket is printed). One connection guarded by a lock: the kiosk's device threads may call it.

The ticket journal holds one row per request_id, whatever happens to it:

    requested ──(centre answered)──────────────> issued    (online ticket)
        ├─────(centre unreachable/failed)──────> offline   (outbox: synced_at NULL until sent)
        └─────(stopped before any POST)────────> abandoned (no ticket exists anywhere)

and, independently, the print state of the ticket: `print_started_at` is set just before the bytes
go to the printer and `printed_at` once the printer took them. After a crash, a ticket with neither
was never printed (safe to print); one with only `print_started_at` may have been printed (show it,
do not print it again without saying so). A `requested` row with no answer is resolved later by
sending the same request_id again (the centre answers the same ticket).
"""
from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from dialogs.values import Ticket

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE catalogue_cache (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        body TEXT NOT NULL,
        etag TEXT,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE offline_sequence (
        day TEXT PRIMARY KEY,
        last INTEGER NOT NULL
    );
    CREATE TABLE tickets (
        request_id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        procedure_id TEXT NOT NULL,
        field_id TEXT NOT NULL,
        counter_id TEXT,
        counter_number INTEGER,
        priority INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('requested', 'issued', 'offline', 'abandoned')),
        ticket TEXT,
        created_at TEXT NOT NULL,
        issued_at TEXT,
        synced_at TEXT,
        centre_ticket TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        print_started_at TEXT,
        printed_at TEXT
    );
    CREATE INDEX tickets_outbox ON tickets (state, synced_at);
    """,
}


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class CachedCatalogue:
    """The last catalogue the centre sent, as JSON, with its ETag."""
    body: dict[str, Any]
    etag: str | None
    fetched_at: str


@dataclass(frozen=True)
class JournalEntry:
    """One row of the ticket journal."""
    request_id: str
    kiosk_id: str
    procedure_id: str
    field_id: str
    counter_id: str | None
    counter_number: int | None
    priority: bool
    state: str
    """requested | issued | offline"""
    ticket: Ticket | None
    created_at: str
    synced_at: str | None
    attempts: int
    last_error: str | None
    print_started_at: str | None
    printed_at: str | None
    centre_ticket: dict[str, Any] | None = None
    """For a synced offline ticket, what the centre answered."""


def ticket_from_json(data: dict[str, Any]) -> Ticket:
    known = set(Ticket.__dataclass_fields__)
    return Ticket(**{k: v for k, v in data.items() if k in known})


class StoreError(RuntimeError):
    """The local store cannot be opened or is damaged."""


class Store:
    """The kiosk's SQLite store. Thread-safe: one connection, one lock."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(str(path), timeout=10.0, isolation_level=None,
                                       check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the kiosk store {path}: {exc}") from exc

    # -- plumbing -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"store {self.path} has schema {version}, newer than this "
                                 f"program ({SCHEMA_VERSION})")
            for v in range(version + 1, SCHEMA_VERSION + 1):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _MIGRATIONS[v].split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version={v}")
                    self._db.execute("COMMIT")
                except Exception:
                    self._db.execute("ROLLBACK")
                    raise
                log.info("kiosk store %s migrated to schema %d", self.path, v)

    class _Tx:
        def __init__(self, store: "Store") -> None:
            self.store = store

        def __enter__(self) -> sqlite3.Connection:
            self.store._lock.acquire()
            try:
                self.store._db.execute("BEGIN IMMEDIATE")
            except Exception:
                self.store._lock.release()
                raise
            return self.store._db

        def __exit__(self, exc_type, exc, tb) -> None:
            try:
                self.store._db.execute("ROLLBACK" if exc_type else "COMMIT")
            finally:
                self.store._lock.release()

    def _tx(self) -> "Store._Tx":
        return Store._Tx(self)

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def schema_version(self) -> int:
        return int(self._query("PRAGMA user_version")[0][0])

    def pragmas(self) -> dict[str, Any]:
        """journal_mode and synchronous as SQLite reports them (for health checks and tests)."""
        return {"journal_mode": self._query("PRAGMA journal_mode")[0][0],
                "synchronous": self._query("PRAGMA synchronous")[0][0]}

    def integrity_ok(self) -> bool:
        return self._query("PRAGMA quick_check")[0][0] == "ok"

    # -- catalogue cache ------------------------------------------------------------------------
    def cached_catalogue(self) -> CachedCatalogue | None:
        rows = self._query("SELECT body, etag, fetched_at FROM catalogue_cache WHERE id = 1")
        if not rows:
            return None
        try:
            body = json.loads(rows[0]["body"])
        except ValueError:
            log.error("the cached catalogue in %s is not JSON; ignoring it", self.path)
            return None
        return CachedCatalogue(body=body, etag=rows[0]["etag"], fetched_at=rows[0]["fetched_at"])

    def save_catalogue(self, body: dict[str, Any], etag: str | None) -> None:
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        with self._tx() as db:
            db.execute("INSERT INTO catalogue_cache (id, body, etag, fetched_at) VALUES (1, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET body=excluded.body, etag=excluded.etag, "
                       "fetched_at=excluded.fetched_at", (text, etag, now_iso()))

    def touch_catalogue(self) -> None:
        """The centre confirmed the cached catalogue (304)."""
        with self._tx() as db:
            db.execute("UPDATE catalogue_cache SET fetched_at = ? WHERE id = 1", (now_iso(),))

    # -- ticket journal -------------------------------------------------------------------------
    def record_request(self, request_id: str, kiosk_id: str, procedure_id: str, field_id: str,
                       counter_id: str | None, priority: bool) -> None:
        """Durably note that a ticket was asked for, before the centre is called."""
        with self._tx() as db:
            db.execute("INSERT INTO tickets (request_id, kiosk_id, procedure_id, field_id, "
                       "counter_id, priority, state, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                       "'requested', ?)", (request_id, kiosk_id, procedure_id, field_id,
                                           counter_id, int(priority), now_iso()))

    def set_request_counter(self, request_id: str, counter_id: str | None,
                            counter_number: int | None = None) -> None:
        """The counter picked for the request (recorded before POST /tickets is sent)."""
        with self._tx() as db:
            db.execute("UPDATE tickets SET counter_id = ?, counter_number = ? WHERE request_id = ? "
                       "AND state = 'requested'", (counter_id, counter_number, request_id))

    def record_issued(self, ticket: Ticket) -> None:
        """The centre answered the request with this ticket."""
        with self._tx() as db:
            db.execute("UPDATE tickets SET state = 'issued', ticket = ?, issued_at = ?, "
                       "synced_at = ?, counter_id = ? WHERE request_id = ?",
                       (json.dumps(ticket.to_json(), ensure_ascii=False), now_iso(), now_iso(),
                        ticket.counter_id, ticket.request_id))

    def record_offline(self, request_id: str, kiosk_id: str, counter_id: str,
                       counter_number: int, error: str,
                       day: _dt.date | None = None) -> Ticket:
        """Number an offline ticket from the kiosk's daily sequence and put it in the outbox,
        in one transaction. Returns the ticket (offline=True)."""
        day = day or _dt.date.today()
        with self._tx() as db:
            row = db.execute("SELECT * FROM tickets WHERE request_id = ?", (request_id,)).fetchone()
            if row is None:
                raise KeyError(request_id)
            if row["state"] != "requested":
                return ticket_from_json(json.loads(row["ticket"]))
            seq_row = db.execute("SELECT last FROM offline_sequence WHERE day = ?",
                                 (day.isoformat(),)).fetchone()
            seq = (seq_row["last"] if seq_row else 0) + 1
            db.execute("INSERT INTO offline_sequence (day, last) VALUES (?, ?) ON CONFLICT(day) "
                       "DO UPDATE SET last = excluded.last", (day.isoformat(), seq))
            issued_at = now_iso()
            ticket = Ticket(
                ticket_id=f"offline:{kiosk_id}:{day.isoformat()}:{seq}",
                number=f"{kiosk_id}-{seq:03d}", counter_id=counter_id,
                counter_number=counter_number, procedure_id=row["procedure_id"],
                people_ahead=0, estimated_wait_s=0, issued_at=issued_at, tracking_url=None,
                priority=bool(row["priority"]), offline=True, request_id=request_id)
            db.execute("UPDATE tickets SET state = 'offline', ticket = ?, issued_at = ?, "
                       "counter_id = ?, last_error = ? WHERE request_id = ?",
                       (json.dumps(ticket.to_json(), ensure_ascii=False), issued_at, counter_id,
                        error, request_id))
            return ticket

    def mark_abandoned(self, request_id: str, reason: str) -> None:
        """A request from a previous run that never reached the centre and has no ticket."""
        with self._tx() as db:
            db.execute("UPDATE tickets SET state = 'abandoned', last_error = ? "
                       "WHERE request_id = ? AND state = 'requested'", (reason, request_id))

    def mark_synced(self, request_id: str, centre_ticket: dict[str, Any]) -> None:
        with self._tx() as db:
            db.execute("UPDATE tickets SET synced_at = ?, centre_ticket = ?, last_error = NULL, "
                       "attempts = attempts + 1 WHERE request_id = ?",
                       (now_iso(), json.dumps(centre_ticket, ensure_ascii=False), request_id))

    def note_attempt(self, request_id: str, error: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE tickets SET attempts = attempts + 1, last_error = ? "
                       "WHERE request_id = ?", (error, request_id))

    def mark_print_started(self, request_id: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE tickets SET print_started_at = COALESCE(print_started_at, ?) "
                       "WHERE request_id = ?", (now_iso(), request_id))

    def mark_printed(self, request_id: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE tickets SET printed_at = COALESCE(printed_at, ?), "
                       "print_started_at = COALESCE(print_started_at, ?) WHERE request_id = ?",
                       (now_iso(), now_iso(), request_id))

    def _entry(self, row: sqlite3.Row) -> JournalEntry:
        return JournalEntry(
            request_id=row["request_id"], kiosk_id=row["kiosk_id"],
            procedure_id=row["procedure_id"], field_id=row["field_id"],
            counter_id=row["counter_id"], counter_number=row["counter_number"],
            priority=bool(row["priority"]), state=row["state"],
            ticket=ticket_from_json(json.loads(row["ticket"])) if row["ticket"] else None,
            created_at=row["created_at"], synced_at=row["synced_at"], attempts=row["attempts"],
            last_error=row["last_error"], print_started_at=row["print_started_at"],
            printed_at=row["printed_at"],
            centre_ticket=json.loads(row["centre_ticket"]) if row["centre_ticket"] else None)

    def entry(self, request_id: str) -> JournalEntry | None:
        rows = self._query("SELECT * FROM tickets WHERE request_id = ?", (request_id,))
        return self._entry(rows[0]) if rows else None

    def _entries(self, where_order: str) -> list[JournalEntry]:
        return [self._entry(r) for r in self._query(f"SELECT * FROM tickets {where_order}")]

    def entries(self) -> list[JournalEntry]:
        return self._entries("ORDER BY created_at, rowid")

    def outbox(self) -> list[JournalEntry]:
        """Offline tickets not yet acknowledged by the centre, oldest first."""
        return self._entries("WHERE state = 'offline' AND synced_at IS NULL "
                             "ORDER BY issued_at, rowid")

    def unresolved(self) -> list[JournalEntry]:
        """Requests recorded but never answered (the process stopped while calling the centre)."""
        return self._entries("WHERE state = 'requested' ORDER BY created_at, rowid")

    def unprinted(self) -> list[JournalEntry]:
        """Tickets issued (online or offline) whose printing was never confirmed."""
        return self._entries("WHERE state IN ('issued', 'offline') AND printed_at IS NULL "
                             "ORDER BY issued_at, rowid")

    def iter_offline_numbers(self) -> Iterator[str]:
        for e in self.entries():
            if e.state == "offline" and e.ticket:
                yield e.ticket.number
