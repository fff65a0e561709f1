"""Printer failures: one reason code for the technician's log, one plain Vietnamese sentence for the citizen."""
from __future__ import annotations

from typing import Final

REASONS: Final[tuple[str, ...]] = (
    "paper_out", "cover_open", "offline", "unplugged", "timeout", "busy", "error",
)

# What the citizen hears and reads when the ticket cannot be printed. The kiosk keeps the number on
# the screen and reads it out, so every sentence tells the citizen to remember it.
MESSAGES_VI: Final[dict[str, str]] = {
    "paper_out": "Máy in vé đã hết giấy. Xin ông bà ghi nhớ số thứ tự trên màn hình, nhân viên sẽ hỗ trợ.",
    "cover_open": "Nắp máy in vé đang mở. Xin ông bà ghi nhớ số thứ tự trên màn hình, nhân viên sẽ hỗ trợ.",
    "offline": "Máy in vé đang tạm ngừng. Xin ông bà ghi nhớ số thứ tự trên màn hình.",
    "unplugged": "Máy in vé chưa được kết nối. Xin ông bà ghi nhớ số thứ tự trên màn hình.",
    "timeout": "Máy in vé không phản hồi. Xin ông bà ghi nhớ số thứ tự trên màn hình.",
    "busy": "Máy in vé đang bận. Xin ông bà ghi nhớ số thứ tự trên màn hình.",
    "error": "Máy in vé đang gặp sự cố. Xin ông bà ghi nhớ số thứ tự trên màn hình, nhân viên sẽ hỗ trợ.",
}

MESSAGES_EN: Final[dict[str, str]] = {
    "paper_out": "The ticket printer is out of paper. Please remember the number on the screen; staff will help.",
    "cover_open": "The ticket printer's cover is open. Please remember the number on the screen; staff will help.",
    "offline": "The ticket printer is offline. Please remember the number on the screen.",
    "unplugged": "The ticket printer is not connected. Please remember the number on the screen.",
    "timeout": "The ticket printer does not answer. Please remember the number on the screen.",
    "busy": "The ticket printer is busy. Please remember the number on the screen.",
    "error": "The ticket printer has a problem. Please remember the number on the screen; staff will help.",
}


class PrinterError(Exception):
    """A ticket could not be printed (or the printer could not be reached).

    `reason` is one of REASONS; `message_vi` / `message_en` are for the citizen; `detail` is for the log
    (never contains personal data: it only describes the device and what it answered)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in REASONS:
            reason = "error"
        self.reason = reason
        self.detail = detail
        self.message_vi = MESSAGES_VI[reason]
        self.message_en = MESSAGES_EN[reason]
        super().__init__(f"printer {reason}: {detail}" if detail else f"printer {reason}")
