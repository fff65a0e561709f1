"""The kiosk's main loop: pygame on the main thread, one frame at a time, never blocking on I/O.

Each frame: pygame input -> events; Tick(now); drain the inbox and step the machine (effects go to
the device threads); draw the screen for the current Show; ping the systemd watchdog."""
from __future__ import annotations

import logging
import time
from typing import Any, Callable

from dialogs.events import Tick
from kiosk.app import App
from kiosk.sdnotify import Notifier

log = logging.getLogger(__name__)

CATALOGUE_REFRESH_S = 300.0
CATALOGUE_RETRY_S = 15.0
OUTBOX_SYNC_S = 30.0


def status_of(app: App) -> dict[str, Any]:
    """Shell facts shown in the header bar."""
    return {"centre_online": app.centre.online is not False,
            "printer_ok": app.printer.last_ok,
            "clock": time.strftime("%H:%M"),
            "kiosk_id": app.cfg["kiosk"]["id"],
            "text_input": not app.voice.available}


def run_loop(app: App, *, headless: bool = False, max_frames: int | None = None,
             notifier: Notifier | None = None,
             before_frame: Callable[[int, Any], None] | None = None) -> int:
    """Run until the window is closed (or `max_frames`). `before_frame(n, screen)` lets a test
    post real pygame input events."""
    import os

    if headless:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from kiosk.ui.screen import Screen

    pygame.init()
    ui = app.cfg["ui"]
    screen = Screen(ui["width"], ui["height"], fullscreen=ui["fullscreen"] and not headless,
                    font_path=ui["font_path"] or None, headless=headless,
                    centre_name=app.cfg["kiosk"]["centre_name"])
    notifier = notifier or Notifier()
    clock = pygame.time.Clock()
    shell = app.shell
    next_refresh = time.monotonic() + CATALOGUE_RETRY_S
    next_sync = time.monotonic() + OUTBOX_SYNC_S
    next_heartbeat = time.monotonic() + 5.0
    notifier.ready("kiosk running")
    frames = 0
    try:
        while max_frames is None or frames < max_frames:
            if before_frame is not None:
                before_frame(frames, screen)
            for pg_event in pygame.event.get():
                if pg_event.type == pygame.QUIT:
                    return 0
                for event in screen.handle(pg_event):
                    if type(event).__name__ == "Touched":
                        app.voice.interrupt()  # the citizen can cut the robot short by touching
                    shell.post(event)
            now = time.monotonic()
            shell.post(Tick(now))
            shell.process_pending()
            screen.draw(shell.show, status_of(app))
            pygame.display.flip()
            if now >= next_refresh:
                app.centre.refresh_catalogue()
                # No catalogue at all yet (centre down at first boot): try again soon.
                next_refresh = now + (CATALOGUE_REFRESH_S if app.centre.catalogue is not None
                                      else CATALOGUE_RETRY_S)
            if now >= next_sync:
                app.centre.sync_outbox()
                next_sync = now + OUTBOX_SYNC_S
            if now >= next_heartbeat:
                app.centre.heartbeat(health_summary(app))
                next_heartbeat = now + app.cfg["centre"]["heartbeat_s"]
            notifier.ping(now)
            clock.tick(ui["fps"])
            frames += 1
    finally:
        notifier.stopping()
        pygame.quit()
    return 0


def health_summary(app: App) -> dict[str, Any]:
    return {"kiosk_id": app.cfg["kiosk"]["id"], "state": app.shell.state.name,
            "centre_online": app.centre.online, "printer_ok": app.printer.last_ok,
            "speech": app.voice.available, "camera": app.camera is not None,
            "staff_calls": app.centre.staff_calls,
            "outbox": len(app.store.outbox())}
