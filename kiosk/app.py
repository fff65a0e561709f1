"""Wiring: configuration -> store, centre (reference centre in the demo), devices, shell."""
from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from dialogs.state import Settings, initial_state
from kiosk.clock import RealClock
from kiosk.config import data_dir, demo_dir, is_demo, printer_uri, store_path
from kiosk.devices.centre import CentreDevice
from kiosk.devices.printer import PrinterDevice
from kiosk.devices.voice import SilentVoice
from kiosk.shell import Devices, Shell, StepRecord

log = logging.getLogger(__name__)

REPO_CONFIG = Path(__file__).resolve().parent.parent / "config"
DEMO_CATALOGUE = REPO_CONFIG / "catalogues" / "demo.json"


_grammar_cache: list[tuple[Any, Any, list[str]]] = []


def phrases_for(catalogue: Any, lexicon: Any) -> list[str]:
    """The recognizer's grammar for a catalogue, built once per catalogue (rebuilt on a new one)."""
    from dialogs.understanding import grammar_phrases
    for cat, lex, phrases in _grammar_cache:
        if cat is catalogue and lex is lexicon:
            return phrases
    phrases = grammar_phrases(catalogue, lexicon)
    _grammar_cache[:] = [(catalogue, lexicon, phrases)]
    return phrases


def load_demo_catalogue() -> dict[str, Any]:
    with open(DEMO_CATALOGUE, encoding="utf-8") as f:
        return json.load(f)


@dataclass
class App:
    """Everything the kiosk runs, built from the configuration; `close()` stops it all."""
    cfg: dict[str, Any]
    demo: bool
    shell: Shell
    store: Any
    client: Any
    tickets: Any
    centre: CentreDevice
    printer: PrinterDevice
    voice: Any
    centre_server: Any = None
    camera: Any = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for close in reversed(self.closers):
            try:
                close()
            except Exception:
                log.exception("while closing")


def build_app(cfg: dict[str, Any], *, demo: bool | None = None,
              clock: Callable[[], float] | None = None,
              on_step: Callable[[StepRecord], None] | None = None,
              with_camera: bool = True, with_speech: bool = True,
              lexicon: Any = None) -> App:
    from kiosk.centre.client import CentreClient
    from kiosk.centre.tickets import TicketService
    from kiosk.store import Store

    demo = is_demo(cfg) if demo is None else demo
    clock = clock or RealClock()
    closers: list[Callable[[], None]] = []
    base = demo_dir() if demo else data_dir()

    centre_server = None
    url = cfg["centre"]["url"]
    token = cfg["centre"]["token"] or None
    if demo:
        from kiosk.centre.server import ReferenceCentre
        token = secrets.token_urlsafe(16)
        centre_server = ReferenceCentre(base / "reference-centre.db", load_demo_catalogue(),
                                        token).start()
        closers.append(centre_server.stop)
        url = centre_server.url
        log.info("demo: reference centre on %s", url)

    store = Store(store_path(cfg, demo))
    closers.append(store.close)
    client = CentreClient.from_config({**cfg, "centre": {**cfg["centre"], "token": token or ""}},
                                      store=store, base_url=url)
    closers.append(client.close)
    kiosk_id = cfg["kiosk"]["id"]
    tickets = TicketService(client, store, kiosk_id, cfg["centre"]["default_counter"] or None)

    holder: dict[str, Shell] = {}

    def post(event: Any) -> None:
        holder["shell"].post(event)

    if lexicon is None:
        from kiosk.lexicon import load_lexicon
        lexicon = load_lexicon()

    def grammar() -> list[str]:
        return phrases_for(holder["shell"].state.catalogue, lexicon)

    voice: Any = SilentVoice(post)
    if with_speech:
        from kiosk.devices.voice import open_voice
        voice = open_voice(cfg, post, grammar, base / "speech") or voice
    closers.append(voice.close)

    centre = CentreDevice(client, tickets, post)
    closers.append(centre.stop)
    printer = PrinterDevice(printer_uri(cfg, demo), cfg["printer"]["width_dots"], cfg["kiosk"]["centre_name"], post,
                            on_print_started=tickets.mark_print_started,
                            on_printed=tickets.mark_printed)
    closers.append(printer.stop)

    settings = Settings.from_config(cfg, speech_available=voice.available, lexicon=lexicon)
    shell = Shell(initial_state(settings), Devices(voice, centre, printer), clock, on_step)
    holder["shell"] = shell

    camera = None
    if with_camera and cfg["camera"]["device"] != "none":
        from kiosk.devices.camera import open_camera_device
        camera = open_camera_device(cfg, post)
        if camera is not None:
            closers.append(camera.stop)

    centre.refresh_catalogue()
    centre.recover()
    return App(cfg=cfg, demo=demo, shell=shell, store=store, client=client, tickets=tickets,
               centre=centre, printer=printer, voice=voice, centre_server=centre_server,
               camera=camera, closers=closers)
