"""`kiosk centre serve`: the reference centre server in the foreground (demo and tests)."""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

DEMO_CATALOGUE = Path(__file__).resolve().parents[2] / "config" / "catalogues" / "demo.json"


def register(sub) -> None:
    p = sub.add_parser("centre", help="the reference centre server")
    csub = p.add_subparsers(dest="centre_command", metavar="ACTION")
    s = csub.add_parser("serve", help="serve the centre API over SQLite (foreground)")
    s.add_argument("--db", help="SQLite file (default: <data dir>/centre.sqlite)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 = any free)")
    s.add_argument("--catalogue", help=f"catalogue JSON to seed from (default {DEMO_CATALOGUE})")
    s.add_argument("--token", help="bearer token to require (default: KIOSK_CENTRE_TOKEN, else "
                                   "centre.token of the config, else none)")
    s.add_argument("--config", help="configuration file")
    s.set_defaults(func=run)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run(args) -> int:
    from kiosk.centre.server import ReferenceCentre
    from kiosk.commands import config_or_none
    from kiosk.config import data_dir

    cfg = config_or_none(args.config, "kiosk centre serve")
    if cfg is None:
        return 2
    path = Path(args.catalogue) if args.catalogue else DEMO_CATALOGUE
    try:
        catalogue = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"kiosk centre serve: cannot read the catalogue {path}: {exc}", file=sys.stderr)
        return 2
    token = args.token or os.environ.get("KIOSK_CENTRE_TOKEN") or cfg["centre"].get("token") or None
    db = Path(args.db) if args.db else data_dir() / "centre.sqlite"
    try:
        centre = ReferenceCentre(db, catalogue, token, host=args.host, port=args.port)
    except OSError as exc:
        print(f"kiosk centre serve: cannot listen on {args.host}:{args.port}: {exc.strerror}",
              file=sys.stderr)
        return 2
    except Exception as exc:  # a bad catalogue (ApiError) or database
        print(f"kiosk centre serve: {exc}", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1") and not token:
        log.warning("the centre listens on %s without a token: anyone on the network can use it",
                    args.host)
    _stop_on_signals()
    print(f"centre listening on {centre.url} (db {db}, token {'on' if token else 'off'})",
          flush=True)
    try:
        centre.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        centre.stop()
    return 0


def _stop_on_signals() -> None:
    """Ctrl-C and a service manager's SIGTERM stop the server, even when it was started with
    SIGINT ignored (a background job of a shell without job control ignores it)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
