"""The queue ticket, rendered with Pillow to a 1-bit image at the printer's width.

Thermal printers' code pages cannot print Vietnamese reliably, so the whole ticket is a raster image drawn
with Be Vietnam Pro (precomposed NFC letters). Text is drawn anti-aliased on a grey canvas and then
thresholded (never dithered), so strokes stay crisp. Everything scales with the width: 576 dots (80 mm) or
384 dots (58 mm); long names are wrapped, and a word too long for a line is shrunk or broken, never cut.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import qrcode
from PIL import Image, ImageDraw, ImageFont
from PIL import features as pil_features

THRESHOLD = 128   # grey level below which a pixel is printed (black)
# Be Vietnam Pro's stylistic set 1 has the two-storey "a": its default one-storey "a" is easily taken for
# "ơ" (by elderly eyes and by OCR alike). Font features need Pillow's raqm layout; without it, default glyphs.
FEATURES: list[str] | None = ["ss01"] if pil_features.check("raqm") else None


@dataclass(frozen=True)
class TicketContent:
    """Everything printed on one queue ticket (no personal data: no citizen name, no ID number)."""

    centre_name: str
    """Name of the centre, printed at the top (wrapped)."""
    number: str
    """The queue number, e.g. "0125"; printed very large."""
    counter_number: int
    """Number of the counter (quầy) the citizen goes to."""
    counter_name: str
    """Name of that counter, e.g. "Tư pháp - Hộ tịch" (may be empty)."""
    procedure_name: str
    """The procedure chosen, e.g. "Đăng ký khai sinh"."""
    issued_at: datetime
    """When the ticket was issued (local time of the centre)."""
    people_ahead: int
    """People waiting before this ticket."""
    estimated_wait_s: int
    """Expected wait in seconds."""
    priority: bool = False
    """A priority ticket (elderly, disabled, pregnant, ...): printed with a mark."""
    qr_text: str | None = None
    """Tracking URL or ticket id encoded in the QR code; None = no QR code."""
    directions: str = ""
    """One line of directions to the counter."""
    offline: bool = False
    """Issued by the kiosk while the centre was unreachable: a small note says so."""
    lang: Literal["vi", "en"] = "vi"
    """Language of the labels."""


LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "number": "SỐ THỨ TỰ",
        "priority": "ƯU TIÊN",
        "counter": "Quầy {n}",
        "procedure": "Thủ tục: {name}",
        "issued": "Ngày {date} lúc {time}",
        "ahead": "Trước ông bà còn {n} người",
        "ahead_one": "Trước ông bà còn 1 người",
        "ahead_none": "Không có ai chờ trước ông bà",
        "wait": "Thời gian chờ khoảng {t}",
        "wait_now": "Ông bà sẽ được gọi ngay",
        "qr": "Quét mã để theo dõi lượt gọi",
        "offline": "Vé cấp khi mất kết nối với trung tâm",
        "min": "{m} phút",
        "hour": "{h} giờ",
        "hour_min": "{h} giờ {m} phút",
        "lt_min": "dưới 1 phút",
    },
    "en": {
        "number": "QUEUE NUMBER",
        "priority": "PRIORITY",
        "counter": "Counter {n}",
        "procedure": "Procedure: {name}",
        "issued": "{date} at {time}",
        "ahead": "{n} people ahead of you",
        "ahead_one": "1 person ahead of you",
        "ahead_none": "No one is ahead of you",
        "wait": "Estimated wait: about {t}",
        "wait_now": "You will be called shortly",
        "qr": "Scan to follow your turn",
        "offline": "Issued while the centre was offline",
        "min": "{m} min",
        "hour": "{h} h",
        "hour_min": "{h} h {m} min",
        "lt_min": "under 1 min",
    },
}


def nfc(text: str) -> str:
    """Vietnamese text in NFC (precomposed letters, which the font has as single glyphs)."""
    return unicodedata.normalize("NFC", text)


def format_wait(seconds: int, lang: str = "vi") -> str:
    """A waiting time in words: "khoảng 12 phút" style, rounded to whole minutes."""
    lab = LABELS.get(lang, LABELS["vi"])
    if seconds < 60:
        return lab["lt_min"]
    minutes = round(seconds / 60)
    hours, mins = divmod(minutes, 60)
    if hours == 0:
        return lab["min"].format(m=mins)
    if mins == 0:
        return lab["hour"].format(h=hours)
    return lab["hour_min"].format(h=hours, m=mins)


# ----------------------------------------------------------------------------------------------- fonts

def default_font_dir() -> Path:
    """The folder of the Be Vietnam Pro files shipped by the PyPI package fontpkg-be-vietnam-pro."""
    import fontpkg_be_vietnam_pro  # noqa: PLC0415  (only needed to locate the files)

    return Path(fontpkg_be_vietnam_pro.__file__).parent / "files"


@functools.lru_cache(maxsize=128)
def _font(font_dir: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    path = Path(font_dir) / f"BeVietnamPro-{weight}.ttf"
    if not path.is_file():
        raise FileNotFoundError(f"font file missing: {path}")
    return ImageFont.truetype(str(path), size)


# ---------------------------------------------------------------------------------------------- layout

class _Canvas:
    """A grey canvas drawn top to bottom; `y` is the next free row."""

    def __init__(self, width: int, font_dir: str, max_height: int) -> None:
        self.width = width
        self.font_dir = font_dir
        self.im = Image.new("L", (width, max_height), 255)
        self.draw = ImageDraw.Draw(self.im)
        self.margin = max(8, round(width * 0.015) * 2)   # even, so half-resolution parts stay aligned
        self.y = self.margin
        self.inner = width - 2 * self.margin

    def font(self, weight: str, size: int) -> ImageFont.FreeTypeFont:
        return _font(self.font_dir, weight, size)

    def wrap(self, text: str, weight: str, size: int, width: int | None = None,
             min_size: int | None = None) -> tuple[list[str], ImageFont.FreeTypeFont]:
        """Split `text` into lines no wider than `width`; a single word too long shrinks the font
        (down to min_size) and is broken by characters only if it still does not fit."""
        width = width or self.inner
        min_size = min_size or max(12, int(size * 0.7))
        words = nfc(text).split()
        font = self.font(weight, size)
        if font.getlength(" ".join(words), features=FEATURES) <= width:
            return [" ".join(words)], font          # the usual case: one line
        while size > min_size and any(font.getlength(w, features=FEATURES) > width for w in words):
            size -= 2
            font = self.font(weight, size)
        lines: list[str] = []
        current = ""
        for word in words:
            if font.getlength(word, features=FEATURES) > width:    # still too long: break it by characters
                if current:
                    lines.append(current)
                    current = ""
                piece = ""
                for ch in word:
                    if font.getlength(piece + ch, features=FEATURES) > width and piece:
                        lines.append(piece)
                        piece = ""
                    piece += ch
                current = piece
                continue
            trial = f"{current} {word}" if current else word
            if font.getlength(trial, features=FEATURES) <= width:
                current = trial
            else:
                lines.append(current)
                current = word
        if current:
            lines.append(current)
        return lines, font

    def text(self, text: str, weight: str, size: int, align: str = "center", gap: float = 0.25,
             x0: int | None = None, width: int | None = None) -> None:
        """Draw wrapped text; each line's box comes from the font's ascent/descent so accents above
        capitals (Ầ, Ộ) and hooks below (ạ, ọ) are never clipped."""
        if not text.strip():
            return
        x0 = self.margin if x0 is None else x0
        width = width or self.inner
        lines, font = self.wrap(text, weight, size, width)
        ascent, descent = font.getmetrics()
        line_h = ascent + descent
        for line in lines:
            w = font.getlength(line, features=FEATURES)
            x = x0 + (width - w) / 2 if align == "center" else x0
            self.draw.text((x, self.y), line, font=font, fill=0, features=FEATURES)
            self.y += line_h
        self.y += round(font.size * gap)

    def rule(self, thickness: int = 3) -> None:
        self.y += thickness
        self.draw.rectangle((self.margin, self.y, self.width - self.margin - 1, self.y + thickness - 1), fill=0)
        self.y += thickness * 4

    def space(self, px: int) -> None:
        self.y += px


NUMBER_WEIGHT = "SemiBold"   # at 20 mm tall its strokes are 2.5 mm; Bold's rounder 0 reads as an O


def _fit_number_font(font_dir: str, number: str, max_w: int, max_h: int) -> ImageFont.FreeTypeFont:
    """The biggest font whose text is at most `max_h` tall and `max_w` wide."""
    size = int(max_h * 1.4)
    while size > 10:
        font = _font(font_dir, NUMBER_WEIGHT, size)
        left, top, right, bottom = font.getbbox(number, features=FEATURES)
        if right - left <= max_w and bottom - top <= max_h:
            return font
        size -= 2
    return _font(font_dir, NUMBER_WEIGHT, 10)


def _draw_number(canvas: _Canvas, number: str, priority_label: str | None) -> None:
    """The queue number, about 30 % of the width tall. It is drawn at half resolution and enlarged 2x2
    (on even coordinates), so the encoder can send it as a quadruple-density raster at a quarter of the
    bytes; at 21 mm tall the 0.25 mm steps cannot be seen at arm's length."""
    number = nfc(number).strip()
    half_w = canvas.inner // 2
    font = _fit_number_font(canvas.font_dir, number, half_w, round(canvas.width * 0.15))
    left, top, right, bottom = font.getbbox(number, features=FEATURES)
    small = Image.new("L", (right - left, bottom - top), 255)
    ImageDraw.Draw(small).text((-left, -top), number, font=font, fill=0, features=FEATURES)
    small = small.point(lambda v: 255 if v >= THRESHOLD else 0)
    big = small.resize((small.width * 2, small.height * 2), Image.NEAREST)
    x = canvas.margin + (canvas.inner - big.width) // 2
    canvas.space(max(8, round(canvas.width * 0.02)))   # a clear gap: the number is a band of its own
    canvas.im.paste(big, (x - x % 2, canvas.y))
    canvas.y += big.height
    canvas.space(round(canvas.width * 0.03))
    if priority_label:
        # White text on a black band: unmistakable even for someone who cannot read.
        size = round(canvas.width * 0.065)
        pfont = canvas.font("Bold", size)
        label = priority_label
        l2, t2, r2, b2 = pfont.getbbox(label, features=FEATURES)
        pad = round(size * 0.35)
        bw = (r2 - l2) + 4 * pad
        bx = canvas.margin + (canvas.inner - bw) // 2
        canvas.draw.rectangle((bx, canvas.y, bx + bw, canvas.y + (b2 - t2) + 2 * pad), fill=0)
        canvas.draw.text((bx + 2 * pad - l2, canvas.y + pad - t2), label, font=pfont, fill=255, features=FEATURES)
        canvas.y += (b2 - t2) + 2 * pad
        canvas.space(round(canvas.width * 0.03))


