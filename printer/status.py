"""Printer status as read with DLE EOT (real-time status transmission), and its parsing.

Epson's DLE EOT n answers one byte per query; bits 1 and 4 are always 1, bits 0 and 7 always 0
(so a valid answer satisfies `byte & 0x93 == 0x12`). Anything else, or no answer, is *unknown*."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Paper = Literal["ok", "near_end", "out", "unknown"]

DLE_EOT_PRINTER = b"\x10\x04\x01"   # printer status: bit 3 = offline
DLE_EOT_OFFLINE = b"\x10\x04\x02"   # offline cause: bit 2 cover open, bit 5 paper end stop, bit 6 error
DLE_EOT_ERROR = b"\x10\x04\x03"     # error cause: bit 3 cutter, bit 5 unrecoverable, bit 6 auto-recoverable
DLE_EOT_PAPER = b"\x10\x04\x04"     # roll paper sensor: bits 2-3 near end, bits 5-6 paper end


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself; None / "unknown" when it cannot tell or did not answer."""

    paper: Paper = "unknown"
    """Roll paper: plenty ("ok"), near its end, out, or unknown."""
    online: bool | None = None
    """True when the printer reports itself online, False offline, None when it did not answer."""
    cover_open: bool | None = None
    """True when the cover is open (from the offline cause)."""
    error: bool | None = None
    """True when the printer reports an error (cutter jam, head overheated, ...)."""
    detail: str = ""
    """One line for the technician: the transport and the raw status bytes."""

    @property
    def known(self) -> bool:
        """True when the printer answered at least one status query."""
        return self.online is not None or self.paper != "unknown"

    def failure_reason(self) -> str | None:
        """The PrinterError reason this status implies, or None when nothing is known to be wrong."""
        if self.paper == "out":
            return "paper_out"
        if self.cover_open:
            return "cover_open"
        if self.error:
            return "error"
        if self.online is False:
            return "offline"
        return None


def valid_status_byte(b: int) -> bool:
    """True when `b` has the fixed bits of a DLE EOT answer (bits 1,4 set; bits 0,7 clear)."""
    return b & 0x93 == 0x12


def parse_status(printer: int | None, offline: int | None, error: int | None, paper: int | None,
                 transport: str = "") -> PrinterStatus:
    """Combine the answers to DLE EOT 1..4 (None where there was no valid answer) into a PrinterStatus."""
    online: bool | None = None if printer is None else not bool(printer & 0x08)
    cover_open: bool | None = None if offline is None else bool(offline & 0x04)
    err: bool | None = None
    if offline is not None:
        err = bool(offline & 0x40)
    if error is not None:
        err = bool(err) or bool(error & 0x68)
    paper_state: Paper = "unknown"
    if paper is not None:
        if paper & 0x60:
            paper_state = "out"
        elif paper & 0x0C:
            paper_state = "near_end"
        else:
            paper_state = "ok"
    if offline is not None and offline & 0x20 and paper_state != "out":
        paper_state = "out"   # "printing stopped because of a paper end"
    raw = " ".join("--" if v is None else f"{v:02x}" for v in (printer, offline, error, paper))
    return PrinterStatus(paper=paper_state, online=online, cover_open=cover_open, error=err,
                         detail=f"{transport} DLE EOT 1-4: {raw}".strip())


UNKNOWN = PrinterStatus(detail="no status (transport cannot read)")
