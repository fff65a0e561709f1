"""zbar (through pyzbar's ctypes bindings) in binary mode: the raw bytes of each QR code.

zbar normally guesses the character set of a QR code's byte segments and converts them to UTF-8; the guess
turns UTF-8 Vietnamese into Shift-JIS mojibake ("Lê" -> "Lﾃｪ"). With ``ZBAR_CFG_BINARY`` set, zbar hands
back the bytes as they are stored in the code, and :mod:`vision.text_decoding` decodes them.
pyzbar does not expose ``ZBAR_CFG_BINARY``; its value comes from ``zbar.h`` (enum ``zbar_config_e``:
ENABLE=0, ADD_CHECK, EMIT_CHECK, ASCII, BINARY=4, ...; TEST_INVERTED=0x81), present since zbar 0.23.
"""
from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass

import numpy as np
from pyzbar import wrapper as zw

ZBAR_CFG_ENABLE = 0
ZBAR_CFG_BINARY = 4
ZBAR_CFG_TEST_INVERTED = 0x81
ZBAR_CFG_X_DENSITY = 0x100
ZBAR_CFG_Y_DENSITY = 0x101
_Y800 = 0x30303859  # fourcc 'Y800': 8-bit grayscale

_zbar_image_set_data = zw.zbar_function(
    "zbar_image_set_data", None, ctypes.POINTER(zw.zbar_image), ctypes.c_void_p, ctypes.c_uint,
    ctypes.c_void_p)


@dataclass(frozen=True)
class ZbarSymbol:
    """One QR code found by zbar."""
    raw: bytes
    """The bytes stored in the code (binary mode: no character-set conversion)."""
    polygon: tuple[tuple[int, int], ...]
    """Corner points in image coordinates."""
    quality: int


class ZbarReader:
    """A reusable zbar image scanner restricted to QR codes, in binary mode.

    One instance per thread (zbar scanners are not thread-safe); :func:`reader` gives the thread's own."""

    def __init__(self, binary: bool = True, test_inverted: bool = False, density: int = 1) -> None:
        self._scanner = zw.zbar_image_scanner_create()
        if not self._scanner:
            raise RuntimeError("zbar: could not create an image scanner")
        self.binary = binary
        set_cfg = zw.zbar_image_scanner_set_config
        set_cfg(self._scanner, 0, ZBAR_CFG_ENABLE, 0)  # all symbologies off ...
        set_cfg(self._scanner, int(zw.ZBarSymbol.QRCODE), ZBAR_CFG_ENABLE, 1)  # ... but QR
        if binary:
            set_cfg(self._scanner, int(zw.ZBarSymbol.QRCODE), ZBAR_CFG_BINARY, 1)
        if test_inverted:
            set_cfg(self._scanner, 0, ZBAR_CFG_TEST_INVERTED, 1)
        set_cfg(self._scanner, 0, ZBAR_CFG_X_DENSITY, density)
        set_cfg(self._scanner, 0, ZBAR_CFG_Y_DENSITY, density)

    def scan(self, gray: np.ndarray) -> list[ZbarSymbol]:
        """Scan an 8-bit grayscale image; return the QR codes found (possibly none)."""
        if gray.dtype != np.uint8 or gray.ndim != 2:
            raise ValueError("zbar needs a 2-D uint8 grayscale image")
        buf = np.ascontiguousarray(gray)
        height, width = buf.shape
        image = zw.zbar_image_create()
        if not image:
            raise RuntimeError("zbar: could not create an image")
        try:
            zw.zbar_image_set_format(image, _Y800)
            zw.zbar_image_set_size(image, width, height)
            _zbar_image_set_data(image, buf.ctypes.data, buf.nbytes, None)
            found = zw.zbar_scan_image(self._scanner, image)
            if found < 0:
                raise RuntimeError("zbar: scan failed")
            out: list[ZbarSymbol] = []
            symbol = zw.zbar_image_first_symbol(image)
            while symbol:
                if symbol.contents.type == int(zw.ZBarSymbol.QRCODE):
                    raw = ctypes.string_at(zw.zbar_symbol_get_data(symbol),
                                           zw.zbar_symbol_get_data_length(symbol))
                    n = zw.zbar_symbol_get_loc_size(symbol)
                    poly = tuple((zw.zbar_symbol_get_loc_x(symbol, i), zw.zbar_symbol_get_loc_y(symbol, i))
                                 for i in range(n))
                    out.append(ZbarSymbol(raw, poly, zw.zbar_symbol_get_quality(symbol)))
                symbol = zw.zbar_symbol_next(symbol)
            return out
        finally:
            # the data belongs to numpy (no cleanup handler): destroying the image does not free it
            zw.zbar_image_destroy(image)
            del buf

    def close(self) -> None:
        if self._scanner:
            zw.zbar_image_scanner_destroy(self._scanner)
            self._scanner = None

    def __del__(self) -> None:  # pragma: no cover - best effort
        try:
            self.close()
        except Exception:
            pass


_local = threading.local()


def reader(binary: bool = True) -> ZbarReader:
    """This thread's zbar reader (created on first use)."""
    key = "binary" if binary else "text"
    r = getattr(_local, key, None)
    if r is None:
        r = ZbarReader(binary=binary)
        setattr(_local, key, r)
    return r


def library_version() -> str | None:
    """The zbar library's version, or None if it cannot be loaded."""
    try:
        major, minor, patch = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
        fn = zw.load_libzbar().zbar_version
        fn.argtypes = [ctypes.POINTER(ctypes.c_uint)] * 3
        fn(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch))
        return f"{major.value}.{minor.value}.{patch.value}"
    except Exception:
        return None
