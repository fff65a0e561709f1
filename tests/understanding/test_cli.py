import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.understanding.conftest import ROOT

KEYS = {"text", "intent", "decision", "procedure_id", "field_id", "counter_id", "confidence",
        "candidates", "value"}


def _kiosk(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "kiosk", "understand", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_stdin_lines_give_json_lines():
    r = _kiosk("--catalogue", "config/catalogues/other-ward.json",
               stdin="đăng ký kết hôn\n\nvâng\nhôm nay trời đẹp\n")
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["intent"] for o in out] == ["procedure", "yes", "unknown"]
    assert all(set(o) == KEYS for o in out)
    assert out[0]["procedure_id"] == "ket-hon" and out[0]["counter_id"] == "c1"
    assert out[0]["decision"] == "accept" and len(out[0]["candidates"]) <= 3


def test_text_argument_and_default_catalogue():
    r = _kiosk("làm", "giấy", "khai", "sinh")
    assert r.returncode == 0, r.stderr
    o = json.loads(r.stdout)
    assert o["text"] == "làm giấy khai sinh" and o["intent"] == "procedure"


def test_grammar():
    r = _kiosk("--grammar", "--catalogue", "config/catalogues/other-thanhhoa.json")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert "đăng ký khai sinh" in lines and "vâng" in lines


def test_bad_catalogue_is_one_clear_message(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text('{"fields": 3}', encoding="utf-8")
    r = _kiosk("--catalogue", str(bad), "x")
    assert r.returncode == 2 and "not valid" in r.stderr and "Traceback" not in r.stderr
    r = _kiosk("--catalogue", str(tmp_path / "missing.json"), "x")
    assert r.returncode == 2 and "cannot read" in r.stderr


def test_centre_url_over_real_http():
    body = (ROOT / "config" / "catalogues" / "other-ward.json").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.endswith("/catalogue"):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        url = f"http://127.0.0.1:{srv.server_address[1]}/api/v1"
        r = _kiosk("--centre", url, "nhập hộ khẩu")
        assert r.returncode == 0, r.stderr
        o = json.loads(r.stdout)
        assert o["procedure_id"] == "thuong-tru" and o["counter_id"] == "c4"
    finally:
        srv.shutdown()
