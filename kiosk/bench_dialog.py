"""Bench figures of the dialog machine itself."""
from __future__ import annotations

import time
from typing import Any


def run(cfg: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """`dialog_steps_per_s`: a whole citizen session (touch path, no matching) stepped repeatedly."""
    from dialogs.catalogue import parse_catalogue
    from dialogs.events import (CatalogueLoaded, PersonArrived, SpeechDone, Tick, TicketIssued,
                                TicketPrinted, Touched)
    from dialogs.machine import step
    from dialogs.state import Settings, initial_state
    from dialogs.values import Ticket
    from kiosk.app import load_demo_catalogue

    catalogue = parse_catalogue(load_demo_catalogue())
    state, _ = step(initial_state(Settings.from_config(cfg)), CatalogueLoaded(catalogue))
    p = catalogue.procedures[0]
    ticket = Ticket("T", "0001", catalogue.counters[0].id, catalogue.counters[0].number, p.id)
    session = [PersonArrived(), SpeechDone(1), Touched(f"field:{p.field_id}"),
               Touched(f"procedure:{p.id}"), Touched("take_ticket"), TicketIssued(ticket),
               TicketPrinted(), Touched("done")]
    steps, start = 0, time.perf_counter()
    now = 0.0
    while time.perf_counter() - start < 2.0:
        s = state
        for event in session:
            s, _ = step(s, event)
        while s.name != "idle":
            now = s.ctx.deadline or now
            s, _ = step(s, Tick(now))
            steps += 1
        steps += len(session)
    elapsed = time.perf_counter() - start
    return {"dialog_steps_per_s": round(steps / elapsed)}, {}
