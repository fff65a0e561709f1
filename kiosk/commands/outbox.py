"""`kiosk outbox [--sync]`: list the offline tickets not yet sent to the centre, or send them."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("outbox", help="list (or --sync) offline tickets not yet sent to the centre")
    p.add_argument("--sync", action="store_true", help="send them to the centre now")
    p.add_argument("--config", help="configuration file")
    p.add_argument("--store", help="kiosk store file (default: the kiosk's own, see `kiosk doctor`)")
    p.add_argument("--centre", help="centre base URL (default: centre.url of the config)")
    p.add_argument("--json", action="store_true", help="one JSON object instead of text")
    p.set_defaults(func=run)


def run(args) -> int:
    from kiosk.centre.client import CentreClient
    from kiosk.centre.tickets import TicketService
    from kiosk.commands import config_or_none
    from kiosk.config import store_path
    from kiosk.store import Store, StoreError

    cfg = config_or_none(args.config, "kiosk outbox")
    if cfg is None:
        return 2
    path = Path(args.store) if args.store else store_path(cfg)
    if not path.exists():
        print(f"kiosk outbox: no kiosk store at {path}", file=sys.stderr)
        return 2
    try:
        store = Store(path)
    except StoreError as exc:
        print(f"kiosk outbox: {exc}", file=sys.stderr)
        return 2
    sent = None
    status = 0
    if args.sync:
        url = args.centre or cfg["centre"]["url"]
        if not url:
            print("kiosk outbox: no centre URL (centre.url in the config, or --centre)",
                  file=sys.stderr)
            return 2
        client = CentreClient.from_config(cfg, store, base_url=url)
        service = TicketService(client, store, cfg["kiosk"]["id"],
                                cfg["centre"].get("default_counter") or None)
        sent = service.sync_outbox()
        client.close()
    pending = store.outbox()
    unprinted = store.unprinted()
    if args.sync and pending:
        status = 1
    rows = [{"number": e.ticket.number if e.ticket else None, "request_id": e.request_id,
             "procedure_id": e.procedure_id, "counter_id": e.counter_id,
             "priority": e.priority, "issued_at": e.ticket.issued_at if e.ticket else None,
             "attempts": e.attempts, "last_error": e.last_error} for e in pending]
    if args.json:
        print(json.dumps({"pending": rows, "sent": sent, "unprinted": len(unprinted),
                          "unresolved": len(store.unresolved())}, ensure_ascii=False))
    else:
        if sent is not None:
            print(f"sent {sent} offline ticket(s) to the centre")
        if not rows:
            print("outbox empty: every offline ticket has reached the centre")
        for r in rows:
            err = f"  last error: {r['last_error']}" if r["last_error"] else ""
            print(f"{r['number']:<10} {r['issued_at']}  {r['procedure_id']} -> counter "
                  f"{r['counter_id']}  attempts {r['attempts']}{err}")
        if unprinted:
            print(f"{len(unprinted)} issued ticket(s) never confirmed printed")
    store.close()
    return status
