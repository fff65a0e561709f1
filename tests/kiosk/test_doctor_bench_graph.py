"""The technician's commands: doctor, bench and dialog-graph, run as processes."""
import json
import os
import subprocess
import sys


def kiosk(tmp_path, *args, **env):
    full = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "SDL_VIDEODRIVER": "dummy", **env}
    for key in ("KIOSK_ASR_MODEL", "KIOSK_TTS_VOICE"):
        if key not in env:
            full.pop(key, None)
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          timeout=300, env=full)


def test_doctor_reports_every_part_and_says_what_is_missing(tmp_path):
    out = kiosk(tmp_path, "doctor", "--json")
    report = json.loads(out.stdout)
    names = {c["name"] for c in report["checks"]}
    for part in ("config", "data_dir", "store", "centre", "ui.font", "speech.asr_model",
                 "speech.voice", "vision.zbar", "printer"):
        assert part in names, names
    speech = next(c for c in report["checks"] if c["name"] == "speech.asr_model")
    assert speech["status"] == "warn" and "touch and QR" in speech["detail"]
    printer = next(c for c in report["checks"] if c["name"] == "printer")
    assert "png:" in printer["detail"] or printer["status"] == "ok"
    assert out.returncode == (0 if report["ok"] else 1)


def test_doctor_names_the_bad_key_of_a_config(tmp_path):
    bad = tmp_path / "k.toml"
    bad.write_text("[centre]\nurl = 42\n", encoding="utf-8")
    out = kiosk(tmp_path, "doctor", "--json", "--config", str(bad))
    report = json.loads(out.stdout)
    assert out.returncode == 1 and report["ok"] is False
    assert "centre.url" in report["checks"][0]["detail"]


def test_bench_prints_the_design_keys_with_numbers_or_reasons(tmp_path):
    out = kiosk(tmp_path, "bench", "--json", "--only", "dialog", "--only", "printer",
                "--only", "speech")
    assert out.returncode == 0, out.stderr[-2000:]
    figures = json.loads(out.stdout)
    assert figures["dialog_steps_per_s"] > 0
    assert figures["ticket_job_bytes"] > 0 and figures["ticket_render_ms"] > 0
    # No speech model configured: null with the reason, never a made-up number.
    assert figures["asr_rtf"] is None and "KIOSK_ASR_MODEL" in figures["notes"]["asr_rtf"]


def test_dialog_graph_is_dot_of_the_demo_machine(tmp_path):
    out = kiosk(tmp_path, "dialog-graph")
    assert out.returncode == 0 and out.stdout.startswith("digraph")
    rendered = subprocess.run(["dot", "-Tsvg"], input=out.stdout, capture_output=True, text=True)
    assert rendered.returncode == 0 and "clarifying" in out.stdout and "ticket_error" in out.stdout
