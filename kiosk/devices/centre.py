"""The centre as a device: tickets, dossier look-ups, catalogue refresh, staff calls, heartbeat."""
from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any, Callable

from dialogs.catalogue import Catalogue
from dialogs.events import (CatalogueLoaded, CentreUnavailable, DossierLooked, Event,
                            TicketIssued)
from dialogs.values import TicketRequest
from kiosk.workers import Worker

log = logging.getLogger(__name__)


REPRINT_WITHIN_S = 15 * 60


def _recent(issued_at: str) -> bool:
    """Issued within the last minutes: the citizen may still be waiting at the kiosk."""
    try:
        issued = dt.datetime.fromisoformat(issued_at)
    except (TypeError, ValueError):
        return False
    now = dt.datetime.now(issued.tzinfo) if issued.tzinfo else dt.datetime.now()
    return 0 <= (now - issued).total_seconds() <= REPRINT_WITHIN_S


class CentreDevice:
    def __init__(self, client: Any, tickets: Any, post: Callable[[Event], None]) -> None:
        self.client = client
        self.tickets = tickets
        self.post = post
        self.worker = Worker("centre")
        self.catalogue: Catalogue | None = None
        self.staff_calls = 0
        self.online: bool | None = None
        self._lock = threading.Lock()

    # -- effects ---------------------------------------------------------------------------
    def issue(self, request: TicketRequest) -> None:
        self.worker.submit(self._issue, request)

    def lookup(self, code: str) -> None:
        self.worker.submit(self._lookup, code)

    def call_staff(self, reason: str) -> None:
        with self._lock:
            self.staff_calls += 1
        # The contract has no staff-call endpoint yet: it goes to the log (read by the centre's
        # log collector) and into the heartbeat summary.
        log.warning("CALL STAFF to the kiosk: %s", reason)

    def refresh_catalogue(self) -> None:
        self.worker.submit(self._refresh)

    def idle(self) -> bool:
        return self.worker.idle

    # -- jobs (worker thread) --------------------------------------------------------------
    def _refresh(self) -> None:
        from kiosk.centre.errors import CentreError
        try:
            catalogue = self.client.catalogue()
        except CentreError as e:
            self.online = False
            log.error("no catalogue from the centre and none cached: %s", e)
            self.post(CentreUnavailable(f"catalogue: {e}"))
            return
        self.online = self.client.catalogue_source == "centre"  # else: from the cache
        if self.catalogue is None or catalogue != self.catalogue:
            self.catalogue = catalogue
            self.post(CatalogueLoaded(catalogue))

    def _issue(self, request: TicketRequest) -> None:
        catalogue = self.catalogue
        if catalogue is None:
            self.post(CentreUnavailable("no catalogue"))
            return
        try:
            ticket = self.tickets.issue(request, catalogue)
        except Exception as e:  # the offline path failed too (disk): say so, call staff
            log.exception("ticket could not be issued, not even offline: %s", e)
            self.post(CentreUnavailable(f"ticket: {e}"))
            return
        self.online = not ticket.offline
        self.post(TicketIssued(ticket))

    def _lookup(self, code: str) -> None:
        from kiosk.centre.errors import CentreError
        try:
            dossier = self.client.dossier(code)
        except CentreError as e:
            log.warning("dossier look-up failed: %s", e)
            self.post(DossierLooked(code=code, dossier=None, error="unavailable"))
            return
        self.post(DossierLooked(code=code, dossier=dossier,
                                error=None if dossier else "not_found"))

    def heartbeat(self, summary: dict[str, Any]) -> None:
        self.worker.submit(self._heartbeat, summary)

    def _heartbeat(self, summary: dict[str, Any]) -> None:
        from kiosk.centre.errors import CentreError
        try:
            self.client.heartbeat(summary)
            self.online = True
        except CentreError as e:
            self.online = False
            log.info("heartbeat not delivered: %s", e)

    def recover(self) -> None:
        """After a restart: send offline tickets, then print what was issued but never printed."""
        self.worker.submit(self._recover)

    def _recover(self) -> None:
        self._sync()
        for pending in self.tickets.pending_prints():
            if not _recent(pending.ticket.issued_at):
                log.warning("ticket %s from %s was never confirmed printed; too old to print "
                            "now (see `kiosk outbox`)", pending.ticket.number,
                            pending.ticket.issued_at)
            elif pending.maybe_printed:
                log.warning("ticket %s may have been printed before a crash: not printed again "
                            "(see `kiosk outbox`)", pending.ticket.number)
            else:
                log.warning("ticket %s was issued but never printed before a restart: printing "
                            "it now", pending.ticket.number)
                self.post(TicketIssued(pending.ticket))

    def _sync(self) -> None:
        try:
            sent = self.tickets.sync_outbox()
        except Exception:
            log.exception("outbox sync failed")
            return
        if sent:
            log.info("outbox: %d offline ticket(s) reached the centre", sent)

    def sync_outbox(self) -> None:
        self.worker.submit(self._sync)

    def stop(self) -> None:
        self.worker.stop()