def _qr_matrix(text: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=0)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.get_matrix()


def _qr_image(matrix: list[list[bool]], module_px: int) -> Image.Image:
    n = len(matrix)
    im = Image.new("L", (n, n), 255)
    im.putdata([0 if cell else 255 for row in matrix for cell in row])
    return im.resize((n * module_px, n * module_px), Image.NEAREST)


def _draw_qr_block(canvas: _Canvas, qr_text: str, caption: str) -> None:
    """The caption, then the QR code centred under it. Modules are whole dots (about 0.5-0.75 mm)
    and the code sits on even coordinates, so with even module sizes it can be sent at quadruple density."""
    canvas.text(caption, "Medium", round(canvas.width * 0.048), gap=0.2)
    matrix = _qr_matrix(qr_text)
    modules = len(matrix)
    module_px = max(3, min(6, (canvas.width * 40 // 100) // modules))
    img = _qr_image(matrix, module_px)
    quiet = 2 * module_px
    x = (canvas.width - img.width) // 2
    canvas.im.paste(img, (x - x % 2, canvas.y + quiet // 2))
    canvas.y += img.height + quiet


def render_ticket(content: TicketContent, width_dots: int = 576, font_dir: str | Path | None = None
                  ) -> Image.Image:
    """Render the ticket to a 1-bit ("1" mode) image `width_dots` wide; its height follows the content."""
    if width_dots < 200:
        raise ValueError(f"width_dots={width_dots} is too narrow for a ticket (58 mm paper is 384)")
    fdir = str(font_dir or default_font_dir())
    max_height = width_dots * 3
    while True:
        canvas = _Canvas(width_dots, fdir, max_height)
        _layout(canvas, content)
        height = canvas.y + canvas.margin
        if height <= max_height:
            break
        max_height = height + width_dots   # very long texts: draw again on a taller canvas
    out = canvas.im.crop((0, 0, width_dots, height))
    return out.point(lambda v: 255 if v >= THRESHOLD else 0, mode="1")


def _layout(c: _Canvas, content: TicketContent) -> None:
    lab = LABELS.get(content.lang, LABELS["vi"])
    w = c.width
    body = round(w * 0.058)     # ~33 px at 576 dots: capitals ~3 mm tall
    small = round(w * 0.040)

    c.text(content.centre_name.upper() if content.lang == "vi" else content.centre_name,
           "SemiBold", round(w * 0.045), gap=0.3)
    c.rule()
    c.text(lab["number"], "SemiBold", round(w * 0.055), gap=0.1)
    _draw_number(c, content.number, lab["priority"] if content.priority else None)
    c.text(lab["counter"].format(n=content.counter_number), "SemiBold", round(w * 0.10), gap=0.05)
    c.text(content.counter_name, "Medium", body, gap=0.3)
    c.rule()
    c.text(lab["procedure"].format(name=nfc(content.procedure_name)), "Bold", body, gap=0.3)
    ahead = content.people_ahead
    c.text(lab["ahead_none"] if ahead <= 0 else lab["ahead_one"] if ahead == 1 else lab["ahead"].format(n=ahead),
           "Medium", body, gap=0.1)
    wait = (lab["wait"].format(t=format_wait(content.estimated_wait_s, content.lang))
            if content.estimated_wait_s > 0 else lab["wait_now"])
    c.text(wait, "Medium", body, gap=0.1)
    c.text(lab["issued"].format(date=content.issued_at.strftime("%d/%m/%Y"),
                                time=content.issued_at.strftime("%H:%M")), "Medium", body, gap=0.3)
    if content.directions.strip():
        c.text(content.directions, "SemiBold", body, gap=0.3)
    if content.qr_text:
        c.rule(2)
        _draw_qr_block(c, content.qr_text, lab["qr"])
    if content.offline:
        c.text(lab["offline"], "Italic", small, gap=0.2)
