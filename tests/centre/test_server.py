"""The reference centre: staff calls and closes change waiting counts and averages for real."""
from __future__ import annotations

import uuid

import requests

from kiosk.centre.server import ReferenceCentre

from tests.centre.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Clock:
    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def _ticket(url: str, counter: str = "q1", priority: bool = False, **extra) -> dict:
    r = requests.post(url + "/tickets", headers=AUTH, json={
        "request_id": str(uuid.uuid4()), "kiosk_id": "K1", "procedure_id": "khai-sinh",
        "counter_id": counter, "priority": priority, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def _status(url: str, counter: str = "q1") -> dict:
    rows = requests.get(url + "/counters/status", headers=AUTH).json()
    return next(r for r in rows if r["counter_id"] == counter)


def _call(url: str, counter: str = "q1") -> dict | None:
    r = requests.post(f"{url}/staff/counters/{counter}/call-next", headers=AUTH)
    assert r.status_code in (200, 204)
    return r.json() if r.status_code == 200 else None


def test_staff_calls_change_waiting_counts_averages_and_estimates(tmp_path, catalogue_json):
    clock = Clock(1_800_000_000.0)
    db = tmp_path / "centre.sqlite"
    centre = ReferenceCentre(db, catalogue_json, TOKEN, clock=clock,
                             default_avg_service_s=300).start()
    try:
        u = centre.url
        a, b, c = _ticket(u), _ticket(u), _ticket(u)
        assert [a["number"], b["number"], c["number"]] == ["1001", "1002", "1003"]
        assert (c["people_ahead"], c["estimated_wait_s"]) == (2, 600)
        assert _status(u) == {"counter_id": "q1", "open": True, "waiting": 3,
                              "avg_service_s": 300, "serving": None}
        assert _call(u)["number"] == "1001"
        assert _status(u)["waiting"] == 2 and _status(u)["serving"] == "1001"
        clock.t += 120
        assert _call(u)["number"] == "1002"                     # 1001 served in 120 s
        assert _status(u)["avg_service_s"] == 120
        clock.t += 60
        requests.post(f"{u}/staff/tickets/{b['ticket_id']}/close",
                      headers=AUTH).raise_for_status()          # 1002 served in 60 s
        assert _status(u) == {"counter_id": "q1", "open": True, "waiting": 1,
                              "avg_service_s": 90, "serving": None}
        d = _ticket(u)
        assert (d["people_ahead"], d["estimated_wait_s"]) == (1, 90)
        p = _ticket(u, priority=True)
        assert p["people_ahead"] == 0                           # priority goes first
        assert _call(u)["number"] == p["number"]
        assert _call(u)["number"] == "1003"
    finally:
        centre.stop()
    # The data survives a restart; numbering goes on.
    again = ReferenceCentre(db, catalogue_json, TOKEN, clock=clock).start()
    try:
        assert _status(again.url)["waiting"] == 1
        assert _ticket(again.url)["number"] == "1006"
    finally:
        again.stop()


def test_a_synced_offline_ticket_keeps_its_number_and_its_place(tmp_path, catalogue_json):
    clock = Clock(1_800_000_000.0)
    centre = ReferenceCentre(tmp_path / "c.sqlite", catalogue_json, TOKEN, clock=clock).start()
    try:
        u = centre.url
        later = _ticket(u)
        import datetime as dt
        earlier = dt.datetime.fromtimestamp(clock.t - 600, dt.timezone.utc).isoformat()
        offline = _ticket(u, offline_number="K1-007", issued_at=earlier)
        assert offline["number"] == "K1-007" and offline["people_ahead"] == 0
        assert _call(u)["number"] == "K1-007"
        assert _call(u)["number"] == later["number"]
    finally:
        centre.stop()


def test_without_a_token_configured_no_auth_is_needed(tmp_path, catalogue_json):
    centre = ReferenceCentre(tmp_path / "c.sqlite", catalogue_json, None).start()
    try:
        assert requests.get(centre.url + "/counters/status").status_code == 200
        assert centre.url.startswith("http://127.0.0.1:")
    finally:
        centre.stop()
