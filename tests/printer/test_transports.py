"""Printing through real transports: a TCP printer on localhost (fake at the hardware boundary only),
the file transport, the PNG preview; failures, reconnection, and jobs that must not print twice."""
from __future__ import annotations

import os
import socket
import threading
import time

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from printer import transports
from printer.errors import MESSAGES_VI, PrinterError
from printer.escpos_decode import decode
from printer.sample import sample_content
from printer.ticket_layout import render_ticket
from printer.transports import open_printer
from tests.printer.fake_printer import FakePrinter
from tests.printer.ocr import missing, tesseract_ready


@pytest.fixture(scope="module")
def ticket576() -> Image.Image:
    return render_ticket(sample_content(), 576)


def printed_image(data: bytes, width: int) -> Image.Image:
    return decode(bytes(data)).image(width)


def same_ticket(paper: Image.Image, rendered: Image.Image) -> bool:
    d = ~np.asarray(paper, dtype=bool)
    r = ~np.asarray(rendered, dtype=bool)
    return d.shape[1] == r.shape[1] and np.array_equal(d[:r.shape[0]], r)


def test_unseen_tcp_printer_prints_the_sample_ticket(fake_printer, ticket576, artifacts):
    fake = fake_printer("ok")
    printer = open_printer(fake.uri, 576)
    result = printer.print_ticket(ticket576, "job-0125")
    printer.close()
    assert result.status == "printed" and result.confirmed
    assert fake.queries >= 4                              # it asked for the status (DLE EOT 1-4)
    paper = printed_image(fake.received, 576)
    paper.save(artifacts / "tcp_decoded_576.png")
    assert paper.width == 576
    assert same_ticket(paper, ticket576)
    assert [r.text for r in zxingcpp.read_barcodes(paper.convert("L"))] == [sample_content().qr_text]
    if tesseract_ready():
        assert missing(paper, ["0125", "Quầy 3", "khai sinh"]) == []


def test_file_transport_writes_the_job(tmp_path, artifacts):
    ticket = render_ticket(sample_content(), 384)
    dev = tmp_path / "lp0"
    printer = open_printer(f"file:{dev}", 384)
    result = printer.print_ticket(ticket, "job-file")
    assert result.status == "printed" and not result.confirmed   # a plain file cannot tell its status
    paper = printed_image(dev.read_bytes(), 384)
    paper.save(artifacts / "file_decoded_384.png")
    assert paper.width == 384 and same_ticket(paper, ticket)
    assert [r.text for r in zxingcpp.read_barcodes(paper.convert("L"))] == [sample_content().qr_text]
    status = printer.status()
    assert status.paper == "unknown" and status.online is None


def test_png_preview(tmp_path):
    ticket = render_ticket(sample_content(), 384)
    printer = open_printer(f"png:{tmp_path}/out", 384)
    assert printer.print_ticket(ticket, "K1/../0125").status == "printed"
    files = list((tmp_path / "out").iterdir())
    assert [f.name for f in files] == ["K1_.._0125.png"]
    assert np.array_equal(np.asarray(Image.open(files[0]).convert("1")), np.asarray(ticket))
    assert printer.status().paper == "ok" and printer.status().online is True
    assert printer.print_ticket(ticket, "K1/../0125").status == "already_printed"


def test_a_job_is_never_printed_twice(fake_printer, ticket576):
    fake = fake_printer("ok")
    printer = open_printer(fake.uri, 576)
    first = printer.print_ticket(ticket576, "job-1")
    sent = len(fake.received)
    again = printer.print_ticket(ticket576, "job-1")
    assert first.status == "printed" and again.status == "already_printed" and again.bytes_sent == 0
    assert printer.is_completed("job-1") and not printer.is_completed("job-2")
    printer.print_ticket(ticket576, "job-2")
    printer.close()
    assert len(fake.received) == 2 * sent
    assert decode(bytes(fake.received)).cuts == 2


