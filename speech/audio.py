"""Audio values and small helpers shared by the speech package: 16 kHz mono int16 PCM."""
from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
"""The rate the microphone side works at (Vosk models and the VAD want it)."""
SAMPLE_WIDTH = 2
"""Bytes per sample (int16)."""


@dataclass(frozen=True)
class AudioChunk:
    """A piece of mono int16 PCM audio."""
    pcm: bytes
    """Little-endian signed 16-bit samples, one channel."""
    sample_rate: int
    """Samples per second."""

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / SAMPLE_WIDTH / self.sample_rate


def resample(pcm: bytes, rate_in: int, rate_out: int) -> bytes:
    """Resample mono int16 PCM (linear interpolation; enough for speech at these rates)."""
    if rate_in == rate_out or not pcm:
        return pcm
    x = np.frombuffer(pcm, dtype=np.int16).astype(np.float32)
    n_out = int(round(len(x) * rate_out / rate_in))
    t = np.linspace(0.0, len(x) - 1, num=n_out, dtype=np.float64)
    y = np.interp(t, np.arange(len(x)), x)
    return np.clip(np.round(y), -32768, 32767).astype(np.int16).tobytes()


def read_wav(path: str | Path, rate: int | None = SAMPLE_RATE) -> AudioChunk:
    """Read a 16-bit PCM WAV as mono (channels averaged), resampled to `rate` unless None."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != SAMPLE_WIDTH:
            raise ValueError(f"{path}: {8 * w.getsampwidth()}-bit WAV, only 16-bit PCM is supported")
        channels, src_rate = w.getnchannels(), w.getframerate()
        data = w.readframes(w.getnframes())
    if channels > 1:
        a = np.frombuffer(data, dtype=np.int16).reshape(-1, channels).mean(axis=1)
        data = a.astype(np.int16).tobytes()
    if rate is not None and rate != src_rate:
        return AudioChunk(resample(data, src_rate, rate), rate)
    return AudioChunk(data, src_rate)


def write_wav(path: str | Path, pcm: bytes, sample_rate: int) -> None:
    """Write mono int16 PCM to a WAV file."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(SAMPLE_WIDTH)
        w.setframerate(sample_rate)
        w.writeframes(pcm)


def silence(seconds: float, sample_rate: int = SAMPLE_RATE) -> bytes:
    """`seconds` of digital silence."""
    return bytes(SAMPLE_WIDTH * int(round(seconds * sample_rate)))
