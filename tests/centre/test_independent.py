"""'Done when': against a centre we did not write (tests/centre/independent_server.py, which checks
every request against the OpenAPI document), the kiosk loads the catalogue, picks counters
correctly, issues tickets, and with the centre stopped and started again issues offline tickets
that reach the centre exactly once."""
from __future__ import annotations

import pytest

from dialogs.values import TicketRequest
from kiosk.centre.tickets import TicketService

from tests.centre.conftest import TOKEN
from tests.centre.independent_server import IndependentCentre

HOTICH = TicketRequest("khai-sinh", "hotich")
LAND = TicketRequest("so-do", "datdai", priority=True)


@pytest.fixture
def other(catalogue_json):
    server = IndependentCentre(catalogue_json, TOKEN).start()
    yield server
    server.stop()
    assert server.violations == []


def test_the_kiosk_works_with_a_centre_it_did_not_write(other, make_client, store):
    client = make_client(other.url)
    catalogue = client.catalogue()
    assert catalogue.version == "test-1" and client.catalogue_source == "centre"
    assert client.catalogue() == catalogue                     # weak ETag, 304
    assert store.cached_catalogue().etag == 'W/"v1"'
    service = TicketService(client, store, "K1", "q3")

    other.set_status("q1", waiting=5, avg_service_s=600)       # 3000 s expected
    other.set_status("q2", waiting=2, avg_service_s=900)       # 1800 s expected
    t1 = service.issue(HOTICH, catalogue)
    assert (t1.counter_id, t1.counter_number, t1.number) == ("q2", 2, "B-0001")
    assert t1.people_ahead == 2 and t1.estimated_wait_s == 1800
    assert t1.tracking_url == "https://centre.local/t/1"
    other.set_status("q2", open=False)
    assert service.issue(HOTICH, catalogue).counter_id == "q1"  # closed counter skipped
    other.set_status("q1", waiting=3, avg_service_s=600)
    other.set_status("q2", open=True, waiting=2, avg_service_s=900)
    assert service.issue(HOTICH, catalogue).counter_id == "q1"  # tie 1800 = 1800: lower number

    dossier = client.dossier("H40.22-261126-0001")
    assert dossier is not None and dossier.status == "done"
    assert client.dossier("H40.22-000000-0000") is None
    client.heartbeat({"outbox_pending": 0})
    assert other.heartbeats == [{"outbox_pending": 0}]

    other.stop()                                                # the centre goes down
    assert client.catalogue() == catalogue and client.catalogue_source == "cache"
    off1 = service.issue(HOTICH, catalogue)
    off2 = service.issue(LAND, catalogue)
    assert (off1.number, off1.counter_id, off1.offline) == ("K1-001", "q1", True)
    assert (off2.number, off2.counter_id, off2.priority) == ("K1-002", "q3", True)
    assert service.sync_outbox() == 0

    other.start()                                               # and comes back
    assert service.sync_outbox() == 2
    assert service.sync_outbox() == 0
    for t in (off1, off2):
        assert other.post_count[t.request_id] == 1              # exactly once
        assert other.tickets[t.request_id]["number"] == t.number
        assert other.bodies[t.request_id]["offline_number"] == t.number
    assert len(other.tickets) == 5
    assert not store.outbox()
