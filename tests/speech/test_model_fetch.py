"""kiosk models fetch|verify against a real HTTP server on localhost serving a small archive."""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.commands import models as models_cmd
from speech.model_store import ModelStore, load_specs


def _archive() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("vosk-model-tiny/README", "Tiny test model\n")
        z.writestr("vosk-model-tiny/am/final.mdl", b"\x01" * 20000)
        z.writestr("vosk-model-tiny/conf/model.conf", "--beam=10\n")
        z.writestr("vosk-model-tiny/graph/HCLr.fst", b"\x02" * 30000)
    return buf.getvalue()


class Server:
    """Serves `files` with Range support; can cut a response after `cut_after` bytes (once)."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.cut_after: dict[str, int] = {}
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                name = self.path.rsplit("/", 1)[-1]
                server.requests.append((name, self.headers.get("Range")))
                data = server.files.get(name)
                if data is None:
                    self.send_error(404)
                    return
                start = 0
                rng = self.headers.get("Range")
                if rng:
                    start = int(rng.split("=")[1].split("-")[0])
                    if start >= len(data):
                        self.send_response(416)
                        self.end_headers()
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                body = data[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                cut = server.cut_after.pop(name, None)
                if cut is not None:
                    self.wfile.write(body[:cut])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/models"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def files():
    return {"vosk-model-tiny.zip": _archive(), "voice.onnx": b"\x03" * 50000,
            "voice.onnx.json": json.dumps({"audio": {"sample_rate": 22050}, "phoneme_id_map": {}}).encode()}


@pytest.fixture
def server(files):
    s = Server(files)
    yield s
    s.close()


def _toml(tmp_path, files, publish_zip_sha=True):
    sha = {n: hashlib.sha256(b).hexdigest() for n, b in files.items()}
    zip_sha = sha["vosk-model-tiny.zip"] if publish_zip_sha else ""
    text = f'''
[[model]]
id = "vosk-model-tiny"
kind = "asr"
[[model.file]]
name = "vosk-model-tiny.zip"
url = "https://example.invalid/vosk-model-tiny.zip"
sha256 = "{zip_sha}"
size = {len(files["vosk-model-tiny.zip"]) if publish_zip_sha else 0}
unpack = "zip"

[[model]]
id = "voice"
kind = "voice"
entry = "voice.onnx"
[[model.file]]
name = "voice.onnx"
url = "https://example.invalid/voice.onnx"
sha256 = "{sha["voice.onnx"]}"
size = {len(files["voice.onnx"])}
[[model.file]]
name = "voice.onnx.json"
url = "https://example.invalid/voice.onnx.json"
sha256 = "{sha["voice.onnx.json"]}"
'''
    path = tmp_path / "models.toml"
    path.write_text(text)
    return path


def _cli(*argv) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    models_cmd.register(sub)
    args = parser.parse_args(["models", *argv])
    return args.func(args)


def test_official_list_names_the_vietnamese_models():
    specs = {s.id: s for s in load_specs()}
    vosk = specs["vosk-model-small-vn-0.4"].files[0]
    assert vosk.url == "https://alphacephei.com/vosk/models/vosk-model-small-vn-0.4.zip"
    voice = specs["vi_VN-vais1000-medium"]
    assert [f.url.split("/")[2] for f in voice.files] == ["huggingface.co", "huggingface.co"]
    assert voice.files[0].url.endswith("vi/vi_VN/vais1000/medium/vi_VN-vais1000-medium.onnx")
    assert voice.files[1].url.endswith("vi_VN-vais1000-medium.onnx.json")


def test_fetch_installs_and_verify_passes(tmp_path, server, files, capsys):
    toml = _toml(tmp_path, files)
    models = tmp_path / "data" / "models"
    assert _cli("fetch", "--list", str(toml), "--base-url", server.url, "--dir", str(models)) == 0
    assert (models / "vosk-model-tiny" / "am" / "final.mdl").read_bytes() == b"\x01" * 20000
    assert (models / "voice" / "voice.onnx").read_bytes() == files["voice.onnx"]
    assert not list((models / ".downloads").iterdir())
    out = capsys.readouterr().out
    assert f'voice = "{models / "voice" / "voice.onnx"}"' in out
    assert _cli("verify", "--list", str(toml), "--dir", str(models)) == 0
    # a damaged install is found
    (models / "vosk-model-tiny" / "graph" / "HCLr.fst").write_bytes(b"broken")
    assert _cli("verify", "--list", str(toml), "--dir", str(models)) == 1
    assert "HCLr.fst has changed" in capsys.readouterr().out


def test_corrupted_download_is_refused_and_nothing_installed(tmp_path, server, files):
    toml = _toml(tmp_path, files)
    server.files["voice.onnx"] = b"\x04" * 50000  # same size, other bytes
    store = ModelStore(tmp_path / "models")
    spec = [s for s in load_specs(toml, server.url) if s.id == "voice"][0]
    report = store.fetch(spec)
    assert not report.ok
    assert any("does not match the published" in m for m in report.messages)
    assert not (tmp_path / "models" / "voice").exists()
    assert not (tmp_path / "models" / ".downloads" / "voice.onnx").exists()


def test_interrupted_download_resumes(tmp_path, server, files):
    toml = _toml(tmp_path, files)
    store = ModelStore(tmp_path / "models", timeout_s=5)
    spec = [s for s in load_specs(toml, server.url) if s.id == "vosk-model-tiny"][0]
    server.cut_after["vosk-model-tiny.zip"] = 1000
    first = store.fetch(spec)
    assert not first.ok
    part = tmp_path / "models" / ".downloads" / "vosk-model-tiny.zip.part"
    assert part.stat().st_size == 1000
    assert not (tmp_path / "models" / "vosk-model-tiny").exists()
    second = store.fetch(spec)
    assert second.ok, second.messages
    assert ("vosk-model-tiny.zip", "bytes=1000-") in server.requests
    assert (tmp_path / "models" / "vosk-model-tiny" / "conf" / "model.conf").read_text() == "--beam=10\n"
    assert store.verify(spec) == []


def test_unknown_checksum_is_pinned_on_first_download(tmp_path, server, files):
    toml = _toml(tmp_path, files, publish_zip_sha=False)
    store = ModelStore(tmp_path / "models")
    spec = [s for s in load_specs(toml, server.url) if s.id == "vosk-model-tiny"][0]
    report = store.fetch(spec)
    assert report.ok
    assert any("pinned SHA-256" in m for m in report.messages)
    pins = json.loads((tmp_path / "models" / "pins.json").read_text())
    assert pins["vosk-model-tiny.zip"] == hashlib.sha256(files["vosk-model-tiny.zip"]).hexdigest()
    # upstream changes the archive: the pin refuses it
    server.files["vosk-model-tiny.zip"] = _archive() + b"x"
    again = store.fetch(spec, force=True)
    assert not again.ok
    assert any("pinned" in m and "does not match" in m for m in again.messages)
    assert store.verify(spec) == []  # the installed copy is untouched


def test_unreachable_server_is_one_clear_message(tmp_path, files):
    toml = _toml(tmp_path, files)
    store = ModelStore(tmp_path / "models", timeout_s=2)
    spec = load_specs(toml, "http://127.0.0.1:9/none")[0]
    report = store.fetch(spec)
    assert not report.ok and "download from http://127.0.0.1:9/none" in report.messages[-1]
