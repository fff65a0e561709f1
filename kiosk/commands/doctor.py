"""`kiosk doctor [--json]`: what works and what does not, for the technician."""
from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check configuration, store, centre, models and devices")
    p.add_argument("--json", action="store_true")
    p.add_argument("--config", metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load_config
    from kiosk.health import all_checks

    try:
        cfg = load_config(args.config)
    except ConfigError as e:
        checks = [{"name": "config", "status": "fail", "detail": str(e)}]
    else:
        checks = all_checks(cfg)
    if args.json:
        print(json.dumps({"ok": all(c["status"] != "fail" for c in checks), "checks": checks},
                         ensure_ascii=False))
    else:
        for c in checks:
            print(f"{c['status'].upper():5s} {c['name']}: {c['detail']}")
    return 1 if any(c["status"] == "fail" for c in checks) else 0
