"""The demo catalogue (config/catalogues/demo.json) parses and is internally consistent."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter as Tally
from pathlib import Path

import pytest

from dialogs.catalogue import Catalogue, parse_catalogue

DEMO = Path(__file__).resolve().parents[2] / "config" / "catalogues" / "demo.json"
CODE = re.compile(r"^[1-9]\.\d{6}$")


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(DEMO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cat(raw: dict) -> Catalogue:
    return parse_catalogue(raw)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_version(cat: Catalogue) -> None:
    assert cat.version == "demo-2026.11"


def test_at_least_60_procedures(cat: Catalogue) -> None:
    assert len(cat.procedures) >= 60


def test_every_procedure_field_exists(cat: Catalogue) -> None:
    field_ids = {f.id for f in cat.fields}
    missing = [p.id for p in cat.procedures if p.field_id not in field_ids]
    assert missing == []


def test_every_field_has_a_procedure_and_a_counter(cat: Catalogue) -> None:
    served = {fid for c in cat.counters for fid in c.field_ids}
    assert [f.id for f in cat.fields if f.id not in served] == []
    assert [f.id for f in cat.fields if not cat.procedures_in(f.id)] == []


def test_counters_only_name_known_fields_and_some_fields_have_two(cat: Catalogue) -> None:
    field_ids = {f.id for f in cat.fields}
    assert {fid for c in cat.counters for fid in c.field_ids} <= field_ids
    per_field = Tally(fid for c in cat.counters for fid in set(c.field_ids))
    assert sum(1 for n in per_field.values() if n >= 2) >= 2


def test_counters_numbered_1_to_6(cat: Catalogue) -> None:
    assert sorted(c.number for c in cat.counters) == [1, 2, 3, 4, 5, 6]
    assert sorted(c.id for c in cat.counters) == [f"C{i}" for i in range(1, 7)]


def test_all_text_is_nfc(raw: dict) -> None:
    # parse_catalogue normalises, so check the file itself.
    text = DEMO.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    bad = [s for s in _strings(raw) if not unicodedata.is_normalized("NFC", s)]
    assert bad == []


def test_ids_unique(cat: Catalogue) -> None:
    for ids in ([p.id for p in cat.procedures], [f.id for f in cat.fields], [c.id for c in cat.counters]):
        assert [i for i, n in Tally(ids).items() if n > 1] == []


def test_id_formats(cat: Catalogue) -> None:
    assert all(re.fullmatch(r"P\d{3}", p.id) for p in cat.procedures)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", f.id) for f in cat.fields)


def test_codes_are_national_format_and_unique(cat: Catalogue) -> None:
    codes = [p.code for p in cat.procedures if p.code is not None]
    assert [c for c in codes if not CODE.match(c)] == []
    assert [c for c, n in Tally(codes).items() if n > 1] == []


def test_birth_registration_code(cat: Catalogue) -> None:
    proc = cat.by_code("1.001193")
    assert proc is not None
    assert proc.name == "Đăng ký khai sinh"
    assert proc.field_id == "ho-tich"


def test_documents_and_aliases_present(cat: Catalogue) -> None:
    assert [p.id for p in cat.procedures if not p.documents] == []
    assert [p.id for p in cat.procedures if not 2 <= len(p.documents) <= 6] == []
    assert [p.id for p in cat.procedures if not 1 <= len(p.aliases) <= 4] == []
    assert [p.id for p in cat.procedures if not (p.fee and p.processing_time)] == []
    assert [p.id for p in cat.procedures if any(not s.strip() for s in p.documents + p.aliases)] == []


def test_round_trip(cat: Catalogue) -> None:
    assert parse_catalogue(cat.to_json()) == cat
