import pytest

from dialogs.understanding import Lexicon, LexiconError, build_understander
from tests.understanding.conftest import load_catalogue, small_catalogue


def test_repository_lexicon_has_everyday_and_dialect_words(lexicon):
    says = {" ".join(s) for c in lexicon.concepts for s in c.say}
    for word in ("sổ đỏ", "công chứng", "giấy báo tử", "hộ khẩu", "độc thân", "sang tên",
                 "mở quán", "làm căn cước"):
        assert word in says, word
    dialect = {" ".join(src) for src, _ in lexicon.dialect}
    for word in ("răng", "rứa", "mô", "chi", "ni", "tê", "nỏ", "chộ"):
        assert word in dialect, word


@pytest.mark.parametrize("text, key", [
    ("[[concept]]\nsay = 'x'\n", "concept[0]"),
    ("[[concept]]\nsay = ['a']\nmeans = ['b']\nweight = -1\n", "concept[0].weight"),
    ("[dialect]\n\"mô\" = 3\n", "dialect.mô"),
    ("[words]\nstop = 'dạ'\n", "words.stop"),
    ("[words]\nmodifier = 'cho'\n", "words.modifier"),
    ("[words]\nasking = 'bao lâu'\n", "words.asking"),
    ("not toml = = =", "not valid TOML"),
])
def test_bad_lexicon_names_the_key(text, key):
    with pytest.raises(LexiconError) as err:
        Lexicon.from_toml_text(text)
    assert key in str(err.value)


def test_staff_extension_is_used_without_code():
    cat = load_catalogue("other-ward.json")
    base = build_understander(cat, Lexicon())
    assert base.understand("xin cái giấy phép làm rạp").intent != "procedure" or \
        base.understand("xin cái giấy phép làm rạp").decision != "accept"
    extra = Lexicon.from_toml_text(
        '[[concept]]\nsay = ["làm rạp", "dựng rạp"]\nmeans = ["giấy phép xây dựng nhà ở"]\n')
    u = build_understander(cat, extra).understand("xin cái giấy phép làm rạp")
    assert u.intent == "procedure" and cat.procedure(u.procedure_id).name.startswith(
        "Cấp giấy phép xây dựng")


def test_older_synonyms_table_still_read():
    lx = Lexicon.from_toml_text('[synonyms]\n"khai tử" = ["báo tử"]\n')
    assert lx.synonyms == (("báo tử", "khai tử"),)


def test_word_lists_keep_their_phrases_whole():
    """'tài sản gắn liền với đất' is cheap in a name; 'đất' on its own is not (issue 4, b)."""
    lx = Lexicon.from_toml_text('[words]\nunmarked = ["tài sản gắn liền với đất", "mới"]\n'
                                'generic = ["nhà nước"]\ncommon = ["giấy chứng nhận"]\n')
    assert ("tài", "sản", "gắn", "liền", "với", "đất") in lx.unmarked and ("mới",) in lx.unmarked
    assert ("đất",) not in lx.unmarked and ("nhà",) not in lx.generic
    assert ("chứng",) not in lx.common


@pytest.mark.parametrize("text", ["quán phở ngon ở đâu", "tôi muốn đăng ký học lái xe"])
def test_off_topic_with_a_lexicon_phrase_is_not_accepted(text, lexicon):
    """Words nobody knows lower the confidence: ask or give up, never send to a counter (c)."""
    for name in ("demo.json", "other-thanhhoa.json", "other-ward.json", "other-district.json"):
        u = build_understander(load_catalogue(name), lexicon).understand(text)
        assert u.decision != "accept", (name, u)


def test_modifier_words_come_from_the_lexicon(lexicon):
    assert ("cho",) in lexicon.modifier
    merged = Lexicon.from_toml_texts(["[words]\nmodifier = ['để']\n", "[words]\nmodifier = ['vì']\n"])
    assert merged.modifier == {("để",), ("vì",)}


@pytest.mark.parametrize("text, intent", [
    ("ko phải", "no"), ("sai r, ko phải cái đấy", "no"), ("j cơ, nghe ko rõ", "repeat"),
    ("bỏ đi, e ko cần nữa", "cancel"), ("có tiếng Anh k", "language")])
