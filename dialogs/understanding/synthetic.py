"""A large synthetic catalogue (the size of a province's whole list, 2,296 procedures) built from
a real one, for speed measurements and distractor tests. Pure and deterministic (seeded).

The generated names follow the way official lists are written (Thanh Hóa's published list has
province-, district- and commune-level procedures in one table):
- provincial/district procedures of other sectors: an action that fits the kind of object (a
  licence is issued, re-issued, adjusted, extended, withdrawn; an organisation is founded, merged,
  dissolved, recognised; a plan is appraised and approved; a benefit is granted to a group),
  often with a long official tail ("đối với tổ chức", "thuộc thẩm quyền của Ủy ban nhân dân
  cấp tỉnh");
- near-duplicates of the catalogue's own procedures as higher levels publish them: the same
  object with an extra qualifier ("có yếu tố nước ngoài", "cho người nước ngoài", "trong trường
  hợp ..."), a sibling action on a licence-like object ("Cấp lại", "Cấp điều chỉnh", "Gia hạn"),
  "Đăng ký lại ...", or "Ghi vào Sổ hộ tịch việc ...".
No name is made by repeating a verb ("Đăng ký đăng ký ...") or by putting a verb before a name
that already starts with one.
"""
from __future__ import annotations

import random
import re

from dialogs.catalogue import Catalogue, Field, Procedure

_LICENCE_ACTIONS = ("Cấp", "Cấp lại", "Cấp điều chỉnh", "Gia hạn", "Thu hồi", "Cấp sửa đổi, bổ sung",
                    "Cấp đổi")
_ORG_ACTIONS = ("Thành lập", "Cho phép hoạt động", "Sáp nhập, chia, tách", "Giải thể",
                "Công nhận", "Đăng ký thành lập", "Đăng ký thay đổi nội dung đăng ký",
                "Tạm ngừng hoạt động", "Cho phép thành lập")
_PLAN_ACTIONS = ("Thẩm định", "Phê duyệt", "Thẩm định, phê duyệt", "Điều chỉnh", "Lấy ý kiến về",
                 "Thông báo", "Chấp thuận")
_BENEFIT_ACTIONS = ("Giải quyết chế độ", "Trợ cấp một lần", "Hỗ trợ", "Xét hưởng", "Chi trả")

_LICENCES = ("giấy phép khai thác khoáng sản", "giấy phép môi trường", "giấy phép xả thải vào nguồn nước",
             "giấy phép khai thác nước mặt", "giấy chứng nhận đủ điều kiện kinh doanh dược",
             "chứng chỉ hành nghề dược", "giấy phép hoạt động khám bệnh, chữa bệnh",
             "chứng chỉ hành nghề khám bệnh, chữa bệnh", "giấy phép lái xe", "giấy phép kinh doanh vận tải bằng xe ô tô",
             "giấy phép sử dụng tần số vô tuyến điện", "giấy phép lao động cho người nước ngoài",
             "giấy phép xuất bản bản tin", "giấy phép quảng cáo", "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
             "giấy chứng nhận đủ điều kiện chăn nuôi", "giấy phép hoạt động điện lực",
             "chứng chỉ năng lực hoạt động xây dựng", "chứng chỉ hành nghề hoạt động xây dựng",
             "giấy phép tổ chức biểu diễn nghệ thuật", "giấy phép bán buôn rượu", "giấy phép sản xuất rượu thủ công",
             "giấy phép bán buôn sản phẩm thuốc lá", "giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu",
             "giấy phép kinh doanh dịch vụ lữ hành nội địa", "giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
             "giấy phép hoạt động in", "giấy chứng nhận kiểm dịch động vật", "giấy phép vận chuyển hàng hóa nguy hiểm",
             "giấy phép thành lập văn phòng đại diện", "giấy chứng nhận đăng ký doanh nghiệp",
             "giấy chứng nhận đăng ký đầu tư", "giấy phép sử dụng vật liệu nổ công nghiệp",
             "giấy phép xây dựng công trình theo tuyến", "giấy phép di dời công trình",
             "chứng chỉ hành nghề môi giới bất động sản", "giấy phép hoạt động thủy lợi",
             "giấy chứng nhận đăng ký phương tiện thủy nội địa", "giấy phép khai thác thủy sản")
