"""The ESC/POS bytes of one ticket job, built with python-escpos.

The ticket is a 1-bit raster. To keep jobs small (a 576 x 960 raster is 69 KB, over 6 s on a 115200-baud
serial printer) the image is cut into horizontal bands:
- a band of blank rows is not sent as pixels but fed with `ESC J n` (feed n dots);
- a band made of aligned 2x2 blocks (the big number and the QR code are drawn that way) is sent at half
  resolution with GS v 0 m=3 (quadruple density): the printer doubles every dot, a quarter of the bytes;
- any other band with ink is sent as a `GS v 0` raster image (python-escpos' `bitImageRaster`) at most
  FRAGMENT_ROWS tall (python-escpos 3.1's `graphics` mode garbles 576-dot images taller than ~910 rows,
  and cheap printers have small receive buffers), and only as wide as its right-most ink (rounded up to a
  byte): trailing blank columns are dropped, which leaves the left edge where it is.
Then the paper is fed past the cutter and cut.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from escpos.printer import Dummy
from PIL import Image

ESC = b"\x1b"
GS = b"\x1d"
FRAGMENT_ROWS = 255        # rows per GS v 0 image (small enough for any printer's buffer)
MIN_FEED_ROWS = 6          # blank runs shorter than this stay inside the raster (a feed costs 3 bytes)
MAX_FEED = 255             # ESC J n: n <= 255 dots per command
CUT_FEED_LINES = 4         # lines fed after the ticket so its end clears the cutter


@dataclass(frozen=True)
class Band:
    """A horizontal slice of the ticket: `blank` rows are fed, the others are sent as raster."""

    top: int
    """First row."""
    height: int
    """Number of rows."""
    blank: bool
    """True when the rows hold no ink."""


def _ink(image: Image.Image) -> np.ndarray:
    """Boolean array, True where the printer burns a dot (black pixel)."""
    if image.mode != "1":
        image = image.convert("L").point(lambda v: 255 if v >= 128 else 0, mode="1")
    return ~np.asarray(image, dtype=bool)


def plan_bands(ink: np.ndarray) -> list[Band]:
    """Split rows into raster bands and blank (fed) bands."""
    inked = ink.any(axis=1)
    bands: list[Band] = []
    h = len(inked)
    y = 0
    while y < h:
        v = bool(inked[y])
        end = y + 1
        while end < h and bool(inked[end]) == v:
            end += 1
        bands.append(Band(y, end - y, not v))
        y = end
    # Short blank runs are cheaper as pixels than as a feed plus a new image header.
    merged: list[Band] = []
    for b in bands:
        if b.blank and b.height < MIN_FEED_ROWS and merged and 0 < b.top and b.top + b.height < h:
            b = Band(b.top, b.height, False)
        if merged and merged[-1].blank == b.blank:
            last = merged.pop()
            b = Band(last.top, last.height + b.height, b.blank)
        merged.append(b)
    return merged


def _half_resolution(rows: np.ndarray, last_col: int) -> np.ndarray | None:
    """If the band is made of aligned 2x2 blocks (the big number, the QR code), its half-resolution ink
    (trailing blank columns dropped); else None."""
    h = rows.shape[0]
    if h % 2 or h < 2:
        return None
    right = min(rows.shape[1], (last_col // 16 + 1) * 16)
    if right % 2:
        return None
    r = rows[:, :right]
    if not (np.array_equal(r[0::2], r[1::2]) and np.array_equal(r[:, 0::2], r[:, 1::2])):
        return None
    return r[0::2, 0::2]


def encode_job(image: Image.Image, cut: bool = True, scaled: bool = True) -> bytes:
    """The bytes sent to the printer for `image` (mode "1", black = print): initialise, the bands, feed, cut.

    With `scaled`, bands made of aligned 2x2 blocks are sent at quadruple density (a quarter of the
    bytes); pass False for a printer that ignores the density of GS v 0."""
    ink = _ink(image)
    width = ink.shape[1]
    p = Dummy()
    # Tell python-escpos the paper width (its default profile has none and then prints a warning on
    # stdout for every image); the copy keeps the shared profile object untouched.
    media = copy.deepcopy(p.profile.profile_data.get("media", {}))
    media.setdefault("width", {})["pixels"] = width
    p.profile.profile_data = {**p.profile.profile_data, "media": media}
    p.hw("INIT")                                   # ESC @
    for band in plan_bands(ink):
        if band.blank:
            left = band.height
            while left > 0:
                n = min(left, MAX_FEED)
                p._raw(ESC + b"J" + bytes((n,)))    # print buffer and feed n dots
                left -= n
            continue
        rows = ink[band.top:band.top + band.height]
        last_col = int(np.flatnonzero(rows.any(axis=0))[-1])
        half = _half_resolution(rows, last_col) if scaled else None
        if half is not None:
            # Quadruple density (GS v 0 m=3): the printer doubles each dot in both directions.
            p.image(Image.fromarray(~half), high_density_vertical=False, high_density_horizontal=False,
                    impl="bitImageRaster", fragment_height=FRAGMENT_ROWS // 2)
            continue
        right = min(width, (last_col // 8 + 1) * 8)
        piece = image.crop((0, band.top, right, band.top + band.height))
        p.image(piece, impl="bitImageRaster", fragment_height=FRAGMENT_ROWS)
    if cut:
        p._raw(ESC + b"d" + bytes((CUT_FEED_LINES,)))
        p._raw(GS + b"V" + b"\x00")                # full cut
    return p.output
