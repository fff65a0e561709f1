"""A whole field asked about by what people call it (lexicon [[field]], dialogs/understanding/fields.py)."""
import pytest

from dialogs.understanding import Lexicon, LexiconError, build_understander
from tests.understanding.conftest import load_catalogue, small_catalogue


def field_name(cat, u):
    assert u.intent == "field", u
    return next(f.name for f in cat.fields if f.id == u.field_id)


@pytest.mark.parametrize("name, text, want", [
    # A department's name where the centre has a field of that name ...
    ("other-district.json", "bên tư pháp", "Tư pháp"),
    ("other-district.json", "cho tôi hỏi các việc bên công an", "Công an"),
    # ... and where the centre split it into fields named otherwise.
    ("demo.json", "bên tư pháp ngồi chỗ nào", "Hộ tịch"),
    ("demo.json", "các việc về đất", "Đất đai"),
    ("other-ward.json", "hỏi chuyện nhà đất", "Tài nguyên và Môi trường"),
    ("other-ward.json", "bên lao động thương binh xã hội", "Lao động - Thương binh và Xã hội"),
    ("other-thanhhoa.json", "văn hóa thông tin", "Văn hóa cơ sở"),
    # A field's own name (or one part of a name that lists several), whatever the lexicon says.
    ("other-ward.json", "hộ tịch", "Tư pháp - Hộ tịch"),
    ("demo.json", "lĩnh vực cư trú", "Cư trú"),
    # Typed without accents, beside dialect talk ('o' read as 'cô').
    ("demo.json", "ben dat dai o quay nao", "Đất đai"),
    # Several phrases of one field said together, and the place that does a field's work.
    ("other-thanhhoa.json", "tôi muốn hỏi mấy việc trường lớp của con, bên giáo dục ở đâu",
     "Giáo dục và Đào tạo"),
    ("demo.json", "chỗ nào lo chuyện kinh doanh buôn bán", "Hộ kinh doanh"),
    ("demo.json", "chỗ làm hộ tịch ở đâu", "Hộ tịch"),
    ("demo.json", "chỗ công an làm hộ khẩu ở đâu", "Cư trú"),
    # A clause asking where a field's desk is; the other clause only says why.
    ("demo.json", "bên hộ tịch ngồi chỗ nào, nhà tôi có đám cưới với đám ma cùng một tháng",
     "Hộ tịch"),
    ("other-ward.json", "bên giáo dục ở đâu, con tôi sắp vào lớp một", "Văn hóa - Xã hội"),
    # A desk asked for by the paperwork it handles.
    ("demo.json", "chỗ chứng thực giấy tờ ở đâu", "Chứng thực"),
    ("demo.json", "chỗ lo giấy tờ xây dựng ở đâu", "Xây dựng"),
    # A desk asked for by the work it does, or by who is on duty there.
    ("demo.json", "bộ phận đăng ký kinh doanh ngồi ở đâu", "Hộ kinh doanh"),
    ("demo.json", "bên giáo dục có ai trực không", "Giáo dục"),
    ("demo.json", "hỏi về mấy vụ xây dựng nhà cửa", "Xây dựng"),
    # A field of two procedures is a list worth showing.
    ("demo.json", "nông nghiệp ngồi bàn nào, ruộng nhà bị ngập", "Nông nghiệp, Phòng chống thiên tai"),
    # The last clause asks about a desk's matters; the first says who is asking.
    ("demo.json", "tôi là trưởng thôn, cần hỏi mấy việc bên văn hóa", "Văn hóa"),
    # The place that does the paperwork; talk about the queue.
    ("demo.json", "chỗ làm giấy tờ đất đai ở đâu vậy", "Đất đai"),
    ("demo.json", "bên chứng thực hôm nay đông không", "Chứng thực"),
    # Typed without accents, a word of the field that is also a talk word ('ho': hộ).
    ("other-commune-d.json", "ben ho tich o dau", "Hộ tịch"),
    # A field of one procedure, named by a phrase with none of that procedure's words: its
    # desk is the answer (other-thanhhoa's 'Nông nghiệp' has one procedure).
    ("other-thanhhoa.json", "bên thủy lợi ở đâu", "Nông nghiệp"),
    # Of two field names with 'giáo dục', the one that opens with it ('Giáo dục và Đào tạo', not
    # 'Phổ biến giáo dục pháp luật, hòa giải ở cơ sở').
    ("other-commune-e.json", "việc học hành hỏi quầy nào", "Giáo dục và Đào tạo"),
    # 'rồi' closing the question is talk.
    ("demo.json", "cán bộ địa chính ngồi đâu rồi", "Đất đai"),
])
def test_field_named_on_its_own(name, text, want, lexicon):
    cat = load_catalogue(name)
    assert field_name(cat, build_understander(cat, lexicon).understand(text)) == want


