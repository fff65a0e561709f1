"""Synthetic Vietnamese QR payloads and camera-like renderings of them (for tests, bench and evaluation).

The people are invented: random family, middle and given names, dates and villages of Thanh Hóa; the
12-digit ids agree with gender and birth year as real ones do. The command-line generator is
tools/gen_qr_payloads.py.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import cv2
import numpy as np
import qrcode
from qrcode.constants import ERROR_CORRECT_M

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Phan", "Trương", "Bùi", "Đặng",
          "Đỗ", "Ngô", "Hồ", "Dương", "Đinh", "Lường", "Hà", "Lò", "Mai", "Trịnh", "Lưu", "Quách", "Ông"]
MIDDLE_M = ["Văn", "Đức", "Hữu", "Quang", "Minh", "Xuân", "Đình", "Công", "Thế", "Ngọc", "Bá", "Trọng"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Diệu", "Mỹ", "Khánh", "Phương", "Bích", "Tường"]
GIVEN_M = ["Anh", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khải", "Lĩnh", "Mạnh", "Nghĩa",
           "Phúc", "Quý", "Sơn", "Thắng", "Tuấn", "Việt", "Vĩnh", "Ước", "Ổn", "Ẩn", "Ỷ", "Toản", "Khuê"]
GIVEN_F = ["Ánh", "Bích", "Chi", "Diệp", "Giang", "Hằng", "Hương", "Huyền", "Lan", "Liễu", "Mỹ", "Ngân",
           "Nguyệt", "Nhung", "Oanh", "Phượng", "Quỳnh", "Thảo", "Thủy", "Trinh", "Uyên", "Yến", "Ngỡ", "Ửng"]
VILLAGES = ["Thôn 1", "Thôn 3", "Thôn Đông", "Thôn Yên Lược", "Xóm Mới", "Thôn Phú Điền", "Làng Ngọc Trạo",
            "Khu phố Nghĩa Sơn", "Thôn Quảng Đức", "Bản Lặn", "Thôn Tiến Thành", "Số 12 ngõ 4 đường Lê Lợi"]
COMMUNES = ["Xã Quảng Đức", "Xã Hoằng Quỳ", "Xã Thiệu Dương", "Xã Đông Tiến", "Thị trấn Bút Sơn",
            "Xã Nga Điền", "Phường Quảng Thịnh", "Xã Xuân Hòa", "Xã Yên Trường", "Xã Ngọc Liên", "Xã Trường Sơn"]
DISTRICTS = ["Huyện Quảng Xương", "Huyện Hoằng Hóa", "Huyện Thiệu Hóa", "Huyện Đông Sơn", "Huyện Nga Sơn",
             "Thành phố Sầm Sơn", "Huyện Thọ Xuân", "Huyện Yên Định", "Huyện Ngọc Lặc", "Thị xã Nghi Sơn"]
PROVINCE_CODES = ["038", "038", "038", "001", "037", "040", "079"]
PROCEDURES = ["1.001193", "1.000894", "1.001022", "2.000908", "1.003583", "2.002516", "1.004227"]
TEXTS = ["Chúc mừng năm mới! Xin cảm ơn quý khách.", "Wi-Fi: TTPVHCC-Khach / mật khẩu: thanhhoa2024",
         "Giấy hẹn trả kết quả – vui lòng mang theo CCCD bản gốc.", "Quầy số 3: Tư pháp – Hộ tịch",
         "Hướng dẫn: quét mã để tra cứu hồ sơ ở Cổng Dịch vụ công quốc gia."]


@dataclass(frozen=True)
class Payload:
    """One synthetic code's text and what it should classify as."""
    text: str
    kind: str
    fields: dict


