"""Decode ESC/POS bytes back into the image a printer would print (for tests and `kiosk doctor`).

It understands what the kiosk sends and the common raster commands: ESC @, GS v 0 (all four densities),
GS ( L raster graphics (store + print), ESC * column images, ESC J / ESC d feeds, line feeds, GS V cut,
DLE EOT status queries (skipped), and ignores the usual one-argument settings (ESC a, ESC 2/3, ...).
An unknown command or a truncated one raises DecodeError: the decoder never guesses.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

ESC, GS, DLE, FS, LF = 0x1B, 0x1D, 0x10, 0x1C, 0x0A
LINE_DOTS = 30      # default line feed (ESC 2, 1/6 inch at 180 dpi ~ 30 dots)


class DecodeError(ValueError):
    """The bytes are not (complete) ESC/POS the decoder understands."""


@dataclass
class DecodedJob:
    """What a printer would have done with the bytes."""

    rows: list[np.ndarray] = field(default_factory=list)
    """Printed rows, top to bottom (bool: True = black), each as wide as its command's raster."""
    cuts: int = 0
    """Number of cut commands."""
    status_queries: int = 0
    """Number of DLE EOT queries in the stream."""
    images: int = 0
    """Number of raster images."""

    def image(self, width: int | None = None, feeds: bool = True) -> Image.Image:
        """The printed paper as a mode "1" image (white background) `width` dots wide."""
        w = width or max((len(r) for r in self.rows), default=8)
        out = np.zeros((len(self.rows), w), dtype=bool)
        for y, r in enumerate(self.rows):
            n = min(w, len(r))
            out[y, :n] = r[:n]
        return Image.fromarray(~out) if len(self.rows) else Image.new("1", (w, 1), 1)


def _raster_rows(data: bytes, width_bytes: int, height: int, sx: int, sy: int) -> list[np.ndarray]:
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8)).reshape(height, width_bytes * 8).astype(bool)
    if sx > 1:
        bits = np.repeat(bits, sx, axis=1)
    if sy > 1:
        bits = np.repeat(bits, sy, axis=0)
    return list(bits)


