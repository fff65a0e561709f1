"""VoiceOut: the robot's voice in its own thread. say() never blocks; on_done(utterance_id) is
always called, once per say(), also when there is no voice or the citizen interrupted."""
from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from typing import Callable, Iterator

from speech.audio import SAMPLE_WIDTH, AudioChunk
from speech.prompt_cache import PromptCache
from speech.speaker import Speaker
from speech.synthesizer import Synthesizer

log = logging.getLogger(__name__)

PIECE_S = 0.05
"""Audio is handed to the speaker in pieces this long, so stop() takes effect quickly."""


@dataclass(frozen=True)
class _Say:
    text: str
    utterance_id: str
    lang: str
    generation: int


class VoiceOut:
    def __init__(self, synthesizer: Synthesizer | None, cache: PromptCache | None, speaker: Speaker,
                 on_done: Callable[[str], None], on_speaking: Callable[[bool], None]) -> None:
        self.synthesizer, self.cache, self.speaker = synthesizer, cache, speaker
        self.on_done, self.on_speaking = on_done, on_speaking
        self._queue: queue.Queue[_Say | None] = queue.Queue()
        self._generation = 0
        self._gen_lock = threading.Lock()
        self._speaking = False
        self._thread = threading.Thread(target=self._run, name="voice-out", daemon=True)
        self._thread.start()

    def say(self, text: str, utterance_id: str, lang: str = "vi") -> None:
        """Queue `text`; returns at once."""
        with self._gen_lock:
            gen = self._generation
        self._queue.put(_Say(text, utterance_id, lang, gen))

    def stop(self) -> None:
        """Silence now: the current utterance is cut and queued ones are dropped (each still gets
        its on_done)."""
        with self._gen_lock:
            self._generation += 1
        self.speaker.abort()

    def close(self, timeout_s: float = 2.0) -> None:
        self.stop()
        self._queue.put(None)
        self._thread.join(timeout_s)

    def _current(self, item: _Say) -> bool:
        with self._gen_lock:
            return item.generation == self._generation

    def _audio(self, item: _Say) -> Iterator[AudioChunk] | None:
        cached = self.cache.get(item.text, item.lang) if self.cache is not None else None
        if cached is not None:
            return iter([cached])
        if self.synthesizer is not None:
            return self.synthesizer.synthesize_stream(item.text, item.lang)
        return None

    def _set_speaking(self, value: bool) -> None:
        if value != self._speaking:
            self._speaking = value
            try:
                self.on_speaking(value)
            except Exception:
                log.exception("on_speaking callback failed")

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                self._set_speaking(False)
                return
            try:
                if self._current(item):
                    self._speak(item)
            except Exception:
                log.exception("speaking %r failed", item.utterance_id)
            finally:
                if self._queue.empty():
                    self._set_speaking(False)
                try:
                    self.on_done(item.utterance_id)
                except Exception:
                    log.exception("on_done callback failed")

    def _speak(self, item: _Say) -> None:
        audio = self._audio(item)
        if audio is None:
            return
        started = False
        try:
            for chunk in audio:
                if not self._current(item):
                    break
                if not started:
                    self._set_speaking(True)  # before the first sample reaches the speaker
                    self.speaker.start(item.utterance_id, chunk.sample_rate)
                    started = True
                step = max(SAMPLE_WIDTH, int(chunk.sample_rate * PIECE_S) * SAMPLE_WIDTH)
                for i in range(0, len(chunk.pcm), step):
                    if not self._current(item):
                        break
                    self.speaker.play(AudioChunk(chunk.pcm[i:i + step], chunk.sample_rate))
        finally:
            close = getattr(audio, "close", None)
            if close is not None:
                close()  # release the synthesizer if we stopped half way
            if started:
                self.speaker.finish()
