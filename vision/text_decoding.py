"""Turning the bytes stored in a QR code into text, without zbar's character-set guessing.

A QR code's byte segments carry no character set unless an ECI says so. Vietnamese codes (chip ID cards,
dossier receipts, portal links) are UTF-8 without an ECI. The rule here:

1. If the code declared an ECI, the decoder that read the ECI has already converted the text; use it.
2. Otherwise, if the bytes are valid UTF-8, they are UTF-8 (text in another encoding almost never forms
   valid multi-byte UTF-8 sequences; pure ASCII reads the same in every encoding).
3. Otherwise, the text the decoder produced from the segment modes (zxing-cpp knows Kanji-mode segments
   and the JIS8/Latin-1 defaults), when there is one.
4. Otherwise (zbar's binary bytes only): Shift-JIS if the bytes are valid Shift-JIS (Kanji-mode segments
   come out of zbar as Shift-JIS bytes, and JIS8 is the QR 2000 default), else ISO-8859-1 (the QR 2005
   default for byte segments).
"""
from __future__ import annotations

import unicodedata


def decode_payload(raw: bytes, decoder_text: str | None = None, eci: bool = False) -> str:
    """The text of a QR code from its raw bytes; NFC-normalised."""
    if eci and decoder_text is not None:
        return unicodedata.normalize("NFC", decoder_text)
    try:
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
        return unicodedata.normalize("NFC", text)
    except UnicodeDecodeError:
        pass
    if decoder_text is not None:
        return unicodedata.normalize("NFC", decoder_text)
    try:
        return unicodedata.normalize("NFC", raw.decode("shift_jis"))
    except UnicodeDecodeError:
        return unicodedata.normalize("NFC", raw.decode("iso-8859-1"))
