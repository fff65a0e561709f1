"""The Listener: its own thread reads the microphone, finds where a person starts and stops
speaking (WebRTC VAD with tunable thresholds), feeds the recognizer, and reports partial and final
results through callbacks. It can be muted (half duplex: the robot never hears itself)."""
from __future__ import annotations

import collections
import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable

from speech.audio import SAMPLE_RATE, SAMPLE_WIDTH
from speech.microphone import Microphone
from speech.recognizer import Recognizer

log = logging.getLogger(__name__)

FRAME_S = 0.03
_FRAME_BYTES = int(SAMPLE_RATE * FRAME_S) * SAMPLE_WIDTH


@dataclass(frozen=True)
class ListenerSettings:
    """Thresholds of voice activity and end of speech."""
    vad_aggressiveness: int = 2
    """WebRTC VAD mode 0..3 (3 = most eager to call a frame non-speech)."""
    start_speech_s: float = 0.12
    """Voiced audio needed within `start_window_s` to decide a person started speaking."""
    start_window_s: float = 0.3
    min_speech_s: float = 0.3
    """Utterances with less voiced audio than this are short noises: ignored, no result."""
    end_silence_s: float = 0.3
    """Unvoiced time after speech that ends the utterance (longer = fewer cut-offs of slow
    speakers, but a later answer; the final comes about this + 0.13 s after the end of speech)."""
    max_utterance_s: float = 12.0
    """An utterance is cut (and recognized) after this long."""
    preroll_s: float = 0.3
    """Audio kept from before the start was detected, so the first syllable is not lost."""
    partial_interval_s: float = 0.2
    """How often partial results are reported while the person speaks."""

    @staticmethod
    def from_config(speech_cfg: dict) -> "ListenerSettings":
        """Settings from cfg["speech"] keys vad_aggressiveness, start_speech_s, min_speech_s,
        end_silence_s, max_utterance_s (missing keys keep their defaults)."""
        kw = {k: type(getattr(ListenerSettings, k))(speech_cfg[k])
              for k in ListenerSettings.__dataclass_fields__ if k in speech_cfg}
        return ListenerSettings(**kw)


PartialCallback = Callable[[str], None]
FinalCallback = Callable[[str, tuple[str, ...], float], None]