_ORGS = ("hợp tác xã", "trường mầm non", "trường tiểu học", "trường trung học cơ sở", "trung tâm học tập cộng đồng",
         "nhóm trẻ độc lập", "hội, quỹ xã hội", "tổ chức tôn giáo trực thuộc", "câu lạc bộ thể thao cơ sở",
         "thư viện tư nhân có phục vụ cộng đồng", "cơ sở trợ giúp xã hội ngoài công lập",
         "trung tâm giáo dục nghề nghiệp", "cơ sở giáo dục nghề nghiệp tư thục", "liên hiệp hợp tác xã",
         "tổ hợp tác", "doanh nghiệp xã hội", "chi nhánh hợp tác xã", "cụm công nghiệp", "chợ hạng 3",
         "điểm du lịch", "cơ sở cai nghiện ma túy tự nguyện", "văn phòng công chứng",
         "trung tâm trọng tài thương mại", "cơ sở bảo trợ xã hội")
_PLANS = ("quy hoạch chi tiết xây dựng", "báo cáo đánh giá tác động môi trường", "dự án đầu tư xây dựng",
          "phương án trồng rừng thay thế", "kế hoạch bảo vệ môi trường", "thiết kế cơ sở",
          "phương án bồi thường, hỗ trợ, tái định cư", "giá đất cụ thể", "nhiệm vụ quy hoạch",
          "chủ trương đầu tư dự án", "phương án sử dụng đất", "hồ sơ mời thầu", "kế hoạch lựa chọn nhà thầu",
          "danh mục di tích cấp tỉnh", "tổ chức lễ hội cấp tỉnh", "hoạt động tín ngưỡng cấp tỉnh",
          "phương án khai thác khoáng sản", "đóng cửa mỏ khoáng sản")
_BENEFITS = ("trợ cấp ưu đãi đối với thương binh", "người hoạt động kháng chiến bị nhiễm chất độc hóa học",
             "người lao động bị tai nạn lao động", "học sinh, sinh viên người dân tộc thiểu số",
             "trợ cấp thất nghiệp", "người lao động tham gia bảo hiểm xã hội tự nguyện",
             "vận động viên, huấn luyện viên thể thao", "nghệ nhân ưu tú", "người có uy tín trong đồng bào dân tộc thiểu số",
             "giáo viên mầm non dạy lớp ghép", "thanh niên xung phong", "người đi làm việc ở nước ngoài theo hợp đồng",
             "doanh nghiệp nhỏ và vừa", "hộ sản xuất nông nghiệp ứng dụng công nghệ cao")
_TAILS = ("", "", "", " cấp tỉnh", " cấp huyện", " đối với tổ chức", " đối với cá nhân",
          " thuộc thẩm quyền của Ủy ban nhân dân cấp tỉnh", " thuộc thẩm quyền giải quyết của Sở",
          " có vốn đầu tư nước ngoài", " trong khu công nghiệp, khu kinh tế", " trên địa bàn tỉnh",
          " theo thủ tục rút gọn", " do bị mất, hỏng", " khi có thay đổi thông tin",
          " đối với doanh nghiệp nhà nước", " do Ủy ban nhân dân cấp huyện quản lý")
# Qualifiers that higher levels add to a commune procedure's own name.
_VARIANT_TAILS = (" có yếu tố nước ngoài", " cho người nước ngoài cư trú tại Việt Nam",
                  " tại cơ quan đại diện", " đối với tổ chức", " cấp huyện", " cấp tỉnh",
                  " thuộc thẩm quyền của Ủy ban nhân dân cấp huyện",
                  " trong trường hợp người yêu cầu đang cư trú ở nước ngoài",
                  " đối với người đã đăng ký trước đây nhưng giấy tờ bị hư hỏng",
                  " cho người Việt Nam định cư ở nước ngoài", " liên thông với cấp tỉnh")
