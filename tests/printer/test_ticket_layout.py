"""The rendered ticket: 1-bit, the printer's width, readable Vietnamese, QR code, nothing cut off."""
from __future__ import annotations

import dataclasses
import unicodedata

import numpy as np
import pytest
import zxingcpp

from printer.sample import sample_content
from printer.ticket_layout import TicketContent, format_wait, render_ticket
from tests.printer.ocr import missing, tesseract_ready

needs_ocr = pytest.mark.skipif(not tesseract_ready(), reason="tesseract with 'vie' data is not installed")

LONG = dataclasses.replace(
    sample_content(),
    centre_name="Trung tâm Phục vụ hành chính công xã Thiệu Nguyên Đông Khê Xuânthạchquangminhđại",
    counter_name="Bộ phận tiếp nhận và trả kết quả lĩnh vực Tư pháp - Hộ tịch - Chứng thực",
    procedure_name="Cấp bản sao trích lục hộ tịch, bản sao giấy khai sinh và đăng ký lại việc nuôi con "
                   "nuôi có yếu tố nước ngoài",
    directions="Đi thẳng vào sảnh chính, qua cửa kính, rẽ trái, quầy thứ ba tính từ cửa sổ",
    priority=True, offline=True,
)


def ink(im):
    return ~np.asarray(im, dtype=bool)


def qr_texts(im) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(im.convert("L"))]


@pytest.mark.parametrize("width", [384, 576])
def test_sample_ticket_is_one_bit_at_the_printer_width_with_a_readable_qr(width, artifacts):
    im = render_ticket(sample_content(), width_dots=width)
    im.save(artifacts / f"sample_{width}.png")
    assert im.mode == "1"
    assert im.width == width
    assert set(np.unique(np.asarray(im.convert("L")))) <= {0, 255}
    assert qr_texts(im) == [sample_content().qr_text]


@pytest.mark.parametrize("width", [384, 576])
def test_nothing_is_cut_off_even_with_long_names(width, artifacts):
    short = render_ticket(sample_content(), width)
    im = render_ticket(LONG, width)
    im.save(artifacts / f"long_priority_offline_{width}.png")
    a = ink(im)
    assert im.height > short.height                  # the long names were wrapped onto more lines
    assert not a[:, :4].any() and not a[:, -4:].any()  # nothing touches the left or right edge
    assert not a[:4].any() and not a[-4:].any()        # nor the top or the bottom
    assert qr_texts(im) == [LONG.qr_text]


@needs_ocr
def test_priority_ticket_carries_a_mark_the_normal_one_does_not():
    prio = render_ticket(dataclasses.replace(sample_content(), priority=True), 576)
    normal = render_ticket(sample_content(), 576)
    assert missing(prio, ["ƯU TIÊN"]) == []
    assert missing(normal, ["ƯU TIÊN"]) == ["ƯU TIÊN"]


def test_decomposed_input_prints_like_nfc():
    nfd = dataclasses.replace(sample_content(),
                              procedure_name=unicodedata.normalize("NFD", "Đăng ký khai sinh"),
                              counter_name=unicodedata.normalize("NFD", "Tư pháp - Hộ tịch"))
    assert np.array_equal(ink(render_ticket(nfd, 576)), ink(render_ticket(sample_content(), 576)))


def test_no_qr_code_when_there_is_no_text():
    im = render_ticket(dataclasses.replace(sample_content(), qr_text=None), 384)
    assert qr_texts(im) == []


def test_too_narrow_width_is_refused():
    with pytest.raises(ValueError):
        render_ticket(sample_content(), 100)


def test_wait_in_words():
    assert format_wait(30) == "dưới 1 phút"
    assert format_wait(24 * 60) == "24 phút"
    assert format_wait(75 * 60) == "1 giờ 15 phút"
    assert format_wait(120 * 60, "en") == "2 h"


@needs_ocr
@pytest.mark.parametrize("width", [384, 576])
def test_ocr_reads_the_vietnamese_text(width):
    im = render_ticket(sample_content(), width)
    assert missing(im, ["0125", "Quầy 3", "khai sinh", "Tư pháp", "người"]) == []


@needs_ocr
def test_ocr_reads_the_offline_note_and_english_labels():
    im = render_ticket(dataclasses.replace(sample_content(), offline=True, lang="en"), 576)
    assert missing(im, ["Counter 3", "people ahead", "offline"]) == []
    vi = render_ticket(dataclasses.replace(sample_content(), offline=True), 576)
    assert missing(vi, ["mất kết nối"]) == []


def test_content_is_a_value():
    c = sample_content()
    assert isinstance(c, TicketContent)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.number = "1"  # type: ignore[misc]
