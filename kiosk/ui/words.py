"""On-screen words the dialog's prompt labels (dialogs.prompts.LABELS) do not hold: pager, status bar."""
from __future__ import annotations

from dialogs.prompts import label as dialog_label

EXTRA: dict[str, dict[str, str]] = {
    "vi": {"prev": "Trước", "next": "Sau", "page": "Trang {a}/{b}", "centre": "Trung tâm",
           "printer": "Máy in", "hello": "Xin chào!", "other_lang_hint": "Touch the screen to start",
           "qr_hint": "Có thể đưa mã QR trên thẻ căn cước hoặc giấy biên nhận vào trước camera",
           "none_of_these": "Không phải các thủ tục trên", "code": "Mã hồ sơ",
           "procedure": "Thủ tục", "thanks": "Cảm ơn!", "staff_title": "Đang gọi cán bộ",
           "ticket_error_title": "Chưa lấy được số", "code_info_title": "Mã QR",
           "go_to": "Mời đến", "priority_ticket": "Số ưu tiên", "people": "người",
           "asking_title": "Ông/bà cần làm thủ tục gì?", "help_title": "Mời chọn lĩnh vực, hoặc gọi cán bộ",
           "not_understood": "Chưa nghe rõ: mời nói lại hoặc chạm vào lĩnh vực",
           "looking_up": "Đang tra cứu hồ sơ...", "groups": "Diện ưu tiên",
           "priority_question": "Ông/bà có thuộc diện ưu tiên không?",
           "no_procedures": "Chưa có thủ tục nào trong lĩnh vực này. Mời gọi cán bộ.",
           "no_fields": "Chưa tải được danh mục thủ tục. Mời gọi cán bộ.",
           "lang_vi": "Tiếng Việt", "lang_en": "English", "no_docs": "Không cần giấy tờ",
           "remember": "Xin nhớ số này", "take_priority": "Lấy số ưu tiên"},
    "en": {"prev": "Previous", "next": "Next", "page": "Page {a}/{b}", "centre": "Centre",
           "printer": "Printer", "hello": "Hello!", "other_lang_hint": "Chạm vào màn hình để bắt đầu",
           "qr_hint": "You can also show the QR code of your ID card or receipt to the camera",
           "none_of_these": "None of these", "code": "Dossier code", "procedure": "Procedure",
           "thanks": "Thank you!", "staff_title": "Calling staff", "ticket_error_title": "No ticket yet",
           "code_info_title": "QR code", "go_to": "Please go to", "priority_ticket": "Priority",
           "people": "people", "asking_title": "Which procedure do you need?",
           "help_title": "Please choose a field, or call staff",
           "not_understood": "Not understood: please say it again or touch a field",
           "looking_up": "Looking up your dossier...", "groups": "Priority groups",
           "priority_question": "Are you entitled to priority?",
           "no_procedures": "No procedures in this field yet. Please call staff.",
           "no_fields": "The list of procedures is not loaded yet. Please call staff.",
           "lang_vi": "Tiếng Việt", "lang_en": "English", "no_docs": "No papers needed",
           "remember": "Please remember this number", "take_priority": "Priority ticket"},
}


def word(lang: str, key: str, **values: object) -> str:
    """A label of the dialog (prompts.LABELS) or of the UI (EXTRA), in lang (Vietnamese by default)."""
    table = EXTRA.get(lang, EXTRA["vi"])
    if key in table:
        text = table[key]
        return text.format(**values) if values else text
    return dialog_label(lang, key)
