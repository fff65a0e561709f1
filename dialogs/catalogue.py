"""The centre's catalogue as immutable values: fields, procedures, counters.

Parsed from the JSON of `GET /catalogue` (see docs/centre-api.yaml). Pure: no I/O here.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping


class CatalogueError(ValueError):
    """The catalogue JSON does not have the shape of the contract."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Field:
    """A field (lĩnh vực) that groups procedures, e.g. Hộ tịch."""
    id: str
    """Stable id used by procedures and counters."""
    name: str
    """Display name in Vietnamese (NFC)."""


@dataclass(frozen=True)
class Procedure:
    """One administrative procedure (thủ tục hành chính)."""
    id: str
    """The centre's id of the procedure."""
    code: str | None
    """National procedure code where one exists (e.g. 1.001193), else None."""
    name: str
    """Official name (NFC)."""
    field_id: str
    """Id of the field it belongs to."""
    aliases: tuple[str, ...] = ()
    """Extra phrases the centre's staff add."""
    documents: tuple[str, ...] = ()
    """Papers the citizen brings."""
    fee: str = ""
    """Fee as display text (e.g. 'Miễn phí', '8.000 đồng')."""
    processing_time: str = ""
    """Processing time as display text."""
    online: str = "none"
    """Whether it can be done online: full | partial | none."""


@dataclass(frozen=True)
class Counter:
    """A service counter (quầy)."""
    id: str
    """The centre's id of the counter."""
    number: int
    """The number shown above the desk."""
    name: str
    """Display name."""
    field_ids: tuple[str, ...] = ()
    """Fields this counter serves."""


@dataclass(frozen=True)
class Catalogue:
    """Everything the kiosk knows about the centre's procedures and counters."""
    version: str
    fields: tuple[Field, ...]
    procedures: tuple[Procedure, ...]
    counters: tuple[Counter, ...]
    _by_id: Mapping[str, Procedure] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {p.id: p for p in self.procedures})

    def procedure(self, procedure_id: str | None) -> Procedure | None:
        return self._by_id.get(procedure_id) if procedure_id else None

    def field(self, field_id: str | None) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def counter(self, counter_id: str | None) -> Counter | None:
        return next((c for c in self.counters if c.id == counter_id), None)

    def procedures_in(self, field_id: str) -> tuple[Procedure, ...]:
        return tuple(p for p in self.procedures if p.field_id == field_id)

    def by_code(self, code: str) -> Procedure | None:
        return next((p for p in self.procedures if p.code == code or p.id == code), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "fields": [{"id": f.id, "name": f.name} for f in self.fields],
            "procedures": [
                {"id": p.id, "code": p.code, "name": p.name, "field_id": p.field_id,
                 "aliases": list(p.aliases), "documents": list(p.documents), "fee": p.fee,
                 "processing_time": p.processing_time, "online": p.online}
                for p in self.procedures
            ],
            "counters": [{"id": c.id, "number": c.number, "name": c.name,
                          "field_ids": list(c.field_ids)} for c in self.counters],
        }


EMPTY = Catalogue(version="", fields=(), procedures=(), counters=())


def _str(obj: Mapping[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    value = obj.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise CatalogueError(f"{where}.{key}: expected a string, got {type(value).__name__}")
    return nfc(value)


def _id(obj: Mapping[str, Any], key: str, where: str) -> str:
    """An id: a string, or an integer as some centres' databases give them."""
    value = obj.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(_str(obj, key, where))


def _strs(obj: Mapping[str, Any], key: str, where: str, *, ids: bool = False) -> tuple[str, ...]:
    value = obj.get(key)
    if value is None:       # absent or null: none (a centre whose staff never filled them)
        return ()
    ok = (str, int) if ids else (str,)
    if not isinstance(value, list) or not all(isinstance(v, ok) and not isinstance(v, bool)
                                              for v in value):
        raise CatalogueError(f"{where}.{key}: expected a list of strings")
    return tuple(nfc(str(v)) for v in value)


def parse_catalogue(data: Any) -> Catalogue:
    """Validate and convert catalogue JSON; raises CatalogueError naming the first bad key."""
    if not isinstance(data, dict):
        raise CatalogueError("catalogue: expected a JSON object")
    for key in ("fields", "procedures", "counters"):
        if not isinstance(data.get(key), list):
            raise CatalogueError(f"catalogue.{key}: expected a list")
    version = data.get("version")
    if not isinstance(version, (str, int)):
        raise CatalogueError("catalogue.version: expected a string")
    fields = []
    for i, f in enumerate(data["fields"]):
        where = f"fields[{i}]"
        if not isinstance(f, dict):
            raise CatalogueError(f"{where}: expected an object")
        fields.append(Field(id=_id(f, "id", where), name=str(_str(f, "name", where))))
    field_ids = {f.id for f in fields}
    procedures = []
    for i, p in enumerate(data["procedures"]):
        where = f"procedures[{i}]"
        if not isinstance(p, dict):
            raise CatalogueError(f"{where}: expected an object")
        online = p.get("online", "none")
        if online not in ("full", "partial", "none"):
            raise CatalogueError(f"{where}.online: expected full, partial or none")
        fid = _id(p, "field_id", where)
        if fid not in field_ids:
            raise CatalogueError(f"{where}.field_id: unknown field {fid!r}")
        fee = p.get("fee", "")
        procedures.append(Procedure(
            id=_id(p, "id", where), code=_str(p, "code", where, optional=True),
            name=str(_str(p, "name", where)), field_id=fid,
            aliases=_strs(p, "aliases", where), documents=_strs(p, "documents", where),
            fee=nfc(str(fee)) if fee is not None else "",
            processing_time=nfc(str(p.get("processing_time") or "")), online=online))
    counters = []
    for i, c in enumerate(data["counters"]):
        where = f"counters[{i}]"
        if not isinstance(c, dict):
            raise CatalogueError(f"{where}: expected an object")
        number = c.get("number")
        if isinstance(number, str) and number.strip().isdigit():
            number = int(number)
        if not isinstance(number, int) or isinstance(number, bool):
            raise CatalogueError(f"{where}.number: expected an integer")
        name = c.get("name")
        counters.append(Counter(id=_id(c, "id", where), number=number,
                                name=f"Quầy {number}" if name is None else str(_str(c, "name", where)),
                                field_ids=_strs(c, "field_ids", where, ids=True)))
    return Catalogue(version=str(version), fields=tuple(fields), procedures=tuple(procedures),
                     counters=tuple(counters))
