"""TicketService over real HTTP: counter choice, offline tickets, the outbox, print tracking."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
import requests

from dialogs.catalogue import parse_catalogue
from dialogs.values import TicketRequest
from kiosk.centre.server import ReferenceCentre
from kiosk.centre.tickets import TicketService
from kiosk.store import Store

from tests.centre.conftest import TOKEN
from tests.centre.fault_proxy import FaultProxy

HOTICH = TicketRequest(procedure_id="khai-sinh", field_id="hotich")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def catalogue(catalogue_json):
    return parse_catalogue(catalogue_json)


def _service(client, store, default="q3"):
    return TicketService(client, store, "K1", default)


def test_online_ticket_goes_to_the_open_counter_with_the_least_expected_wait(
        centre, make_client, store, catalogue):
    client = make_client(centre.url)
    service = _service(client, store)
    first = service.issue(HOTICH, catalogue)        # q1 and q2 both empty: tie -> lower number
    assert (first.counter_id, first.counter_number, first.offline) == ("q1", 1, False)
    assert first.number == "1001" and first.people_ahead == 0
    second = service.issue(HOTICH, catalogue)       # q1 has one waiting now -> q2
    assert (second.counter_id, second.number) == ("q2", "2001")
    third = service.issue(HOTICH, catalogue)        # both have one: tie -> q1
    assert third.counter_id == "q1" and third.people_ahead == 1
    assert third.estimated_wait_s == 300
    requests.post(centre.url + "/staff/counters/q1/open", json={"open": False},
                  headers=AUTH).raise_for_status()
    assert service.issue(HOTICH, catalogue).counter_id == "q2"   # closed counters are skipped
    entries = store.entries()
    assert [e.state for e in entries] == ["issued"] * 4
    assert all(e.synced_at for e in entries) and not store.outbox()


def test_a_broken_status_answer_still_gets_a_centre_ticket(centre, make_client, store, catalogue):
    proxy = FaultProxy(centre.url).start()
    try:
        proxy.add("GET", "/counters/status", "body", data={"oops": True})
        ticket = _service(make_client(proxy.url), store).issue(HOTICH, catalogue)
        assert not ticket.offline and ticket.counter_id == "q1"   # offline pick, online ticket
    finally:
        proxy.stop()


def test_offline_tickets_are_numbered_durable_and_reach_the_centre_exactly_once(
        tmp_path, catalogue_json, make_client, store, catalogue):
    db = tmp_path / "centre.sqlite"
    centre = ReferenceCentre(db, catalogue_json, TOKEN).start()
    port = centre.port
    client = make_client(centre.url)
    service = _service(client, store)
    online = service.issue(HOTICH, catalogue)
    centre.stop()

    land = TicketRequest(procedure_id="so-do", field_id="datdai", priority=True)
    t1 = service.issue(HOTICH, catalogue)
    t2 = service.issue(land, catalogue)
    assert (t1.number, t1.offline, t1.counter_id, t1.counter_number) == ("K1-001", True, "q1", 1)
    assert (t2.number, t2.counter_id, t2.priority) == ("K1-002", "q3", True)
    # Committed before issue() returned: another connection sees both in the outbox.
    other = Store(store.path)
    assert [e.ticket.number for e in other.outbox()] == ["K1-001", "K1-002"]
    other.close()
    assert service.sync_outbox() == 0                # still down: nothing sent, nothing lost
    assert len(store.outbox()) == 2 and store.outbox()[0].attempts == 1

    centre = ReferenceCentre(db, catalogue_json, TOKEN, port=port).start()
    try:
        assert service.sync_outbox() == 2
        assert service.sync_outbox() == 0
        tickets = centre.state.tickets()
        assert sorted(t["request_id"] for t in tickets) == sorted(
            [online.request_id, t1.request_id, t2.request_id])
        by_req = {t["request_id"]: t for t in tickets}
        assert by_req[t1.request_id]["number"] == "K1-001"
        assert by_req[t2.request_id]["offline_number"] == "K1-002"
        assert by_req[t2.request_id]["priority"] is True
        assert not store.outbox()
        assert store.entry(t1.request_id).centre_ticket["number"] == "K1-001"
    finally:
        centre.stop()


def test_an_acknowledgement_lost_during_sync_does_not_duplicate(centre, make_client, store,
                                                                catalogue):
    proxy = FaultProxy(centre.url).start()
    try:
        client = make_client(proxy.url, retries=0)
        service = _service(client, store)
        proxy.add("GET", "/counters/status", "status", code=503)
        offline = service.issue(HOTICH, catalogue)
        assert offline.offline
        proxy.add("POST", "/tickets", "forward_then_reset")
        assert service.sync_outbox() == 0             # the centre got it, the kiosk didn't hear
        assert len(store.outbox()) == 1
        assert service.sync_outbox() == 1             # same request_id again -> same ticket
        assert [t["request_id"] for t in centre.state.tickets()] == [offline.request_id]
    finally:
        proxy.stop()


def test_a_refused_offline_ticket_stays_in_the_outbox_and_the_rest_go(
        tmp_path, catalogue_json, make_client, store, catalogue):
    service = _service(make_client("http://127.0.0.1:9/api/v1", retries=0), store)
    gone = service.issue(TicketRequest("chung-thuc-ban-sao", "chungthuc"), catalogue)
    kept = service.issue(HOTICH, catalogue)
    smaller = dict(catalogue_json, procedures=[p for p in catalogue_json["procedures"]
                                               if p["id"] != "chung-thuc-ban-sao"])
    centre = ReferenceCentre(tmp_path / "c2.sqlite", smaller, TOKEN).start()
    try:
        service.client = make_client(centre.url)
        assert service.sync_outbox() == 1
        [left] = store.outbox()
        assert left.request_id == gone.request_id and "422" in left.last_error
        assert [t["request_id"] for t in centre.state.tickets()] == [kept.request_id]
    finally:
        centre.stop()


def test_offline_numbering_is_a_daily_sequence(store):
    day1, day2 = dt.date(2026, 11, 25), dt.date(2026, 11, 26)
    numbers = []
    for day in (day1, day1, day2):
        rid = str(uuid.uuid4())
        store.record_request(rid, "K1", "khai-sinh", "hotich", "q1", False)
        numbers.append(store.record_offline(rid, "K1", "q1", 1, "down", day=day).number)
    assert numbers == ["K1-001", "K1-002", "K1-001"]


def test_print_tracking_tells_what_was_never_printed(centre, make_client, store, catalogue):
    service = _service(make_client(centre.url), store)
    a = service.issue(HOTICH, catalogue)
    b = service.issue(HOTICH, catalogue)
    c = service.issue(HOTICH, catalogue)
    service.mark_print_started(b)
    service.mark_print_started(c)
    service.mark_printed(c)
    pending = {p.ticket.request_id: p.maybe_printed for p in service.pending_prints()}
    assert pending == {a.request_id: False, b.request_id: True}


def test_requests_left_unanswered_by_a_crash_are_resolved_on_sync(centre, make_client, store,
                                                                  catalogue):
    # A previous run recorded two requests and stopped: one after picking the counter (it may
    # have reached the centre), one before (it cannot have).
    maybe, never = str(uuid.uuid4()), str(uuid.uuid4())
    store.record_request(maybe, "K1", "khai-tu", "hotich", None, False)
    store.set_request_counter(maybe, "q2", 2)
    store.record_request(never, "K1", "khai-tu", "hotich", None, False)
    service = _service(make_client(centre.url), store)
    service.sync_outbox()
    assert store.entry(maybe).state == "issued" and store.entry(never).state == "abandoned"
    [pending] = service.pending_prints()
    assert pending.ticket.request_id == maybe and pending.ticket.counter_number == 2
    assert [t["request_id"] for t in centre.state.tickets()] == [maybe]


def test_store_is_wal_with_full_sync_and_migrated(store):
    assert store.pragmas() == {"journal_mode": "wal", "synchronous": 2}
    assert store.schema_version() == 1 and store.integrity_ok()
