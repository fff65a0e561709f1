"""The dialog state machine: `step(state, event) -> (state, effects)`. Pure: no I/O, no clock."""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any

from dialogs import prompts
from dialogs.effects import (CallStaff, Effect, IssueTicket, Listen, Log, LookupDossier,
                             PrintTicket, Say, StopListening)
from dialogs.events import (CatalogueLoaded, CentreUnavailable, DossierLooked, Event, Heard,
                            HeardPartial, LanguageChosen, PersonArrived, PersonLeft,
                            PrinterFailed, Scanned, SpeechDone, Tick, TicketIssued,
                            TicketPrinted, Touched)
from dialogs.state import BEFORE_TICKET, Context, State
from dialogs.understanding import Understanding, build_understander
from dialogs.values import ScannedCode, TicketRequest
from dialogs.views import view

LISTENING = frozenset({"idle", "greeting", "asking", "help", "clarifying", "browsing", "card",
                       "priority", "ticket", "directions", "dossier", "code_info", "staff"})

# state -> (timeout in seconds or a settings attribute name, target state)
TIMEOUTS: dict[str, tuple[float | str, str]] = {
    "greeting": (12.0, "asking"),
    "asking": ("idle_timeout_s", "goodbye"),
    "help": ("idle_timeout_s", "goodbye"),
    "clarifying": ("idle_timeout_s", "goodbye"),
    "browsing": ("idle_timeout_s", "goodbye"),
    "card": ("idle_timeout_s", "goodbye"),
    "priority": ("idle_timeout_s", "goodbye"),
    "issuing": (30.0, "ticket_error"),
    "printing": (30.0, "ticket"),
    "ticket": ("ticket_shown_s", "directions"),
    "directions": (20.0, "goodbye"),
    "goodbye": ("goodbye_s", "idle"),
    "dossier_wait": (15.0, "dossier"),
    "dossier": ("idle_timeout_s", "goodbye"),
    "code_info": (12.0, "asking"),
    "staff": (90.0, "goodbye"),
    "ticket_error": (30.0, "goodbye"),
}

# Người cao tuổi under the Law on the Elderly: priority at public services.
ELDERLY_AGE = 60

# Where 'go back' leads when the history is empty.
BACK_DEFAULT = "asking"


def timeout_of(state: State, name: str) -> float | None:
    if name not in TIMEOUTS:
        return None
    value = TIMEOUTS[name][0]
    return float(getattr(state.settings, value) if isinstance(value, str) else value)


