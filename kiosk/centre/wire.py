"""Validation of the centre's answers (docs/centre-api.yaml) into the dialog values. Pure.

Every function raises `CentreMalformed` naming the first bad key."""
from __future__ import annotations

import unicodedata
from typing import Any

from dialogs.counters import CounterStatus
from dialogs.values import Dossier, Ticket

from kiosk.centre.errors import CentreMalformed


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _obj(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CentreMalformed(f"{where}: expected a JSON object, got {type(data).__name__}")
    return data


def _str(d: dict[str, Any], key: str, where: str, *, nullable: bool = False,
         required: bool = True) -> str | None:
    if key not in d:
        if required:
            raise CentreMalformed(f"{where}.{key}: missing")
        return None
    value = d[key]
    if value is None and nullable:
        return None
    if not isinstance(value, str) or (not value and not nullable):
        raise CentreMalformed(f"{where}.{key}: expected a non-empty string, got {value!r:.40}")
    return _nfc(value)


def _int(d: dict[str, Any], key: str, where: str, *, minimum: int = 0) -> int:
    value = d.get(key)
    if key not in d:
        raise CentreMalformed(f"{where}.{key}: missing")
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise CentreMalformed(f"{where}.{key}: expected an integer >= {minimum}, got {value!r:.40}")
    return value


def _bool(d: dict[str, Any], key: str, where: str) -> bool:
    value = d.get(key)
    if not isinstance(value, bool):
        raise CentreMalformed(f"{where}.{key}: expected true or false, got {value!r:.40}")
    return value


def parse_counter_status(data: Any) -> list[CounterStatus]:
    if not isinstance(data, list):
        raise CentreMalformed(f"counters/status: expected a JSON array, got {type(data).__name__}")
    out = []
    for i, item in enumerate(data):
        where = f"counters/status[{i}]"
        d = _obj(item, where)
        out.append(CounterStatus(counter_id=str(_str(d, "counter_id", where)),
                                 open=_bool(d, "open", where), waiting=_int(d, "waiting", where),
                                 avg_service_s=_int(d, "avg_service_s", where),
                                 serving=_str(d, "serving", where, nullable=True, required=False)))
    return out


def parse_ticket(data: Any, *, request_id: str, procedure_id: str, priority: bool,
                 counter_number: int) -> Ticket:
    where = "ticket"
    d = _obj(data, where)
    tracking = _str(d, "tracking_url", where, nullable=True, required=False)
    return Ticket(ticket_id=str(_str(d, "ticket_id", where)), number=str(_str(d, "number", where)),
                  counter_id=str(_str(d, "counter_id", where)), counter_number=counter_number,
                  procedure_id=procedure_id, people_ahead=_int(d, "people_ahead", where),
                  estimated_wait_s=_int(d, "estimated_wait_s", where),
                  issued_at=str(_str(d, "issued_at", where)), tracking_url=tracking,
                  priority=priority, offline=False, request_id=request_id)


def parse_dossier(data: Any) -> Dossier:
    where = "dossier"
    d = _obj(data, where)
    return Dossier(code=str(_str(d, "code", where)),
                   procedure_id=_str(d, "procedure_id", where, nullable=True),
                   status=str(_str(d, "status", where)),
                   status_text=str(_str(d, "status_text", where)),
                   due_date=_str(d, "due_date", where, nullable=True, required=False),
                   counter_id=_str(d, "counter_id", where, nullable=True, required=False))
