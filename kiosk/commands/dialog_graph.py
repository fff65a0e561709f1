"""`kiosk dialog-graph`: the dialog's state graph as Graphviz DOT, discovered from the machine."""
from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dialog-graph", help="print the dialog state graph (Graphviz DOT)")
    p.add_argument("--catalogue", metavar="FILE", help="catalogue JSON (default: the demo one)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dialogs.catalogue import parse_catalogue
    from dialogs.events import CatalogueLoaded
    from dialogs.graph import explore, to_dot
    from dialogs.machine import step
    from dialogs.state import initial_state
    from kiosk.app import DEMO_CATALOGUE

    path = args.catalogue or DEMO_CATALOGUE
    with open(path, encoding="utf-8") as f:
        catalogue = parse_catalogue(json.load(f))
    state, _ = step(initial_state(), CatalogueLoaded(catalogue))
    sys.stdout.write(to_dot(explore(state)))
    return 0
