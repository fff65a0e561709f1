"""Audio of the fixed prompts, synthesized once (install or first boot) and kept on disk as WAV,
keyed by text, language, voice and synthesis settings."""
from __future__ import annotations

import hashlib
import logging
import os
import threading
import unicodedata
from pathlib import Path
from typing import Iterable

from speech.audio import AudioChunk, read_wav, write_wav
from speech.synthesizer import Synthesizer

log = logging.getLogger(__name__)


class PromptCache:
    """`get(text)` is a dictionary look-up once warm; misses return None (VoiceOut then synthesizes)."""

    def __init__(self, directory: str | Path, synthesizer: Synthesizer | None) -> None:
        self.dir = Path(directory)
        self.synthesizer = synthesizer
        self._mem: dict[str, AudioChunk] = {}
        self._lock = threading.Lock()

    def key(self, text: str, lang: str = "vi") -> str | None:
        if self.synthesizer is None:
            return None
        norm = unicodedata.normalize("NFC", text).strip()
        raw = "\n".join((norm, lang, self.synthesizer.settings_key()))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}.wav"

    def warm(self, texts: Iterable[str], lang: str = "vi") -> int:
        """Make sure every text is cached on disk and in memory; returns how many were synthesized."""
        if self.synthesizer is None:
            return 0
        self.dir.mkdir(parents=True, exist_ok=True)
        made = 0
        for text in texts:
            key = self.key(text, lang)
            if key is None or key in self._mem:
                continue
            chunk = self._load(key)
            if chunk is None:
                chunk = self.synthesizer.synthesize(text, lang)
                tmp = self._path(key).with_suffix(".tmp")
                write_wav(tmp, chunk.pcm, chunk.sample_rate)
                os.replace(tmp, self._path(key))
                made += 1
            with self._lock:
                self._mem[key] = chunk
        return made

    def _load(self, key: str) -> AudioChunk | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            return read_wav(path, rate=None)
        except (OSError, ValueError, EOFError) as exc:
            log.warning("prompt cache: unreadable %s (%s); it will be synthesized again", path.name, exc)
            path.unlink(missing_ok=True)
            return None

    def get(self, text: str, lang: str = "vi") -> AudioChunk | None:
        """The cached audio of `text`, or None."""
        key = self.key(text, lang)
        if key is None:
            return None
        with self._lock:
            hit = self._mem.get(key)
        if hit is None:
            hit = self._load(key)
            if hit is not None:
                with self._lock:
                    self._mem[key] = hit
        return hit