def decode(data: bytes) -> DecodedJob:
    """Run the bytes through a model printer and return what it printed."""
    job = DecodedJob()
    i, n = 0, len(data)
    line_dots = LINE_DOTS

    def need(k: int) -> None:
        if i + k > n:
            raise DecodeError(f"truncated command at byte {i} (needs {k} bytes, {n - i} left)")

    def blank(rows: int) -> None:
        job.rows.extend(np.zeros(8, dtype=bool) for _ in range(rows))

    while i < n:
        b = data[i]
        if b == LF:
            blank(line_dots)
            i += 1
        elif b in (0x0D, 0x00):
            i += 1
        elif b == DLE:
            need(3)
            if data[i + 1] != 0x04:
                raise DecodeError(f"unknown DLE command {data[i + 1]:#x} at byte {i}")
            job.status_queries += 1
            i += 3
        elif b == ESC:
            need(2)
            c = data[i + 1]
            if c == ord("@"):
                line_dots = LINE_DOTS
                i += 2
            elif c == ord("J"):
                need(3)
                blank(data[i + 2])
                i += 3
            elif c == ord("d"):
                need(3)
                blank(data[i + 2] * line_dots)
                i += 3
            elif c == ord("2"):
                line_dots = LINE_DOTS
                i += 2
            elif c == ord("3"):
                need(3)
                line_dots = data[i + 2]
                i += 3
            elif c in (ord("a"), ord("!"), ord("E"), ord("-"), ord("t"), ord("M"), ord("G"), ord("{"), ord("c")):
                i += 3 if c != ord("c") else 4
            elif c == ord("*"):
                need(5)
                m, nl, nh = data[i + 2], data[i + 3], data[i + 4]
                cols = nl + 256 * nh
                dots = 24 if m in (32, 33) else 8
                k = cols * dots // 8
                need(5 + k)
                col = np.unpackbits(np.frombuffer(data[i + 5:i + 5 + k], dtype=np.uint8))
                block = col.reshape(cols, dots).T.astype(bool)
                job.rows.extend(list(block))
                job.images += 1
                i += 5 + k
                if i < n and data[i] == LF:      # python-escpos ends each column stripe with LF
                    i += 1
            else:
                raise DecodeError(f"unknown ESC command {c:#x} at byte {i}")
        elif b == GS:
            need(2)
            c = data[i + 1]
            if c == ord("v"):
                need(8)
                if data[i + 2] != ord("0"):
                    raise DecodeError(f"unknown GS v function at byte {i}")
                m = data[i + 3]
                xb = data[i + 4] + 256 * data[i + 5]
                yh = data[i + 6] + 256 * data[i + 7]
                k = xb * yh
                need(8 + k)
                sx = 2 if m in (1, 49, 3, 51) else 1
                sy = 2 if m in (2, 50, 3, 51) else 1
                job.rows.extend(_raster_rows(data[i + 8:i + 8 + k], xb, yh, sx, sy))
                job.images += 1
                i += 8 + k
            elif c == ord("("):
                need(5)
                if data[i + 2] != ord("L"):
                    raise DecodeError(f"unknown GS ( {chr(data[i + 2])!r} at byte {i}")
                size = data[i + 3] + 256 * data[i + 4]
                need(5 + size)
                body = data[i + 5:i + 5 + size]
                i += 5 + size
                if len(body) >= 2 and body[1] == ord("p"):        # store raster graphics
                    xm, ym = body[3], body[4]
                    x = body[6] + 256 * body[7]
                    y = body[8] + 256 * body[9]
                    xb = (x + 7) // 8
                    sx = 2 if xm in (2, 50) else 1
                    sy = 2 if ym in (2, 50) else 1
                    job.rows.extend(_raster_rows(bytes(body[10:10 + xb * y]), xb, y, sx, sy))
                    job.images += 1
                # fn "2" (print stored graphics) and others: nothing more to draw
            elif c == ord("V"):
                need(3)
                m = data[i + 2]
                i += 4 if m in (65, 66, 97, 98, 103, 104) else 3
                job.cuts += 1
            elif c in (ord("!"), ord("B")):      # character size, reverse mode
                i += 3
            elif c in (ord("L"), ord("W")):      # left margin, print area width
                i += 4
            else:
                raise DecodeError(f"unknown GS command {c:#x} at byte {i}")
        elif b == FS:
            need(2)
            if data[i + 1] in (ord("."), ord("&")):     # cancel / select Kanji mode
                i += 2
            else:
                raise DecodeError(f"unknown FS command {data[i + 1]:#x} at byte {i}")
        else:
            raise DecodeError(f"text byte {b:#x} at {i}: the kiosk only sends raster images")
    return job


def decode_image(data: bytes, width: int | None = None) -> Image.Image:
    """Shortcut: the printed paper of `data` as a mode "1" image."""
    return decode(data).image(width)


def command_length(data: bytes, i: int) -> int | None:
    """Length of the ESC/POS command starting at data[i], None when it is not complete yet.

    Used by a printer model reading a stream: it finds real-time commands (DLE EOT) only at command
    boundaries, never inside raster data. Unknown bytes count as one byte (a printer skips them)."""
    n = len(data) - i
    if n <= 0:
        return None
    b = data[i]
    if b in (DLE, ESC, GS, FS) and n < 2:
        return None
    if b == DLE:
        return 3 if n >= 3 else None
    if b == ESC:
        c = data[i + 1]
        if c in (ord("@"), ord("2")):
            return 2
        if c == ord("c"):
            return 4 if n >= 4 else None
        if c == ord("*"):
            if n < 5:
                return None
            m, cols = data[i + 2], data[i + 3] + 256 * data[i + 4]
            k = 5 + cols * (3 if m in (32, 33) else 1)
            return k if n >= k else None
        return 3 if n >= 3 else None
    if b == GS:
        c = data[i + 1]
        if c == ord("v"):
            if n < 8:
                return None
            k = 8 + (data[i + 4] + 256 * data[i + 5]) * (data[i + 6] + 256 * data[i + 7])
            return k if n >= k else None
        if c == ord("("):
            if n < 5:
                return None
            k = 5 + data[i + 3] + 256 * data[i + 4]
            return k if n >= k else None
        if c == ord("V"):
            if n < 3:
                return None
            k = 4 if data[i + 2] in (65, 66, 97, 98, 103, 104) else 3
            return k if n >= k else None
        if c in (ord("L"), ord("W")):
            return 4 if n >= 4 else None
        return 3 if n >= 3 else None
    if b == FS:
        return 2
    return 1
