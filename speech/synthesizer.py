"""Piper synthesizer (piper-tts >= 1.3 Python API): text in, audio out sentence by sentence, so the
first sentence plays while the rest is still being synthesized."""
from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from speech.audio import AudioChunk
from speech.text_norm import normalize_for_speech

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoiceSettings:
    """Synthesis settings (part of the prompt cache key)."""
    length_scale: float | None = None
    """Speaking rate: > 1 slower (elderly listeners), None = the voice's own."""
    noise_scale: float | None = None
    noise_w_scale: float | None = None
    volume: float = 1.0
    speaker_id: int | None = None


class Synthesizer:
    """A loaded Piper voice. synthesize_stream() may be called from one thread at a time."""

    def __init__(self, voice_path: str | Path, settings: VoiceSettings | None = None) -> None:
        from piper import PiperVoice, SynthesisConfig

        self.voice_path = Path(voice_path)
        self.settings = settings or VoiceSettings()
        self._voice = PiperVoice.load(str(self.voice_path))
        self._syn = SynthesisConfig(**asdict(self.settings))
        self.sample_rate = int(self._voice.config.sample_rate)
        self._lock = threading.Lock()
        cfg_bytes = Path(f"{self.voice_path}.json").read_bytes()
        stat = self.voice_path.stat()
        self.voice_id = "%s:%d:%s" % (self.voice_path.name, stat.st_size,
                                      hashlib.sha256(cfg_bytes).hexdigest()[:16])
        """Identifies the voice (file name, size, config hash) for cache keys."""

    def settings_key(self) -> str:
        """Everything that changes the audio for a given text: voice and settings."""
        return json.dumps({"voice": self.voice_id, **asdict(self.settings)}, sort_keys=True)

    def synthesize_stream(self, text: str, lang: str = "vi") -> Iterator[AudioChunk]:
        """Normalize `text` for speech and yield one audio chunk per sentence, as each is ready."""
        spoken = normalize_for_speech(text, lang)
        if not spoken:
            return
        with self._lock:
            for chunk in self._voice.synthesize(spoken, self._syn):
                yield AudioChunk(chunk.audio_int16_bytes, chunk.sample_rate)

    def synthesize(self, text: str, lang: str = "vi") -> AudioChunk:
        """The whole text as one chunk."""
        pcm = b"".join(c.pcm for c in self.synthesize_stream(text, lang))
        return AudioChunk(pcm, self.sample_rate)
