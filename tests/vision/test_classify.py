"""Classification of what a code holds."""
from __future__ import annotations

import random
import string

import pytest

from vision.classify import MAX_TEXT_CHARS, classify, parse_cccd, CccdError

CCCD = "038095012345|173456789|Lê Thị Hồng Nhung|12051995|Nữ|Thôn 3, Xã Quảng Đức, Huyện Quảng Xương, Thanh Hóa|01072021"


def test_cccd_fields():
    c = classify(CCCD.replace("038095", "038195"))
    assert c.kind == "cccd" and c.error is None
    assert c.fields == {"id": "038195012345", "old_id": "173456789", "name": "Lê Thị Hồng Nhung",
                        "birth_date": "1995-05-12", "gender": "Nữ", "birth_year": 1995,
                        "address": "Thôn 3, Xã Quảng Đức, Huyện Quảng Xương, Thanh Hóa", "issue_date": "2021-07-01"}
    assert c.text == ""  # personal data stays in fields only
    assert "Nhung" not in repr(c) and "Nhung" not in str(c)


def test_cccd_eight_fields_empty_old_id_and_2000s():
    c = classify("038205000001||Phạm Văn Ước|01012005|Nam|Xã Nga Điền, Huyện Nga Sơn, Thanh Hóa|02022021|")
    assert c.kind == "cccd" and c.fields["birth_year"] == 2005 and c.fields["gender"] == "Nam"


@pytest.mark.parametrize("text,why", [
    (CCCD, "gender digit"),                                    # digit 0 = male but Nữ
    (CCCD.replace("038095", "038194"), "year"),                 # 94 vs 1995
    (CCCD.replace("038095", "038395"), "century"),              # 2000s female vs 1995
    (CCCD.replace("12051995", "31021995").replace("038095", "038195"), "date"),
    (CCCD.replace("038095", "038195").replace("|Nữ|", "|Nu|"), "gender"),
    ("038195012345|173456789|Lê Thị|12051995|Nữ", "fields"),
    (CCCD.replace("038095", "038195").replace("Lê Thị", "L3 Thị"), "name"),
])
def test_cccd_inconsistent_is_invalid_with_vietnamese_message(text, why, caplog):
    c = classify(text)
    assert c.kind == "invalid", why
    assert c.error and "căn cước" in c.error
    assert c.fields["reason"].startswith("chip ID card code")
    assert "Nhung" not in caplog.text and "Nhung" not in c.fields["reason"]


def test_parse_cccd_raises_without_personal_data():
    with pytest.raises(CccdError) as e:
        parse_cccd(CCCD)
    assert "Nhung" not in str(e.value) and "038095012345" not in str(e.value)


@pytest.mark.parametrize("text,kind,fields", [
    ("1.001193", "procedure", {"code": "1.001193"}),
    ("1.001193.000.00.00.H56", "procedure", {"code": "1.001193"}),
    ("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.000894",
     "procedure", None),
    ("000.00.20.H56-240315-0012", "dossier", {"code": "000.00.20.H56-240315-0012"}),
    ("xqd-241231-00012", "dossier", {"code": "XQD-241231-00012"}),
    ("https://thanhhoa.gov.vn/tin-tuc", "url", {"url": "https://thanhhoa.gov.vn/tin-tuc", "host": "thanhhoa.gov.vn"}),
    ("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", "url", None),
    ("Quầy số 3: Tư pháp – Hộ tịch", "text", {}),
    ("javascript:alert(1)", "text", {}),
    ("ftp://x.vn/a", "text", {}),
    ("241399-0012", "text", {}),  # month 13: not a dossier date
])
def test_kinds(text, kind, fields):
    c = classify(text)
    assert c.kind == kind
    if fields is not None:
        assert c.fields == fields
    if kind == "procedure" and text.startswith("https"):
        assert c.fields["code"] == "1.000894" and c.fields["url"] == text


@pytest.mark.parametrize("text", ["", "   ", "x" * (MAX_TEXT_CHARS + 1), "abc\ufffd", "\ue000private"])
def test_refused_texts(text):
    c = classify(text)
    assert c.kind == "invalid" and c.error and c.fields["message"] == c.error and c.fields["reason"]


def test_never_raises_on_garbage():
    rng = random.Random(3)
    alphabet = string.printable + "|ữĐ\x00\x1d\u200b"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80)))
        if rng.random() < 0.3:
            text = "038195012345|" + text
        assert classify(text).kind in ("cccd", "dossier", "procedure", "url", "text", "invalid")
    assert classify(None).kind == "invalid"  # type: ignore[arg-type]
