import pytest

from dialogs.catalogue import parse_catalogue
from dialogs.events import CatalogueLoaded
from dialogs.machine import step
from dialogs.state import Settings, initial_state

CATALOGUE = {
    "version": "test-1",
    "fields": [{"id": "ho-tich", "name": "Hộ tịch"}, {"id": "chung-thuc", "name": "Chứng thực"},
               {"id": "dat-dai", "name": "Đất đai"}],
    "procedures": [
        {"id": "P1", "code": "1.001193", "name": "Đăng ký khai sinh", "field_id": "ho-tich",
         "aliases": ["làm giấy khai sinh", "khai sinh cho con"],
         "documents": ["Giấy chứng sinh", "Căn cước của cha hoặc mẹ"], "fee": "Miễn phí",
         "processing_time": "Trong ngày", "online": "full"},
        {"id": "P2", "code": None, "name": "Đăng ký khai tử", "field_id": "ho-tich",
         "aliases": ["giấy báo tử", "làm giấy chứng tử"], "documents": ["Giấy báo tử"],
         "fee": "Miễn phí", "processing_time": "Trong ngày", "online": "full"},
        {"id": "P3", "code": None, "name": "Đăng ký kết hôn", "field_id": "ho-tich",
         "aliases": ["đăng ký cưới"], "documents": ["Căn cước của hai bên"], "fee": "Miễn phí",
         "processing_time": "Trong ngày", "online": "partial"},
        {"id": "P4", "code": None, "name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
         "field_id": "chung-thuc", "aliases": ["công chứng giấy tờ", "sao y bản chính"],
         "documents": ["Bản chính giấy tờ"], "fee": "2.000 đồng/trang",
         "processing_time": "Trong ngày", "online": "none"},
        {"id": "P5", "code": None, "name": "Chứng thực chữ ký trong giấy tờ, văn bản",
         "field_id": "chung-thuc", "aliases": [], "documents": ["Giấy tờ cần ký"],
         "fee": "10.000 đồng", "processing_time": "Trong ngày", "online": "none"},
        {"id": "P6", "code": None, "name": "Đăng ký biến động quyền sử dụng đất",
         "field_id": "dat-dai", "aliases": ["sang tên đất", "sang tên sổ đỏ"],
         "documents": ["Giấy chứng nhận quyền sử dụng đất", "Hợp đồng chuyển nhượng"],
         "fee": "Theo quy định của HĐND tỉnh", "processing_time": "10 ngày làm việc",
         "online": "partial"},
    ],
    "counters": [
        {"id": "C1", "number": 1, "name": "Quầy 1 - Hộ tịch", "field_ids": ["ho-tich"]},
        {"id": "C2", "number": 2, "name": "Quầy 2 - Chứng thực", "field_ids": ["chung-thuc"]},
        {"id": "C3", "number": 3, "name": "Quầy 3 - Đất đai", "field_ids": ["dat-dai", "ho-tich"]},
    ],
}


@pytest.fixture
def catalogue():
    return parse_catalogue(CATALOGUE)


def make_state(catalogue, **settings):
    state, _ = step(initial_state(Settings(**settings)), CatalogueLoaded(catalogue))
    return state


@pytest.fixture
def idle(catalogue):
    return make_state(catalogue)
