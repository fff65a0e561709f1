"""The ticket printer as a device: render the ticket, send it, report TicketPrinted/PrinterFailed."""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable

from dialogs import prompts
from dialogs.catalogue import Catalogue
from dialogs.events import Event, PrinterFailed, TicketPrinted
from dialogs.values import Ticket
from kiosk.workers import Worker

log = logging.getLogger(__name__)


def ticket_content(ticket: Ticket, catalogue: Catalogue, centre_name: str, lang: str) -> Any:
    """What goes on the paper, from the ticket and the catalogue."""
    from printer.ticket_layout import TicketContent
    procedure = catalogue.procedure(ticket.procedure_id)
    counter = catalogue.counter(ticket.counter_id)
    try:
        issued = dt.datetime.fromisoformat(ticket.issued_at) if ticket.issued_at else dt.datetime.now()
    except ValueError:
        issued = dt.datetime.now()
    if issued.tzinfo is not None:
        issued = issued.astimezone().replace(tzinfo=None)  # the kiosk's local time
    return TicketContent(
        centre_name=centre_name, number=ticket.number, counter_number=ticket.counter_number,
        counter_name=counter.name if counter else "",
        procedure_name=procedure.name if procedure else ticket.procedure_id,
        issued_at=issued, people_ahead=ticket.people_ahead,
        estimated_wait_s=ticket.estimated_wait_s, priority=ticket.priority,
        qr_text=ticket.tracking_url or ticket.ticket_id,
        directions=prompts.say(lang, "directions", counter=ticket.counter_number),
        offline=ticket.offline, lang=lang)


class PrinterDevice:
    def __init__(self, uri: str, width_dots: int, centre_name: str,
                 post: Callable[[Event], None],
                 on_print_started: Callable[[Ticket], None] | None = None,
                 on_printed: Callable[[Ticket], None] | None = None) -> None:
        self.uri = uri
        self.width_dots = width_dots
        self.centre_name = centre_name
        self.post = post
        self.on_print_started = on_print_started
        self.on_printed = on_printed
        self.worker = Worker("printer")
        self._printer: Any = None
        self.last_ok: bool | None = None

    def print(self, ticket: Ticket, catalogue: Catalogue, lang: str) -> None:
        self.worker.submit(self._print, ticket, catalogue, lang)

    def idle(self) -> bool:
        return self.worker.idle

    def _open(self) -> Any:
        from printer.transports import open_printer
        if self._printer is None:
            self._printer = open_printer(self.uri, self.width_dots)
        return self._printer

    def _print(self, ticket: Ticket, catalogue: Catalogue, lang: str) -> None:
        from printer.errors import PrinterError
        from printer.ticket_layout import render_ticket
        try:
            image = render_ticket(ticket_content(ticket, catalogue, self.centre_name, lang),
                                  width_dots=self.width_dots)
            printer = self._open()
            if self.on_print_started:
                self.on_print_started(ticket)
            printer.print_ticket(image, job_id=ticket.request_id or ticket.ticket_id)
        except PrinterError as e:
            self.last_ok = False
            log.error("printer %s failed for ticket %s: %s", self.uri, ticket.number, e.reason)
            self._drop_connection()
            self.post(PrinterFailed(e.reason))
            return
        except Exception as e:  # a bug or an OS error must not lose the ticket on screen
            self.last_ok = False
            log.exception("printer %s: unexpected failure: %s", self.uri, e)
            self._drop_connection()
            self.post(PrinterFailed("error"))
            return
        self.last_ok = True
        if self.on_printed:
            self.on_printed(ticket)
        self.post(TicketPrinted())

    def _drop_connection(self) -> None:
        # Reconnect on the next job: the printer may come back (replugged, paper loaded).
        if self._printer is not None:
            try:
                self._printer.close()
            except Exception:
                pass
            self._printer = None

    def stop(self) -> None:
        self.worker.stop()
        self._drop_connection()
