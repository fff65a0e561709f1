"""The real pygame loop, headless: touches become dialog events, the screen follows the state,
the catalogue arrives from the reference centre over HTTP, and systemd hears READY and WATCHDOG."""
import os
import socket
import threading
from pathlib import Path

import pygame
import pytest

from kiosk.app import build_app
from kiosk.config import load_config
from kiosk.loop import run_loop
from kiosk.sdnotify import Notifier

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "loop"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.delenv("KIOSK_ASR_MODEL", raising=False)
    monkeypatch.delenv("KIOSK_TTS_VOICE", raising=False)
    cfg = load_config(None)
    cfg["ui"]["fullscreen"] = False
    app = build_app(cfg, demo=True, with_camera=False, with_speech=False)
    assert app.shell.settle(30)
    yield app
    app.close()


def click(pos):
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=pos, button=1, touch=False))


def test_touch_path_through_the_real_loop(app, notify_socket, monkeypatch):
    sock = notify_socket
    sock.settimeout(0.5)
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    messages = []

    def receive():
        while True:
            try:
                messages.append(sock.recv(200))
            except socket.timeout:
                if done.is_set():
                    return
    done = threading.Event()
    reader = threading.Thread(target=receive, daemon=True)
    reader.start()
    states = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def before_frame(n, screen):
        states.append(app.shell.state.name)
        if n == 3:
            click((512, 300))  # anywhere on the attract screen
        elif n == 10:
            assert app.shell.show.screen in ("greeting", "asking")
            rect = screen.target_rect("field:ho-tich")
            assert rect is not None, screen.targets
            click(rect.center)
        elif n == 17:
            screen.save_screenshot(ARTIFACTS / "browsing.png")
            rect = screen.target_rect("procedure:P001")
            click(rect.center)
        elif n == 24:
            screen.save_screenshot(ARTIFACTS / "card.png")
            click(screen.target_rect("take_ticket").center)
        elif n in range(25, 60) and app.shell.state.name == "directions":
            screen.save_screenshot(ARTIFACTS / "directions.png")

    assert run_loop(app, headless=True, max_frames=60, notifier=Notifier(),
                    before_frame=before_frame) == 0
    seen = set(states)
    assert {"idle", "browsing", "card"} <= seen and seen & {"greeting", "asking"}
    assert "directions" in seen or "ticket" in seen, states
    assert app.shell.state.ctx.ticket is not None and app.shell.state.ctx.ticket.procedure_id == "P001"
    done.set()
    reader.join(5)
    assert messages[0].startswith(b"READY=1") and b"WATCHDOG=1" in messages
    assert b"STOPPING=1" in messages
    tickets = list((Path(os.environ["KIOSK_DATA_DIR"]) / "demo" / "tickets").glob("*.png"))
    assert len(tickets) == 1
