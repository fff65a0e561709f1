"""Corrections and clauses read before matching (dialogs/understanding/clauses.py)."""
import pytest

from dialogs.understanding.clauses import negation_scopes
from dialogs.understanding.normalize import tokens


def denied(text: str) -> list[str]:
    toks = tokens(text)
    return [toks[k] for k in sorted(negation_scopes(toks, {len(toks)}))]


@pytest.mark.parametrize("text, words", [
    ("không phải khai sinh mà là khai tử", ["khai", "sinh"]),
    ("không cần sao y tôi muốn chứng thực chữ ký", ["sao", "y"]),
    ("tôi không hỏi tạm trú tôi muốn nhập hộ khẩu", ["tạm", "trú"]),
    ("tôi không tách thửa đâu", ["tách", "thửa"]),
    # Not corrections: what is still to be done, where something is, what stops.
    ("con tôi chưa làm giấy khai sinh", []),
    ("không biết làm khai sinh ở đâu", []),
    ("cháu đủ mười tám tuổi không cần giám hộ nữa", []),
    ("tôi không làm giám hộ nữa đâu", []),
])
def test_what_a_correction_denies(text, words):
    assert denied(text) == words