@pytest.mark.parametrize("text", ["làm căn cước", "đăng ký kinh doanh", "xin cấp đất làm nhà",
                                  "chứng thực giấy tờ", "đăng ký tạm trú cho con",
                                  "muốn thành lập hộ kinh doanh",
                                  # the matter is in the story, the clause names no desk
                                  "mạ tui mất rồi, anh em tui chia đất mạ để lại, chứng thực ở mô",
                                  "con trai tôi lấy vợ người nước ngoài, đăng ký ở đâu",
                                  # where to have it done, not which desk
                                  "chứng thực giấy tờ chỗ mô",
                                  # a procedure named in full, whatever field 'chính sách' names
                                  "vay ngân hàng chính sách, họ bảo mang sổ đỏ ra đăng ký thế chấp"])
def test_a_request_is_not_a_field(text, lexicon):
    """Verbs of doing ('làm', 'đăng ký', 'xin') make a request, not a question about a field."""
    cat = load_catalogue("demo.json")
    assert build_understander(cat, lexicon).understand(text).intent == "procedure", text


@pytest.mark.parametrize("text, want", [
    # A desk named first, then where: the field of what it handles.
    ("bên làm giấy tờ khai sinh, khai tử ngồi đâu", "Hộ tịch"),
    # Who handles a matter: the field of all the procedures that fit it.
    ("con nuôi thì ai lo", "Nuôi con nuôi"),
    ("trợ cấp người già thì ai lo", "Bảo trợ xã hội"),
    ("hỏi về lễ hội, văn nghệ thì đến bàn nào", "Văn hóa"),
])
def test_a_desk_asked_for_by_its_matters_is_their_field(text, want, lexicon):
    cat = load_catalogue("demo.json")
    assert field_name(cat, build_understander(cat, lexicon).understand(text)) == want


@pytest.mark.parametrize("catalogue, text, want", [
    ("other-commune-e.json", "Bên lo giấy tờ cho thương binh liệt sĩ ngồi chỗ nào", "Người có công"),
    ("demo.json", "hỏi về đất đai mấy anh em chia nhau thì gặp bộ phận nào", "Đất đai"),
    ("other-commune-d.json", "Chuyện học hành của cháu, chuyển trường, vào lớp thì hỏi ai",
     "Giáo dục và Đào tạo"),
    ("other-thanhhoa.json", "bộ phận cư trú với căn cước ở phòng nào, nhà tôi mới chuyển về",
     "Đăng ký, quản lý cư trú"),
])
def test_a_desk_asked_for_is_the_field_holding_most_of_what_fits(catalogue, text, want, lexicon):
    """Procedures of another field come close too: the desk is the field that holds most of
    what fits the question."""
    cat = load_catalogue(catalogue)
    assert field_name(cat, build_understander(cat, lexicon).understand(text)) == want


@pytest.mark.parametrize("text", [
    "làm khai sinh ở bàn nào",                      # where to have one thing done
    "em mất giấy khai sinh, báo ở quầy nào",
    "tôi không biết hỏi ai, hàng xóm lấn đất nhà tôi",   # no one to ask, not who handles it
    "nhà bên kia cháy, người chết không có ai lo, xã có hỗ trợ mai táng không",
])
def test_where_to_have_a_thing_done_is_no_desk_question(text, lexicon):
    cat = load_catalogue("demo.json")
    assert build_understander(cat, lexicon).understand(text).intent == "procedure", text


