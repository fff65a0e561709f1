"""A chip ID card (CCCD) shown to the kiosk: the citizen is greeted politely, and nothing from the
card reaches stdout, the log, or any file the kiosk writes."""
import json
import os
import random
import subprocess
import sys
from datetime import date

import cv2

from vision.synth import Degradation, cccd_payload, render


def test_cccd_scan_greets_and_leaves_no_trace(tmp_path):
    payload = cccd_payload(random.Random(7))
    image = tmp_path / "card.png"
    cv2.imwrite(str(image), render(payload.text, Degradation(module_px=5), random.Random(1)))
    script = tmp_path / "session.txt"
    script.write_text(f"scan: {image}\nsay: làm giấy khai sinh\nsay: vâng\nwait: 300\n", encoding="utf-8")
    data = tmp_path / "data"
    env = {**os.environ, "KIOSK_DATA_DIR": str(data), "SDL_VIDEODRIVER": "dummy"}
    env.pop("KIOSK_ASR_MODEL", None)
    env.pop("KIOSK_TTS_VOICE", None)
    out = subprocess.run([sys.executable, "-m", "kiosk", "-v", "run", "--demo", "--headless",
                          "--script", str(script)], capture_output=True, text=True, timeout=240,
                         env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    scanned = next(r for r in recs if r["event"]["type"] == "Scanned")
    assert scanned["event"]["code"] == {"kind": "cccd"} and scanned["state"] == "greeting"
    age = date.today().year - payload.fields["birth_year"]
    expected = {("Nữ", True): "bà", ("Nữ", False): "chị", ("Nam", True): "ông",
                ("Nam", False): "anh"}[(payload.fields["gender"], age >= 60)]
    greeting = next(e["text"] for e in scanned["effects"] if e["type"] == "Say")
    assert greeting.startswith(f"Xin chào {expected}!")
    secrets = [payload.fields["id"], payload.fields["name"], payload.fields["address"],
               payload.fields["name"].split()[-1] + " ", payload.text.split("|")[3]]
    if payload.fields["old_id"]:
        secrets.append(payload.fields["old_id"])
    written = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.suffix == ".png" for p in written)  # the ticket was printed
    for secret in secrets:
        assert secret not in out.stdout and secret not in out.stderr, secret
        for path in written:
            assert secret.encode() not in path.read_bytes(), (secret, path)
