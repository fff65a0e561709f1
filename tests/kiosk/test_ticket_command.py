"""`kiosk ticket`: the sample to a TCP printer on localhost, and a ticket issued through a real
reference centre over HTTP (and offline when the centre is stopped), as a technician runs it."""
import json
import os
import subprocess
import sys

from pyzbar.pyzbar import decode as zbar_decode

from kiosk.app import load_demo_catalogue
from kiosk.centre.server import ReferenceCentre
from printer.escpos_decode import decode_image
from tests.printer.fake_printer import FakePrinter


def kiosk(tmp_path, *args):
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                         timeout=120, env=env)
    return out


def test_sample_ticket_reaches_a_tcp_printer_and_decodes(tmp_path):
    printer = FakePrinter().start()
    try:
        out = kiosk(tmp_path, "ticket", "--printer", printer.uri, "--sample")
    finally:
        printer.stop()
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["printed"] is True and result["bytes"] == len(printer.received)
    image = decode_image(bytes(printer.received), width=576)
    assert image.size[0] == 576 and image.size[1] > 500
    codes = zbar_decode(image.convert("L"))
    assert any(c.data.decode() == "https://centre.local/t/K1-20261126-0125" for c in codes)


def test_printer_reporting_paper_out_gives_a_clear_answer(tmp_path):
    printer = FakePrinter(mode="paper_out").start()
    try:
        out = kiosk(tmp_path, "ticket", "--printer", printer.uri, "--sample")
    finally:
        printer.stop()
    assert out.returncode == 1
    result = json.loads(out.stdout)
    assert result["printed"] is False and result["reason"] == "paper_out"
    assert "giấy" in result["message"]


def test_ticket_for_a_procedure_through_the_centre_then_offline(tmp_path):
    centre = ReferenceCentre(tmp_path / "centre.sqlite", load_demo_catalogue(), None).start()
    url = centre.url
    try:
        out = kiosk(tmp_path, "ticket", "--printer", f"png:{tmp_path / 'png'}",
                    "--procedure", "1.001193", "--centre", url)
        assert out.returncode == 0, out.stderr
        online = json.loads(out.stdout)["ticket"]
        assert online["offline"] is False and online["counter_id"] in ("C1", "C2")
    finally:
        centre.stop()
    # The centre is down: an offline ticket from the kiosk's own numbering, from the cached catalogue.
    out = kiosk(tmp_path, "ticket", "--printer", f"png:{tmp_path / 'png'}",
                "--procedure", "1.001193", "--centre", url)
    assert out.returncode == 0, out.stderr
    offline = json.loads(out.stdout)["ticket"]
    assert offline["offline"] is True and offline["number"].startswith("K1-")
    assert len(list((tmp_path / "png").glob("*.png"))) == 2
    listed = kiosk(tmp_path, "outbox", "--json")
    assert [r["number"] for r in json.loads(listed.stdout)["pending"]] == [offline["number"]]


def test_bad_printer_uri_is_named(tmp_path):
    out = kiosk(tmp_path, "ticket", "--printer", "lpt9:nowhere", "--sample")
    assert out.returncode == 2 and "lpt9:nowhere" in out.stderr
