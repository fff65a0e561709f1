"""The QR decoding pipeline: a cascade of preprocessing steps and two engines within a time budget.

Measured on the development photos (68 codes, 22 pictures without one), each engine alone, QR only:
zxing-cpp 62/68, zbar (binary mode) 56/68 with no wrong text; the cascade below reads 65/68 with no
wrong text and no false positive (zbar finds 3 codes zxing-cpp misses; 2x upscaling helps both on small
codes). Measure with `python -m vision.evaluate --synthetic 300`.

Order: the cheap full-frame passes first (zxing-cpp, which already tries inverted and rotated codes and
downscaled copies, then zbar in binary mode), then upscaling for small or far codes, then contrast
equalisation (CLAHE) for glare and low contrast. A frame stops at the first pass that finds a code. Each
pass is skipped when the time spent plus its expected cost (learnt while running) would exceed the budget.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np
import zxingcpp

from vision import zbar_engine
from vision.text_decoding import decode_payload

log = logging.getLogger(__name__)

DEFAULT_BUDGET_MS = 25.0
"""Time budget of one frame's cascade; the first pass always runs."""

MAX_PAYLOAD_BYTES = 4096
"""A QR code holds at most 2953 bytes; anything longer is not from a QR code."""

_ECI_IDENTIFIERS = {"]Q2", "]Q4", "]Q6"}
"""AIM symbology identifiers of QR codes that declare an ECI (character set)."""


@dataclass(frozen=True)
class DecodedCode:
    """One code read from a frame."""
    format: str
    """"QRCode"."""
    text: str
    """Its text, NFC (see vision.text_decoding)."""
    raw: bytes
    """The bytes stored in the code."""
    engine: str = ""
    """Which pass read it, e.g. "zxing", "zbar", "zxing-up2" (for the technician and the bench)."""


def to_gray(frame: np.ndarray) -> np.ndarray:
    """An 8-bit grayscale copy (or view) of a camera frame: gray, BGR or BGRA, uint8 or uint16."""
    if not isinstance(frame, np.ndarray) or frame.size == 0:
        raise ValueError("empty frame")
    if frame.dtype != np.uint8:
        if frame.dtype == np.uint16:
            frame = (frame >> 8).astype(np.uint8)
        elif np.issubdtype(frame.dtype, np.floating):
            frame = np.clip(frame * (255.0 if float(frame.max(initial=0)) <= 1.0 else 1.0), 0, 255).astype(np.uint8)
        else:
            frame = np.clip(frame, 0, 255).astype(np.uint8)
    if frame.ndim == 2:
        return frame
    if frame.ndim == 3 and frame.shape[2] == 1:
        return frame[:, :, 0]
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    raise ValueError(f"unsupported frame shape {frame.shape}")


# ----------------------------------------------------------------------------------------------- engines

def _zxing(gray: np.ndarray, engine: str) -> list[DecodedCode]:
    out = []
    for r in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode,
                                    text_mode=zxingcpp.TextMode.Plain):
        if not r.valid:
            continue
        raw = bytes(r.bytes)
        eci = r.symbology_identifier in _ECI_IDENTIFIERS
        out.append(DecodedCode("QRCode", decode_payload(raw, r.text, eci=eci), raw, engine))
    return out


def _zbar(gray: np.ndarray, engine: str) -> list[DecodedCode]:
    return [DecodedCode("QRCode", decode_payload(s.raw), s.raw, engine)
            for s in zbar_engine.reader().scan(gray)]


# ------------------------------------------------------------------------------------------ preprocessing

def _identity(gray: np.ndarray) -> np.ndarray:
    return gray


def _upscale2(gray: np.ndarray) -> np.ndarray:
    return cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)


def _clahe(gray: np.ndarray) -> np.ndarray:
    return cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)


@dataclass(frozen=True)
class Pass:
    """One step of the cascade: a preprocessing and an engine."""
    name: str
    prepare: Callable[[np.ndarray], np.ndarray]
    engine: Callable[[np.ndarray, str], list[DecodedCode]]
    max_side: int = 100_000
    """Skip this pass on images whose longer side exceeds this (upscaling a large image helps nothing)."""


CASCADE: tuple[Pass, ...] = (
    Pass("zxing", _identity, _zxing),                           # ~1 ms on 640x480 (one x86 core)
    Pass("zbar", _identity, _zbar),                             # ~8-13 ms
    Pass("zxing-up2", _upscale2, _zxing, max_side=1000),        # ~4-8 ms
    Pass("zxing-clahe", _clahe, _zxing),                        # ~4-6 ms
    Pass("zbar-up2", _upscale2, _zbar, max_side=400),           # ~45 ms on 640x480: small stills only
    Pass("zbar-clahe", _clahe, _zbar),                          # ~10-30 ms
)


class _CostModel:
    """Expected milliseconds per megapixel of each pass, learnt as an exponential moving average."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ms_per_mpix: dict[str, float] = {}

    def expect(self, name: str, mpix: float) -> float:
        with self._lock:
            return self._ms_per_mpix.get(name, 0.0) * mpix

    def learn(self, name: str, mpix: float, ms: float) -> None:
        if mpix <= 0:
            return
        with self._lock:
            old = self._ms_per_mpix.get(name)
            value = ms / mpix
            self._ms_per_mpix[name] = value if old is None else 0.8 * old + 0.2 * value


_costs = _CostModel()


def _dedupe(codes: list[DecodedCode]) -> list[DecodedCode]:
    seen: set[bytes] = set()
    out = []
    for c in codes:
        if c.raw not in seen and len(c.raw) <= MAX_PAYLOAD_BYTES:
            seen.add(c.raw)
            out.append(c)
    return out


def decode_frame(frame: np.ndarray, budget_ms: float | None = DEFAULT_BUDGET_MS,
                 cascade: tuple[Pass, ...] = CASCADE) -> list[DecodedCode]:
    """All QR codes found in a frame (gray or BGR), trying the cascade's passes until one finds a code
    or the budget (None = no limit) is spent. Never raises on a bad frame: logs it and returns []."""
    start = time.perf_counter()
    try:
        gray = to_gray(frame)
    except ValueError as exc:
        log.warning("frame not decodable: %s", exc)
        return []
    if min(gray.shape[:2]) < 8:
        return []
    side = max(gray.shape[:2])
    prepared: dict[Callable, np.ndarray] = {}
    for i, step in enumerate(cascade):
        if side > step.max_side:
            continue
        scale = 4.0 if step.prepare is _upscale2 else 1.0
        mpix = gray.size * scale / 1e6
        elapsed = (time.perf_counter() - start) * 1000.0
        if i > 0 and budget_ms is not None and elapsed + _costs.expect(step.name, mpix) > budget_ms:
            continue
        t0 = time.perf_counter()
        try:
            image = prepared.get(step.prepare)
            if image is None:
                image = prepared[step.prepare] = step.prepare(gray)
            codes = step.engine(image, step.name)
        except Exception:  # an engine failure must never take the kiosk down
            log.exception("QR pass %s failed", step.name)
            codes = []
        _costs.learn(step.name, mpix, (time.perf_counter() - t0) * 1000.0)
        codes = _dedupe(codes)
        if codes:
            return codes
    return []
