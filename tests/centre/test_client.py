"""The client against the reference centre over real HTTP, with a fault-injecting proxy between."""
from __future__ import annotations

import logging
import subprocess
import ssl
import uuid

import pytest
import requests

from kiosk.centre.client import CentreClient
from kiosk.centre.errors import CentreMalformed, CentreRejected, CentreUnavailable
from kiosk.centre.server import ReferenceCentre

from tests.centre.conftest import TOKEN
from tests.centre.fault_proxy import FaultProxy


@pytest.fixture
def proxy(centre):
    p = FaultProxy(centre.url).start()
    yield p
    p.stop()


def _centre_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name.startswith("kiosk.centre") and r.levelno >= logging.WARNING]


def test_catalogue_is_cached_with_its_etag_and_revalidated(centre, proxy, make_client, store,
                                                           catalogue_json):
    client = make_client(proxy.url)
    first = client.catalogue()
    assert first.version == "test-1" and client.catalogue_source == "centre"
    cached = store.cached_catalogue()
    assert cached is not None and cached.etag and cached.body["version"] == "test-1"
    again = client.catalogue()
    assert again == first
    # The second GET carried If-None-Match, and the centre answered 304 (no body).
    assert proxy.count("GET", "/catalogue") == 2
    r = requests.get(centre.url + "/catalogue", headers={"Authorization": f"Bearer {TOKEN}",
                                                         "If-None-Match": cached.etag})
    assert r.status_code == 304
    # The centre's staff change the catalogue: the ETag changes and the kiosk gets the new one.
    changed = dict(catalogue_json, version="test-2")
    requests.put(centre.url + "/staff/catalogue", json=changed,
                 headers={"Authorization": f"Bearer {TOKEN}"}).raise_for_status()
    assert client.catalogue().version == "test-2"
    assert store.cached_catalogue().etag != cached.etag


def test_5xx_and_resets_are_retried_then_succeed(proxy, make_client):
    client = make_client(proxy.url, retries=3)
    proxy.add("GET", "/catalogue", "status", times=2, code=503)
    proxy.add("GET", "/catalogue", "reset", times=1)
    assert client.catalogue().version == "test-1"
    assert client.catalogue_source == "centre"
    assert proxy.count("GET", "/catalogue") == 4


@pytest.mark.parametrize("code", [400, 401, 403, 404, 422])
def test_4xx_is_never_retried(proxy, make_client, code):
    client = make_client(proxy.url, retries=3)
    proxy.add("GET", "/counters/status", "status", times=5, code=code)
    with pytest.raises(CentreRejected) as err:
        client.counter_status()
    assert err.value.status == code
    assert proxy.count("GET", "/counters/status") == 1


