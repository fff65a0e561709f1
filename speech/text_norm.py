"""Text normalization for speech: what the synthesizer should say for digits, times, dates,
ticket numbers and administrative abbreviations. Vietnamese ('vi') fully; other languages get the
abbreviations and digit-by-digit ticket numbers only (their voice reads ordinary numbers itself)."""
from __future__ import annotations

import re
import unicodedata

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_DIGITS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

ABBREVIATIONS_VI = {
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "CCCD": "căn cước công dân",
    "CMND": "chứng minh nhân dân",
    "TTHC": "thủ tục hành chính",
    "GCN": "giấy chứng nhận",
    "QSDĐ": "quyền sử dụng đất",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "MTTQ": "mặt trận tổ quốc",
    "VNĐ": "đồng",
    "TP": "thành phố",
    "SĐT": "số điện thoại",
    "QR": "qui a",
}
ABBREVIATIONS_EN = {
    "UBND": "People's Committee",
    "HĐND": "People's Council",
    "CCCD": "citizen ID card",
    "TTHC": "administrative procedure",
}


def read_digits(s: str, lang: str = "vi") -> str:
    """'0125' -> 'không một hai năm': each digit on its own."""
    names = _DIGITS if lang == "vi" else _DIGITS_EN
    return " ".join(names[int(c)] for c in s if c.isdigit())


