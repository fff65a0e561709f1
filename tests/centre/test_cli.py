"""`kiosk centre serve` and `kiosk outbox [--sync]` as real processes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dialogs.values import TicketRequest
from kiosk.centre.client import CentreClient
from kiosk.centre.tickets import TicketService
from kiosk.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "config" / "catalogues" / "demo.json"
TOKEN = "cli-token-5a4b"


def _kiosk(*args: str, env_extra: dict | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIOSK_DATA_DIR": kw.pop("data_dir"), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, **kw)


@pytest.fixture
def served(tmp_path):
    catalogue = DEMO if DEMO.exists() else Path(__file__).with_name("catalogue.json")
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path), "KIOSK_CENTRE_TOKEN": TOKEN}
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "centre", "serve", "--port", "0",
                             "--db", str(tmp_path / "centre.sqlite"), "--catalogue",
                             str(catalogue)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("centre listening on "):
        proc.kill()
        raise AssertionError(proc.stderr.read())
    url = line.split()[3]
    yield url, json.loads(catalogue.read_text(encoding="utf-8"))
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    proc.stdout.close()
    proc.stderr.close()


def test_centre_serve_serves_the_catalogue_on_localhost(served, store):
    url, catalogue = served
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api/v1")
    client = CentreClient(url, TOKEN, "K1", store=store, retries=0)
    got = client.catalogue()
    assert got.version == str(catalogue["version"])
    assert len(got.procedures) == len(catalogue["procedures"])
    assert len(client.counter_status()) == len(catalogue["counters"])


def test_outbox_lists_and_syncs(served, tmp_path):
    url, catalogue_json = served
    from dialogs.catalogue import parse_catalogue
    catalogue = parse_catalogue(catalogue_json)
    proc = catalogue.procedures[0]
    store_path = tmp_path / "kiosk.sqlite"
    store = Store(store_path)
    dead = CentreClient("http://127.0.0.1:9/api/v1", TOKEN, "K1", store=store, retries=0)
    ticket = TicketService(dead, store, "K1").issue(TicketRequest(proc.id, proc.field_id),
                                                     catalogue)
    store.close()
    assert ticket.offline and ticket.number == "K1-001"
    data_dir = str(tmp_path)

    listed = _kiosk("outbox", "--store", str(store_path), "--json", data_dir=data_dir)
    assert listed.returncode == 0, listed.stderr
    out = json.loads(listed.stdout)
    assert [r["number"] for r in out["pending"]] == ["K1-001"] and out["unprinted"] == 1

    no_url = _kiosk("outbox", "--sync", "--store", str(store_path), data_dir=data_dir)
    assert no_url.returncode == 2 and "centre" in no_url.stderr

    synced = _kiosk("outbox", "--sync", "--store", str(store_path), "--centre", url,
                    env_extra={"KIOSK_CENTRE_TOKEN": TOKEN}, data_dir=data_dir)
    assert synced.returncode == 0, synced.stderr
    assert "sent 1" in synced.stdout and "outbox empty" in synced.stdout
    assert TOKEN not in synced.stdout + synced.stderr
    again = _kiosk("outbox", "--sync", "--store", str(store_path), "--centre", url, "--json",
                   env_extra={"KIOSK_CENTRE_TOKEN": TOKEN}, data_dir=data_dir)
    assert json.loads(again.stdout)["sent"] == 0


def test_centre_serve_refuses_a_bad_catalogue(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "fields": "nope"}')
    done = _kiosk("centre", "serve", "--port", "0", "--catalogue", str(bad),
                  data_dir=str(tmp_path))
    assert done.returncode == 2 and "fields" in done.stderr


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_centre_serve_stops_on_a_signal_even_if_started_ignoring_ctrl_c(tmp_path, stop):
    """A background job of a shell without job control starts with SIGINT ignored; a service
    manager stops with SIGTERM. Either way the server stops cleanly."""
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "centre", "serve", "--port", "0",
                             "--db", str(tmp_path / "centre.sqlite")], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert proc.stdout.readline().startswith("centre listening on ")
        proc.send_signal(stop)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
