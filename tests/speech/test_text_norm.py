from speech.text_norm import normalize_for_speech, number_to_words, read_digits


def test_numbers_follow_vietnamese_reading_rules():
    assert number_to_words(21) == "hai mươi mốt"
    assert number_to_words(24) == "hai mươi tư"
    assert number_to_words(15) == "mười lăm"
    assert number_to_words(105) == "một trăm linh năm"
    assert number_to_words(2025) == "hai nghìn không trăm hai mươi lăm"
    assert number_to_words(1_500_000) == "một triệu năm trăm nghìn"
    assert number_to_words(0) == "không"


def test_ticket_numbers_are_read_digit_by_digit():
    assert normalize_for_speech("Số phiếu 0125.") == "Số phiếu không một hai năm."
    assert normalize_for_speech("Phiếu số K1-007 của bác.") == "Phiếu số ca một không không bảy của bác."
    assert read_digits("0912") == "không chín một hai"


def test_counter_times_dates_money():
    assert normalize_for_speech("Mời bác đến Quầy 3") == "Mời bác đến Quầy ba"
    assert normalize_for_speech("Hẹn 8h30") == "Hẹn tám giờ ba mươi phút"
    assert normalize_for_speech("ngày 12/4/2025") == "ngày mười hai tháng tư năm hai nghìn không trăm hai mươi lăm"
    assert normalize_for_speech("Lệ phí 50.000đ") == "Lệ phí năm mươi nghìn đồng"
    assert normalize_for_speech("Còn 12 người") == "Còn mười hai người"


def test_abbreviations_expand():
    out = normalize_for_speech("Mang CCCD đến UBND; TTHC do HĐND quy định.")
    assert out == ("Mang căn cước công dân đến ủy ban nhân dân; thủ tục hành chính do "
                   "hội đồng nhân dân quy định.")


def test_output_is_nfc_and_english_keeps_its_numbers():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Quầy 3")
    assert normalize_for_speech(decomposed) == unicodedata.normalize("NFC", "Quầy ba")
    assert normalize_for_speech("Ticket 0125 at counter 3", "en") == "Ticket zero one two five at counter 3"
