"""A large synthetic catalogue (the size of a province's whole list, 2,296 procedures) built from
a real one, for speed measurements and distractor tests. Pure and deterministic (seeded)."""
from __future__ import annotations

import random

from dialogs.catalogue import Catalogue, Field, Procedure

_ACTIONS = ("Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Thu hồi", "Đăng ký", "Xác nhận",
            "Công nhận", "Thẩm định", "Phê duyệt", "Chấp thuận", "Thông báo", "Đăng ký thay đổi",
            "Giải quyết", "Xét duyệt", "Cho phép", "Sửa đổi, bổ sung", "Hủy bỏ", "Chấm dứt")
_OBJECTS = ("giấy phép khai thác khoáng sản", "giấy phép môi trường", "dự án đầu tư",
            "giấy chứng nhận đủ điều kiện kinh doanh thuốc", "chứng chỉ hành nghề dược",
            "giấy phép hoạt động khám bệnh, chữa bệnh", "giấy phép lái xe", "đăng ký xe máy chuyên dùng",
            "giấy phép vận tải", "phương tiện thủy nội địa", "giấy phép sử dụng tần số",
            "giấy chứng nhận đăng ký doanh nghiệp", "hợp tác xã", "giấy phép lao động",
            "trường mầm non", "trường tiểu học", "trung tâm học tập cộng đồng", "giấy phép xuất bản",
            "giấy phép quảng cáo", "di tích lịch sử văn hóa", "giấy chứng nhận an toàn thực phẩm",
            "giấy chứng nhận cơ sở chăn nuôi", "giống cây trồng", "thuốc bảo vệ thực vật",
            "khai thác thủy sản", "giấy phép xả thải vào nguồn nước", "quy hoạch xây dựng",
            "chứng chỉ năng lực hoạt động xây dựng", "nhà ở xã hội", "hội, quỹ xã hội",
            "tổ chức tôn giáo", "giấy phép tổ chức biểu diễn nghệ thuật", "câu lạc bộ thể thao",
            "giấy phép kinh doanh vận tải", "cửa hàng xăng dầu", "giấy phép sản xuất rượu thủ công",
            "thương nhân kinh doanh khí", "chợ", "cụm công nghiệp", "giấy phép hoạt động điện lực")
_QUALIFIERS = ("", "", " cấp tỉnh", " cấp huyện", " đối với tổ chức", " đối với cá nhân",
               " có yếu tố nước ngoài", " trong khu công nghiệp", " thuộc thẩm quyền của Ủy ban nhân dân tỉnh",
               " đối với doanh nghiệp nhà nước", " trường hợp bị mất, hỏng", " lần đầu",
               " theo thủ tục rút gọn", " trên địa bàn tỉnh")
_FIELDS = ("Tài nguyên khoáng sản", "Môi trường", "Đầu tư", "Dược", "Khám bệnh, chữa bệnh",
           "Đường bộ", "Đường thủy nội địa", "Doanh nghiệp", "Lao động", "Giáo dục và Đào tạo",
           "Xuất bản", "Văn hóa", "An toàn thực phẩm", "Chăn nuôi", "Trồng trọt", "Thủy sản",
           "Tài nguyên nước", "Quy hoạch xây dựng", "Nhà ở", "Tổ chức phi chính phủ", "Tôn giáo",
           "Nghệ thuật biểu diễn", "Thể dục thể thao", "Thương mại", "Điện lực")


def large_catalogue(base: Catalogue, size: int = 2296, seed: int = 1) -> Catalogue:
    """`base` (kept whole) plus generated procedures in generated fields, `size` in all."""
    rng = random.Random(seed)
    fields = list(base.fields)
    extra_fields = [Field(id=f"syn-f{i}", name=name) for i, name in enumerate(_FIELDS)]
    fields += extra_fields
    procs = list(base.procedures)
    seen = {p.name for p in procs}
    n = 0
    while len(procs) < size:
        n += 1
        if base.procedures and rng.random() < 0.25:
            src = rng.choice(base.procedures)
            name = f"{rng.choice(_ACTIONS)} {src.name[0].lower()}{src.name[1:]}{rng.choice(_QUALIFIERS)}"
            fid = src.field_id
        else:
            name = f"{rng.choice(_ACTIONS)} {rng.choice(_OBJECTS)}{rng.choice(_QUALIFIERS)}"
            fid = rng.choice(extra_fields).id
        if name in seen:
            name = f"{name} (mẫu {n})"
        seen.add(name)
        procs.append(Procedure(id=f"syn-{n:05d}", code=None, name=name, field_id=fid))
    return Catalogue(version=f"{base.version}+synthetic{size}", fields=tuple(fields),
                     procedures=tuple(procs), counters=base.counters)
