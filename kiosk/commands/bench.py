"""`kiosk bench [--json] [--only GROUP]`: speed and memory figures, measured on this machine."""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import time
from typing import Any

log = logging.getLogger(__name__)

# group -> module with run(cfg) -> (figures, notes), and the keys it reports
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dialog": ("kiosk.bench_dialog", ("dialog_steps_per_s",)),
    "understanding": ("dialogs.understanding.bench", ("intent_ms_median_demo", "intent_ms_median_2296")),
    "vision": ("vision.bench", ("qr_frame_ms_p50", "qr_frame_ms_p95", "qr_empty_frame_ms_p50",
                                "qr_fps_one_core")),
    "printer": ("printer.bench", ("ticket_render_ms", "ticket_job_bytes")),
    "ui": ("kiosk.ui.bench", ("ui_draw_cold_ms", "ui_draw_ms_p50", "ui_frame_unchanged_ms")),
    "centre": ("kiosk.centre.bench", ("centre_ticket_ms_median", "offline_ticket_ms_median",
                                      "outbox_sync_ms_per_ticket")),
    "speech": ("speech.bench", ("tts_rtf", "tts_first_audio_ratio", "prompt_cache_first_audio_ms",
                                "asr_rtf", "asr_final_after_end_ms", "rss_mb_models_loaded",
                                "self_heard_events")),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure speed and memory figures")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--only", choices=sorted(GROUPS), action="append",
                   help="only this group (repeatable)")
    p.add_argument("--config", metavar="FILE")
    p.set_defaults(func=run)


def collect(cfg: dict[str, Any], groups: list[str]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for group in groups:
        module_name, keys = GROUPS[group]
        start = time.perf_counter()
        try:
            module = importlib.import_module(module_name)
            got, got_notes = module.run(cfg)
        except Exception as e:  # one broken group must not hide the others
            log.exception("bench group %s failed", group)
            got, got_notes = {}, {k: f"bench failed: {type(e).__name__}: {e}" for k in keys}
        for key in keys:
            figures[key] = got.get(key)
        figures.update({k: v for k, v in got.items() if k not in figures})
        notes.update(got_notes)
        log.info("bench %s took %.1f s", group, time.perf_counter() - start)
    figures["notes"] = notes
    return figures


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import config_or_none

    cfg = config_or_none(args.config)
    if cfg is None:
        return 2
    groups = args.only or list(GROUPS)
    result = collect(cfg, groups)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    notes = result.pop("notes")
    for key, value in result.items():
        print(f"{key:32s} {'-' if value is None else value}")
    for key, note in notes.items():
        print(f"  note {key}: {note}")
    return 0