class _Step:
    """Accumulates the new state and the effects of one step."""

    def __init__(self, state: State) -> None:
        self.s = state
        self.fx: list[Effect] = []

    # -- helpers ---------------------------------------------------------------------------
    def set(self, **changes: Any) -> None:
        self.s = self.s.with_ctx(**changes)

    def say(self, key: str, **values: Any) -> None:
        c = self.s.ctx
        text = prompts.say(c.lang, key, c.honorific, **values)
        seq = c.utterance_seq + 1
        self.set(utterance_seq=seq, last_say=text)
        self.fx.append(Say(text=text, utterance_id=seq, lang=c.lang))

    def log(self, event: str, **data: Any) -> None:
        self.fx.append(Log(event=event, data=data))

    def goto(self, name: str, *, remember: bool = True) -> None:
        """Enter a state: its deadline, history for 'back', its prompt and the microphone."""
        old = self.s.name
        history = self.s.ctx.history
        if remember and old not in ("idle", name) and old in BEFORE_TICKET:
            history = (history + (old,))[-6:]
        if name in ("idle", "goodbye", "issuing"):
            history = ()
        t = timeout_of(self.s, name)
        self.s = replace(self.s, name=name)
        self.set(history=history, deadline=(self.s.ctx.now + t) if t is not None else None,
                 partial="")
        enter = getattr(self, f"_enter_{name}", None)
        if enter:
            enter()
        if name in LISTENING and self.s.settings.speech_available:
            self.fx.append(Listen("catalogue"))
        elif name not in LISTENING:
            self.fx.append(StopListening())
        if old != name:
            self.log("state", frm=old, to=name)

    def extend_deadline(self) -> None:
        t = timeout_of(self.s, self.s.name)
        if t is not None:
            self.set(deadline=self.s.ctx.now + t)

    # -- entering states -------------------------------------------------------------------
    def _enter_idle(self) -> None:
        settings = self.s.settings
        self.s = replace(self.s, ctx=Context(lang=settings.default_lang, now=self.s.ctx.now,
                                             utterance_seq=self.s.ctx.utterance_seq))

    def _enter_greeting(self) -> None:
        # No catalogue yet (the centre was down at first boot): say so and offer staff.
        self.say("greeting" if self.s.catalogue.procedures else "no_catalogue")

    def _enter_asking(self) -> None:
        self.set(candidates=(), procedure_id=None)

    def _enter_help(self) -> None:
        self.say("help")

    def _enter_clarifying(self) -> None:
        names = [self._proc_name(p) for p in self.s.ctx.candidates]
        keys = {1: "clarify_1", 2: "clarify_2", 3: "clarify_3"}
        self.say(keys[len(names)], **dict(zip("abc", names)))

    def _enter_browsing(self) -> None:
        f = self.s.catalogue.field(self.s.ctx.field_id)
        self.say("browse", field=f.name if f else "")

    def _enter_card(self) -> None:
        p = self.s.catalogue.procedure(self.s.ctx.procedure_id)
        if p is None:
            return
        if p.documents:
            self.say("card", name=p.name, documents="; ".join(p.documents), fee=p.fee or "-",
                     time=p.processing_time or "-")
        else:
            self.say("card_no_docs", name=p.name, fee=p.fee or "-", time=p.processing_time or "-")

    def _enter_priority(self) -> None:
        self.say("priority")

    def _enter_issuing(self) -> None:
        p = self.s.catalogue.procedure(self.s.ctx.procedure_id)
        if p is None:  # the catalogue changed under the citizen: the timeout calls staff
            self.log("procedure_gone", procedure_id=self.s.ctx.procedure_id)
            return
        self.say("issuing")
        self.fx.append(IssueTicket(TicketRequest(procedure_id=p.id, field_id=p.field_id,
                                                 priority=self.s.ctx.priority)))

    def _enter_printing(self) -> None:
        assert self.s.ctx.ticket is not None
        self.fx.append(PrintTicket(self.s.ctx.ticket))

    def _enter_ticket(self) -> None:
        t = self.s.ctx.ticket
        if t is None:
            return
        number = t.number
        if self.s.ctx.printer_failed:
            self.say("ticket_printer_failed", number=number, counter=t.counter_number)
            self.say("ticket_repeat_number", number=number, counter=t.counter_number)
        elif t.offline:
            self.say("ticket_offline", number=number, counter=t.counter_number)
        elif t.people_ahead == 0:
            self.say("ticket_none_ahead", number=number, counter=t.counter_number)
        else:
            self.say("ticket", number=number, counter=t.counter_number, ahead=t.people_ahead)

    def _enter_directions(self) -> None:
        t = self.s.ctx.ticket
        if t is not None:
            self.say("directions", counter=t.counter_number)

    def _enter_goodbye(self) -> None:
        self.say("goodbye")

    def _enter_dossier_wait(self) -> None:
        self.say("dossier_wait")
        self.fx.append(LookupDossier(self.s.ctx.dossier_code))

    def _enter_dossier(self) -> None:
        c = self.s.ctx
        if c.dossier is None:
            self.say("dossier_not_found" if c.dossier_error == "not_found" else "dossier_unavailable")
        elif c.dossier.due_date:
            self.say("dossier_due", code=c.dossier.code, status=c.dossier.status_text,
                     due=c.dossier.due_date)
        else:
            self.say("dossier", code=c.dossier.code, status=c.dossier.status_text)

    def _enter_staff(self) -> None:
        self.say("staff")
        self.fx.append(CallStaff(self.s.ctx.message or "citizen_asked"))

    def _enter_ticket_error(self) -> None:
        self.say("ticket_error")
        self.fx.append(CallStaff("ticket_failed"))

    # -- shared moves ----------------------------------------------------------------------
    def _proc_name(self, procedure_id: str) -> str:
        p = self.s.catalogue.procedure(procedure_id)
        return p.name if p else procedure_id

    def open_card(self, procedure_id: str) -> None:
        p = self.s.catalogue.procedure(procedure_id)
        if p is None:
            self.log("unknown_procedure", procedure_id=procedure_id)
            return
        self.set(procedure_id=p.id, field_id=p.field_id, misunderstandings=0, priority=False)
        self.goto("card")

    def take_ticket(self, ask_priority: bool = False) -> None:
        """A normal ticket at once (a priority one for a citizen the ID card shows is elderly);
        the priority question only when the citizen asks for priority."""
        if self.s.ctx.procedure_id is None:
            return
        if not self.s.settings.priority_enabled:
            self.set(priority=False)
        elif ask_priority and self.s.name != "priority":
            self.goto("priority")
            return
        else:
            self.set(priority=self.s.ctx.priority_eligible)
        self.goto("issuing")

    def misunderstood(self, u: Understanding | None) -> None:
        n = self.s.ctx.misunderstandings + 1
        self.set(misunderstandings=n)
        self.log("not_understood", count=n, intent=u.intent if u else None)
        if n >= 2:
            self.goto("help")
        else:
            self.say("not_understood")
            if self.s.name not in ("asking", "help"):
                self.goto("asking")
            self.extend_deadline()

    def go_back(self) -> None:
        history = self.s.ctx.history
        if history:
            target = history[-1]
            self.set(history=history[:-1])
        else:
            target = BACK_DEFAULT
        if target == "clarifying" and not self.s.ctx.candidates:
            target = "asking"
        if target in ("browsing",) and not self.s.ctx.field_id:
            target = "asking"
        if target == "card" and not self.s.ctx.procedure_id:
            target = "asking"
        if target == "asking":
            self.say("ask")
        self.goto(target, remember=False)

    def switch_language(self, lang: str) -> None:
        if lang not in ("vi", "en"):
            return
        self.set(lang=lang)
        name = self.s.name
        if name == "idle":
            self.goto("greeting")
        elif name in ("asking",):
            self.say("ask")
        else:
            # Re-enter the same screen so its prompt is said in the new language.
            self.goto(name, remember=False)

    def repeat(self) -> None:
        text = self.s.ctx.last_say
        if not text:
            self.say("nothing_to_repeat")
            return
        seq = self.s.ctx.utterance_seq + 1
        self.set(utterance_seq=seq)
        self.fx.append(Say(text=text, utterance_id=seq, lang=self.s.ctx.lang))
        self.extend_deadline()

    def call_staff(self, reason: str) -> None:
        self.set(message=reason)
        self.goto("staff")

    def system_intent(self, u: Understanding) -> bool:
        """Intents that mean the same in every state. True when handled."""
        if u.intent == "staff":
            self.call_staff("citizen_asked")
        elif u.intent == "repeat":
            self.repeat()
        elif u.intent == "back":
            self.go_back()
        elif u.intent == "cancel":
            self.goto("goodbye")
        elif u.intent == "language":
            self.switch_language(u.value or ("en" if self.s.ctx.lang == "vi" else "vi"))
        elif u.intent == "dossier_status":
            self.say("dossier_hint")
            self.extend_deadline()
        else:
            return False
        return True

    # -- understanding ---------------------------------------------------------------------
    def understand(self, event: Heard) -> Understanding | None:
        if self.s.understander is None:
            return None
        u = self.s.understander.understand(event.text, event.alternatives)
        self.log("understood", intent=u.intent, decision=u.decision,
                 procedure_id=u.procedure_id, confidence=u.confidence)
        return u

    def handle_request(self, u: Understanding | None) -> None:
        """The citizen said what they need (idle, greeting, asking, help, browsing, ...)."""
        if u is None:
            self.misunderstood(None)
            return
        if self.system_intent(u):
            return
        if u.intent == "procedure" and u.decision == "accept" and u.procedure_id:
            self.open_card(u.procedure_id)
        elif u.intent == "procedure" and u.decision == "clarify" and u.candidates:
            self.set(candidates=tuple(c.procedure_id for c in u.candidates[:3]),
                     misunderstandings=0)
            self.goto("clarifying")
        elif u.intent == "field" and u.field_id and self.s.catalogue.field(u.field_id):
            self.set(field_id=u.field_id, misunderstandings=0)
            self.goto("browsing")
        elif u.intent == "greeting":
            self.goto("greeting", remember=False)
        elif u.intent == "help":
            self.say("greeting")
            self.goto("asking", remember=False)
        else:
            self.misunderstood(u)

    # -- events ----------------------------------------------------------------------------
    def on_heard(self, e: Heard) -> None:
        name = self.s.name
        if name in ("issuing", "printing", "goodbye", "ticket_error"):
            return
        u = self.understand(e)
        if name == "idle" and (u is None or u.decision == "reject"):
            # Chatter in the hall: the robot speaks up only when someone asks it something.
            return
        if name in ("idle", "greeting", "asking", "help", "browsing", "code_info"):
            self.handle_request(u)
        elif name == "clarifying":
            cands = self.s.ctx.candidates
            index = _choice_index(u, len(cands)) if u and u.intent == "choose" else None
            if index is not None:
                self.open_card(cands[index])
            elif u and u.intent == "yes" and len(cands) == 1:
                self.open_card(cands[0])
            elif u and u.intent == "yes":
                self._enter_clarifying()  # "yes" to a choice of several: ask again which
                self.extend_deadline()
            elif u and u.intent == "no":
                self.say("ask")
                self.goto("asking")
            elif u and u.intent == "procedure" and u.procedure_id in cands:
                self.open_card(u.procedure_id)
            else:
                self.handle_request(u)
        elif name == "card":
            if _asks_priority(e.text) and self.s.settings.priority_enabled:
                self.take_ticket(ask_priority=True)
            elif u and u.intent == "yes":
                self.take_ticket()
            elif u and u.intent == "no":
                self.say("ask")
                self.goto("asking")
            else:
                self.handle_request(u)
        elif name == "priority":
            if u and u.intent == "yes":
                self.set(priority=True)
                self.goto("issuing")
            elif u and u.intent == "no":
                self.set(priority=False)
                self.goto("issuing")
            elif u and self.system_intent(u):
                pass
            else:
                self.say("yes_no_hint")
                self.extend_deadline()
        elif name in ("ticket", "directions", "dossier", "staff", "dossier_wait"):
            if u and u.intent in ("yes", "cancel"):
                self.goto("goodbye")
            elif u and u.intent == "repeat":
                self.repeat()
            elif u and u.intent == "staff" and name != "staff":
                self.call_staff("citizen_asked")
            elif u and u.intent == "language":
                self.switch_language(u.value or "vi")
            elif name in ("dossier", "staff") and u and u.intent in ("procedure", "field"):
                self.handle_request(u)
            else:
                self.extend_deadline()

    def on_touched(self, e: Touched) -> None:
        name, target = self.s.name, e.target
        kind, _, arg = target.partition(":")
        if name == "idle":
            if kind == "lang":
                self.set(lang=arg if arg in ("vi", "en") else self.s.ctx.lang)
            self.goto("greeting")
            return
        if name in ("issuing", "printing"):
            return
        if kind == "lang":
            self.switch_language(arg)
        elif target == "staff":
            self.call_staff("citizen_asked")
        elif target == "repeat":
            self.repeat()
        elif target == "back":
            self.go_back()
        elif target in ("home", "cancel"):
            self.goto("goodbye")
        elif kind == "field" and self.s.catalogue.field(arg):
            self.set(field_id=arg, misunderstandings=0)
            self.goto("browsing")
        elif kind == "procedure":
            self.open_card(arg)
        elif kind == "choice" and arg.isdigit() and 1 <= int(arg) <= len(self.s.ctx.candidates):
            self.open_card(self.s.ctx.candidates[int(arg) - 1])
        elif target == "take_ticket" and name == "card":
            self.take_ticket()
        elif target == "take_ticket:priority" and name == "card":
            self.take_ticket(ask_priority=True)
        elif target in ("priority:yes", "yes") and name == "priority":
            self.set(priority=True)
            self.goto("issuing")
        elif target in ("priority:no", "no") and name == "priority":
            self.set(priority=False)
            self.goto("issuing")
        elif target == "yes" and name == "card":
            self.take_ticket()
        elif target == "no" and name in ("card", "clarifying"):
            self.say("ask")
            self.goto("asking")
        elif target == "done":
            if name == "ticket":
                self.goto("directions")
            else:
                self.goto("goodbye")
        elif target == "screen":
            # A touch anywhere: the citizen is there; stop talking over them, keep the screen.
            self.extend_deadline()
        else:
            self.log("touch_ignored", target=target, state=name)
            self.extend_deadline()

    def on_scanned(self, e: Scanned) -> None:
        code: ScannedCode = e.code
        name = self.s.name
        if name in ("issuing", "printing"):
            self.log("scan_ignored", kind=code.kind, state=name)
            return
        if code.kind == "cccd":
            age = code.fields.get("age")
            self.set(honorific=_honorific(code),
                     priority_eligible=isinstance(age, int) and age >= ELDERLY_AGE)
            self.log("cccd_seen")
            if name in ("idle", "greeting", "asking", "code_info", "goodbye"):
                self.goto("greeting", remember=False)
                # The ID-card greeting instead of the plain one.
                self.fx = [f for f in self.fx if not isinstance(f, Say)]
                self.say("greeting_cccd")
            return
        if code.kind == "dossier":
            dcode = str(code.fields.get("code") or code.text)
            self.set(dossier_code=dcode, dossier=None, dossier_error=None)
            self.goto("dossier_wait")
        elif code.kind == "procedure":
            pcode = str(code.fields.get("code") or code.text)
            p = self.s.catalogue.by_code(pcode)
            if p is not None:
                self.open_card(p.id)
            else:
                self.set(message="code_unknown_procedure")
                self.goto("code_info")
                self.say("code_unknown_procedure")
        else:
            key = {"url": "code_url", "text": "code_text"}.get(code.kind, "code_invalid")
            self.set(message=key)
            self.log("scan_other", kind=code.kind, reason=code.fields.get("reason"))
            self.goto("code_info")
            self.say(key)

    def on_tick(self, e: Tick) -> None:
        self.set(now=e.now)
        deadline = self.s.ctx.deadline
        if deadline is None or e.now < deadline:
            return
        target = TIMEOUTS[self.s.name][1]
        self.log("timeout", state=self.s.name)
        if self.s.name == "printing":
            self.set(printer_failed="timeout")
        if self.s.name == "dossier_wait":
            self.set(dossier_error="unavailable")
        self.goto(target, remember=False)

    def on_speech_done(self, e: SpeechDone) -> None:
        if e.utterance_id != self.s.ctx.utterance_seq:
            return
        if self.s.name == "greeting":
            self.goto("asking", remember=False)
        elif self.s.name == "ticket":
            self.goto("directions", remember=False)

    def on_ticket_issued(self, e: TicketIssued) -> None:
        # Whatever the state, an issued ticket is printed: it must never be lost.
        self.set(ticket=e.ticket, printer_failed=None)
        self.log("ticket_issued", number=e.ticket.number, counter=e.ticket.counter_number,
                 offline=e.ticket.offline)
        self.goto("printing", remember=False)

    def on_printed(self, e: TicketPrinted | PrinterFailed) -> None:
        if self.s.name != "printing":
            self.log("print_result_late", failed=isinstance(e, PrinterFailed))
            return
        if isinstance(e, PrinterFailed):
            self.set(printer_failed=e.reason)
            self.log("printer_failed", reason=e.reason)
        self.goto("ticket", remember=False)


