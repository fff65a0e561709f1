"""Issuing queue tickets through the centre, or offline, without losing or duplicating one.

The order of durable steps (each one a committed SQLite transaction):

1. `issue()` records the request (a fresh uuid request_id) before any call to the centre.
2. It picks the counter (online from `GET /counters/status`, offline from the catalogue), records it,
   and sends `POST /tickets` with the request_id. The centre's ticket is recorded, then returned.
3. If the centre cannot be used, the same row becomes an offline ticket `<kiosk_id>-NNN` (daily
   sequence) in the outbox, in one transaction, before `issue()` returns (so before printing).
4. `sync_outbox()` sends each offline ticket with its original request_id (plus its offline number),
   and marks it synced after the centre's answer. A crash between the two sends it again with the
   same request_id, and the centre answers the same ticket: exactly one ticket per request_id.
5. The shell calls `mark_print_started()` just before sending the bytes to the printer and
   `mark_printed()` once they are taken. After a crash, `pending_prints()` says which tickets were
   never printed (print them) and which may have been (show them, don't print them twice).

A request left `requested` by a crash is resolved by `sync_outbox()` (same request_id again; the
ticket then shows up in `pending_prints()`), or marked abandoned if it never reached the POST.
"""
from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, replace

from dialogs.catalogue import Catalogue
from dialogs.counters import CounterStatus, pick_counter
from dialogs.values import Ticket, TicketRequest

from kiosk.centre.client import CentreClient
from kiosk.centre.errors import CentreError, CentreUnavailable
from kiosk.store import JournalEntry, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PendingPrint:
    """A ticket whose printing was never confirmed."""
    ticket: Ticket
    maybe_printed: bool
    """True when the bytes may have reached the printer before the crash: show the ticket (or
    print it marked as a copy) rather than printing it again silently."""


class TicketService:
    """Issues tickets (online or offline) and syncs the outbox. Thread-safe."""

    def __init__(self, client: CentreClient | None, store: Store, kiosk_id: str,
                 default_counter_id: str | None = None) -> None:
        self.client = client
        self.store = store
        self.kiosk_id = kiosk_id
        self.default_counter_id = default_counter_id or None
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()

    # -- issuing --------------------------------------------------------------------------------
    def issue(self, request: TicketRequest, catalogue: Catalogue) -> Ticket:
        """A ticket for the request: the centre's, or an offline one already in the outbox."""
        request_id = str(uuid.uuid4())
        with self._lock:
            self._in_flight.add(request_id)
        try:
            return self._issue(request_id, request, catalogue)
        finally:
            with self._lock:
                self._in_flight.discard(request_id)

    def _issue(self, request_id: str, request: TicketRequest, catalogue: Catalogue) -> Ticket:
        self.store.record_request(request_id, self.kiosk_id, request.procedure_id,
                                  request.field_id, None, request.priority)
        statuses: list[CounterStatus] | None = None
        error: str | None = None
        if self.client is None:
            error = "no centre configured"
        else:
            try:
                statuses = self.client.counter_status()
            except CentreUnavailable as exc:
                error = exc.reason  # the centre is down: don't wait for a second timeout
            except CentreError:
                statuses = None     # status broken but the centre may still issue tickets
        counter = pick_counter(catalogue, request.field_id, statuses, self.default_counter_id)
        counter_id = counter.id if counter else (self.default_counter_id or "")
        counter_number = counter.number if counter else 0
        if counter is None:
            log.error("tickets: no counter serves field %r and no usable default counter; the "
                      "ticket will name no counter", request.field_id)
        self.store.set_request_counter(request_id, counter_id, counter_number)
        if error is None and self.client is not None:
            try:
                ticket = self.client.issue_ticket(request_id, request.procedure_id, counter_id,
                                                  request.priority)
                known = catalogue.counter(ticket.counter_id)
                if known:
                    ticket = replace(ticket, counter_number=known.number)
                elif not ticket.counter_number:
                    ticket = replace(ticket, counter_number=counter_number)
                self.store.record_issued(ticket)
                return ticket
            except CentreError as exc:
                error = exc.reason
        ticket = self.store.record_offline(request_id, self.kiosk_id, counter_id, counter_number,
                                           error or "centre unavailable")
        log.warning("tickets: centre unavailable (%s); offline ticket %s issued, in the outbox",
                    error, ticket.number)
        return ticket

    # -- printing -------------------------------------------------------------------------------
    def mark_print_started(self, ticket: Ticket) -> None:
        """Call just before the ticket's bytes go to the printer."""
        self.store.mark_print_started(ticket.request_id)

    def mark_printed(self, ticket: Ticket) -> None:
        """Call once the printer has taken the ticket."""
        self.store.mark_printed(ticket.request_id)

    def pending_prints(self) -> list[PendingPrint]:
        """Issued tickets whose printing was never confirmed (after a crash or a printer fault)."""
        return [PendingPrint(e.ticket, e.print_started_at is not None)
                for e in self.store.unprinted() if e.ticket is not None]

    # -- outbox ---------------------------------------------------------------------------------
    def pending(self) -> list[JournalEntry]:
        """Offline tickets not yet acknowledged by the centre."""
        return self.store.outbox()

    def sync_outbox(self) -> int:
        """Send pending offline tickets (and resolve requests a crash left unanswered).
        Returns how many offline tickets the centre acknowledged. Stops at the first sign that
        the centre is down; a refused ticket stays in the outbox with its reason."""
        if self.client is None:
            return 0
        if not self._sync_lock.acquire(blocking=False):
            return 0
        try:
            self._resolve_unanswered()
            sent = 0
            for entry in self.store.outbox():
                ticket = entry.ticket
                assert ticket is not None
                try:
                    centre = self.client.issue_ticket(
                        entry.request_id, entry.procedure_id, entry.counter_id or "",
                        entry.priority, offline_number=ticket.number, issued_at=ticket.issued_at)
                except CentreUnavailable as exc:
                    self.store.note_attempt(entry.request_id, exc.reason)
                    log.warning("outbox: centre unavailable, %d ticket(s) still pending",
                                len(self.store.outbox()))
                    break
                except CentreError as exc:
                    self.store.note_attempt(entry.request_id, exc.reason)
                    log.error("outbox: the centre refused offline ticket %s: %s (kept)",
                              ticket.number, exc.reason)
                    continue
                self.store.mark_synced(entry.request_id, centre.to_json())
                sent += 1
                if centre.number != ticket.number:
                    log.warning("outbox: the centre already had request %s as ticket %s; the "
                                "citizen holds %s", entry.request_id, centre.number,
                                ticket.number)
                log.info("outbox: offline ticket %s reached the centre as %s", ticket.number,
                         centre.number)
            return sent
        finally:
            self._sync_lock.release()

    def _resolve_unanswered(self) -> None:
        assert self.client is not None
        for entry in self.store.unresolved():
            with self._lock:
                if entry.request_id in self._in_flight:
                    continue
            if entry.counter_id is None:
                self.store.mark_abandoned(entry.request_id, "stopped before calling the centre")
                continue
            try:
                ticket = self.client.issue_ticket(entry.request_id, entry.procedure_id,
                                                  entry.counter_id, entry.priority)
            except CentreUnavailable:
                return
            except CentreError as exc:
                self.store.note_attempt(entry.request_id, exc.reason)
                continue
            if not ticket.counter_number and ticket.counter_id == entry.counter_id:
                ticket = replace(ticket, counter_number=entry.counter_number or 0)
            self.store.record_issued(ticket)
            log.warning("tickets: request %s interrupted by a restart was ticket %s; it was "
                        "never printed", entry.request_id, ticket.number)
