"""The state graph, discovered by running the machine itself over every kind of event.

Breadth-first from idle: in each reached state feed a representative of every event (every touch
target the screen offers, utterances of every intent, every kind of QR code, device answers and the
timeout) and record where `step` leads. Nothing here is a hand-written copy of the transitions."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from dialogs.catalogue import Catalogue
from dialogs.events import (CentreUnavailable, DossierLooked, Event, Heard, LanguageChosen,
                            PersonArrived, PersonLeft, PrinterFailed, Scanned, SpeechDone, Tick,
                            TicketIssued, TicketPrinted, Touched)
from dialogs.machine import step
from dialogs.state import State
from dialogs.values import Dossier, ScannedCode, Ticket


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


def _events(state: State) -> list[tuple[str, Event]]:
    cat, c = state.catalogue, state.ctx
    out: list[tuple[str, Event]] = [
        ("person arrived", PersonArrived()), ("person left", PersonLeft()),
        ("speech done", SpeechDone(c.utterance_seq)),
        ("timeout", Tick((c.deadline or c.now) + 0.001)),
        ("language en", LanguageChosen("en")),
        ("centre unavailable", CentreUnavailable("test")),
        ("ticket printed", TicketPrinted()), ("printer failed", PrinterFailed("paper_out")),
    ]
    for target in ("staff", "repeat", "back", "home", "done", "take_ticket",
                   "take_ticket:priority", "yes", "no",
                   "priority:yes", "priority:no", "choice:1", "screen"):
        out.append((f"touch {target}", Touched(target)))
    if cat.fields:
        out.append(("touch field", Touched(f"field:{cat.fields[0].id}")))
    if cat.procedures:
        p = cat.procedures[0]
        out.append(("touch procedure", Touched(f"procedure:{p.id}")))
        out.append(("said procedure name", Heard(p.name)))
        counter = next((k for k in cat.counters if p.field_id in k.field_ids), None)
        ticket = Ticket(ticket_id="T", number="0001", counter_id=counter.id if counter else "",
                        counter_number=counter.number if counter else 0, procedure_id=p.id)
        out.append(("ticket issued", TicketIssued(ticket)))
        out.append(("scan procedure code", Scanned(ScannedCode("procedure", p.code or p.id,
                                                                {"code": p.code or p.id}))))
    if cat.fields:
        out.append(("said field name", Heard(cat.fields[0].name)))
    # Words shared by two procedures of one field: a vague request (clarifying question).
    for f in cat.fields:
        procs = cat.procedures_in(f.id)
        if len(procs) >= 2:
            a, b = procs[0].name.split(), procs[1].name.split()
            shared = [x for x, y in zip(a, b) if x == y] or a[:2]
            out.append(("said vague words", Heard(" ".join(shared))))
            break
    for words in ("vâng", "không", "gọi cán bộ", "nói lại", "quay lại", "thôi", "xin chào",
                  "asdf qwerty"):
        out.append((f"said '{words}'", Heard(words)))
    out += [
        ("scan CCCD", Scanned(ScannedCode("cccd", "", {"gender": "Nữ", "age": 70}))),
        ("scan dossier", Scanned(ScannedCode("dossier", "X", {"code": "X"}))),
        ("scan link", Scanned(ScannedCode("url", "https://example.org", {}))),
        ("scan text", Scanned(ScannedCode("text", "hello", {}))),
        ("scan invalid", Scanned(ScannedCode("invalid", "", {"reason": "bad"}))),
        ("dossier found", DossierLooked(c.dossier_code, Dossier(c.dossier_code, None, "done", "Đã có kết quả"))),
        ("dossier not found", DossierLooked(c.dossier_code, None, "not_found")),
    ]
    return out


def _key(state: State) -> tuple:
    c = state.ctx
    return (state.name, min(c.misunderstandings, 2), c.ticket is not None,
            c.printer_failed is not None, bool(c.candidates), c.lang, bool(c.history))


def explore(start: State, max_states: int = 2000) -> set[Edge]:
    """Every transition reachable from `start` with the representative events."""
    edges: set[Edge] = set()
    seen = {_key(start)}
    todo = deque([start])
    while todo and len(seen) < max_states:
        state = todo.popleft()
        for label, event in _events(state):
            new, _ = step(state, event)
            if new.name != state.name:
                edges.add(Edge(state.name, new.name, label))
            k = _key(new)
            if k not in seen:
                seen.add(k)
                todo.append(new)
    return edges


def to_dot(edges: set[Edge], catalogue: Catalogue | None = None) -> str:
    by_pair: dict[tuple[str, str], list[str]] = {}
    for e in edges:
        by_pair.setdefault((e.source, e.target), []).append(e.label)
    lines = ["digraph kiosk_dialog {", '  rankdir=LR;', '  node [shape=box, style=rounded];',
             '  idle [shape=doublecircle];']
    for (src, dst), labels in sorted(by_pair.items()):
        text = "\\n".join(sorted(set(labels))[:6]) + ("\\n..." if len(set(labels)) > 6 else "")
        lines.append(f'  "{src}" -> "{dst}" [label="{text}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
