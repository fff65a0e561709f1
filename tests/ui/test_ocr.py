"""Vietnamese text with its accents is really on screen: tesseract (vie) reads the screenshots back."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from dialogs.views import view
from kiosk.ui.screen import Screen

from conftest import ARTIFACTS, PRINTER_FAILED, STATUS, drive, show_for

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def ocr(path: Path) -> str:
    """Text tesseract reads on the screenshot, grey and inverted (white text on coloured buttons
    reads better inverted), at twice the size."""
    img = Image.open(path).convert("L")
    img = img.resize((img.width * 2, img.height * 2), Image.LANCZOS)
    texts = []
    for variant in (img, ImageOps.invert(img)):
        tmp = path.with_name(path.stem + "-ocr-tmp.png")
        variant.save(tmp)
        out = subprocess.run(["tesseract", str(tmp), "-", "-l", "vie", "--psm", "11"],
                             capture_output=True, text=True, timeout=120, check=True).stdout
        tmp.unlink()
        texts.append(out)
    return " ".join(unicodedata.normalize("NFC", " ".join(texts)).split())


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_card_screen_reads_back_in_vietnamese(screen: Screen) -> None:
    screen.draw(show_for("card"), STATUS)
    path = screen.save_screenshot(ARTIFACTS / "card-ocr.png")
    text = ocr(path)
    assert "đăng ký khai sinh" in text.lower(), text
    # Words that only their accents tell apart from others.
    for w in ("giấy", "tờ", "cần", "mang", "chứng", "cước", "người", "làm", "lấy", "thứ", "tự"):
        assert w in words(text), (w, text)
    path.unlink()


def test_printer_failure_banner_and_number_read_back(screen: Screen) -> None:
    screen.draw(view(drive(PRINTER_FAILED)), STATUS)
    path = screen.save_screenshot(ARTIFACTS / "ticket-ocr.png")
    text = ocr(path)
    # The font's round zero is often read as the letter O.
    assert re.search(r"[0O]125", text), text
    assert "máy in gặp sự cố" in text.lower(), text
    path.unlink()