def _choice_index(u: Understanding, n: int) -> int | None:
    """'cái thứ hai' -> 1; 'cái cuối' -> the last one; None when it is not one of the n."""
    if u.value == "last" and n:
        return n - 1
    if u.value and u.value.isdigit() and 1 <= int(u.value) <= n:
        return int(u.value) - 1
    return None


def _asks_priority(text: str) -> bool:
    return "ưu tiên" in unicodedata.normalize("NFC", text).lower()


def _honorific(code: ScannedCode) -> str:
    """How to address the citizen; from a chip ID card only gender and age reach the machine."""
    gender = code.fields.get("gender")
    age = code.fields.get("age")
    old = isinstance(age, int) and age >= ELDERLY_AGE
    if gender == "Nữ":
        return "bà" if old else "chị"
    if gender == "Nam":
        return "ông" if old else "anh"
    return "ông/bà"


def step(state: State, event: Event) -> tuple[State, list[Effect]]:
    """Advance the dialog by one event. Returns the new state and the effects to carry out."""
    t = _Step(state)
    if isinstance(event, Tick):
        t.on_tick(event)
    elif isinstance(event, CatalogueLoaded):
        understander = build_understander(event.catalogue, state.settings.lexicon)
        t.s = replace(t.s, catalogue=event.catalogue, understander=understander)
        t.log("catalogue_loaded", version=event.catalogue.version,
              procedures=len(event.catalogue.procedures))
        if state.name in LISTENING and state.settings.speech_available:
            t.fx.append(Listen("catalogue"))  # (re)listen with the new catalogue's grammar
    elif isinstance(event, PersonArrived):
        if state.name in ("idle", "goodbye"):
            t.goto("greeting")
    elif isinstance(event, PersonLeft):
        if state.name in BEFORE_TICKET or state.name == "goodbye":
            t.goto("idle")
    elif isinstance(event, HeardPartial):
        if state.name in LISTENING:
            t.set(partial=event.text)
            t.extend_deadline()
    elif isinstance(event, Heard):
        t.on_heard(event)
    elif isinstance(event, Touched):
        t.on_touched(event)
    elif isinstance(event, Scanned):
        t.on_scanned(event)
    elif isinstance(event, SpeechDone):
        t.on_speech_done(event)
    elif isinstance(event, TicketIssued):
        t.on_ticket_issued(event)
    elif isinstance(event, CentreUnavailable):
        t.log("centre_unavailable", reason=event.reason)
        if state.name == "issuing":
            t.goto("ticket_error", remember=False)
    elif isinstance(event, DossierLooked):
        if state.name == "dossier_wait" and event.code == state.ctx.dossier_code:
            t.set(dossier=event.dossier, dossier_error=event.error)
            t.goto("dossier", remember=False)
    elif isinstance(event, (TicketPrinted, PrinterFailed)):
        t.on_printed(event)
    elif isinstance(event, LanguageChosen):
        t.switch_language(event.lang)
    new = t.s
    effects = t.fx
    old_view, new_view = view(state), view(new)
    if old_view != new_view:
        effects.append(new_view)
    return new, effects
