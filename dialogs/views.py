"""What each screen shows: `view(state) -> Show(screen, data)`, plain values only.

The touchscreen UI draws a Show without looking into the dialog's state (the Elm view)."""
from __future__ import annotations

from typing import Any

from dialogs import prompts
from dialogs.effects import Show
from dialogs.state import State


def _ticket(state: State) -> dict[str, Any] | None:
    t = state.ctx.ticket
    if t is None:
        return None
    counter = state.catalogue.counter(t.counter_id)
    return {"number": t.number, "counter_id": t.counter_id, "counter_number": t.counter_number,
            "counter_name": counter.name if counter else "", "people_ahead": t.people_ahead,
            "estimated_wait_min": (t.estimated_wait_s + 59) // 60, "priority": t.priority,
            "offline": t.offline, "procedure_id": t.procedure_id}


def _fields(state: State) -> list[dict[str, str]]:
    return [{"id": f.id, "name": f.name} for f in state.catalogue.fields]


def view(state: State) -> Show:
    c, cat = state.ctx, state.catalogue
    data: dict[str, Any] = {"lang": c.lang, "caption": c.last_say, "partial": c.partial,
                            "speech": state.settings.speech_available}
    name = state.name
    if name in ("greeting", "asking", "help"):
        data["fields"] = _fields(state)
        data["not_understood"] = c.misunderstandings
    elif name == "clarifying":
        data["choices"] = [{"index": i + 1, "procedure_id": pid,
                            "name": (cat.procedure(pid).name if cat.procedure(pid) else pid)}
                           for i, pid in enumerate(c.candidates)]
    elif name == "browsing":
        f = cat.field(c.field_id)
        data["field_name"] = f.name if f else ""
        data["procedures"] = [{"id": p.id, "name": p.name} for p in cat.procedures_in(c.field_id or "")]
    elif name in ("card", "priority", "issuing"):
        p = cat.procedure(c.procedure_id)
        if p is not None:
            f = cat.field(p.field_id)
            data["procedure"] = {"id": p.id, "code": p.code, "name": p.name,
                                 "field_name": f.name if f else "", "documents": list(p.documents),
                                 "fee": p.fee, "processing_time": p.processing_time,
                                 "online": p.online}
        data["priority_enabled"] = state.settings.priority_enabled
        if name == "priority":
            data["groups"] = list(state.settings.priority_groups)
    elif name in ("printing", "ticket", "directions"):
        data["ticket"] = _ticket(state)
        p = cat.procedure(c.ticket.procedure_id) if c.ticket else None
        data["procedure_name"] = p.name if p else ""
        data["printer_failed"] = c.printer_failed
    elif name == "dossier":
        d = c.dossier
        data["code"] = c.dossier_code
        data["error"] = c.dossier_error if d is None else None
        if d is not None:
            p = cat.procedure(d.procedure_id)
            counter = cat.counter(d.counter_id)
            data.update(status=d.status, status_text=d.status_text, due_date=d.due_date,
                        procedure_name=p.name if p else "",
                        counter_number=counter.number if counter else None)
    elif name == "dossier_wait":
        data["code"] = c.dossier_code
    elif name in ("code_info", "staff", "ticket_error", "goodbye", "idle"):
        data["message"] = c.last_say if name != "idle" else prompts.say(c.lang, "attract")
    return Show(screen=name, data=data)
