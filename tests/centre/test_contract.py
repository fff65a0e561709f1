"""The OpenAPI document, the reference server and the client's validation agree."""
from __future__ import annotations

import uuid
from typing import Any

import jsonschema
import pytest
import requests

from dialogs.catalogue import parse_catalogue
from kiosk.centre import wire
from kiosk.centre.errors import CentreMalformed

from tests.centre import openapi
from tests.centre.conftest import TOKEN


def _walk_refs(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                out.append(v)
            else:
                _walk_refs(v, out)
    elif isinstance(node, list):
        for v in node:
            _walk_refs(v, out)


def test_document_is_openapi_31_with_valid_schemas_and_resolvable_refs():
    doc = openapi.document()
    assert doc["openapi"].startswith("3.1")
    refs: list[str] = []
    _walk_refs(doc, refs)
    assert refs
    for ref in refs:
        node: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]          # KeyError = a dangling $ref
    for name, schema in doc["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op["responses"], f"{method} {path} lists no answers"


def test_document_examples_validate_and_parse_with_the_clients_parsers():
    schemas = openapi.document()["components"]["schemas"]
    for name in ("Catalogue", "CounterStatus", "TicketRequest", "Ticket", "Dossier", "Heartbeat"):
        example = schemas[name]["example"]
        assert openapi.errors(openapi.component(name), example) == [], name
    parse_catalogue(schemas["Catalogue"]["example"])
    [status] = wire.parse_counter_status([schemas["CounterStatus"]["example"]])
    assert status.waiting == 4
    ticket = wire.parse_ticket(schemas["Ticket"]["example"], request_id="r", procedure_id="p",
                               priority=False, counter_number=1)
    assert ticket.number == "1025"
    assert wire.parse_dossier(schemas["Dossier"]["example"]).status == "processing"


@pytest.mark.parametrize("bad", [
    {"ticket_id": "t", "number": 1025, "counter_id": "q1", "people_ahead": 0,
     "estimated_wait_s": 0, "issued_at": "2026-01-01T00:00:00Z"},           # number not a string
    {"ticket_id": "t", "number": "1", "counter_id": "q1", "people_ahead": "3",
     "estimated_wait_s": 0, "issued_at": "2026-01-01T00:00:00Z"},           # people_ahead a string
    {"ticket_id": "t", "number": "1", "counter_id": "q1", "people_ahead": 0,
     "issued_at": "2026-01-01T00:00:00Z"},                                  # missing field
    ["not", "an", "object"],
])
def test_what_the_document_rejects_the_client_rejects(bad):
    assert openapi.errors(openapi.component("Ticket"), bad)
    with pytest.raises(CentreMalformed):
        wire.parse_ticket(bad, request_id="r", procedure_id="p", priority=False, counter_number=1)


def _check(resp: requests.Response, method: str, template: str) -> Any:
    schema = openapi.response_schema(method, template, resp.status_code)
    if schema is None:
        assert resp.content == b""
        return None
    assert resp.headers["Content-Type"].startswith("application/json")
    body = resp.json()
    assert openapi.errors(schema, body) == [], (method, template, resp.status_code, body)
    return body


def test_every_answer_of_the_reference_server_is_in_the_document(centre, catalogue_json):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    u = centre.url
    s = requests.Session()

    r = s.get(f"{u}/catalogue", headers=auth)
    assert r.status_code == 200
    assert _check(r, "GET", "/catalogue")["version"] == catalogue_json["version"]
    etag = r.headers["ETag"]
    r = s.get(f"{u}/catalogue", headers={**auth, "If-None-Match": etag})
    assert r.status_code == 304 and r.headers["ETag"] == etag
    _check(r, "GET", "/catalogue")
    r = s.get(f"{u}/catalogue")
    assert r.status_code == 401 and "Bearer" in r.headers["WWW-Authenticate"]
    _check(r, "GET", "/catalogue")

    r = s.get(f"{u}/counters/status", headers=auth)
    rows = _check(r, "GET", "/counters/status")
    assert {row["counter_id"] for row in rows} == {c["id"] for c in catalogue_json["counters"]}

    req = {"request_id": str(uuid.uuid4()), "kiosk_id": "K1", "procedure_id": "khai-sinh",
           "counter_id": "q1", "priority": False}
    assert openapi.errors(openapi.request_schema("POST", "/tickets"), req) == []
    r = s.post(f"{u}/tickets", json=req, headers=auth)
    assert r.status_code == 201
    first = _check(r, "POST", "/tickets")
    r = s.post(f"{u}/tickets", json=req, headers=auth)
    assert r.status_code == 200 and _check(r, "POST", "/tickets") == first
    for bad, code in (({**req, "request_id": "nope"}, 400), ({**req, "priority": "yes"}, 400),
                      ({**req, "request_id": str(uuid.uuid4()), "procedure_id": "x"}, 422),
                      ({**req, "request_id": str(uuid.uuid4()), "counter_id": "q9"}, 422)):
        r = s.post(f"{u}/tickets", json=bad, headers=auth)
        assert r.status_code == code, bad
        _check(r, "POST", "/tickets")
    r = s.post(f"{u}/tickets", data=b"x" * 300_000, headers={**auth,
                                                            "Content-Type": "application/json"})
    assert r.status_code == 413 and r.headers["Connection"] == "close"
    _check(r, "POST", "/tickets")

    r = s.get(f"{u}/dossiers/H40.22-261126-0001", headers=auth)
    assert _check(r, "GET", "/dossiers/{code}")["code"] == "H40.22-261126-0001"
    r = s.get(f"{u}/dossiers/H40.22-000000-9999", headers=auth)
    assert r.status_code == 404
    _check(r, "GET", "/dossiers/{code}")

    r = s.post(f"{u}/kiosks/K1/heartbeat", json={"uptime_s": 5}, headers=auth)
    assert r.status_code == 204
    _check(r, "POST", "/kiosks/{kiosk_id}/heartbeat")
    r = s.post(f"{u}/kiosks/K1/heartbeat", json=[1], headers=auth)
    assert r.status_code == 400
    _check(r, "POST", "/kiosks/{kiosk_id}/heartbeat")

    r = s.post(f"{u}/staff/counters/q1/call-next", headers=auth)
    called = _check(r, "POST", "/staff/counters/{counter_id}/call-next")
    assert called["ticket_id"] == first["ticket_id"] and called["status"] == "serving"
    r = s.post(f"{u}/staff/counters/q1/call-next", headers=auth)
    assert r.status_code == 204
    r = s.post(f"{u}/staff/counters/q1/open", json={"open": False}, headers=auth)
    assert r.status_code == 204
    r = s.get(f"{u}/staff/tickets", headers=auth)
    assert [t["status"] for t in _check(r, "GET", "/staff/tickets")] == ["done"]
    r = s.post(f"{u}/staff/tickets/{first['ticket_id']}/close", headers=auth)
    _check(r, "POST", "/staff/tickets/{ticket_id}/close")
    r = s.post(f"{u}/staff/tickets/nope/close", headers=auth)
    assert r.status_code == 404
    _check(r, "POST", "/staff/tickets/{ticket_id}/close")
    r = s.put(f"{u}/staff/catalogue", json={"version": 1}, headers=auth)
    assert r.status_code == 400
    _check(r, "PUT", "/staff/catalogue")


def test_every_path_of_the_document_is_served(centre):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for template, ops in openapi.document()["paths"].items():
        concrete = (template.replace("{code}", "H40.22-261126-0001").replace("{kiosk_id}", "K1")
                    .replace("{counter_id}", "q1").replace("{ticket_id}", "none"))
        for method in ops:
            r = requests.request(method.upper(), centre.url + concrete, headers=auth, json={})
            assert r.status_code in {int(s) for s in ops[method]["responses"] if s.isdigit()}, \
                (method, template, r.status_code)
            assert r.status_code != 405
