"""Bench of the touchscreen UI: how long a frame takes to draw (off-screen, same drawing code)."""
from __future__ import annotations

import os
import statistics
import time
from typing import Any


def run(cfg: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Figures: ui_draw_cold_ms (a new screen, text not cached yet), ui_draw_ms_p50 (a screen whose
    caption changes every frame, text cached), ui_frame_unchanged_ms (nothing changed)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from dialogs.effects import Show
    from kiosk.ui.screen import Screen

    pygame.init()
    ui = cfg.get("ui", {})
    status = {"centre_online": True, "printer_ok": True, "clock": "09:41", "kiosk_id": "K1",
              "text_input": False}
    procs = [{"id": f"P{i}", "name": f"Đăng ký khai sinh kết hợp nhận cha, mẹ, con số {i}"}
             for i in range(24)]
    base = {"lang": "vi", "partial": "", "speech": True, "field_name": "Hộ tịch", "procedures": procs}
    screen = Screen(ui.get("width", 1024), ui.get("height", 600), headless=True)
    t0 = time.perf_counter()
    screen.draw(Show("browsing", dict(base, caption="Đây là các thủ tục về Hộ tịch.")), status)
    cold = (time.perf_counter() - t0) * 1000
    times = []
    for i in range(60):
        show = Show("browsing", dict(base, caption="Đây là các thủ tục về Hộ tịch.",
                                     partial=f"đăng ký khai {i % 4}"))
        t0 = time.perf_counter()
        screen.draw(show, status)
        times.append((time.perf_counter() - t0) * 1000)
    same = []
    for _ in range(60):
        t0 = time.perf_counter()
        screen.draw(show, status)
        same.append((time.perf_counter() - t0) * 1000)
    return ({"ui_draw_cold_ms": round(cold, 2), "ui_draw_ms_p50": round(statistics.median(times), 2),
             "ui_frame_unchanged_ms": round(statistics.median(same), 3)},
            {"ui": f"{screen.surface.get_width()}x{screen.surface.get_height()} off-screen"})