def test_wrong_token_is_rejected_not_retried_and_never_logged(proxy, make_client, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "wrong-secret-token-123"
    client = make_client(proxy.url, token=secret)
    with pytest.raises(CentreRejected) as err:
        client.counter_status()
    assert err.value.status == 401
    assert proxy.count("GET", "/counters/status") == 1
    assert secret not in repr(client) and secret not in str(err.value)
    assert all(secret not in r.getMessage() for r in caplog.records)


FAULTS = {
    "slow": dict(fault="slow", delay=1.5, times=10),
    "reset": dict(fault="reset", times=10),
    "500": dict(fault="status", code=500, times=10),
    "401": dict(fault="status", code=401, times=10),
    "html": dict(fault="html", code=200, times=10),
    "html-502": dict(fault="html", code=502, times=10),
    "not-json": dict(fault="body", data=b'{"version": "x", "fields": [', times=10),
    "wrong-types": dict(fault="body", times=10, data={
        "version": "x", "fields": [{"id": "ho-tich", "name": 5}], "procedures": [],
        "counters": []}),
    "missing-fields": dict(fault="body", data={"version": "x", "fields": []}, times=10),
    "oversized": dict(fault="oversized", times=10),
    "oversized-chunked": dict(fault="oversized", chunked=True, times=10),
}
EXPECTED = {"slow": CentreUnavailable, "reset": CentreUnavailable, "500": CentreUnavailable,
            "401": CentreRejected, "html": CentreMalformed, "html-502": CentreUnavailable,
            "not-json": CentreMalformed, "wrong-types": CentreMalformed,
            "missing-fields": CentreMalformed, "oversized": CentreMalformed,
            "oversized-chunked": CentreMalformed}


@pytest.mark.parametrize("name", list(FAULTS))
def test_a_bad_answer_keeps_the_cached_catalogue_with_one_log_line(proxy, make_client, name,
                                                                   caplog):
    client = make_client(proxy.url, max_answer_bytes=5 * 1024 * 1024)
    good = client.catalogue()
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    proxy.add("GET", "/catalogue", **FAULTS[name])
    assert client.catalogue() == good
    assert client.catalogue_source == "cache"
    assert isinstance(client.last_error, EXPECTED[name])
    lines = _centre_lines(caplog)
    assert len(lines) == 1 and "cached" in lines[0], lines
    assert not [r for r in caplog.records if r.name.startswith("urllib3")
                and r.levelno >= logging.WARNING]
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("name", ["reset", "500", "html", "wrong-types", "oversized"])
def test_without_a_cache_a_bad_answer_raises_the_right_error(proxy, make_client, name):
    client = make_client(proxy.url)
    proxy.add("GET", "/catalogue", **FAULTS[name])
    with pytest.raises(EXPECTED[name]):
        client.catalogue()


def test_an_unreachable_centre_is_a_centre_unavailable(make_client):
    with pytest.raises(CentreUnavailable) as err:
        make_client("http://127.0.0.1:9/api/v1").counter_status()
    assert "refused" in err.value.reason.lower() or "reach" in err.value.reason


def test_counter_status_is_cached_for_a_short_time(proxy, make_client):
    client = make_client(proxy.url, status_cache_s=60.0)
    first = client.counter_status()
    assert client.counter_status() == first
    assert proxy.count("GET", "/counters/status") == 1
    client.invalidate_status()
    client.counter_status()
    assert proxy.count("GET", "/counters/status") == 2


def test_counter_status_answers_are_validated(proxy, make_client):
    client = make_client(proxy.url)
    proxy.add("GET", "/counters/status", "body",
              data=[{"counter_id": "q1", "open": "yes", "waiting": 1, "avg_service_s": 60}])
    with pytest.raises(CentreMalformed, match="open"):
        client.counter_status()
    proxy.add("GET", "/counters/status", "body",
              data=[{"counter_id": "q1", "open": True, "waiting": -1, "avg_service_s": 60}])
    with pytest.raises(CentreMalformed, match="waiting"):
        client.counter_status()


def test_a_ticket_post_whose_answer_is_lost_is_retried_and_gives_one_ticket(centre, proxy,
                                                                             make_client):
    client = make_client(proxy.url)
    client.catalogue()
    proxy.add("POST", "/tickets", "forward_then_reset", times=1)
    rid = str(uuid.uuid4())
    ticket = client.issue_ticket(rid, "khai-sinh", "q1", False)
    assert proxy.count("POST", "/tickets") == 2        # the retry carried the same request_id
    assert ticket.counter_number == 1 and ticket.request_id == rid
    rows = centre.state.tickets()
    assert [t["request_id"] for t in rows] == [rid]
    assert rows[0]["number"] == ticket.number


def test_ticket_rejected_answers_are_not_retried(proxy, make_client):
    client = make_client(proxy.url)
    with pytest.raises(CentreRejected) as err:
        client.issue_ticket(str(uuid.uuid4()), "no-such-procedure", "q1", False)
    assert err.value.status == 422
    assert proxy.count("POST", "/tickets") == 1


def test_dossier_and_heartbeat(centre, make_client):
    client = make_client(centre.url)
    dossier = client.dossier("H40.22-261126-0001")
    assert dossier is not None and dossier.status == "received"
    assert client.dossier("H40.22-261126-9999") is None
    client.heartbeat({"uptime_s": 12, "outbox_pending": 0})
    assert centre.state.heartbeats()["K1"]["summary"]["uptime_s"] == 12


def test_token_from_the_environment_overrides_the_config(centre, store, monkeypatch):
    cfg = {"kiosk": {"id": "K1"}, "centre": {"url": centre.url, "token": "stale",
                                             "retries": 0}}
    with pytest.raises(CentreRejected):
        CentreClient.from_config(cfg, store).counter_status()
    monkeypatch.setenv("KIOSK_CENTRE_TOKEN", TOKEN)
    assert CentreClient.from_config(cfg, store).counter_status()


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=centre.local", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem")],
                   check=True, capture_output=True)
    return d / "cert.pem", d / "key.pem"


def test_tls_is_verified_by_default_and_a_ca_bundle_can_be_configured(tmp_path, catalogue_json,
                                                                      self_signed, make_client):
    cert, key = self_signed
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    server = ReferenceCentre(tmp_path / "tls.sqlite", catalogue_json, TOKEN,
                             ssl_context=ctx).start()
    try:
        assert server.url.startswith("https://")
        with pytest.raises(CentreUnavailable, match="TLS"):
            make_client(server.url, retries=0).counter_status()
        trusting = make_client(server.url, ca_bundle=str(cert))
        assert len(trusting.counter_status()) == 3
    finally:
        server.stop()
