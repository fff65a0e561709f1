"""OCR of a ticket image with the tesseract binary (language "vie"), for the tests.

Tesseract's reading of one image depends on the text's size in pixels, so the page is read at a few
scales; a phrase counts as found when one of the readings has it with exactly these letters and accents."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from PIL import Image

SCALES = (1.0, 0.75, 0.5)


def tesseract_ready() -> bool:
    """True when tesseract and its Vietnamese data are installed."""
    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    return "vie" in out.split()


def readings(image: Image.Image, psm: str = "11") -> list[str]:
    """The page's text (NFC) read at each of SCALES."""
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for s in SCALES:
            im = image.convert("L")
            if s != 1.0:
                im = im.resize((round(im.width * s), round(im.height * s)), Image.LANCZOS)
            path = Path(tmp) / f"page_{s}.png"
            im.save(path)
            out = subprocess.run(["tesseract", str(path), "-", "-l", "vie", "--psm", psm],
                                 capture_output=True, text=True, timeout=60).stdout
            texts.append(unicodedata.normalize("NFC", out))
    return texts


def missing(image: Image.Image, phrases: list[str]) -> list[str]:
    """The phrases no reading of the page contains."""
    texts = readings(image)
    return [p for p in phrases if not any(unicodedata.normalize("NFC", p) in t for t in texts)]
