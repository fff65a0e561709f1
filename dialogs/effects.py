"""Effects: the outputs of the dialog machine, as data the shell carries out."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from dialogs.values import Ticket, TicketRequest


@dataclass(frozen=True)
class Say:
    """Speak a text aloud (and the shell may show it as a caption)."""
    text: str
    utterance_id: int
    lang: str = "vi"


@dataclass(frozen=True)
class Show:
    """Draw a screen; data is what that screen needs (plain values)."""
    screen: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Listen:
    """Open the microphone; grammar restricts the recognizer ('catalogue', 'yesno', 'free')."""
    grammar: str = "catalogue"


@dataclass(frozen=True)
class StopListening:
    """Close the microphone."""


@dataclass(frozen=True)
class IssueTicket:
    """Ask the centre (or the offline numbering) for a ticket."""
    request: TicketRequest


@dataclass(frozen=True)
class PrintTicket:
    """Print the ticket."""
    ticket: Ticket


@dataclass(frozen=True)
class LookupDossier:
    """Ask the centre for a dossier's status."""
    code: str


@dataclass(frozen=True)
class CallStaff:
    """Call a member of staff to the kiosk."""
    reason: str


@dataclass(frozen=True)
class Log:
    """A line for the technician's log (never personal data)."""
    event: str
    data: Mapping[str, Any] = field(default_factory=dict)


Effect = Say | Show | Listen | StopListening | IssueTicket | PrintTicket | LookupDossier | CallStaff | Log
