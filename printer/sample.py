"""The sample ticket (`kiosk ticket --sample`, the bench and the tests)."""
from __future__ import annotations

from datetime import datetime

from printer.ticket_layout import TicketContent


def sample_content(lang: str = "vi") -> TicketContent:
    """Ticket 0125 for birth registration at counter 3, four people ahead."""
    return TicketContent(
        centre_name="Trung tâm Phục vụ hành chính công xã Quảng Phú",
        number="0125",
        counter_number=3,
        counter_name="Tư pháp - Hộ tịch",
        procedure_name="Đăng ký khai sinh",
        issued_at=datetime(2026, 11, 26, 8, 42),
        people_ahead=4,
        estimated_wait_s=4 * 6 * 60,
        priority=False,
        qr_text="https://centre.local/t/K1-20261126-0125",
        directions="Đi thẳng vào sảnh chính, rẽ trái.",
        offline=False,
        lang="en" if lang == "en" else "vi",
    )