def test_words_that_fit_several_fields_are_a_guess(lexicon):
    """'công an' handles residence and ID cards in other-thanhhoa: the field shown is not sure."""
    cat = load_catalogue("other-thanhhoa.json")
    u = build_understander(cat, lexicon).understand("việc bên công an")
    assert u.intent == "field" and u.decision == "clarify"
    assert field_name(cat, u) in ("Đăng ký, quản lý cư trú", "Căn cước")


def test_field_phrases_are_data_for_any_catalogue():
    """A centre's own [[field]] entry, over a catalogue the code has never seen."""
    cat = small_catalogue({"a": "Quản lý nghĩa trang", "b": "Hộ tịch"},
                          ["Cấp phép an táng", "Cấp phép cải táng", "Đăng ký phần mộ"])
    lx = Lexicon.from_toml_text('[[field]]\nsay = ["mồ mả", "chuyện mồ mả"]\nfields = ["nghĩa trang"]\n')
    u = build_understander(cat, lx).understand("cho hỏi bên mồ mả")
    assert u.intent == "field" and u.field_id == "a" and u.decision == "accept"


@pytest.mark.parametrize("text, key", [
    ("[[field]]\nsay = ['tư pháp']\n", "field[0]"),
    ("[[field]]\nsay = ['tư pháp']\nfields = 3\n", "field[0].fields"),
])
def test_bad_field_entry_names_the_key(text, key):
    with pytest.raises(LexiconError) as err:
        Lexicon.from_toml_text(text)
    assert key in str(err.value)


@pytest.mark.parametrize("text", ["tôi muốn mua vé tàu đi Hà Nội", "ở đây có bán vé số không",
                                  "mua bảo hiểm xe máy ở đâu", "tôi muốn mua vé xe khách",
                                  # the thing asked for; the trip only says what it is for
                                  "đi xin visa sang Hàn Quốc", "làm hộ chiếu mới đi Hàn Quốc",
                                  # nothing asked for, and the first thing named is no centre's
                                  "xe khách vào Sài Gòn chạy lúc mấy giờ",
                                  # 'đến đâu' asks where to go, not how far a dossier got
                                  "chú muốn gửi bưu kiện thì đến đâu"])
def test_a_request_word_beside_a_thing_no_centre_handles_is_rejected(text, lexicon):
    """'mua', 'bán' next to a ticket or an insurance, 'xin' before a visa: talk about that
    thing, not a procedure."""
    for name in ("demo.json", "other-thanhhoa.json", "other-district.json"):
        u = build_understander(load_catalogue(name), lexicon).understand(text)
        assert u.decision == "reject", (name, u)


@pytest.mark.parametrize("text", ["tôi cần giấy xác nhận độc thân để đi xuất khẩu lao động",
                                  "mở quán cà phê nhỏ thì đăng ký kinh doanh thế nào",
                                  "xin giấy xác nhận độc thân để làm hộ chiếu",
                                  "cho em chứng thực mấy bộ hồ sơ xin việc, có bằng đại học với học bạ"])
def test_a_request_beside_a_thing_no_centre_handles_still_counts(text, lexicon):
    cat = load_catalogue("demo.json")
    assert build_understander(cat, lexicon).understand(text).intent == "procedure", text


def test_said_variant_words_keep_the_other_variant_from_being_accepted(lexicon):
    """'tạm ngừng' said: the name sharing more of the other words ('chấm dứt hoạt động hộ kinh
    doanh') is never accepted, and the name with 'tạm ngừng' is offered."""
    for name in ("demo.json", "other-thanhhoa.json", "other-district.json"):
        cat = load_catalogue(name)
        u = build_understander(cat, lexicon).understand("tạm ngừng hoạt động hộ kinh doanh")
        names = [cat.procedure(c.procedure_id).name.lower() for c in u.candidates]
        assert u.intent == "procedure" and any("tạm ngừng" in n for n in names), (name, u)
        assert u.decision != "accept" or "tạm ngừng" in names[0], (name, u)
