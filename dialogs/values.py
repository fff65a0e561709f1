"""Values that travel between the dialog machine and the shell: tickets, dossiers, requests."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class TicketRequest:
    """What the machine asks the shell to issue; the shell adds the request_id and kiosk_id."""
    procedure_id: str
    """The chosen procedure."""
    field_id: str
    """Its field, used to pick the counter."""
    priority: bool = False
    """A priority ticket (elderly, disabled, pregnant, ... as the centre configures)."""


@dataclass(frozen=True)
class Ticket:
    """A queue ticket, issued by the centre or offline by the kiosk."""
    ticket_id: str
    number: str
    """Display number, e.g. '0125' or an offline 'K1-007'."""
    counter_id: str
    counter_number: int
    procedure_id: str
    people_ahead: int = 0
    estimated_wait_s: int = 0
    issued_at: str = ""
    """ISO 8601 time of issue."""
    tracking_url: str | None = None
    priority: bool = False
    offline: bool = False
    """Issued from the kiosk's own numbering while the centre was unreachable."""
    request_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Dossier:
    """Status of a dossier (hồ sơ) from `GET /dossiers/{code}`."""
    code: str
    procedure_id: str | None
    status: str
    status_text: str
    due_date: str | None = None
    counter_id: str | None = None


@dataclass(frozen=True)
class ScannedCode:
    """What a QR code held, already classified by the shell (vision).

    For a chip ID card only `fields={"gender": "Nam"|"Nữ", "age": int}` reaches the
    machine: name, id and address never leave the vision thread."""
    kind: str
    """cccd | dossier | procedure | url | text | invalid"""
    text: str = ""
    """The code's text (empty for cccd)."""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """Parsed fields: dossier {code}, procedure {code}, cccd {gender, age}, invalid {reason}."""