_FIELDS = ("Tài nguyên khoáng sản", "Môi trường", "Đầu tư", "Dược", "Khám bệnh, chữa bệnh",
           "Đường bộ", "Đường thủy nội địa", "Doanh nghiệp", "Việc làm", "Giáo dục và Đào tạo",
           "Xuất bản, In và Phát hành", "Di sản văn hóa", "An toàn thực phẩm", "Chăn nuôi", "Lâm nghiệp",
           "Thủy sản", "Tài nguyên nước", "Quy hoạch xây dựng", "Kinh doanh bất động sản",
           "Tổ chức phi chính phủ", "Tôn giáo Chính phủ", "Nghệ thuật biểu diễn", "Thể dục thể thao",
           "Lưu thông hàng hóa trong nước", "Điện", "Khoa học và Công nghệ", "Đấu thầu", "Thương binh, Liệt sĩ",
           "Hành chính tư pháp", "Công chứng")
_VERB_START = re.compile(r"^(thủ tục\s+)?(cấp lại|cấp đổi|cấp|đăng ký lại|đăng ký|gia hạn|xác nhận|"
                         r"chứng thực|công nhận|thay đổi|giải quyết|xóa|tách|chuyển|hỗ trợ|đổi|"
                         r"khai báo|thông báo|xét tặng|tuyển sinh|thực hiện|tạm ngừng|chấm dứt|"
                         r"hòa giải|đính chính|trợ giúp|tặng|liên thông)\s+", re.IGNORECASE)


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def _variant(rng: random.Random, name: str) -> str | None:
    """A higher-level near-duplicate of a catalogue procedure's name, or None."""
    m = _VERB_START.match(name)
    verb = (m.group(2).lower() if m else "")
    rest = name[m.end():] if m else name
    head = re.split(r"[,;(]| đối với | trong trường hợp ", rest, maxsplit=1)[0].strip()
    kind = rng.random()
    if verb == "cấp" and kind < 0.5 and head:
        return f"{rng.choice(_LICENCE_ACTIONS[1:])} {head}{rng.choice(_TAILS)}"
    if verb == "đăng ký" and kind < 0.3 and head and not head.lower().startswith("lại"):
        return f"{rng.choice(('Đăng ký lại', 'Ghi vào Sổ hộ tịch việc'))} {head}" + \
            (" của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài"
             if rng.random() < 0.5 else rng.choice(_VARIANT_TAILS))
    base = re.sub(r"^thủ tục\s+", "", name, flags=re.IGNORECASE)
    base = base[:1].upper() + base[1:]
    return f"{base}{rng.choice(_VARIANT_TAILS)}"


def _generated(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        return f"{rng.choice(_LICENCE_ACTIONS)} {rng.choice(_LICENCES)}{rng.choice(_TAILS)}"
    if kind < 0.7:
        return f"{rng.choice(_ORG_ACTIONS)} {rng.choice(_ORGS)}{rng.choice(_TAILS)}"
    if kind < 0.88:
        return f"{rng.choice(_PLAN_ACTIONS)} {rng.choice(_PLANS)}{rng.choice(_TAILS)}"
    return f"{rng.choice(_BENEFIT_ACTIONS)} {_lower_first(rng.choice(_BENEFITS))}{rng.choice(_TAILS)}"


def large_catalogue(base: Catalogue, size: int = 2296, seed: int = 1) -> Catalogue:
    """`base` (kept whole) plus generated procedures in generated fields, `size` in all."""
    rng = random.Random(seed)
    fields = list(base.fields)
    extra_fields = [Field(id=f"syn-f{i}", name=name) for i, name in enumerate(_FIELDS)]
    fields += extra_fields
    procs = list(base.procedures)
    seen = {p.name.lower() for p in procs}
    n = 0
    tries = 0
    while len(procs) < size:
        tries += 1
        if base.procedures and rng.random() < 0.25:
            src = rng.choice(base.procedures)
            name = _variant(rng, src.name)
            fid = src.field_id
        else:
            name = _generated(rng)
            fid = rng.choice(extra_fields).id
        if not name or name.lower() in seen:
            if tries < size * 20:
                continue
            name = f"{name} (lần {tries})"
        seen.add(name.lower())
        n += 1
        procs.append(Procedure(id=f"syn-{n:05d}", code=None, name=name, field_id=fid))
    return Catalogue(version=f"{base.version}+synthetic{size}", fields=tuple(fields),
                     procedures=tuple(procs), counters=base.counters)
