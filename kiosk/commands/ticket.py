"""`kiosk ticket --printer URI [--sample | --procedure ID [--priority] | --number N --counter C ...]`."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import uuid


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ticket", help="print a ticket: a sample, one issued for a procedure, or given fields")
    p.add_argument("--printer", metavar="URI", help="usb:VID:PID | serial:DEV?baud=N | tcp://HOST:PORT | "
                   "file:DEV | png:DIR (default: printer.uri of the config)")
    p.add_argument("--width", type=int, choices=(384, 576), help="dots (default: printer.width_dots)")
    p.add_argument("--config", metavar="FILE")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--sample", action="store_true",
                      help="the sample ticket: 0125, Quầy 3, Đăng ký khai sinh, 4 people ahead")
    what.add_argument("--procedure", metavar="ID",
                      help="issue a ticket for this procedure through the centre (offline if it is down)")
    what.add_argument("--number", help="print a ticket with these fields (no centre involved)")
    p.add_argument("--priority", action="store_true", help="a priority ticket")
    p.add_argument("--centre", metavar="URL", help="centre base URL (default: centre.url)")
    p.add_argument("--counter", type=int, default=1, help="with --number: counter number")
    p.add_argument("--name", default="", help="with --number: procedure name")
    p.add_argument("--ahead", type=int, default=0, help="with --number: people ahead")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"kiosk ticket: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import config_or_none
    from kiosk.config import printer_uri
    from printer.errors import PrinterError
    from printer.ticket_layout import TicketContent, render_ticket
    from printer.transports import open_printer

    cfg = config_or_none(args.config, "kiosk ticket")
    if cfg is None:
        return 2
    uri = args.printer or printer_uri(cfg)
    if not uri:
        return _fail("no printer: give --printer URI or set printer.uri")
    width = args.width or cfg["printer"]["width_dots"]
    ticket_json = None
    if args.sample:
        from printer.sample import sample_content
        content = sample_content(args.lang)
        job_id = f"sample-{uuid.uuid4()}"
    elif args.number:
        content = TicketContent(
            centre_name=cfg["kiosk"]["centre_name"], number=args.number,
            counter_number=args.counter, counter_name="", procedure_name=args.name,
            issued_at=dt.datetime.now(), people_ahead=args.ahead, estimated_wait_s=0,
            priority=args.priority, qr_text=None, directions="", lang=args.lang)
        job_id = f"manual-{uuid.uuid4()}"
    else:
        issued = _issue(cfg, args)
        if isinstance(issued, int):
            return issued
        content, ticket, service = issued
        ticket_json = ticket.to_json()
        job_id = ticket.request_id or ticket.ticket_id
    try:
        printer = open_printer(uri, width)
    except ValueError as e:
        return _fail(f"bad printer URI {uri!r}: {e}")
    try:
        image = render_ticket(content, width_dots=width)
        if ticket_json is not None:
            service.mark_print_started(ticket)
        result = printer.print_ticket(image, job_id=job_id)
        if ticket_json is not None:
            service.mark_printed(ticket)
    except PrinterError as e:
        print(json.dumps({"printed": False, "reason": e.reason, "message": e.message_vi,
                          "ticket": ticket_json}, ensure_ascii=False))
        return 1
    finally:
        printer.close()
    print(json.dumps({"printed": True, "printer": uri, "bytes": result.bytes_sent,
                      "confirmed": result.confirmed, "width": width, "ticket": ticket_json},
                     ensure_ascii=False))
    return 0


def _issue(cfg: dict, args: argparse.Namespace):
    """Issue a ticket through the centre (offline when it is down) and build what is printed."""
    from dialogs.values import TicketRequest
    from kiosk.centre.client import CentreClient
    from kiosk.centre.errors import CentreError
    from kiosk.centre.tickets import TicketService
    from kiosk.config import store_path
    from kiosk.devices.printer import ticket_content
    from kiosk.store import Store

    url = args.centre or cfg["centre"]["url"]
    if not url:
        return _fail("no centre: give --centre URL or set centre.url")
    store = Store(store_path(cfg))  # the kiosk's own store, so `kiosk outbox` sees its tickets
    client = CentreClient.from_config(cfg, store, base_url=url)
    try:
        catalogue = client.catalogue()
    except CentreError as e:
        return _fail(f"no catalogue from {url} and none cached: {e}")
    procedure = catalogue.procedure(args.procedure) or catalogue.by_code(args.procedure)
    if procedure is None:
        return _fail(f"unknown procedure {args.procedure!r} in the centre's catalogue")
    service = TicketService(client, store, cfg["kiosk"]["id"], cfg["centre"]["default_counter"] or None)
    ticket = service.issue(TicketRequest(procedure.id, procedure.field_id, args.priority), catalogue)
    content = ticket_content(ticket, catalogue, cfg["kiosk"]["centre_name"], args.lang)
    return content, ticket, service
