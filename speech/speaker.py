"""Speakers: where the robot's voice goes. `open_speaker(device)` plays on a PortAudio (ALSA)
output; `WavFileSpeaker` writes each utterance to a WAV file (tests, demo, headless)."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from speech.audio import SAMPLE_WIDTH, AudioChunk, write_wav

log = logging.getLogger(__name__)


class Speaker(Protocol):
    """An audio output that VoiceOut's thread drives: start, play ..., finish or abort."""

    def start(self, utterance_id: str, sample_rate: int) -> None: ...

    def play(self, chunk: AudioChunk) -> None:
        """Queue audio; may block for about the chunk's duration (a real device plays in real time)."""

    def finish(self) -> None:
        """Wait until everything queued has been heard."""

    def abort(self) -> None:
        """Drop what is queued now (the citizen touched the screen). Callable from any thread."""

    def close(self) -> None: ...


class SpeakerError(Exception):
    """The output device could not be opened."""


class SoundDeviceSpeaker:
    """Plays on a PortAudio output device; the stream is (re)opened for each utterance's rate."""

    def __init__(self, device: str | int | None = None) -> None:
        import sounddevice as sd

        self._sd = sd
        self._device = None if device in (None, "", "default") else (
            int(device) if isinstance(device, str) and device.isdigit() else device)
        self._stream = None
        self._rate = 0
        self._aborted = threading.Event()
        try:
            sd.query_devices(self._device, "output")
        except Exception as exc:
            raise SpeakerError(f"cannot open speaker {device or 'default'!r}: {exc}") from exc

    def start(self, utterance_id: str, sample_rate: int) -> None:
        self._aborted.clear()
        if self._stream is None or self._rate != sample_rate:
            self.close()
            self._stream = self._sd.RawOutputStream(samplerate=sample_rate, channels=1, dtype="int16",
                                                    device=self._device)
            self._rate = sample_rate
        self._stream.start()

    def play(self, chunk: AudioChunk) -> None:
        if not self._aborted.is_set() and self._stream is not None:
            self._stream.write(chunk.pcm)

    def finish(self) -> None:
        if self._stream is not None and not self._aborted.is_set():
            self._stream.stop()  # returns when the queued audio has been played

    def abort(self) -> None:
        self._aborted.set()
        if self._stream is not None:
            try:
                self._stream.abort()
            except Exception as exc:
                log.debug("speaker abort: %s", exc)

    def close(self) -> None:
        if self._stream is not None:
            try:
                self._stream.close()
            except Exception as exc:
                log.debug("speaker close: %s", exc)
            self._stream = None


def open_speaker(device: str) -> Speaker:
    """The configured output device ('' = the default one). Raises SpeakerError."""
    return SoundDeviceSpeaker(device)


@dataclass(frozen=True)
class Played:
    """One utterance a WavFileSpeaker received."""
    utterance_id: str
    path: Path | None
    """The WAV it was written to (None when aborted before any audio)."""
    started_at: float
    """time.monotonic() of start()."""
    first_audio_at: float | None
    """time.monotonic() when its first audio arrived."""
    duration_s: float
    aborted: bool


class WavFileSpeaker:
    """Writes each utterance to `<out_dir>/<n>-<utterance_id>.wav`. realtime=True takes as long as
    playing would; `tap(chunk)` receives the audio as it is "played" (an acoustic loopback)."""

    def __init__(self, out_dir: str | Path, realtime: bool = False,
                 tap: Callable[[AudioChunk], None] | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.realtime, self.tap = realtime, tap
        self.played: list[Played] = []
        self._aborted = threading.Event()
        self._buf = bytearray()
        self._uid, self._rate, self._t_start, self._t_first = "", 0, 0.0, None
        self._n = 0

    def start(self, utterance_id: str, sample_rate: int) -> None:
        self._aborted.clear()
        self._buf = bytearray()
        self._uid, self._rate = utterance_id, sample_rate
        self._t_start, self._t_first = time.monotonic(), None
        self._play_clock = self._t_start

    def play(self, chunk: AudioChunk) -> None:
        if self._aborted.is_set():
            return
        if self._t_first is None:
            self._t_first = time.monotonic()
            self._play_clock = self._t_first
        self._buf.extend(chunk.pcm)
        if self.tap is not None:
            self.tap(chunk)
        if self.realtime:
            self._play_clock += chunk.duration_s
            wait = self._play_clock - time.monotonic()
            if wait > 0:
                self._aborted.wait(wait)

    def _close_utterance(self, aborted: bool) -> None:
        path = None
        if self._buf:
            self._n += 1
            safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in self._uid)[:40]
            path = self.out_dir / f"{self._n:04d}-{safe}.wav"
            write_wav(path, bytes(self._buf), self._rate)
        self.played.append(Played(self._uid, path, self._t_start, self._t_first,
                                  len(self._buf) / SAMPLE_WIDTH / max(1, self._rate), aborted))
        self._buf = bytearray()

    def finish(self) -> None:
        self._close_utterance(self._aborted.is_set())

    def abort(self) -> None:
        self._aborted.set()

    def close(self) -> None:
        pass
