"""'mất' said of a person is 'died' ('bố tôi mất sáng nay', 'ông nhà tôi mất rồi', 'mẹ mất không
để lại di chúc'), not 'lost' as in 'mất sổ đỏ'. Utterances are read so (words.py), and so are the
lexicon's phrases (lexicon.py), so that both say 'qua đời'.
"""
from __future__ import annotations

from dialogs.understanding.normalize import ascii_fold

# A person: a word of family or a person said just before 'mất', past whose it is ('tôi', 'nhà
# tôi') and when ('mới', 'đã').
_PERSONS = frozenset("""
bố mẹ cha má ba u bu bầm thầy ông bà cụ chồng vợ con anh chị em cậu dì chú bác cô thím mợ
dượng nội ngoại trai gái út dâu rể nó ấy hắn
""".split())
_WHOSE = frozenset("tôi tui tao tau mình tớ em cháu con nhà của chúng ta".split())
_WHEN = frozenset("mới vừa đã cũng thì đều".split())
# After 'mất', what makes it 'lost' or a cost ('mất giấy', 'mất cả sổ', 'mất mấy ngày', 'mất
# tiền không'): a thing, or what it takes.
_LOST_THINGS = frozenset("""
giấy sổ thẻ cái cấy chiếc cuốn quyển tờ bản bằng hộ căn chứng bìa hồ ví túi xe đồ điện nhà đất
việc sức khả năng tích liên trí mùa trắng ngủ tiền phí mấy bao nhiêu thời công đồng lệ
""".split())
_ALL = frozenset("cả hết luôn sạch".split())
# A paper said before the person is theirs, and lost ('giấy khai sinh của ông mất từ lâu').
_PAPERS = frozenset("giấy sổ thẻ bằng chứng căn bìa hồ ví túi cái cấy chiếc tờ quyển cuốn".split())
# Typed without accents: the same words, less those as often another ('co': 'có', 'cu': 'cũ').
_PLAIN = {name: frozenset(ascii_fold(w) for w in words) for name, words in
          (("persons", _PERSONS), ("whose", _WHOSE), ("when", _WHEN), ("lost", _LOST_THINGS),
           ("all", _ALL), ("papers", _PAPERS))}
_PLAIN["persons"] -= {"co", "cu", "u", "no", "ay", "cau", "chu", "bac", "di", "gai"}


def read_died(toks: list[str] | tuple[str, ...]) -> list[str]:
    """The words with a person's 'mất' as 'qua đời'."""
    out: list[str] = []
    for i, t in enumerate(toks):
        plain = t == "mat"
        if (t == "mất" or plain) and _of_a_person(toks, i, plain) \
                and not _lost_thing(toks, i, plain) \
                and not any(_is(w, "papers", _PAPERS, plain) for w in toks[:i]):
            out.extend(("qua", "đời"))
        else:
            out.append(t)
    return out


def _is(word: str, name: str, words: frozenset[str], plain: bool) -> bool:
    return word in words or (plain and word in _PLAIN[name])


def _of_a_person(toks, i: int, plain: bool) -> bool:
    j = i - 1
    while j >= 0 and _is(toks[j], "when", _WHEN, plain):
        j -= 1
    if j >= 0 and _is(toks[j], "persons", _PERSONS, plain):
        return True
    k = j
    while k >= 0 and j - k < 3 and _is(toks[k], "whose", _WHOSE, plain):
        k -= 1
    return k < j and k >= 0 and _is(toks[k], "persons", _PERSONS, plain)


def _lost_thing(toks, i: int, plain: bool) -> bool:
    k = i + 1
    while k < len(toks) and _is(toks[k], "all", _ALL, plain):
        k += 1
    return k < len(toks) and _is(toks[k], "lost", _LOST_THINGS, plain)
