"""Bench hook of the printer: time to render and encode the sample ticket, and the job's size."""
from __future__ import annotations

import statistics
import time

from printer.escpos_job import encode_job
from printer.sample import sample_content
from printer.ticket_layout import render_ticket

RUNS = 25


def run(cfg: dict) -> tuple[dict, dict]:
    """`ticket_render_ms`: median of RUNS renders+encodes of the sample ticket at printer.width_dots
    (after one warm-up that loads the fonts); `ticket_job_bytes`: size of that ESC/POS job."""
    width = int(cfg.get("printer", {}).get("width_dots", 576))
    notes: dict[str, str] = {}
    try:
        content = sample_content()
        job = encode_job(render_ticket(content, width))      # warm-up: fonts, QR tables
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            job = encode_job(render_ticket(content, width))
            times.append((time.perf_counter() - t0) * 1000)
    except Exception as e:  # noqa: BLE001  (a missing font must not break the whole bench)
        msg = f"{type(e).__name__}: {e}"
        return {"ticket_render_ms": None, "ticket_job_bytes": None}, {
            "ticket_render_ms": msg, "ticket_job_bytes": msg}
    notes["ticket_render_ms"] = (f"median of {RUNS} render+encode runs of the sample ticket at {width} dots "
                                 f"(min {min(times):.1f}, max {max(times):.1f})")
    notes["ticket_job_bytes"] = f"ESC/POS bytes of the sample ticket at {width} dots, with the cut"
    return {"ticket_render_ms": round(statistics.median(times), 2), "ticket_job_bytes": len(job)}, notes
