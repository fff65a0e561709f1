"""The dialog's state: an immutable value. Time enters only through Tick events."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from dialogs.catalogue import EMPTY, Catalogue
from dialogs.values import Dossier, Ticket

# Every state but idle has a timeout; the target is one step nearer to idle.
STATES = ("idle", "greeting", "asking", "help", "clarifying", "browsing", "card", "priority",
          "issuing", "printing", "ticket", "directions", "goodbye", "dossier_wait", "dossier",
          "code_info", "staff", "ticket_error")

# States where the citizen has not asked for a ticket yet: if they walk away, the kiosk resets.
BEFORE_TICKET = frozenset({"greeting", "asking", "help", "clarifying", "browsing", "card",
                           "priority", "code_info", "dossier_wait", "dossier"})


@dataclass(frozen=True)
class Settings:
    """What the centre configures for the dialog (from the config's [dialog] section)."""
    priority_enabled: bool = True
    priority_groups: tuple[str, ...] = ()
    idle_timeout_s: float = 45.0
    ticket_shown_s: float = 30.0
    goodbye_s: float = 6.0
    default_lang: str = "vi"
    speech_available: bool = True
    lexicon: Any = field(default=None, compare=False, repr=False)
    """The domain lexicon (dialogs.understanding.Lexicon) the understander matches through."""

    @classmethod
    def from_config(cls, cfg: dict[str, Any], speech_available: bool = True,
                    lexicon: Any = None) -> "Settings":
        d = cfg["dialog"]
        return cls(priority_enabled=d["priority_enabled"],
                   priority_groups=tuple(d["priority_groups"]),
                   idle_timeout_s=d["idle_timeout_s"], ticket_shown_s=d["ticket_shown_s"],
                   goodbye_s=d["goodbye_s"], default_lang=cfg["kiosk"]["language"],
                   speech_available=speech_available, lexicon=lexicon)


@dataclass(frozen=True)
class Context:
    """What the dialog remembers about the citizen in front of it (memory only, never stored)."""
    lang: str = "vi"
    now: float = 0.0
    deadline: float | None = None
    honorific: str = "ông/bà"
    """How the citizen is addressed; from a chip ID card only gender and age are used."""
    candidates: tuple[str, ...] = ()
    field_id: str | None = None
    procedure_id: str | None = None
    priority: bool = False
    priority_eligible: bool = False
    """The chip ID card showed an elderly citizen: their ticket is a priority one."""
    ticket: Ticket | None = None
    printer_failed: str | None = None
    misunderstandings: int = 0
    last_say: str = ""
    utterance_seq: int = 0
    history: tuple[str, ...] = ()
    """Previous screens, for 'go back'."""
    dossier: Dossier | None = None
    dossier_code: str = ""
    dossier_error: str | None = None
    message: str = ""
    partial: str = ""


@dataclass(frozen=True)
class State:
    """The whole state of the dialog machine."""
    name: str
    ctx: Context
    settings: Settings
    catalogue: Catalogue = EMPTY
    understander: Any = field(default=None, compare=False, repr=False)

    def with_ctx(self, **changes: Any) -> "State":
        return replace(self, ctx=replace(self.ctx, **changes))


def initial_state(settings: Settings | None = None, catalogue: Catalogue = EMPTY,
                  understander: Any = None) -> State:
    settings = settings or Settings()
    return State(name="idle", ctx=Context(lang=settings.default_lang), settings=settings,
                 catalogue=catalogue, understander=understander)
