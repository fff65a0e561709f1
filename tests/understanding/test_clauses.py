"""Corrections and clauses read before matching (dialogs/understanding/clauses.py)."""
import pytest

from dialogs.understanding import build_understander
from dialogs.understanding.clauses import (STRONG_FIELD_CUES, drop_hesitations,
                                           drop_only_particle, has_field_cue, held,
                                           negation_scopes, story_before_request,
                                           why_after_request)
from dialogs.understanding.normalize import tokens
from tests.understanding.conftest import load_catalogue


def denied(text: str) -> list[str]:
    toks = tokens(text)
    return [toks[k] for k in sorted(negation_scopes(toks, {len(toks)}))]


@pytest.mark.parametrize("text, words", [
    # The negation's own words go with what it corrects ('không phải' is no part of a name's
    # '... không phải xin phép').
    ("không phải khai sinh mà là khai tử", ["không", "phải", "khai", "sinh"]),
    ("không cần sao y tôi muốn chứng thực chữ ký", ["không", "cần", "sao", "y"]),
    ("tôi không hỏi tạm trú tôi muốn nhập hộ khẩu", ["không", "hỏi", "tạm", "trú"]),
    ("tôi không tách thửa đâu", ["tách", "thửa"]),
    # Not corrections: what is still to be done, where something is, what stops.
    ("con tôi chưa làm giấy khai sinh", []),
    ("không biết làm khai sinh ở đâu", []),
    ("cháu đủ mười tám tuổi không cần giám hộ nữa", []),
    ("tôi không làm giám hộ nữa đâu", []),
    # 'không xin X nữa mà Y': what follows 'mà' is wanted instead of X.
    ("tôi không xin giấy độc thân nữa mà đăng ký kết hôn",
     ["không", "xin", "giấy", "độc", "thân", "nữa"]),
])
def test_what_a_correction_denies(text, words):
    assert denied(text) == words


@pytest.mark.parametrize("text, words", [
    # A variant word denied, not the paper it is said of.
    ("chưa mất sổ đỏ đâu", ["mất"]),
    ("không phải đổi sổ đỏ đâu", ["không", "phải", "đổi"]),
    # One word of a name ('tạm trú'), or the variant asked for after all: all of it.
    ("không phải tạm trú mà là thường trú", ["không", "phải", "tạm", "trú"]),
    ("không phải xóa thường trú mà là xóa tạm trú", ["không", "phải", "xóa", "thường", "trú"]),
])
def test_a_corrected_variant_word_keeps_its_paper(text, words):
    toks = tokens(text)
    variants = frozenset(tuple(tokens(v)) for v in ("mất", "đổi", "tạm", "xóa"))
    pairs = {("tạm", "trú"), ("thường", "trú")}
    scope = negation_scopes(toks, {len(toks)}, variants, pairs)
    assert [toks[k] for k in sorted(scope)] == words


def test_a_clause_that_opens_with_khong_before_one_that_asks_is_denied():
    toks = tokens("tôi không cắt khẩu tôi muốn nhập khẩu cho con dâu")
    assert [toks[k] for k in sorted(negation_scopes(toks, {4, len(toks)}))] == ["cắt", "khẩu"]
    # Not one with 'chưa' (still to be done), nor one that says nothing is known yet.
    toks = tokens("chưa làm giấy chứng tử giờ cần làm")
    assert negation_scopes(toks, {5, len(toks)}) == set()
    toks = tokens("tôi không biết gì muốn hỏi khai sinh")
    assert negation_scopes(toks, {4, len(toks)}) == set()


@pytest.mark.parametrize("clauses, kept", [
    # Sounds of hesitation say nothing beside other words; a restart's repeated word is dropped.
    ([["ờ", "cán", "bộ", "văn", "hóa"], ["ngồi", "đâu"]],
     [["cán", "bộ", "văn", "hóa"], ["ngồi", "đâu"]]),
    ([["bên", "công", "an"], ["ừm"], ["làm", "hộ", "khẩu"]],
     [["bên", "công", "an"], ["làm", "hộ", "khẩu"]]),
    ([["làm", "sao", "để"], ["để", "lấy", "số"]], [["làm", "sao", "để"], ["lấy", "số"]]),
    # Said alone, 'ờ' is an answer (a yes).
    ([["ờ"]], [["ờ"]]),
    ([["ờ", "ờ"]], [["ờ", "ờ"]]),
])
def test_hesitations_and_restarts(clauses, kept):
    assert drop_hesitations(clauses) == kept


def test_the_story_is_the_clauses_before_the_one_that_asks():
    toks = tokens("nhà tôi năm nay mất mùa ốm đau liên miên xin vào diện hộ cận nghèo")
    # clauses: 'nhà tôi năm nay mất mùa' | 'ốm đau liên miên' | 'xin vào diện hộ cận nghèo'
    assert story_before_request(toks, {6, 10, len(toks)}) == set(range(10))
    # One clause, or no clause that asks: no story.
    assert story_before_request(toks, {len(toks)}) == set()
    assert story_before_request(tokens("mất mùa ốm đau"), {2, 4}) == set()


