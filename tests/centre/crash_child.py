"""A kiosk process for the crash tests: issues, prints and syncs tickets, and can stop (to be
SIGKILLed by the test) at a chosen point. Run: python -m tests.centre.crash_child MODE STORE URL PAPER

Modes:
  issue-then-wait   issue one ticket, say COMMITTED, wait (killed before printing)
  print-then-wait   issue, start printing (paper line written), say PRINTED, wait (killed before
                    the print is confirmed)
  sync-then-wait    sync the outbox, but say SENT and wait when the first answer arrives (killed
                    between the send and the acknowledgement)
  recover           print what was never printed, show what may have been, sync; say DONE
  loop              issue+print+sync forever (killed at random moments)
"""
from __future__ import annotations

import json
import os
import sys
import time

from dialogs.catalogue import parse_catalogue
from dialogs.values import TicketRequest
from kiosk.centre.client import CentreClient
from kiosk.centre.tickets import TicketService
from kiosk.store import Store

TOKEN = "test-token-0f9e8d7c"
REQUESTS = [TicketRequest("khai-sinh", "hotich"), TicketRequest("so-do", "datdai", True),
            TicketRequest("chung-thuc-ban-sao", "chungthuc")]


def say(word: str, **data) -> None:
    sys.stdout.write(json.dumps({"event": word, **data}) + "\n")
    sys.stdout.flush()


def wait_forever() -> None:
    while True:
        time.sleep(60)


def print_ticket(service: TicketService, ticket, paper: str, copy: bool = False) -> None:
    service.mark_print_started(ticket)
    with open(paper, "a", encoding="utf-8") as f:       # the printer takes the bytes
        f.write(json.dumps({"request_id": ticket.request_id, "number": ticket.number,
                            "copy": copy}) + "\n")
        f.flush()
        os.fsync(f.fileno())


def main() -> int:
    mode, store_path, url, paper = sys.argv[1:5]
    store = Store(store_path)
    client = CentreClient(url, TOKEN, "K1", connect_timeout_s=0.5, read_timeout_s=0.5, retries=0,
                          store=store, status_cache_s=0)
    service = TicketService(client, store, "K1", "q3")
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "catalogue.json"), encoding="utf-8") as f:
        catalogue = parse_catalogue(json.load(f))

    if mode == "issue-then-wait":
        ticket = service.issue(REQUESTS[0], catalogue)
        say("COMMITTED", request_id=ticket.request_id, number=ticket.number)
        wait_forever()
    if mode == "print-then-wait":
        ticket = service.issue(REQUESTS[0], catalogue)
        print_ticket(service, ticket, paper)
        say("PRINTED", request_id=ticket.request_id, number=ticket.number)
        wait_forever()
    if mode == "sync-then-wait":
        def stop_before_ack(request_id, centre_ticket):
            say("SENT", request_id=request_id, number=centre_ticket["number"])
            wait_forever()
        store.mark_synced = stop_before_ack            # the centre answered; not yet recorded
        service.sync_outbox()
        say("NOTHING")
        return 0
    if mode == "recover":
        synced = service.sync_outbox()   # also resolves requests a crash left unanswered
        shown = []
        for pending in service.pending_prints():
            if pending.maybe_printed:
                shown.append(pending.ticket.number)    # on screen, not printed again
                service.mark_printed(pending.ticket)
            else:
                print_ticket(service, pending.ticket, paper)
                service.mark_printed(pending.ticket)
        say("DONE", shown=shown, synced=synced, pending=len(store.outbox()))
        return 0
    if mode == "loop":
        i = 0
        say("READY")
        while True:
            ticket = service.issue(REQUESTS[i % len(REQUESTS)], catalogue)
            print_ticket(service, ticket, paper)
            service.mark_printed(ticket)
            if i % 3 == 2:
                service.sync_outbox()
            i += 1
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