def _below_thousand(n: int, full: bool) -> str:
    """0..999 in Vietnamese; `full` = inside a larger number (so 'không trăm', 'linh' appear)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
        if units:
            words.append(_DIGITS[units])
        return " ".join(words)
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1:
        words.append("một" if tens == 1 else "mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return " ".join(words)


def number_to_words(n: int) -> str:
    """An integer in Vietnamese words: 21 -> 'hai mươi mốt', 105 -> 'một trăm linh năm',
    2025 -> 'hai nghìn không trăm hai mươi lăm', 1500000 -> 'một triệu năm trăm nghìn'."""
    if n < 0:
        return "âm " + number_to_words(-n)
    if n == 0:
        return "không"
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    units = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]
    words: list[str] = []
    top = len(groups) - 1
    for i in range(top, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        part = _below_thousand(g, full=(i != top))
        words.append(part + (" " + units[i] if units[i] else ""))
    return " ".join(words)


def _time_vi(h: str, m: str | None) -> str:
    out = f"{number_to_words(int(h))} giờ"
    if m and int(m):
        out += f" {number_to_words(int(m))} phút"
    return out


def _date_vi(d: str, mo: str, y: str | None) -> str:
    month = int(mo)
    month_word = "tư" if month == 4 else number_to_words(month)
    out = f"ngày {number_to_words(int(d))} tháng {month_word}"
    if y:
        out += f" năm {number_to_words(int(y))}"
    return out


_WORD = r"(?<![\w])"
_END = r"(?![\w])"
# A ticket number: after 'số'/'phiếu'/'vé' or 'number', or any code with letters and digits such as
# 'A012' or 'K1-007' (the kiosk's offline tickets).
_TICKET_AFTER = re.compile(r"(?i)\b(số phiếu|phiếu số|số thứ tự|số|phiếu|ticket number|ticket|number)\s+"
                           r"([A-Z]{0,3}\d*[-–]?\d+)" + _END)
_ALNUM_CODE = re.compile(_WORD + r"([A-Z]{1,3}\d*)[-–](\d+)" + _END + "|" + _WORD + r"([A-Z]{1,3})(\d{2,})" + _END)
_TIME = re.compile(_WORD + r"(\d{1,2})\s*(?:h|giờ|:)\s*(\d{2})?(?:\s*phút)?" + _END)
_DATE = re.compile(r"(?i:(ngày)\s+)?" + _WORD + r"(\d{1,2})[/\-.](\d{1,2})(?:[/\-.](\d{4}))?" + _END)
_MONEY = re.compile(_WORD + r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đ|đồng|VNĐ|VND)" + _END)
_GROUPED = re.compile(_WORD + r"\d{1,3}(?:\.\d{3})+" + _END)
_DECIMAL = re.compile(_WORD + r"(\d+),(\d+)" + _END)
_NUMBER = re.compile(r"\d+")
_QUAY = re.compile(r"(?i)\b(quầy|bàn|phòng|tầng|counter|desk)\s+(?:số\s+)?(\d+)" + _END)


def _spell_code(letters: str, digits: str, lang: str) -> str:
    spelled = " ".join(_letter(c, lang) for c in letters if c.isalpha())
    return (spelled + " " + read_digits(digits, lang)).strip()


_LETTERS_VI = {"A": "a", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "G": "giê", "H": "hát",
               "I": "i", "K": "ca", "L": "e lờ", "M": "em mờ", "N": "en nờ", "O": "o", "P": "pê",
               "Q": "qui", "R": "e rờ", "S": "ét", "T": "tê", "U": "u", "V": "vê", "X": "ích", "Y": "i dài",
               "F": "ép", "J": "gi", "W": "vê kép", "Z": "dét"}


def _letter(c: str, lang: str) -> str:
    return _LETTERS_VI.get(c.upper(), c) if lang == "vi" else c.upper()


def _ticket_code(code: str, lang: str) -> str:
    m = re.match(r"([A-Z]*)(\d*)[-–]?(\d+)$", code)
    if not m:
        return code
    letters, first, rest = m.groups()
    parts = [" ".join(_letter(c, lang) for c in letters)] if letters else []
    if first:
        parts.append(read_digits(first, lang))
    parts.append(read_digits(rest, lang))
    return " ".join(p for p in parts if p)


def normalize_for_speech(text: str, lang: str = "vi") -> str:
    """Text rewritten so a TTS voice reads it as a person would: abbreviations expanded, ticket
    numbers digit by digit, times, dates, money and numbers in words (Vietnamese)."""
    text = unicodedata.normalize("NFC", text)
    abbr = ABBREVIATIONS_VI if lang == "vi" else ABBREVIATIONS_EN
    for short, long in abbr.items():
        text = re.sub(_WORD + re.escape(short) + _END, long, text)
    text = _TICKET_AFTER.sub(lambda m: f"{m.group(1)} {_ticket_code(m.group(2), lang)}", text)
    text = _ALNUM_CODE.sub(lambda m: _spell_code(m.group(1) or m.group(3), m.group(2) or m.group(4), lang)
                           if (m.group(1) or m.group(3)) else m.group(0), text)
    if lang != "vi":
        return re.sub(r"\s+", " ", text).strip()
    text = _QUAY.sub(lambda m: f"{m.group(1)} {number_to_words(int(m.group(2)))}", text)
    text = _TIME.sub(lambda m: _time_vi(m.group(1), m.group(2)) if int(m.group(1)) < 25 else m.group(0), text)
    text = _DATE.sub(lambda m: _date_vi(*m.groups()[1:]) if 1 <= int(m.group(2)) <= 31 and 1 <= int(m.group(3)) <= 12
                     else m.group(0), text)
    text = _MONEY.sub(lambda m: number_to_words(int(re.sub(r"[.,]", "", m.group(1)))) + " đồng", text)
    text = _GROUPED.sub(lambda m: number_to_words(int(m.group(0).replace(".", ""))), text)
    text = _DECIMAL.sub(lambda m: f"{number_to_words(int(m.group(1)))} phẩy {read_digits(m.group(2))}", text)

    def _num(m: re.Match) -> str:
        s = m.group(0)
        if (len(s) > 1 and s.startswith("0")) or len(s) >= 9:  # phone, ID, ticket-like: digit by digit
            return read_digits(s)
        return number_to_words(int(s))

    text = _NUMBER.sub(_num, text)
    text = text.replace("%", " phần trăm")
    return re.sub(r"\s+", " ", text).strip()