@pytest.mark.parametrize("text, story", [
    # A clause that says why ('để ...') or where someone works ('đi làm bên ...') asks for nothing.
    ("cô này cần tờ giấy độc thân, để đi làm bên nhật", set()),
    ("xin giấy độc thân cho con gái, nó đi làm bên đài loan", set()),
    # 'đi làm' with what is to be done is a request: the clauses before it are the story.
    ("bố mẹ cháu đi làm xa, bà đi làm khai sinh cho cháu", set(range(6))),
    # What follows 'nên' (so) is what the story leads to.
    ("tôi đổi tên rồi nên phải đổi cái căn cước", set(range(4))),
])
def test_why_and_where_someone_works_are_no_request(text, story):
    toks, bounds = [], set()
    for part in text.split(","):
        toks += tokens(part)
        bounds.add(len(toks))
    assert story_before_request(toks, bounds) == story


def test_the_story_told_first_weighs_less_than_the_request(lexicon):
    """'sắp lấy chồng hàn quốc' is why; 'giấy xác nhận còn độc thân' is what is asked for."""
    cat = load_catalogue("demo.json")
    u = build_understander(cat, lexicon).understand(
        "sắp lấy chồng hàn quốc, cần giấy xác nhận còn độc thân")
    assert u.intent == "procedure" and cat.procedure(u.procedure_id).name.startswith(
        "Cấp Giấy xác nhận tình trạng hôn nhân")


@pytest.mark.parametrize("text, words", [
    ("cả hai đứa có cccd gắn chip rồi thì cần mang gì", ["có", "cccd", "gắn", "chip", "rồi"]),
    ("em 30 tuổi có căn cước rồi mà chưa có giấy khai sinh", ["có", "căn", "cước", "rồi"]),
    # Not what one has: 'có thể', 'có phải', a question, something asked for in between.
    ("có thể làm rồi lấy luôn không", []), ("có phải nộp rồi mới lấy số không", []),
    ("có ai làm rồi chưa", []), ("có làm sổ đỏ rồi", []),
])
def test_what_one_already_has_is_the_situation(text, words):
    toks = tokens(text)
    assert [toks[k] for k in sorted(held(toks, {len(toks)}))] == words


@pytest.mark.parametrize("text, words", [
    ("đi làm khai sinh cho cháu vì bố mẹ nó đi làm ở hàn", ["vì", "bố", "mẹ", "nó", "đi", "làm", "ở",
                                                         "hàn"]),
    # Nothing asked for before 'vì': the clause is not a request with its reason.
    ("vì bố mẹ nó đi làm ở hàn", []), ("bố mẹ nó vì đi làm xa nên", []),
])
def test_a_reason_after_the_request(text, words):
    toks = tokens(text)
    assert [toks[k] for k in sorted(why_after_request(toks, {len(toks)}))] == words


def test_a_reason_given_after_the_request_weighs_less(lexicon):
    cat = load_catalogue("other-thanhhoa.json")
    u = build_understander(cat, lexicon).understand(
        "ông bà nội đi làm khai sinh cho cháu vì bố mẹ nó đi làm ở Hàn Quốc")
    assert u.intent == "procedure" and "khai sinh" in cat.procedure(u.procedure_id).name.lower()


def test_a_card_one_already_has_does_not_outweigh_the_request(lexicon):
    cat = load_catalogue("other-thanhhoa.json")
    u = build_understander(cat, lexicon).understand(
        "bọn em muốn đi đkkh, cả hai đứa có cccd gắn chip rồi thì cần mang gì nữa")
    assert u.intent == "procedure" and "kết hôn" in cat.procedure(u.procedure_id).name


@pytest.mark.parametrize("text, kept", [
    ("tôi chỉ ở tạm mấy tháng thôi", "tôi chỉ ở tạm mấy tháng"),
    ("tui sửa lại nhà cũ thôi", "tui sửa lại nhà cũ"),
    # 'thôi' of quitting or of never mind stays.
    ("nay tuổi cao muốn xin thôi", "nay tuổi cao muốn xin thôi"),
    ("thôi", "thôi"), ("bỏ đi thôi", "bỏ đi thôi"),
])
def test_a_closing_thoi_means_only(text, kept):
    assert drop_only_particle(tokens(text)) == tokens(kept)


@pytest.mark.parametrize("text, cue", [
    ("hỏi về các việc bên tư pháp", True), ("lĩnh vực xây dựng", True),
    ("nhóm đạo trong xóm muốn dời chỗ sinh hoạt sang nhà khác", False),   # a group of people
])
def test_words_that_ask_about_a_whole_field(text, cue):
    assert has_field_cue(tokens(text), STRONG_FIELD_CUES) == cue


@pytest.mark.parametrize("text, cue", [
    ("bên hộ tịch", True), ("ben ho tich", True), ("linh vuc xay dung", True),
    ("bến hộ tịch", False), ("bên nhà chồng", False),
])
def test_field_cues_typed_without_accents(text, cue):
    fields = frozenset(tokens("hộ tịch xây dựng đất đai"))
    assert has_field_cue(tokens(text), field_words=fields) == cue