def _date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def cccd_payload(rng: random.Random) -> Payload:
    female = rng.random() < 0.5
    name = " ".join([rng.choice(FAMILY)] + rng.sample(MIDDLE_F if female else MIDDLE_M, rng.choice([1, 1, 2]))
                    + [rng.choice(GIVEN_F if female else GIVEN_M)])
    born = _date(rng, date(1930, 1, 1), date(2010, 12, 31))
    digit = (0 if born.year < 2000 else 2) + (1 if female else 0)
    cid = f"{rng.choice(PROVINCE_CODES)}{digit}{born.year % 100:02d}{rng.randrange(10**6):06d}"
    old_id = f"{rng.randrange(10**9):09d}" if rng.random() < 0.7 else ""
    address = ", ".join([rng.choice(VILLAGES), rng.choice(COMMUNES), rng.choice(DISTRICTS), "Thanh Hóa"])
    issued = _date(rng, max(date(2016, 1, 1), born + timedelta(days=14 * 365)), date(2024, 12, 31))
    parts = [cid, old_id, name, born.strftime("%d%m%Y"), "Nữ" if female else "Nam", address,
             issued.strftime("%d%m%Y")]
    if rng.random() < 0.15:
        parts.append("")  # some cards carry an eighth (empty) field
    fields = {"id": cid, "old_id": old_id, "name": name, "birth_date": born.isoformat(),
              "gender": "Nữ" if female else "Nam", "birth_year": born.year, "address": address,
              "issue_date": issued.isoformat()}
    return Payload("|".join(parts), "cccd", fields)


def dossier_payload(rng: random.Random) -> Payload:
    d = _date(rng, date(2023, 1, 1), date(2025, 12, 31))
    prefix = rng.choice(["000.00.20.H56", "H56.22.15", "XQD", ""])
    code = (prefix + "-" if prefix else "") + d.strftime("%y%m%d") + f"-{rng.randrange(1, 10000):04d}"
    return Payload(code, "dossier", {"code": code})


def procedure_payload(rng: random.Random) -> Payload:
    code = rng.choice(PROCEDURES)
    if rng.random() < 0.5:
        return Payload(code, "procedure", {"code": code})
    url = f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
    return Payload(url, "procedure", {"code": code, "url": url})


def url_payload(rng: random.Random) -> Payload:
    url = rng.choice(["https://thanhhoa.gov.vn/tin-tuc/lich-tiep-cong-dan",
                      "https://zalo.me/0912345678", "http://example.vn/khao-sat?id=" + str(rng.randrange(9999))])
    return Payload(url, "url", {})


def text_payload(rng: random.Random) -> Payload:
    return Payload(rng.choice(TEXTS), "text", {})


MAKERS = {"cccd": cccd_payload, "dossier": dossier_payload, "procedure": procedure_payload,
          "url": url_payload, "text": text_payload}


def payloads(n: int, seed: int = 0, kinds: tuple[str, ...] = tuple(MAKERS)) -> list[Payload]:
    rng = random.Random(seed)
    return [MAKERS[kinds[i % len(kinds)]](rng) for i in range(n)]


# ----------------------------------------------------------------------------------------------- rendering

def qr_matrix(text: str, ec: int = ERROR_CORRECT_M) -> np.ndarray:
    """The code's modules (True = dark) including a 4-module quiet zone; UTF-8 byte mode, no ECI."""
    q = qrcode.QRCode(error_correction=ec, border=4)
    q.add_data(text.encode("utf-8"))
    q.make(fit=True)
    return np.array(q.get_matrix(), dtype=bool)


@dataclass(frozen=True)
class Degradation:
    """How a code appears to the camera."""
    module_px: float = 4.0
    """Size of one module in the frame, in pixels."""
    angle: float = 0.0
    """In-plane rotation, degrees."""
    tilt: float = 0.0
    """Perspective: 0 = facing the camera, 0.25 = strongly tilted."""
    blur: float = 0.0
    """Gaussian blur sigma, pixels."""
    glare: float = 0.0
    """Strength 0..1 of a bright spot over the code."""
    noise: float = 0.0
    """Sensor noise sigma, grey levels."""
    contrast: float = 1.0
    inverted: bool = False
    """Light modules on a dark background (phone in dark mode)."""
    jpeg: int = 0
    """JPEG quality to recompress at (0 = none)."""


