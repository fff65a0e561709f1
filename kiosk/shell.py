"""The imperative shell around the pure dialog machine: one inbox, step, hand effects to devices.

Device threads post events into the inbox; `process_pending()` drains it, steps the machine and hands
each effect to its device without blocking. The pygame loop (kiosk/loop.py) and the scripted session
runner (kiosk/script.py) both drive the same Shell."""
from __future__ import annotations

import logging
import queue
import time
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from dialogs.effects import (CallStaff, Effect, IssueTicket, Listen, Log, LookupDossier,
                             PrintTicket, Say, Show, StopListening)
from dialogs.events import Event
from dialogs.machine import step
from dialogs.state import State
from dialogs.views import view

log = logging.getLogger("kiosk.dialog")


class Voice(Protocol):
    available: bool
    def say(self, text: str, utterance_id: int, lang: str) -> None: ...
    def interrupt(self) -> None: ...
    def listen(self, grammar: str) -> None: ...
    def stop_listening(self) -> None: ...
    def idle(self) -> bool: ...


class Centre(Protocol):
    def issue(self, request: Any) -> None: ...
    def lookup(self, code: str) -> None: ...
    def call_staff(self, reason: str) -> None: ...
    def idle(self) -> bool: ...


class Printer(Protocol):
    def print(self, ticket: Any, catalogue: Any, lang: str) -> None: ...
    def idle(self) -> bool: ...


@dataclass
class Devices:
    voice: Voice
    centre: Centre
    printer: Printer


@dataclass(frozen=True)
class StepRecord:
    """One processed event, for scripted sessions and the log."""
    now: float
    event: Event
    state: State
    effects: tuple[Effect, ...]


class Shell:
    def __init__(self, state: State, devices: Devices, clock: Callable[[], float],
                 on_step: Callable[[StepRecord], None] | None = None) -> None:
        self.state = state
        self.devices = devices
        self.clock = clock
        self.on_step = on_step
        self.inbox: "queue.Queue[Event]" = queue.Queue()
        self.show: Show = view(state)

    def post(self, event: Event) -> None:
        """Thread-safe: device threads call this."""
        self.inbox.put(event)

    def process_pending(self, limit: int = 100) -> int:
        """Drain the inbox (at most `limit` events), stepping the machine for each."""
        n = 0
        while n < limit:
            try:
                event = self.inbox.get_nowait()
            except queue.Empty:
                break
            self.handle(event)
            n += 1
        return n

    def handle(self, event: Event) -> list[Effect]:
        try:
            self.state, effects = step(self.state, event)
        except Exception:  # a bug in one step must not take the kiosk down: keep the state
            log.exception("dialog step failed on %s in state %s; event dropped",
                          type(event).__name__, self.state.name)
            return []
        for effect in effects:
            self.dispatch(effect)
        if self.on_step:
            self.on_step(StepRecord(self.clock(), event, self.state, tuple(effects)))
        return effects

    def dispatch(self, effect: Effect) -> None:
        d = self.devices
        if isinstance(effect, Show):
            self.show = effect
        elif isinstance(effect, Say):
            d.voice.say(effect.text, effect.utterance_id, effect.lang)
        elif isinstance(effect, Listen):
            d.voice.listen(effect.grammar)
        elif isinstance(effect, StopListening):
            d.voice.stop_listening()
        elif isinstance(effect, IssueTicket):
            d.centre.issue(effect.request)
        elif isinstance(effect, PrintTicket):
            d.printer.print(effect.ticket, self.state.catalogue, self.state.ctx.lang)
        elif isinstance(effect, LookupDossier):
            d.centre.lookup(effect.code)
        elif isinstance(effect, CallStaff):
            d.centre.call_staff(effect.reason)
        elif isinstance(effect, Log):
            log.info("%s %s", effect.event, effect.data)

    def devices_idle(self) -> bool:
        d = self.devices
        return d.voice.idle() and d.centre.idle() and d.printer.idle()

    def settle(self, timeout_s: float = 30.0, poll_s: float = 0.005) -> bool:
        """Process events until the inbox is empty and every device is idle (scripted sessions)."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            if self.process_pending():
                continue
            if self.devices_idle() and self.inbox.empty():
                return True
            time.sleep(poll_s)
        return False
