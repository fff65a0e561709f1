"""The voice as a device: text to speech out, speech recognition in, half duplex between them."""
from __future__ import annotations

import logging
from typing import Callable

from dialogs.events import Event, SpeechDone

log = logging.getLogger(__name__)


class SilentVoice:
    """No speech model: nothing is said or heard; every utterance is 'done' at once so the
    dialog moves on. The screen says that speech is unavailable."""

    available = False

    def __init__(self, post: Callable[[Event], None]) -> None:
        self.post = post
        self.said: list[str] = []

    def say(self, text: str, utterance_id: int, lang: str) -> None:
        self.said.append(text)
        self.post(SpeechDone(utterance_id))

    def interrupt(self) -> None:
        pass

    def listen(self, grammar: str) -> None:
        pass

    def stop_listening(self) -> None:
        pass

    def idle(self) -> bool:
        return True

    def close(self) -> None:
        pass


def open_voice(cfg: dict, post: Callable[[Event], None]) -> "SilentVoice | None":
    """The speech device for the configured models; None when there is no model (logged)."""
    from speech.models import resolve

    asr, tts = resolve(cfg)
    if asr is None and tts is None:
        log.warning("no speech models: the kiosk runs with touch and QR only "
                    "(run `kiosk models fetch`)")
        return None
    return None