def test_concurrent_calls_for_one_job_print_it_once(fake_printer, ticket576):
    fake = fake_printer("ok")
    printer = open_printer(fake.uri, 576)
    results = []
    threads = [threading.Thread(target=lambda: results.append(printer.print_ticket(ticket576, "same")))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    printer.close()
    assert sorted(r.status for r in results) == ["already_printed", "already_printed", "printed"]
    assert decode(bytes(fake.received)).cuts == 1


def test_silent_printer_is_unknown_never_fine(fake_printer, ticket576):
    fake = fake_printer("silent")
    printer = open_printer(fake.uri, 576)
    status = printer.status()
    assert status.paper == "unknown" and status.online is None and not status.known
    result = printer.print_ticket(ticket576, "job-silent")   # it still prints: many printers never answer
    printer.close()
    assert result.status == "printed" and result.confirmed is False
    assert same_ticket(printed_image(fake.received, 576), ticket576)


@pytest.mark.parametrize("mode,reason,words", [("paper_out", "paper_out", "hết giấy"),
                                               ("cover_open", "cover_open", "Nắp máy in")])
def test_printer_reporting_a_problem_gets_no_job(fake_printer, ticket576, mode, reason, words, caplog):
    fake = fake_printer(mode)
    printer = open_printer(fake.uri, 576)
    status = printer.status()
    assert status.online is False
    assert (status.paper == "out") == (mode == "paper_out")
    assert status.cover_open == (mode == "cover_open")
    with pytest.raises(PrinterError) as err:
        printer.print_ticket(ticket576, "job-x")
    assert err.value.reason == reason and words in err.value.message_vi
    assert len(fake.received) == 0 and not printer.is_completed("job-x")
    assert any(reason in r.getMessage() and "job-x" in r.getMessage() for r in caplog.records)
    # The paper is replaced: the same job prints, once.
    fake.mode = "ok"
    assert printer.print_ticket(ticket576, "job-x").status == "printed"
    printer.close()
    assert decode(bytes(fake.received)).cuts == 1


def test_near_end_is_reported_but_prints(fake_printer, ticket576):
    fake = fake_printer("near_end")
    printer = open_printer(fake.uri, 576)
    assert printer.status().paper == "near_end"
    assert printer.print_ticket(ticket576, "j").status == "printed"
    printer.close()


def test_connection_dropped_mid_job_then_reprinted_whole(fake_printer, ticket576):
    fake = fake_printer("drop", drop_after=6000)
    printer = open_printer(fake.uri, 576)
    with pytest.raises(PrinterError) as err:
        printer.print_ticket(ticket576, "job-drop")
    assert err.value.reason in ("offline", "unplugged")
    assert err.value.message_vi == MESSAGES_VI[err.value.reason]
    assert not printer.is_completed("job-drop")
    partial = len(fake.received)
    assert 0 < partial < len(transports.encode_job(ticket576))
    fake.mode = "ok"
    assert printer.print_ticket(ticket576, "job-drop").status == "printed"   # reconnects by itself
    printer.close()
    assert fake.connections == 2
    assert same_ticket(printed_image(fake.received[partial:], 576), ticket576)


def test_printer_switched_off_then_back(ticket576):
    fake = FakePrinter("ok").start()
    port = fake.port
    printer = open_printer(fake.uri, 576)
    printer.print_ticket(ticket576, "a")
    fake.stop()
    with pytest.raises(PrinterError) as err:
        printer.print_ticket(ticket576, "b")
    assert err.value.reason == "offline"
    assert printer.status().online is False
    back = FakePrinter("ok", port=port).start()
    try:
        assert printer.print_ticket(ticket576, "b").status == "printed"
        assert decode(bytes(back.received)).cuts == 1
    finally:
        printer.close()
        back.stop()


def test_printer_that_stops_reading_times_out(fake_printer, monkeypatch):
    monkeypatch.setattr(transports, "WRITE_TIMEOUT_S", 0.5)
    fake = fake_printer("stall")
    printer = open_printer(fake.uri, 576)
    # A tall ticket: more bytes than the socket buffers can hold while nobody reads.
    big = Image.new("1", (576, 4000), 1)
    for y in range(0, 4000, 2):
        big.paste(0, (0, y, 576 - (y % 64), y + 1))
    with pytest.raises(PrinterError) as err:
        printer.print_ticket(big, "job-stall")
    printer.close()
    assert err.value.reason == "timeout"


def test_missing_devices_are_unplugged(tmp_path, ticket576):
    for uri in (f"file:{tmp_path}/no/such/lp0", "serial:/dev/ttyNOPE0?baud=115200"):
        printer = open_printer(uri, 576)
        with pytest.raises(PrinterError) as err:
            printer.print_ticket(ticket576, "j")
        assert err.value.reason == "unplugged", uri
        assert printer.status().online is False


def test_usb_without_device_or_libusb_is_a_clear_failure(ticket576):
    printer = open_printer("usb:0416:5011", 576)
    with pytest.raises(PrinterError) as err:
        printer.print_ticket(ticket576, "j")
    assert err.value.reason in ("unplugged", "error")
    assert "0416" in err.value.detail or "libusb" in err.value.detail


def test_refused_connection_is_offline(ticket576):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    printer = open_printer(f"tcp://127.0.0.1:{port}", 576)
    with pytest.raises(PrinterError) as err:
        printer.print_ticket(ticket576, "j")
    assert err.value.reason == "offline"


def test_serial_printer_through_a_pty(ticket576):
    """A pseudo-terminal stands for the serial cable; the far end answers DLE EOT like a printer."""
    master, slave = os.openpty()
    path = os.ttyname(slave)
    got = bytearray()
    stop = threading.Event()

    def far_end() -> None:
        import select
        from printer.escpos_decode import command_length
        buf, pos = b"", 0
        while not stop.is_set():
            r, _, _ = select.select([master], [], [], 0.05)
            if not r:
                continue
            try:
                buf += os.read(master, 65536)
            except OSError:
                return
            while (k := command_length(buf, pos)) is not None:
                cmd = buf[pos:pos + k]
                pos += k
                if cmd[:2] == b"\x10\x04":
                    os.write(master, b"\x16" if cmd[2] == 1 else b"\x12")
                else:
                    got.extend(cmd)
            buf, pos = buf[pos:], 0

    t = threading.Thread(target=far_end, daemon=True)
    t.start()
    try:
        printer = open_printer(f"serial:{path}?baud=115200", 576)
        status = printer.status()
        assert status.online is True and status.paper == "ok"
        assert printer.print_ticket(ticket576, "s1").status == "printed"
        printer.close()
        deadline = time.monotonic() + 5
        while decode_cuts(got) < 1 and time.monotonic() < deadline:
            stop.wait(0.05)
        assert same_ticket(printed_image(got, 576), ticket576)
    finally:
        stop.set()
        t.join(2)
        os.close(master)
        os.close(slave)


def decode_cuts(data: bytearray) -> int:
    try:
        return decode(bytes(data)).cuts
    except Exception:   # noqa: BLE001  (still arriving)
        return 0


@pytest.mark.parametrize("uri", ["", "lpt:1", "tcp://", "usb:zz:12", "serial:?baud=x", "png:", "file:"])
def test_bad_uris_are_refused_clearly(uri):
    with pytest.raises(ValueError):
        open_printer(uri, 576)
