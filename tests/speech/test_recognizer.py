import logging

from speech.audio import read_wav

from .conftest import KO_GRAMMAR, KO_PHRASES


def _recognize(rec, path):
    pcm = read_wav(path).pcm
    for i in range(0, len(pcm), 960):
        rec.accept(pcm[i:i + 960])
    return rec.final()


def test_grammar_restricts_to_the_phrases(recognizer, ko_speech):
    used = recognizer.set_grammar(KO_GRAMMAR)
    assert used is not None and set(used) <= set(KO_GRAMMAR)
    exact = 0
    for phrase in KO_PHRASES:
        result = _recognize(recognizer, ko_speech(phrase))
        words = set(" ".join(KO_GRAMMAR).split())
        assert set(result.text.split()) <= words, result
        assert all(set(a.split()) <= words for a in result.alternatives)
        assert 0.0 <= result.confidence <= 1.0
        exact += result.text.replace(" ", "") == phrase.replace(" ", "")
    assert exact >= len(KO_PHRASES) // 2  # espeak's Korean is robotic; most phrases come out exactly


def test_free_recognition_is_not_limited_to_the_grammar(recognizer, ko_speech):
    assert recognizer.set_grammar(None) is None
    result = _recognize(recognizer, ko_speech("여권 신청하고 싶어요"))
    assert result.text  # something is heard ...
    assert not set(result.text.split()) <= set(" ".join(KO_GRAMMAR).split())  # ... beyond the grammar


def test_unknown_words_are_dropped_with_one_log_line(recognizer, caplog):
    with caplog.at_level(logging.INFO, logger="speech.recognizer"):
        used = recognizer.set_grammar(["여권 신청", "đăng ký khai sinh", "혼인 xyzzy"])
    assert used == ["여권 신청", "혼인"]
    lines = [r for r in caplog.records if "not in the model's vocabulary" in r.getMessage()]
    assert len(lines) == 1
    assert "xyzzy" in lines[0].getMessage()


def test_grammar_with_no_known_word_falls_back_to_free(recognizer, caplog):
    with caplog.at_level(logging.WARNING, logger="speech.recognizer"):
        assert recognizer.set_grammar(["thủ tục hành chính"]) is None
    assert any("free recognition" in r.getMessage() for r in caplog.records)
