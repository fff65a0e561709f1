"""The result of understanding one utterance."""
from __future__ import annotations

from dataclasses import dataclass

INTENTS = ("procedure", "field", "dossier_status", "yes", "no", "repeat", "cancel", "help",
           "staff", "language", "greeting", "back", "choose", "unknown")


@dataclass(frozen=True)
class Candidate:
    """One procedure the utterance may mean."""
    procedure_id: str
    score: float


@dataclass(frozen=True)
class Understanding:
    """What the citizen meant, and how sure we are."""
    text: str
    intent: str
    """One of INTENTS."""
    decision: str
    """accept | clarify | reject"""
    confidence: float
    procedure_id: str | None = None
    field_id: str | None = None
    candidates: tuple[Candidate, ...] = ()
    """At most 3 for clarify, best first."""
    value: str | None = None
    """Extra slot: the language code ('vi' | 'en') for intent 'language'; the chosen position
    ('1' | '2' | '3', or 'last') for intent 'choose'."""
