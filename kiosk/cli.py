"""The `kiosk` command line. Each subcommand lives in kiosk/commands/<name>.py with a
`register(subparsers)` function that adds its parser and sets `func(args) -> int`."""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

import kiosk.commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Commune-centre kiosk robot")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(kiosk.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"kiosk.commands.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
