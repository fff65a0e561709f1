from __future__ import annotations

import functools
import json
import tomllib
from pathlib import Path

import pytest

from dialogs.catalogue import parse_catalogue
from dialogs.understanding import Lexicon, build_understander
from dialogs.understanding.evaluate import evaluate, merge_labels

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


def read_lexicon() -> Lexicon:
    return Lexicon.from_toml_texts([p.read_text("utf-8") for p in
                                    sorted((ROOT / "config" / "lexicon").glob("*.toml"))])


def read_labels() -> dict:
    return merge_labels(*(tomllib.loads(p.read_text("utf-8"))
                          for p in [DATA / "labels.toml", *sorted(DATA.glob("labels-*.toml"))]))


def read_rows() -> list[dict]:
    out = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row.setdefault("split", path.stem)
                out.append(row)
    return out


@functools.cache
def _data_set() -> tuple[Lexicon, dict, list[dict]]:
    return read_lexicon(), read_labels(), read_rows()


def catalogue_figures(name: str) -> dict[str, tuple[int, int, int, int]]:
    """(utterances, top-1, top-3, confidently wrong) of every row on one catalogue, for all
    rows and for the system intents. Runs in a worker process: it reads the data set itself, once
    per process."""
    lexicon, labels, rows = _data_set()
    cat = load_catalogue(name)
    tallies = evaluate(cat, build_understander(cat, lexicon), rows, labels)
    return {k: (t.n, t.top1, t.top3, t.confident_wrong) for k, t in tallies.items()
            if k in ("all", "system_intents")}


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return read_lexicon()


@pytest.fixture(scope="session")
def labels() -> dict:
    return read_labels()


@pytest.fixture(scope="session")
def rows() -> list[dict]:
    return read_rows()
