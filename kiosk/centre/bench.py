"""Bench of the centre link: ticket round trip to the reference centre on localhost, offline
ticket (durable commit), outbox sync per ticket. Figures in ms (not in the design's list yet)."""
from __future__ import annotations

import json
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROUNDS = 20


def run(cfg: dict) -> tuple[dict, dict]:

    figures: dict[str, Any] = {"centre_ticket_ms_median": None, "offline_ticket_ms_median": None,
                               "outbox_sync_ms_per_ticket": None}
    notes: dict[str, str] = {}
    demo = Path(__file__).resolve().parents[2] / "config" / "catalogues" / "demo.json"
    if not demo.exists():
        for k in figures:
            notes[k] = f"no demo catalogue at {demo}"
        return figures, notes
    quiet = [logging.getLogger(n) for n in ("kiosk.centre", "kiosk.store")]
    levels = [q.level for q in quiet]
    for q in quiet:
        q.setLevel(logging.CRITICAL)   # the bench prints nothing (offline tickets log warnings)
    try:
        return _run(demo, figures, notes)
    finally:
        for q, level in zip(quiet, levels):
            q.setLevel(level)


def _run(demo: Path, figures: dict[str, Any], notes: dict[str, str]) -> tuple[dict, dict]:
    from dialogs.catalogue import parse_catalogue
    from dialogs.values import TicketRequest
    from kiosk.centre.client import CentreClient
    from kiosk.centre.server import ReferenceCentre
    from kiosk.centre.tickets import TicketService
    from kiosk.store import Store

    cat_json = json.loads(demo.read_text(encoding="utf-8"))
    catalogue = parse_catalogue(cat_json)
    proc = catalogue.procedures[0]
    request = TicketRequest(proc.id, proc.field_id)
    with tempfile.TemporaryDirectory() as d:
        centre = ReferenceCentre(Path(d) / "centre.sqlite", cat_json, "bench").start()
        store = Store(Path(d) / "kiosk.sqlite")
        try:
            online = TicketService(CentreClient(centre.url, "bench", "K1", store=store,
                                                status_cache_s=0), store, "K1")
            offline = TicketService(CentreClient("http://127.0.0.1:9/api/v1", "bench", "K1",
                                                 retries=0, store=store), store, "K1")
            figures["centre_ticket_ms_median"] = _median_ms(lambda: online.issue(request,
                                                                                 catalogue))
            figures["offline_ticket_ms_median"] = _median_ms(lambda: offline.issue(request,
                                                                                   catalogue))
            t0 = time.perf_counter()
            sent = online.sync_outbox()
            if sent:
                figures["outbox_sync_ms_per_ticket"] = round(
                    (time.perf_counter() - t0) * 1000 / sent, 2)
        finally:
            store.close()
            centre.stop()
    notes["offline_ticket_ms_median"] = "includes a refused connection to 127.0.0.1:9"
    return figures, notes


def _median_ms(fn) -> float:
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)
