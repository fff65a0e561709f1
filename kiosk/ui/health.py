"""Health checks of the touchscreen UI for `kiosk doctor`: the font is there and renders Vietnamese."""
from __future__ import annotations

import os
from typing import Any

from kiosk.ui.fonts import font_files

SAMPLE = "Đăng ký khai sinh – Lấy số thứ tự"


def checks(cfg: dict[str, Any]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    files = font_files(cfg.get("ui", {}).get("font_path") or None)
    regular = files.get("Regular")
    if regular is None:
        out.append({"name": "ui.font", "status": "fail",
                    "detail": "Be Vietnam Pro not found: pip install fontpkg-be-vietnam-pro"})
        return out
    out.append({"name": "ui.font", "status": "ok", "detail": str(regular)})
    try:
        import pygame
        import pygame.font
        started = not pygame.font.get_init()
        pygame.font.init()
        try:
            font = pygame.font.Font(str(regular), 28)
            # Every character of the sample has a glyph in the font (no boxes for the accents).
            missing = [ch for ch in set(SAMPLE) if ch != " " and font.metrics(ch)[0] is None]
        finally:
            if started:
                pygame.font.quit()
        if missing:
            out.append({"name": "ui.vietnamese", "status": "fail",
                        "detail": f"font lacks glyphs: {''.join(sorted(missing))}"})
        else:
            out.append({"name": "ui.vietnamese", "status": "ok", "detail": "font has the accents"})
    except Exception as e:  # pygame missing or broken: say so, never crash doctor
        out.append({"name": "ui.vietnamese", "status": "fail", "detail": f"pygame font: {e}"})
    display = os.environ.get("SDL_VIDEODRIVER") or ("x11" if os.environ.get("DISPLAY") else
                                                    "wayland" if os.environ.get("WAYLAND_DISPLAY")
                                                    else "kmsdrm" if os.path.exists("/dev/dri/card0")
                                                    else "")
    out.append({"name": "ui.display", "status": "ok" if display else "warn",
                "detail": display or "no display found (no DISPLAY, no /dev/dri/card0): headless only"})
    return out