def test_typed_shorthand_is_read_as_its_words(text, intent, lexicon):
    """config/lexicon/typed.toml: 'ko', 'r', 'j', 'e', 'k' typed on the touchscreen."""
    und = build_understander(load_catalogue("demo.json"), lexicon)
    assert und.understand(text).intent == intent


def test_typed_shorthand_is_not_in_the_recognizer_grammar(lexicon):
    from dialogs.understanding import grammar_phrases
    phrases = set(grammar_phrases(load_catalogue("demo.json"), lexicon))
    assert "ko" not in phrases and "đc" not in phrases and "gks" not in phrases
    assert "không" in phrases and "được" in phrases


def test_typed_table_must_map_words_to_strings():
    with pytest.raises(LexiconError, match="typed.ko"):
        Lexicon.from_toml_text('[typed]\n"ko" = 1\n')


@pytest.mark.parametrize("text, value", [("đổi sang tiếng anh", "en"), ("quay về tiếng việt", "vi"),
                                         ("máy có nói tiếng Hàn không", "en"),
                                         ("tôi nói tiếng Mường được không", "vi"),
                                         ("đổi sang tiếng khác được không", "en")])
def test_language_asked_for(text, value, lexicon):
    """The kiosk speaks Vietnamese and English: a foreign language asked for gets English, a
    language of Vietnam's peoples Vietnamese."""
    u = build_understander(load_catalogue("demo.json"), lexicon).understand(text)
    assert (u.intent, u.value) == ("language", value)


@pytest.mark.parametrize("text", ["con tôi muốn đổi sang tên tiếng Việt",
                                  "giấy này chữ tiếng Nhật, công chứng được không"])
def test_a_name_or_a_text_in_a_language_is_not_the_kiosks_language(text, lexicon):
    u = build_understander(load_catalogue("demo.json"), lexicon).understand(text)
    assert u.intent != "language"


def test_otherwise_meanings_serve_only_a_centre_without_the_first_ones():
    """'tiền ăn trưa' is the lunch support where a centre has it; in a centre without it, the
    general study support it is part of (a concept's `otherwise` meanings)."""
    lx = Lexicon.from_toml_text('[[concept]]\nsay = ["tiền ăn trưa"]\n'
                                'means = ["hỗ trợ ăn trưa"]\notherwise = ["hỗ trợ học tập"]\n')
    assert lx.concepts[0].otherwise == (("hỗ", "trợ", "học", "tập"),)
    names = ["Hỗ trợ ăn trưa đối với trẻ em mẫu giáo", "Hỗ trợ học tập đối với học sinh",
             "Cấp học bổng chính sách"]
    with_lunch = small_catalogue({"a": "Giáo dục"}, names)
    u = build_understander(with_lunch, lx).understand("xin tiền ăn trưa cho con")
    assert with_lunch.procedure(u.procedure_id).name == names[0]
    assert "p1" not in [c.procedure_id for c in u.candidates]
    without = small_catalogue({"a": "Giáo dục"}, names[1:])
    u = build_understander(without, lx).understand("xin tiền ăn trưa cho con")
    assert u.intent == "procedure" and without.procedure(u.procedure_id).name == names[1]
    with pytest.raises(LexiconError, match=r"concept\[0\].otherwise"):
        Lexicon.from_toml_text('[[concept]]\nsay = ["a"]\nmeans = ["b"]\notherwise = 3\n')


def test_asking_what_it_costs_names_nothing():
    """'có mất tiền không' asks what the birth registration costs: its 'mất' is not a death, typed
    with accents or without."""
    died = '[[concept]]\nsay = ["mất"]\nmeans = ["khai tử"]\n'
    cat = small_catalogue({"a": "Hộ tịch"},
                          ["Đăng ký khai sinh", "Đăng ký khai tử", "Đăng ký lại khai sinh"])
    plain = build_understander(cat, Lexicon.from_toml_text(died))
    asking = build_understander(cat, Lexicon.from_toml_text(
        died + '[words]\nasking = ["có mất tiền không"]\n'))
    for text in ("khai sinh cho con có mất tiền không", "khai sinh cho con co mat tien khong"):
        assert "p1" in [c.procedure_id for c in plain.understand(text).candidates], text
        u = asking.understand(text)
        assert u.candidates[0].procedure_id == "p0", text
        assert "p1" not in [c.procedure_id for c in u.candidates], text
