"""Crash tests: a real kiosk subprocess is killed with SIGKILL at the dangerous moments (and at
random ones), restarted, and nothing is lost or duplicated: not at the centre, not on paper."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from kiosk.store import Store

from tests.centre.fault_proxy import FaultProxy

ROOT = Path(__file__).resolve().parents[2]


class Child:
    def __init__(self, mode: str, store: Path, url: str, paper: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.centre.crash_child", mode,
                                      str(store), url, str(paper)], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def expect(self, event: str, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            msg = json.loads(line)
            if msg["event"] == event:
                return msg
        self.proc.kill()
        raise AssertionError(f"child never said {event}: {self.proc.stderr.read()[-2000:]}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(timeout=10) == -signal.SIGKILL
        self.proc.stdout.close()
        self.proc.stderr.close()


def _paper(paper: Path) -> list[dict]:
    if not paper.exists():
        return []
    return [json.loads(line) for line in paper.read_text().splitlines() if line.strip()]


@pytest.fixture
def paths(tmp_path):
    return tmp_path / "kiosk.sqlite", tmp_path / "paper.jsonl"


def test_killed_between_outbox_commit_and_print(centre, paths):
    store_path, paper = paths
    dead = "http://127.0.0.1:9/api/v1"
    child = Child("issue-then-wait", store_path, dead, paper)
    committed = child.expect("COMMITTED")
    child.kill()
    assert committed["number"] == "K1-001" and _paper(paper) == []

    recover = Child("recover", store_path, centre.url, paper)
    done = recover.expect("DONE")
    recover.proc.wait(timeout=10)
    assert done == {"event": "DONE", "shown": [], "synced": 1, "pending": 0}
    printed = _paper(paper)
    assert [(p["request_id"], p["number"]) for p in printed] == [
        (committed["request_id"], "K1-001")]                      # printed once, after restart
    tickets = centre.state.tickets()
    assert [(t["request_id"], t["number"]) for t in tickets] == [
        (committed["request_id"], "K1-001")]                      # at the centre exactly once


def test_killed_after_the_printer_took_the_ticket_but_before_it_was_confirmed(centre, paths):
    store_path, paper = paths
    child = Child("print-then-wait", store_path, centre.url, paper)
    printed = child.expect("PRINTED")
    child.kill()
    recover = Child("recover", store_path, centre.url, paper)
    done = recover.expect("DONE")
    recover.proc.wait(timeout=10)
    assert done["shown"] == [printed["number"]]                   # shown, not printed twice
    assert [p["request_id"] for p in _paper(paper)] == [printed["request_id"]]
    assert [t["request_id"] for t in centre.state.tickets()] == [printed["request_id"]]


def test_killed_between_the_send_and_the_acknowledgement(centre, paths):
    store_path, paper = paths
    dead = "http://127.0.0.1:9/api/v1"
    issued = []
    for _ in range(2):
        child = Child("issue-then-wait", store_path, dead, paper)
        issued.append(child.expect("COMMITTED"))
        child.kill()
    syncer = Child("sync-then-wait", store_path, centre.url, paper)
    sent = syncer.expect("SENT")
    syncer.kill()
    assert sent["request_id"] == issued[0]["request_id"]
    store = Store(store_path)
    try:
        assert len(store.outbox()) == 2            # the acknowledgement never got recorded
    finally:
        store.close()
    # The centre has the first one already.
    assert [t["request_id"] for t in centre.state.tickets()] == [sent["request_id"]]

    recover = Child("recover", store_path, centre.url, paper)
    done = recover.expect("DONE")
    recover.proc.wait(timeout=10)
    assert done["synced"] == 2 and done["pending"] == 0
    tickets = centre.state.tickets()
    assert sorted(t["request_id"] for t in tickets) == sorted(i["request_id"] for i in issued)
    assert sorted(t["number"] for t in tickets) == ["K1-001", "K1-002"]


def test_killed_at_random_moments_nothing_lost_nothing_duplicated(centre, paths):
    store_path, paper = paths
    proxy = FaultProxy(centre.url).start()
    rng = random.Random(20261126)
    try:
        for round_ in range(6):
            proxy.clear()
            if round_ % 3 == 1:                       # the centre is down
                proxy.add("GET", "/counters/status", "status", code=503, times=10_000)
                proxy.add("POST", "/tickets", "status", code=503, times=10_000)
            elif round_ % 3 == 2:                     # answers get lost now and then
                proxy.add("POST", "/tickets", "forward_then_reset", times=3)
            child = Child("loop", store_path, proxy.url, paper)
            child.expect("READY")
            time.sleep(rng.uniform(0.3, 1.2))
            child.kill()
        proxy.clear()
        recover = Child("recover", store_path, proxy.url, paper)
        done = recover.expect("DONE")
        recover.proc.wait(timeout=30)
    finally:
        proxy.stop()
    assert done["pending"] == 0

    store = Store(store_path)
    try:
        entries = {e.request_id: e for e in store.entries()}
    finally:
        store.close()
    printed = _paper(paper)
    centre_tickets = centre.state.tickets()
    by_request = {t["request_id"]: t for t in centre_tickets}
    offline = [e for e in entries.values() if e.state == "offline"]
    assert offline, "the test should have made offline tickets"
    assert len(printed) > 5

    # Nothing printed twice, and every printed ticket is one the store knows by that number.
    copies = Counter(p["request_id"] for p in printed)
    assert max(copies.values()) == 1
    for p in printed:
        assert entries[p["request_id"]].ticket.number == p["number"]
    # Nothing lost: every ticket issued was printed or (if the crash hit mid-print) shown.
    for e in entries.values():
        assert e.state in ("issued", "offline", "abandoned")
        if e.state != "abandoned":
            assert e.printed_at is not None
            assert e.request_id in copies or e.print_started_at is not None
    # At the centre: every issued ticket exactly once (one row per request_id), nothing unknown,
    # nothing for a request that never reached it; offline ones keep their printed number.
    assert len(by_request) == len(centre_tickets)
    assert set(by_request) == {r for r, e in entries.items() if e.state != "abandoned"}
    for e in offline:
        assert by_request[e.request_id]["number"] == e.ticket.number
    offline_numbers = [e.ticket.number for e in offline]
    assert len(set(offline_numbers)) == len(offline_numbers)
