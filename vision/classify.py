"""What a QR code holds: a chip ID card (CCCD), a dossier receipt, a procedure, a link, or plain text.

Chip ID card (CCCD) codes hold ``id|old_id|name|ddmmyyyy|gender|address|issue_ddmmyyyy`` (7 fields; some
cards add an eighth). The 12-digit id: digits 1-3 the province of birth registration, digit 4 gender and
century (0/1 = male/female born 1900-1999, 2/3 = 2000-2099, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 1800s),
digits 5-6 the last two digits of the birth year, then 6 random digits.

Privacy: a Classification of a CCCD holds the personal fields in memory only; nothing in this module logs or
stores them (the log lines name only the kind and the reason).
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2000
"""Longer texts are refused (a QR code the kiosk has any use for is far shorter)."""

KINDS = ("cccd", "dossier", "procedure", "url", "text", "invalid")

PORTAL_HOSTS = ("dichvucong.gov.vn",)
"""The national public service portal; its procedure pages carry the procedure code."""

PROCEDURE_CODE = re.compile(r"^\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")
"""A national procedure code, e.g. 1.001193 (short form) or 1.001193.000.00.00.H12 (full form)."""
PROCEDURE_CODE_IN_TEXT = re.compile(r"(?<![\d.])(\d\.\d{6})(?![\d])")
DOSSIER_CODE = re.compile(r"^(?:[A-Z0-9]{1,12}(?:\.[A-Z0-9]{1,12}){0,5}-)?(\d{2})(\d{2})(\d{2})-\d{4,8}$")
"""Dossier receipt codes as the one-stop-shop software prints them: an optional unit prefix, the receipt date
(yymmdd) and a serial number, e.g. "000.00.20.H56-240315-0012", "H56.22.15-240315-0012", "XQX-240315-0012"."""
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The Vietnamese messages shown to the citizen when a code is refused.
MSG_TOO_LONG = "Mã QR này quá dài, máy không đọc được. Xin mời anh/chị hỏi cán bộ tại quầy."
MSG_CCCD_BAD = "Không đọc được mã trên căn cước công dân. Xin mời anh/chị đưa lại mặt sau của thẻ, giữ thẻ thẳng và yên."
MSG_BAD_CHARS = "Mã QR này chứa ký tự không hợp lệ. Xin mời anh/chị hỏi cán bộ tại quầy."
MSG_EMPTY = "Mã QR này không có nội dung. Xin mời anh/chị thử mã khác."


@dataclass(frozen=True)
class Classification:
    """What a code holds."""
    kind: str
    """cccd | dossier | procedure | url | text | invalid"""
    fields: dict[str, Any] = field(default_factory=dict)
    """cccd: id, old_id, name, birth_date, gender, birth_year, address, issue_date;
    dossier: code; procedure: code (and url when it came as a link); url: url, host; text: (none);
    invalid: reason (for the technician) and message (Vietnamese, for the citizen)."""
    error: str | None = None
    """For invalid codes: the Vietnamese message for the citizen."""
    text: str = ""
    """The code's text; empty for cccd (personal data stays in `fields` only)."""

    def __repr__(self) -> str:  # never print personal data by accident (logs, tracebacks)
        if self.kind == "cccd":
            return "Classification(kind='cccd', fields=<redacted>)"
        return f"Classification(kind={self.kind!r}, fields={self.fields!r}, error={self.error!r}, text={self.text!r})"

    __str__ = __repr__


def _invalid(reason: str, message: str) -> Classification:
    log.info("QR code refused: %s", reason)
    return Classification("invalid", {"reason": reason, "message": message}, message)


# ---------------------------------------------------------------------------------------------------- CCCD

_CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800}


class CccdError(ValueError):
    """A code shaped like a CCCD code whose fields do not agree; the message names no personal data."""


def _parse_ddmmyyyy(value: str, what: str) -> date:
    if not re.fullmatch(r"\d{8}", value):
        raise CccdError(f"{what} is not ddmmyyyy")
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise CccdError(f"{what} is not a real date") from None


def looks_like_cccd(text: str) -> bool:
    """A '|'-separated text starting with a 12-digit number: meant to be a chip ID card code."""
    parts = text.split("|")
    return len(parts) >= 5 and bool(re.fullmatch(r"\s*\d{12}\s*", parts[0]))