def random_degradation(rng: random.Random, level: str = "realistic") -> Degradation:
    if level == "clean":
        return Degradation(module_px=rng.uniform(4, 7))
    hard = level == "hard"
    return Degradation(
        module_px=rng.uniform(2.6 if hard else 3.2, 7.0),
        angle=rng.uniform(-30, 30) if rng.random() < 0.6 else 0.0,
        tilt=rng.uniform(0, 0.22 if hard else 0.15),
        blur=rng.choice([0.0, 0.0, rng.uniform(0.4, 1.6 if hard else 1.1)]),
        glare=rng.choice([0.0, 0.0, 0.0, rng.uniform(0.2, 0.6 if hard else 0.45)]),
        noise=rng.uniform(0, 8),
        contrast=rng.uniform(0.55 if hard else 0.65, 1.0),
        inverted=rng.random() < 0.12,
        jpeg=rng.choice([0, 0, 60, 80]),
    )


def render(text: str, deg: Degradation, rng: random.Random, width: int = 640, height: int = 480,
           ec: int = ERROR_CORRECT_M) -> np.ndarray:
    """A width x height BGR frame showing the code on a card in a hall, degraded as `deg` says."""
    modules = qr_matrix(text, ec)
    n = modules.shape[0]
    scale = 8
    code = np.where(modules, 20, 240).astype(np.uint8)
    code = cv2.resize(code, (n * scale, n * scale), interpolation=cv2.INTER_NEAREST)
    if deg.inverted:
        code = 255 - code
    side = n * deg.module_px
    src = np.float32([[0, 0], [n * scale, 0], [n * scale, n * scale], [0, n * scale]])
    cx = width / 2 + rng.uniform(-1, 1) * max(0.0, (width - side * 1.5) / 2)
    cy = height / 2 + rng.uniform(-1, 1) * max(0.0, (height - side * 1.5) / 2)
    half = side / 2
    corners = np.float32([[-half, -half], [half, -half], [half, half], [-half, half]])
    # perspective: shrink one edge
    t = deg.tilt
    if t:
        edge = rng.randrange(4)
        a, b = edge, (edge + 1) % 4
        for k in (a, b):
            corners[k] *= 1.0 - t
    theta = np.deg2rad(deg.angle)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]], dtype=np.float32)
    dst = corners @ rot.T + np.float32([cx, cy])
    background_level = rng.randint(60, 200) if not deg.inverted else rng.randint(20, 90)
    bg = np.full((height, width), background_level, np.uint8)
    bg = cv2.add(bg, (cv2.GaussianBlur(np.random.default_rng(rng.randrange(2**32)).integers(
        0, 40, (height // 8, width // 8), dtype=np.uint8), (0, 0), 2)).repeat(8, 0).repeat(8, 1)[:height, :width])
    # warp onto a 2x canvas, then area-downsample: a camera integrates light over each pixel
    matrix2 = cv2.getPerspectiveTransform(src, dst * 2)
    mask = cv2.warpPerspective(np.full(code.shape, 255, np.uint8), matrix2, (width * 2, height * 2))
    warped = cv2.warpPerspective(code, matrix2, (width * 2, height * 2), flags=cv2.INTER_LINEAR)
    mask = cv2.resize(mask, (width, height), interpolation=cv2.INTER_AREA)
    warped = cv2.resize(warped, (width, height), interpolation=cv2.INTER_AREA)
    alpha = mask.astype(np.float32) / 255.0
    frame = warped * alpha + bg * (1.0 - alpha)
    # contrast and lighting gradient
    frame = 128 + (frame - 128) * deg.contrast
    gx = np.linspace(-1, 1, width, dtype=np.float32)[None, :] * rng.uniform(-25, 25)
    frame = frame + gx
    if deg.glare:
        yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
        gx0, gy0 = cx + rng.uniform(-half, half), cy + rng.uniform(-half, half)
        r = side * rng.uniform(0.15, 0.35)
        spot = np.exp(-(((xx - gx0) ** 2 + (yy - gy0) ** 2) / (2 * r * r)))
        frame = frame + spot * 255 * deg.glare
    if deg.blur:
        frame = cv2.GaussianBlur(frame, (0, 0), deg.blur)
    if deg.noise:
        frame = frame + np.random.default_rng(rng.randrange(2**32)).normal(0, deg.noise, frame.shape)
    gray = np.clip(frame, 0, 255).astype(np.uint8)
    if deg.jpeg:
        ok, buf = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, deg.jpeg])
        if ok:
            gray = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
