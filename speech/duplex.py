"""Half duplex: the microphone is muted while the robot speaks and for a short tail after."""
from __future__ import annotations

import time

from speech.listener import Listener


class HalfDuplex:
    """Connect VoiceOut's on_speaking to this object's on_speaking."""

    def __init__(self, listener: Listener, tail_s: float) -> None:
        self.listener, self.tail_s = listener, tail_s

    def on_speaking(self, speaking: bool) -> None:
        if speaking:
            self.listener.mute(None)
        else:
            self.listener.mute(time.monotonic() + self.tail_s)
