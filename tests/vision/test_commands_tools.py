"""`kiosk scan`, the payload generator, health checks and the bench hook."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from kiosk.cli import main
from vision import bench, health

REPO = Path(__file__).resolve().parents[2]


def test_generator_writes_images_that_scan_back(tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "gen"
    r = subprocess.run([sys.executable, str(REPO / "tools" / "gen_qr_payloads.py"), str(out), "--count", "10",
                        "--seed", "3"], capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0, r.stderr
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(manifest) == 10 and {m["kind"] for m in manifest} == {"cccd", "dossier", "procedure", "url", "text"}
    capsys.readouterr()
    assert main(["scan"] + [str(out / m["file"]) for m in manifest]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 10
    read = 0
    for m, line in zip(manifest, lines):
        assert line["file"].endswith(m["file"]) and isinstance(line["ms"], float)
        for code in line["codes"]:
            assert code["text"] == m["text"] and code["kind"] == m["kind"] and code["format"] == "QRCode"
            read += 1
    assert read >= 9
    cccd = [m for m in manifest if m["kind"] == "cccd"][0]
    name = cccd["text"].split("|")[2]
    assert name not in caplog.text  # printed to stdout for the technician, never logged


def test_scan_bad_files_one_line_each(tmp_path, capsys):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8garbage")
    assert main(["scan", str(bad), str(tmp_path / "missing.png")]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [len(x["codes"]) for x in lines] == [0, 0] and all(x["error"] for x in lines)


def test_scan_negative_sample_finds_nothing(samples_dir, capsys):
    negs = sorted(str(p) for p in (samples_dir / "falsepositives-2").iterdir())[:4]
    assert main(["scan"] + negs) == 0
    assert all(json.loads(line)["codes"] == [] for line in capsys.readouterr().out.splitlines())


def test_health_checks_shape():
    results = health.checks({"camera": {"device": "none"}})
    names = {r["name"]: r for r in results}
    assert names["vision.zbar"]["status"] == "ok" and "binary" in names["vision.zbar"]["detail"]
    assert names["vision.zxing"]["status"] == "ok"
    assert names["vision.camera"]["status"] == "warn"
    assert all(set(r) == {"name", "status", "detail"} for r in results)
    missing = health.check_camera({"camera": {"device": "/dev/video97"}})
    assert missing["status"] == "fail" and "video97" in missing["detail"]


def test_bench_hook_gives_all_figures():
    figures, notes = bench.run({})
    assert set(figures) == {"qr_frame_ms_p50", "qr_frame_ms_p95", "qr_empty_frame_ms_p50", "qr_fps_one_core"}
    assert all(isinstance(v, float) and v > 0 for v in figures.values()), notes
    print("\n", figures, notes)
