"""Headless end-to-end: a scripted citizen against the demo (reference centre over real HTTP on
localhost, the real dialog machine, tickets rendered and 'printed' to PNG)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import load_demo_catalogue

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "tests" / "data" / "scripts"


def run_script(tmp_path, script_text, *extra):
    script = tmp_path / "session.txt"
    script.write_text(script_text, encoding="utf-8")
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "SDL_VIDEODRIVER": "dummy"}
    env.pop("KIOSK_ASR_MODEL", None)
    env.pop("KIOSK_TTS_VOICE", None)
    out = subprocess.run([sys.executable, "-m", "kiosk", "run", "--demo", "--headless",
                          "--script", str(script), *extra],
                         capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path)
    return out


def records(out):
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def effects(recs, kind):
    return [e for r in recs for e in r["effects"] if e["type"] == kind]


@pytest.fixture(scope="module")
def catalogue():
    return load_demo_catalogue()


def test_birth_registration_by_voice_gets_a_printed_ticket_and_idles(tmp_path, catalogue):
    out = run_script(tmp_path, (SCRIPTS / "birth.txt").read_text(encoding="utf-8"))
    assert out.returncode == 0, out.stderr[-3000:]
    recs = records(out)
    birth = next(p for p in catalogue["procedures"] if p["code"] == "1.001193")
    [printed] = effects(recs, "PrintTicket")
    ticket = printed["ticket"]
    assert ticket["procedure_id"] == birth["id"]
    counter = next(c for c in catalogue["counters"] if c["id"] == ticket["counter_id"])
    assert birth["field_id"] in counter["field_ids"]
    assert ticket["offline"] is False and ticket["number"]
    assert any(r["event"]["type"] == "TicketPrinted" for r in recs)
    # The number and the counter were said aloud.
    assert any(ticket["number"] in s["text"] and str(counter["number"]) in s["text"]
               for s in effects(recs, "Say"))
    assert recs[-1]["state"] == "idle"
    pngs = list((tmp_path / "data" / "demo" / "tickets").glob("*.png"))
    assert len(pngs) == 1
    from PIL import Image
    assert Image.open(pngs[0]).size[0] == 576


def test_every_line_is_json_with_time_event_state_effects(tmp_path):
    out = run_script(tmp_path, "arrive\ntouch: staff\nwait: 100\nleave\n")
    assert out.returncode == 0, out.stderr[-2000:]
    recs = records(out)
    assert recs and all(set(r) == {"t", "event", "state", "effects"} for r in recs)
    assert [r["t"] for r in recs] == sorted(r["t"] for r in recs)
    assert effects(recs, "CallStaff")
    assert recs[-1]["state"] == "idle"


def test_scan_of_a_real_qr_photo_in_a_script(tmp_path):
    # A QR photo from the shared samples holds a URL or text: the kiosk explains, never crashes.
    samples = REPO.parent / "shared" / "data" / "qr-samples" / "qrcode-2"
    image = sorted(samples.glob("*.png")) + sorted(samples.glob("*.jpg")) + sorted(samples.glob("*.webp"))
    out = run_script(tmp_path, f"arrive\nscan: {image[0]}\n")
    assert out.returncode == 0, out.stderr[-2000:]
    recs = records(out)
    scans = [r for r in recs if r["event"]["type"] == "Scanned"]
    assert scans and scans[0]["state"] in ("code_info", "card", "dossier_wait", "greeting")


def test_a_bad_script_line_is_named(tmp_path):
    out = run_script(tmp_path, "arrive\njump: high\n")
    assert out.returncode == 2
    assert "session.txt:2" in out.stderr and "jump" in out.stderr
