"""Fixtures for the touchscreen UI tests: a real catalogue, the real dialog machine driven to each screen,
and a headless Screen (SDL dummy video driver)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from dialogs.catalogue import Catalogue, parse_catalogue  # noqa: E402
from dialogs.effects import Show  # noqa: E402
from dialogs.events import (CatalogueLoaded, CentreUnavailable, DossierLooked, Event, Heard,  # noqa: E402
                            PrinterFailed, Scanned, SpeechDone, TicketIssued, TicketPrinted,
                            Touched)
from dialogs.machine import step  # noqa: E402
from dialogs.state import Settings, State, initial_state  # noqa: E402
from dialogs.values import Dossier, ScannedCode, Ticket  # noqa: E402
from dialogs.views import view  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ARTIFACTS = REPO / "test-artifacts" / "ui"
GROUPS = ("người cao tuổi", "người khuyết tật", "phụ nữ có thai", "người có công")
STATUS = {"centre_online": True, "printer_ok": True, "clock": "09:41", "kiosk_id": "K1",
          "text_input": False}


def load_catalogue() -> Catalogue:
    return parse_catalogue(json.loads((HERE / "catalogue.json").read_text(encoding="utf-8")))


def drive(events: Iterable[Event], lang: str = "vi", speech: bool = True,
          catalogue: Catalogue | None = None) -> State:
    """Run the real dialog machine from its initial state through events (after loading the catalogue)."""
    settings = Settings(priority_groups=GROUPS, default_lang=lang, speech_available=speech)
    state = initial_state(settings)
    state, _ = step(state, CatalogueLoaded(catalogue or load_catalogue()))
    for e in events:
        if callable(e):  # an event that depends on the state so far
            e = e(state)
        state, _ = step(state, e)
    return state


def said(state: State) -> SpeechDone:
    return SpeechDone(state.ctx.utterance_seq)


TICKET = Ticket(ticket_id="t-1", number="0125", counter_id="C1", counter_number=1,
                procedure_id="HT01", people_ahead=4, estimated_wait_s=600,
                issued_at="2025-05-17T09:41:00+07:00")
DOSSIER = Dossier(code="H40.30-250517-0012", procedure_id="DD01", status="processing",
                  status_text="Đang giải quyết", due_date="27/05/2025", counter_id="C3")
TO_CARD = [Touched("screen"), Touched("field:ho-tich"), Touched("procedure:HT01")]
TO_ISSUING = TO_CARD + [Touched("take_ticket")]

# screen -> events from the initial state (the machine really walks there)
PATHS: dict[str, list] = {
    "idle": [],
    "greeting": [Touched("screen")],
    "asking": [Touched("screen"), said],
    "help": [Touched("screen"), said, Heard("hôm nay trời đẹp quá"), Heard("con mèo nhà tôi bị lạc")],
    "clarifying": [Touched("screen"), said, Heard("làm giấy tờ đất")],
    "browsing": [Touched("screen"), Touched("field:ho-tich")],
    "card": TO_CARD,
    "priority": TO_CARD + [Touched("take_ticket:priority")],
    "issuing": TO_ISSUING,
    "printing": TO_ISSUING + [TicketIssued(TICKET)],
    "ticket": TO_ISSUING + [TicketIssued(TICKET), TicketPrinted()],
    "directions": TO_ISSUING + [TicketIssued(TICKET), TicketPrinted(), Touched("done")],
    "goodbye": TO_ISSUING + [TicketIssued(TICKET), TicketPrinted(), Touched("done"),
                             Touched("done")],
    "dossier_wait": [Scanned(ScannedCode("dossier", DOSSIER.code, {"code": DOSSIER.code}))],
    "dossier": [Scanned(ScannedCode("dossier", DOSSIER.code, {"code": DOSSIER.code})),
                DossierLooked(DOSSIER.code, DOSSIER)],
    "code_info": [Touched("screen"), Scanned(ScannedCode("url", "http://example.com/x"))],
    "staff": [Touched("screen"), Touched("staff")],
    "ticket_error": TO_ISSUING + [CentreUnavailable("timeout")],
}
PRINTER_FAILED = TO_ISSUING + [TicketIssued(TICKET), PrinterFailed("paper_out")]


def show_for(screen: str, lang: str = "vi", speech: bool = True) -> Show:
    state = drive(PATHS[screen], lang=lang, speech=speech)
    assert state.name == screen, f"the machine went to {state.name}, not {screen}"
    return view(state)


@pytest.fixture(scope="session", autouse=True)
def _pygame():
    pygame.init()
    yield
    pygame.quit()


@pytest.fixture
def screen():
    from kiosk.ui.screen import Screen
    return Screen(1024, 600, headless=True)
