import pytest

from dialogs.understanding.died import read_died
from dialogs.understanding.normalize import (ascii_fold, canonical_syllable, normalize, sound_key,
                                             split_tone, telex_syllable, tokens)


def test_one_tone_placement_for_old_and_new_spellings():
    assert canonical_syllable("hoà") == canonical_syllable("hòa") == "hòa"
    assert canonical_syllable("thuỷ") == canonical_syllable("thủy")
    assert canonical_syllable("HOÀ") == "hòa"
    assert normalize("Hoà giải, thuỷ lợi!") == normalize("hòa giải thủy lợi")


def test_i_and_y_spellings_are_one_word():
    assert canonical_syllable("kỹ") == canonical_syllable("kĩ")
    assert canonical_syllable("ký") == canonical_syllable("kí")
    assert canonical_syllable("tay") != canonical_syllable("tai")


def test_nfc_and_punctuation():
    decomposed = "đăng ky\u0301 khai sinh?"  # combining acute accent
    assert tokens(decomposed) == tokens("Đăng ký khai sinh")


def test_levels():
    assert split_tone("khái") == ("khai", 1)
    assert ascii_fold("đăng ký") == "dang ky"
    # consonants a northern recognizer confuses fall together in the sound key
    assert sound_key("xổ") == sound_key("sổ")
    assert sound_key("chú") == sound_key("trú")
    assert sound_key("dấy") == sound_key("giấy")
    assert sound_key("nàm") == sound_key("làm")
    assert sound_key("hông") == sound_key("hôn")
    assert sound_key("bán") == sound_key("bạn")  # tone-free
    assert ascii_fold("bán") == ascii_fold("bạn") == "ban"


def test_syllables_run_together_keep_their_tone_marks():
    """'tạmngừng' is two syllables typed as one: its marks are not moved onto one vowel (the
    matcher splits it), and a single syllable still gets the one placement."""
    assert normalize("tạmngừng") == "tạmngừng"
    assert normalize("đăngký") == "đăngký"
    assert normalize("thuỷ") == "thủy"


def test_syllables_run_together_are_split_by_the_matcher(lexicon):
    from dialogs.understanding import build_understander
    from tests.understanding.conftest import load_catalogue
    cat = load_catalogue("demo.json")
    und = build_understander(cat, lexicon)
    # 'kếthôn' could be 'kế thôn' too: the split whose two words make a pair of a name wins.
    for text, code in [("đăngký khaisinh", "1.001193"), ("tạmngừng kinh doanh", None),
                       ("đăngký kếthôn ở xã", "1.000894")]:
        u = und.understand(text)
        assert u.intent == "procedure", text
        name = cat.procedure(u.procedure_id).name
        assert (cat.procedure(u.procedure_id).code == code) if code else name.startswith("Tạm ngừng")


def test_a_syllable_heard_as_two_is_joined_where_a_name_pairs_it(lexicon):
    """'bản sa o', 'kế t hôn': halves that are words or letters, joined where the whole makes a
    pair of a name with a neighbour ('bản sao', 'kết hôn'); words that pair as they are stay."""
    from dialogs.understanding import build_understander
    from dialogs.understanding.normalize import tokens
    from tests.understanding.conftest import load_catalogue
    und = build_understander(load_catalogue("demo.json"), lexicon)
    assert und.words.read(tokens("chứng thực bản sa o")) == tokens("chứng thực bản sao")
    assert und.words.read(tokens("đăng ký kế t hôn")) == tokens("đăng ký kết hôn")
    assert und.words.read(tokens("xác nhận tình trạng hôn nhâ n")) == \
        tokens("xác nhận tình trạng hôn nhân")
    assert und.words.read(tokens("đăng ký khai sinh cho con")) == \
        tokens("đăng ký khai sinh cho con")


def test_telex_keys_left_in_a_word():
    """A keyboard in plain mode types Telex as it is: vowel marks as doubled letters or 'w', the
    tone as a last letter."""
    for typed, word in [("tachs", "tách"), ("ddawng", "đăng"), ("nhaapj", "nhập"),
                        ("thees", "thế"), ("chaaps", "chấp"), ("nuooi", "nuôi"),
                        ("nguwowif", "người"), ("kys", canonical_syllable("ký"))]:
        assert telex_syllable(typed) == word, typed
    for plain in ("khai", "sinh", "cccd", "dc", "vs", "saii"):
        assert telex_syllable(plain) is None, plain


def test_telex_words_are_read_where_they_are_known(lexicon):
    from dialogs.understanding import build_understander
    from tests.understanding.conftest import load_catalogue
    cat = load_catalogue("demo.json")
    und = build_understander(cat, lexicon)
    assert und.words.read(tokens("ddawng kys tạm trú")) == tokens("đăng ký tạm trú")
    # Not a word anyone knows: left as typed ('gas' is no 'gá').
    assert und.words.read(tokens("bán gas")) == tokens("bán gas")
    u = und.understand("ddawng kys keets hoon")
    assert u.intent == "procedure" and cat.procedure(u.procedure_id).code == "1.000894"


@pytest.mark.parametrize("text, read", [
    ("ông nhà tôi mất sáng nay rồi", "ông nhà tôi qua đời sáng nay rồi"),
    ("bố mẹ mất cả rồi", "bố mẹ qua đời cả rồi"),
    ("me toi mat dem qua", "me toi qua đời dem qua"),
    ("mẹ của em vừa mất", "mẹ của em vừa qua đời"),
    # lost: a thing after it, a paper before the person, or no person at all
    ("mẹ tôi mất sổ đỏ rồi", "mẹ tôi mất sổ đỏ rồi"),
    ("bố tôi mất cả giấy tờ", "bố tôi mất cả giấy tờ"),
    ("giấy khai sinh của ông mất từ lâu", "giấy khai sinh của ông mất từ lâu"),
    ("sổ đỏ nhà tôi mất", "sổ đỏ nhà tôi mất"),
    ("tôi mất căn cước", "tôi mất căn cước"),
    # what it takes
    ("khai sinh cho con mất mấy ngày", "khai sinh cho con mất mấy ngày"),
])
def test_a_persons_mat_is_died(text, read):
    assert " ".join(read_died(tokens(text))) == read
