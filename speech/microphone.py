"""Microphones: 16 kHz mono int16 chunks, read by the Listener's thread.

`open_microphone(device)` captures from an ALSA/PortAudio device (sounddevice); `WavFileMicrophone`
plays WAV files as if they were heard, in real time or as fast as they are read (tests, demo)."""
from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from speech.audio import SAMPLE_RATE, SAMPLE_WIDTH, read_wav, resample

log = logging.getLogger(__name__)

CHUNK_S = 0.03
"""Length of the chunks a microphone delivers (30 ms, one VAD frame)."""


class Microphone(Protocol):
    """A source of 16 kHz mono int16 audio."""

    def read(self, timeout_s: float) -> bytes | None:
        """The next chunk; None when nothing came within `timeout_s`; b'' once the source has ended."""

    def close(self) -> None:
        """Stop capturing and release the device."""


class MicrophoneError(Exception):
    """The capture device could not be opened."""


class SoundDeviceMicrophone:
    """Capture from a PortAudio (ALSA) input device in PortAudio's own thread."""

    def __init__(self, device: str | int | None = None, max_queue_s: float = 5.0) -> None:
        import sounddevice as sd

        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=int(max_queue_s / CHUNK_S))
        self._overflows = 0
        dev = _device_arg(device)
        try:
            rate = SAMPLE_RATE
            try:
                sd.check_input_settings(device=dev, channels=1, dtype="int16", samplerate=SAMPLE_RATE)
            except Exception:  # the device cannot do 16 kHz itself: capture at its rate, resample
                rate = int(sd.query_devices(dev, "input")["default_samplerate"])
            self._rate = rate
            self._stream = sd.RawInputStream(samplerate=rate, blocksize=int(rate * CHUNK_S), device=dev,
                                             channels=1, dtype="int16", callback=self._callback)
            self._stream.start()
        except Exception as exc:
            raise MicrophoneError(f"cannot open microphone {device or 'default'!r}: {exc}") from exc
        log.info("microphone %r open at %d Hz", device or "default", rate)

    def _callback(self, indata, frames, time_info, status) -> None:  # PortAudio thread
        pcm = bytes(indata)
        if self._rate != SAMPLE_RATE:
            pcm = resample(pcm, self._rate, SAMPLE_RATE)
        try:
            self._queue.put_nowait(pcm)
        except queue.Full:
            self._overflows += 1
            if self._overflows == 1:
                log.warning("microphone: audio is not being read fast enough, dropping chunks")

    def read(self, timeout_s: float) -> bytes | None:
        try:
            return self._queue.get(timeout=timeout_s)
        except queue.Empty:
            return None

    def close(self) -> None:
        try:
            self._stream.stop()
            self._stream.close()
        except Exception as exc:  # already gone (device unplugged)
            log.debug("microphone close: %s", exc)


def _device_arg(device: str | int | None) -> str | int | None:
    if device is None or device == "" or device == "default":
        return None
    if isinstance(device, str) and device.isdigit():
        return int(device)
    return device


def open_microphone(device: str) -> Microphone:
    """The configured capture device ('' = the default one). Raises MicrophoneError."""
    return SoundDeviceMicrophone(device)


class WavFileMicrophone:
    """Plays WAV files (any rate, 16-bit) into the listener as if a person spoke them.

    realtime=True delivers each 30 ms chunk when it would have been captured; realtime=False as
    fast as it is read. `gap_s` of silence goes between files and `tail_silence_s` after the last;
    with keep_open=True silence continues until close(). `inject(pcm)` mixes extra 16 kHz audio
    (for example the robot's own voice reaching the microphone) into what is heard next."""

    def __init__(self, paths: Sequence[str | Path], realtime: bool = True, gap_s: float = 0.0,
                 tail_silence_s: float = 1.0, keep_open: bool = False, lead_silence_s: float = 0.0) -> None:
        self.paths = [Path(p) for p in paths]
        self.realtime = realtime
        self.gap_s, self.tail_silence_s, self.keep_open = gap_s, tail_silence_s, keep_open
        self.lead_silence_s = lead_silence_s
        self.file_started_at: list[float] = []
        """time.monotonic() at which the first sample of each file was (notionally) captured."""
        self._chunk = int(SAMPLE_RATE * CHUNK_S) * SAMPLE_WIDTH
        self._inject = bytearray()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._gen = self._chunks()
        self._t0: float | None = None
        self._emitted = 0  # samples delivered so far

    def inject(self, pcm: bytes) -> None:
        """Mix 16 kHz mono int16 audio into the stream from the next chunk on."""
        with self._lock:
            self._inject.extend(pcm)

    def _mix(self, pcm: bytes) -> bytes:
        with self._lock:
            if not self._inject:
                return pcm
            n = min(len(pcm), len(self._inject))
            extra = bytes(self._inject[:n])
            del self._inject[:n]
        a = np.frombuffer(pcm, dtype=np.int16).astype(np.int32)
        a[: n // 2] += np.frombuffer(extra, dtype=np.int16)
        return np.clip(a, -32768, 32767).astype(np.int16).tobytes()

    def _segments(self):
        if self.lead_silence_s:
            yield None, bytes(SAMPLE_WIDTH * int(self.lead_silence_s * SAMPLE_RATE))
        for i, p in enumerate(self.paths):
            if i and self.gap_s:
                yield None, bytes(SAMPLE_WIDTH * int(self.gap_s * SAMPLE_RATE))
            yield i, read_wav(p).pcm
        if self.tail_silence_s:
            yield None, bytes(SAMPLE_WIDTH * int(self.tail_silence_s * SAMPLE_RATE))

    def _chunks(self):
        buf = bytearray()
        for index, pcm in self._segments():
            if index is not None:
                self.file_started_at.append(self._time_of(self._emitted + len(buf) // SAMPLE_WIDTH))
            buf.extend(pcm)
            while len(buf) >= self._chunk:
                yield bytes(buf[: self._chunk])
                del buf[: self._chunk]
        if buf:
            yield bytes(buf) + bytes(self._chunk - len(buf))
        while self.keep_open:
            yield bytes(self._chunk)

    def _time_of(self, sample: int) -> float:
        if self._t0 is None:
            self._t0 = time.monotonic()
        return self._t0 + sample / SAMPLE_RATE

    def read(self, timeout_s: float) -> bytes | None:
        if self._closed.is_set():
            return b""
        if self._t0 is None:
            self._t0 = time.monotonic()
        if self.realtime:
            # a chunk is available once its last sample has been "captured"
            due = self._t0 + (self._emitted + self._chunk // SAMPLE_WIDTH) / SAMPLE_RATE
            wait = due - time.monotonic()
            if wait > timeout_s:
                self._closed.wait(timeout_s)
                return None
            if wait > 0:
                self._closed.wait(wait)
        try:
            pcm = next(self._gen)
        except StopIteration:
            return b""
        self._emitted += len(pcm) // SAMPLE_WIDTH
        return self._mix(pcm)

    def close(self) -> None:
        self._closed.set()