def parse_cccd(text: str) -> dict[str, Any]:
    """The fields of a chip ID card code; raises CccdError (naming no personal data) when inconsistent."""
    parts = [p.strip() for p in text.strip().split("|")]
    if len(parts) not in (7, 8):
        raise CccdError(f"{len(parts)} fields instead of 7 or 8")
    cid, old_id, name, birth, gender, address, issued = parts[:7]
    if not re.fullmatch(r"\d{12}", cid):
        raise CccdError("id is not 12 digits")
    if old_id and not re.fullmatch(r"\d{9}", old_id):
        raise CccdError("old id is not 9 digits")
    if not name or any(ch.isdigit() for ch in name) or not re.fullmatch(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*", name):
        raise CccdError("name is empty or has characters a name cannot have")
    birth_date = _parse_ddmmyyyy(birth, "birth date")
    issue_date = _parse_ddmmyyyy(issued, "issue date")
    if gender not in ("Nam", "Nữ"):
        raise CccdError("gender is neither Nam nor Nữ")
    if not address:
        raise CccdError("address is empty")
    if issue_date < birth_date:
        raise CccdError("issue date before birth date")
    digit = int(cid[3])
    if (digit % 2 == 1) != (gender == "Nữ"):
        raise CccdError("id's gender digit disagrees with the gender field")
    if _CENTURY_BY_DIGIT[digit] + int(cid[4:6]) != birth_date.year:
        raise CccdError("id's century and year digits disagree with the birth date")
    return {
        "id": cid,
        "old_id": old_id,
        "name": name,
        "birth_date": birth_date.isoformat(),
        "gender": gender,
        "birth_year": birth_date.year,
        "address": address,
        "issue_date": issue_date.isoformat(),
    }


# --------------------------------------------------------------------------------------------- classify

def _procedure_from_url(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not any(host == h or host.endswith("." + h) for h in PORTAL_HOSTS):
        return None
    query = parse_qs(parts.query)
    for key in ("ma_thu_tuc", "maThuTuc", "ma_tthc", "code"):
        for value in query.get(key, []):
            value = value.strip()
            if PROCEDURE_CODE.fullmatch(value):
                return value.split(".000.")[0] if value.count(".") > 1 else value
    m = PROCEDURE_CODE_IN_TEXT.search(parts.path + "?" + parts.query)
    return m.group(1) if m else None


def classify(text: str) -> Classification:
    """Classify a code's text. Never raises: a malformed code gives kind "invalid" with a reason (for the
    log) and a Vietnamese message (for the citizen)."""
    if not isinstance(text, str):
        return _invalid("not text", MSG_BAD_CHARS)
    text = unicodedata.normalize("NFC", text)
    if len(text) > MAX_TEXT_CHARS:
        return _invalid(f"text too long ({len(text)} characters)", MSG_TOO_LONG)
    stripped = text.strip()
    if not stripped:
        return _invalid("empty code", MSG_EMPTY)
    if "\ufffd" in text or any(unicodedata.category(ch) in ("Cs", "Co", "Cn") for ch in text):
        return _invalid("undecodable or unassigned characters", MSG_BAD_CHARS)

    if looks_like_cccd(stripped):
        try:
            return Classification("cccd", parse_cccd(stripped))
        except CccdError as exc:
            return _invalid(f"chip ID card code: {exc}", MSG_CCCD_BAD)

    if CONTROL_CHARS.search(stripped):
        # GS1 and other machine codes: nothing the kiosk acts on, shown as text only if printable
        return Classification("text", {"control_chars": True}, text=text)

    upper = stripped.upper()
    if PROCEDURE_CODE.fullmatch(stripped):
        return Classification("procedure", {"code": stripped.split(".000.")[0] if stripped.count(".") > 1
                                            else stripped}, text=stripped)
    m = DOSSIER_CODE.fullmatch(upper)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return Classification("dossier", {"code": upper}, text=stripped)

    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://", stripped):
        parts = urlsplit(stripped)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return Classification("text", {}, text=text)
        code = _procedure_from_url(stripped)
        if code:
            return Classification("procedure", {"code": code, "url": stripped}, text=stripped)
        return Classification("url", {"url": stripped, "host": parts.hostname.lower()}, text=stripped)

    return Classification("text", {}, text=text)
