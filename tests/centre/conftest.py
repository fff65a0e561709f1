"""Fixtures of the centre tests: the reference centre on localhost, a kiosk store, a client with
short timeouts and retries (so failures are quick), the test catalogue."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from kiosk.centre.client import CentreClient
from kiosk.centre.server import ReferenceCentre
from kiosk.store import Store

HERE = Path(__file__).resolve().parent
TOKEN = "test-token-0f9e8d7c"


@pytest.fixture
def catalogue_json() -> dict[str, Any]:
    return json.loads((HERE / "catalogue.json").read_text(encoding="utf-8"))


@pytest.fixture
def centre(tmp_path, catalogue_json):
    server = ReferenceCentre(tmp_path / "centre.sqlite", catalogue_json, TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "kiosk.sqlite")
    yield s
    s.close()


FAST = dict(connect_timeout_s=0.5, read_timeout_s=0.5, retries=2, backoff_s=0.01,
            backoff_max_s=0.05, status_cache_s=0.0)


@pytest.fixture
def make_client(store) -> Callable[..., CentreClient]:
    clients: list[CentreClient] = []

    def make(url: str, token: str | None = TOKEN, **kw: Any) -> CentreClient:
        opts = {**FAST, "store": store, **kw}
        client = CentreClient(url, token, "K1", **opts)
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()
