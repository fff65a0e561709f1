from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from dialogs.catalogue import parse_catalogue
from dialogs.understanding import Lexicon
from dialogs.understanding.evaluate import merge_labels

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
CATALOGUES = ["demo.json", "other-thanhhoa.json", "other-ward.json", "other-district.json",
              "other-commune-d.json", "other-commune-e.json",
              "other-commune-b.json", "other-commune-c.json"]


def load_catalogue(name: str):
    return parse_catalogue(json.loads((ROOT / "config" / "catalogues" / name).read_text("utf-8")))


def small_catalogue(fields: dict[str, str], names: list[str]):
    """A catalogue the code has never seen: `fields` (id -> name), and the procedures `names`,
    all of the first field, one counter serving every field."""
    first = next(iter(fields))
    return parse_catalogue({
        "version": "t", "fields": [{"id": i, "name": n} for i, n in fields.items()],
        "procedures": [{"id": f"p{k}", "code": None, "name": n, "field_id": first, "aliases": [],
                        "documents": ["Đơn"], "fee": "0", "processing_time": "1 ngày",
                        "online": "none"} for k, n in enumerate(names)],
        "counters": [{"id": "C1", "number": 1, "name": "Quầy 1", "field_ids": list(fields)}]})


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.from_toml_texts([p.read_text("utf-8") for p in
                                    sorted((ROOT / "config" / "lexicon").glob("*.toml"))])


@pytest.fixture(scope="session")
def labels() -> dict:
    return merge_labels(*(tomllib.loads(p.read_text("utf-8"))
                          for p in [DATA / "labels.toml", *sorted(DATA.glob("labels-*.toml"))]))


@pytest.fixture(scope="session")
def rows() -> list[dict]:
    out = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row.setdefault("split", path.stem)
                out.append(row)
    return out