class Listener:
    """Own thread: microphone -> VAD -> recognizer -> on_partial / on_final.

    Not listening until listen() is called. on_final(text, alternatives, confidence) comes once per
    utterance; text is '' when speech was heard but nothing in the grammar matched. Callbacks run on
    the listener's thread: keep them short (post an event)."""

    def __init__(self, microphone: Microphone, recognizer: Recognizer, on_partial: PartialCallback,
                 on_final: FinalCallback, settings: ListenerSettings | None = None,
                 autostart: bool = True) -> None:
        import webrtcvad

        self.mic, self.rec = microphone, recognizer
        self.on_partial, self.on_final = on_partial, on_final
        self.settings = settings or ListenerSettings()
        self._vad = webrtcvad.Vad(self.settings.vad_aggressiveness)
        self._commands: queue.Queue[tuple[str, object]] = queue.Queue()
        self._listening = False
        self._grammar_key: tuple[str, ...] | None | str = "unset"
        self._mute_lock = threading.Lock()
        self._mute_forever = False
        self._mute_until = 0.0
        self._was_muted = False
        self._closed = threading.Event()
        self.end_of_speech_at: float | None = None
        """time.monotonic() when the last utterance's end of speech was detected (bench)."""
        self._reset_utterance()
        self._thread = threading.Thread(target=self._run, name="listener", daemon=True)
        if autostart:
            self._thread.start()

    def start(self) -> None:
        """Start the thread (only needed with autostart=False)."""
        if not self._thread.is_alive():
            self._thread.start()

    # ---- control (any thread) ----------------------------------------------------------------
    def listen(self, phrases: list[str] | None) -> None:
        """Start (or keep) listening, restricted to `phrases` (None = free recognition). The grammar
        is rebuilt only when the phrases change."""
        self._commands.put(("listen", None if phrases is None else tuple(phrases)))

    def stop_listening(self) -> None:
        """Stop listening; an utterance in progress is dropped."""
        self._commands.put(("stop", None))

    def mute(self, until_s: float | None = None) -> None:
        """Ignore the microphone until time.monotonic() reaches `until_s` (None = until unmute())."""
        with self._mute_lock:
            if until_s is None:
                self._mute_forever = True
            else:
                self._mute_forever = False
                self._mute_until = until_s

    def unmute(self) -> None:
        with self._mute_lock:
            self._mute_forever, self._mute_until = False, 0.0

    @property
    def muted(self) -> bool:
        with self._mute_lock:
            return self._mute_forever or time.monotonic() < self._mute_until

    @property
    def listening(self) -> bool:
        return self._listening

    def close(self, timeout_s: float = 2.0) -> None:
        """Stop the thread and close the microphone."""
        self._closed.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        try:
            self.mic.close()
        except Exception as exc:
            log.debug("microphone close: %s", exc)

    # ---- the thread --------------------------------------------------------------------------
    def _reset_utterance(self) -> None:
        s = self.settings
        self._ring: collections.deque[tuple[bytes, bool]] = collections.deque(
            maxlen=max(1, int(round(max(s.preroll_s, s.start_window_s) / FRAME_S))))
        self._in_speech = False
        self._voiced_s = self._silence_s = self._length_s = 0.0
        self._last_partial_t = 0.0
        self._last_partial = ""
        self._pending = bytearray()

    def _apply_commands(self) -> None:
        while True:
            try:
                cmd, arg = self._commands.get_nowait()
            except queue.Empty:
                return
            if cmd == "listen":
                if arg != self._grammar_key:
                    t = time.monotonic()
                    self.rec.set_grammar(None if arg is None else list(arg))
                    self._grammar_key = arg
                    log.debug("grammar set (%s phrases) in %.0f ms", "free" if arg is None else len(arg),
                              1000 * (time.monotonic() - t))
                if not self._listening:
                    self.rec.reset()
                    self._reset_utterance()
                self._listening = True
            elif cmd == "stop":
                self._listening = False
                self.rec.reset()
                self._reset_utterance()

    def _run(self) -> None:
        try:
            while not self._closed.is_set():
                self._apply_commands()
                chunk = self.mic.read(0.05)
                if chunk is None:
                    continue
                if chunk == b"":  # the source ended (file microphone)
                    if self._in_speech:
                        self._finish()
                    self._closed.wait(0.05)
                    continue
                if self.muted:
                    if not self._was_muted:
                        self._was_muted = True
                        self.rec.reset()
                        self._reset_utterance()
                    continue
                if self._was_muted:  # first audio after a mute: start clean
                    self._was_muted = False
                    self.rec.reset()
                    self._reset_utterance()
                if not self._listening:
                    continue
                self._pending.extend(chunk)
                while len(self._pending) >= _FRAME_BYTES:
                    frame = bytes(self._pending[:_FRAME_BYTES])
                    del self._pending[:_FRAME_BYTES]
                    self._frame(frame)
        except Exception:  # never die silently: the kiosk goes on with touch and QR
            log.exception("listener thread failed; speech input is off")

    def _frame(self, frame: bytes) -> None:
        s = self.settings
        voiced = self._vad.is_speech(frame, SAMPLE_RATE)
        if not self._in_speech:
            self._ring.append((frame, voiced))
            window = int(round(s.start_window_s / FRAME_S))
            recent = list(self._ring)[-window:]
            if sum(v for _, v in recent) * FRAME_S >= s.start_speech_s:
                self._in_speech = True
                keep = int(round(s.preroll_s / FRAME_S))
                for f, v in (list(self._ring)[-keep:] if keep > 0 else [(frame, voiced)]):
                    self.rec.accept(f)
                    self._length_s += FRAME_S
                    self._voiced_s += FRAME_S if v else 0.0
                self._ring.clear()
            return
        self.rec.accept(frame)
        self._length_s += FRAME_S
        if voiced:
            self._voiced_s += FRAME_S
            self._silence_s = 0.0
        else:
            self._silence_s += FRAME_S
        if self._silence_s >= s.end_silence_s or self._length_s >= s.max_utterance_s:
            self._finish()
            return
        now = time.monotonic()
        if now - self._last_partial_t >= s.partial_interval_s:
            self._last_partial_t = now
            text = self.rec.partial()
            if text and text != self._last_partial:
                self._last_partial = text
                self.on_partial(text)

    def _finish(self) -> None:
        if self._voiced_s < self.settings.min_speech_s:
            log.debug("ignored a short noise (%.2f s voiced)", self._voiced_s)
            self.rec.reset()
        else:
            self.end_of_speech_at = time.monotonic()
            result = self.rec.final()
            self.on_final(result.text, result.alternatives, result.confidence)
        self._reset_utterance()
