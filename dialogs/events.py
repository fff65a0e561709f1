"""Events: the inputs of the dialog machine. Each is a small frozen dataclass."""
from __future__ import annotations

from dataclasses import dataclass, fields as dc_fields, is_dataclass
from typing import Any

from dialogs.catalogue import Catalogue
from dialogs.values import Dossier, ScannedCode, Ticket


@dataclass(frozen=True)
class Heard:
    """The recognizer's final result for one utterance (or text typed in the demo)."""
    text: str
    alternatives: tuple[str, ...] = ()
    """Other hypotheses, best first."""
    confidence: float = 1.0
    """Recognizer confidence 0..1."""


@dataclass(frozen=True)
class HeardPartial:
    """A partial result while the citizen is still speaking."""
    text: str


@dataclass(frozen=True)
class Touched:
    """A touch or click on a screen target, e.g. 'field:ho-tich', 'procedure:P01', 'yes', 'back'."""
    target: str


@dataclass(frozen=True)
class Scanned:
    """A QR code was read and classified."""
    code: ScannedCode


@dataclass(frozen=True)
class PersonArrived:
    """Someone stands in front of the robot."""


@dataclass(frozen=True)
class PersonLeft:
    """Nobody is in front of the robot any more."""


@dataclass(frozen=True)
class SpeechDone:
    """The speaker finished (or skipped) an utterance."""
    utterance_id: int


@dataclass(frozen=True)
class CatalogueLoaded:
    """A (new) catalogue is available, from the centre or the cache."""
    catalogue: Catalogue


@dataclass(frozen=True)
class TicketIssued:
    """The shell issued the ticket (by the centre, or offline)."""
    ticket: Ticket


@dataclass(frozen=True)
class CentreUnavailable:
    """The centre could not be used for what was asked; reason for the log."""
    reason: str


@dataclass(frozen=True)
class DossierLooked:
    """Answer to LookupDossier: the dossier, or None when unknown or the centre is down."""
    code: str
    dossier: Dossier | None
    error: str | None = None
    """'not_found' or 'unavailable' when dossier is None."""


@dataclass(frozen=True)
class TicketPrinted:
    """The printer accepted the whole ticket."""


@dataclass(frozen=True)
class PrinterFailed:
    """The printer failed; reason is a short machine word (paper_out, offline, ...)."""
    reason: str


@dataclass(frozen=True)
class Tick:
    """Time passes; the only way the machine learns the time (seconds, monotonic)."""
    now: float


@dataclass(frozen=True)
class LanguageChosen:
    """The citizen chose a language ('vi' or 'en')."""
    lang: str


Event = (Heard | HeardPartial | Touched | Scanned | PersonArrived | PersonLeft | SpeechDone
         | CatalogueLoaded | TicketIssued | CentreUnavailable | DossierLooked | TicketPrinted
         | PrinterFailed | Tick | LanguageChosen)


def to_json(value: Any) -> Any:
    """A JSON-able view of an event or effect, with personal data left out."""
    if isinstance(value, Catalogue):
        return {"version": value.version, "procedures": len(value.procedures)}
    if isinstance(value, ScannedCode) and value.kind == "cccd":
        return {"kind": "cccd"}
    if is_dataclass(value):
        out = {"type": type(value).__name__} if not isinstance(value, (ScannedCode,)) else {}
        for f in dc_fields(value):
            if f.name.startswith("_"):
                continue
            out[f.name] = to_json(getattr(value, f.name))
        return out
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value
