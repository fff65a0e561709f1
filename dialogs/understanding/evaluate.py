"""Scoring the understander on a labeled data set (pure: the caller reads the files).

A data set row: {"text", "intent", "slice", "split"?, "proc"?: [label keys], "field"?: [name
substrings], "value"?}. Labels name procedures by national code or exact name (see the labels
table), so one row can be checked against any catalogue; a row whose label resolves to nothing in
a catalogue is skipped for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from dialogs.catalogue import Catalogue
from dialogs.understanding.normalize import normalize

SYSTEM_INTENTS = ("yes", "no", "repeat", "back", "cancel", "help", "staff", "language", "greeting",
                  "dossier_status", "choose")


def merge_labels(*tables: dict[str, list[str]]) -> dict[str, list[str]]:
    """The label table (labels.toml) with the names of further catalogues (labels-*.toml, one
    per catalogue: the same keys, that catalogue's names) added to each key's references."""
    out: dict[str, list[str]] = {}
    for table in tables:
        for key, refs in table.items():
            out.setdefault(key, [])
            out[key].extend(r for r in refs if r not in out[key])
    return out


def resolve_procedures(catalogue: Catalogue, refs: Iterable[str]) -> set[str]:
    """Ids of the procedures a list of references (codes or names) names in this catalogue."""
    by_name: dict[str, list[str]] = {}
    for p in catalogue.procedures:
        by_name.setdefault(normalize(p.name), []).append(p.id)
    out: set[str] = set()
    for r in refs:
        for p in catalogue.procedures:
            if p.code and p.code == r:
                out.add(p.id)
        out.update(by_name.get(normalize(r), ()))
    return out


def resolve_field(catalogue: Catalogue, names: Iterable[str]) -> set[str]:
    out = set()
    for n in names:
        nn = normalize(n)
        out.update(f.id for f in catalogue.fields if nn and nn in normalize(f.name))
    return out


@dataclass
class Outcome:
    row: dict[str, Any]
    expected: set[str]
    got_intent: str
    decision: str
    top1: bool
    top3: bool
    confident_wrong: bool
    procedure_id: str | None
    candidates: tuple[str, ...]
    ms: float = 0.0


@dataclass
class Tally:
    n: int = 0
    top1: int = 0
    top3: int = 0
    accepted: int = 0
    confident_wrong: int = 0
    failures: list[Outcome] = field(default_factory=list)

    def add(self, o: Outcome) -> None:
        self.n += 1
        self.top1 += o.top1
        self.top3 += o.top3
        self.accepted += o.decision == "accept"
        self.confident_wrong += o.confident_wrong
        if not o.top1 or o.confident_wrong:
            self.failures.append(o)

    def as_dict(self) -> dict[str, Any]:
        n = max(1, self.n)
        return {"n": self.n, "top1": round(self.top1 / n, 3), "top3": round(self.top3 / n, 3),
                "accept_rate": round(self.accepted / n, 3),
                "confident_wrong": round(self.confident_wrong / n, 3)}


def judge(catalogue: Catalogue, understander: Any, row: dict[str, Any],
          labels: dict[str, list[str]]) -> Outcome | None:
    """Run one row; None when its label does not exist in this catalogue."""
    intent = row["intent"]
    expected: set[str] = set()
    if intent == "procedure":
        refs = [r for key in row.get("proc", []) for r in labels.get(key, [key])]
        expected = resolve_procedures(catalogue, refs)
        if not expected:
            return None
    elif intent == "field":
        expected = resolve_field(catalogue, row.get("field", []))
        if not expected:
            return None
    u = understander.understand(row["text"])
    cands = tuple(c.procedure_id for c in u.candidates)
    if intent == "procedure":
        top1 = u.intent == "procedure" and u.procedure_id in expected
        top3 = top1 or (u.intent == "procedure" and bool(expected & set(cands[:3])))
        wrong = u.decision == "accept" and not top1
    elif intent == "field":
        top1 = u.intent == "field" and u.field_id in expected
        top3 = top1 or (u.intent == "procedure" and u.field_id in expected)
        wrong = u.decision == "accept" and not top1 and not (u.intent == "procedure"
                                                             and u.field_id in expected)
    elif intent == "unknown":
        top1 = u.intent == "unknown" or u.decision == "reject"
        top3 = top1 or u.decision == "clarify"
        wrong = u.decision == "accept" and not top1
    else:
        top1 = u.intent == intent and (row.get("value") is None or u.value == row.get("value"))
        top3 = top1
        wrong = u.decision == "accept" and not top1
    return Outcome(row=row, expected=expected, got_intent=u.intent, decision=u.decision,
                   top1=top1, top3=top3, confident_wrong=wrong, procedure_id=u.procedure_id,
                   candidates=cands)


def evaluate(catalogue: Catalogue, understander: Any, rows: Iterable[dict[str, Any]],
             labels: dict[str, list[str]]) -> dict[str, Tally]:
    """Tallies per slice, plus 'all', 'system' (system intents) and 'procedures'."""
    out: dict[str, Tally] = {}
    for row in rows:
        o = judge(catalogue, understander, row, labels)
        if o is None:
            continue
        keys = ["all", row.get("slice", "other")]
        if row["intent"] in SYSTEM_INTENTS:
            keys.append("system_intents")
        for k in dict.fromkeys(keys):
            out.setdefault(k, Tally()).add(o)
    return out
