"""How an utterance's words are read before they are matched: its clauses (commas, full stops),
a correcting negation ('không phải X', 'không cần X', 'không X đâu'), the 'thôi' of 'chỉ ...
thôi', and the words that ask about a whole field ('lĩnh vực', 'các thủ tục', 'bên').
"""
from __future__ import annotations

import re

from dialogs.understanding.normalize import ascii_fold, tokens
from dialogs.understanding.words import phrase_quality

# Words that ask about a whole field rather than one procedure, before what they ask about.
FIELD_CUES = tuple(tuple(tokens(p)) for p in (
    "lĩnh vực", "các thủ tục", "những thủ tục", "mấy thủ tục", "thủ tục về", "hỏi về", "việc",
    "chuyện", "mảng", "field", "about", "các việc", "chế độ",
    "chính sách", "các chế độ", "những việc", "mấy việc"))
# Cues that ask about a whole field whatever follows ("lĩnh vực xây dựng", "các thủ tục cư trú").
# ('nhóm' is none: 'nhóm đạo trong xóm' is a group of people.)
STRONG_FIELD_CUES = tuple(tuple(tokens(p)) for p in (
    "lĩnh vực", "các thủ tục", "những thủ tục", "mấy thủ tục", "hỏi về", "mảng",
    "các việc", "những việc", "mấy việc", "các chế độ"))
# Cues that ask about a field when the rest is a field's whole name ("thủ tục hộ kinh doanh").
NAMED_FIELD_CUES = tuple(tuple(tokens(p)) for p in ("thủ tục", "procedures"))
# Words of the cues that say nothing about which field or procedure: left out of matching.
_DROP_CUES = tuple(sorted((tuple(tokens(p)) for p in (
    "lĩnh vực", "các thủ tục", "những thủ tục", "mấy thủ tục", "thủ tục về", "thủ tục", "mảng",
    "bên", "nhóm", "các việc", "những việc", "mấy việc")), key=len, reverse=True))


# Cue words that are also words of everyday phrases ('đi làm bên Nhật', 'nhóm đạo').
CUE_WORDS = frozenset(tokens("bên nhóm"))


def drop_cues(toks: list[str], *marks: set[int], keep: set[int] | frozenset[int] = frozenset()
              ) -> tuple[list[str], tuple[set[int], ...]]:
    """The utterance without the words that only ask about a field ('lĩnh vực', 'các thủ tục'),
    except at positions `keep` (inside an everyday phrase: 'đi làm bên Nhật'), and each set of
    marked positions (negated, told as a story) renumbered."""
    out: list[str] = []
    out_marks: tuple[set[int], ...] = tuple(set() for _ in marks)
    i = 0
    while i < len(toks):
        for cue in _DROP_CUES:
            if i not in keep and cue_at(toks, i, cue, typed=len(cue) > 1):
                i += len(cue)
                break
        else:
            for m, out_m in zip(marks, out_marks):
                if i in m:
                    out_m.add(len(out))
            out.append(toks[i])
            i += 1
    return (out, out_marks) if out else (toks, marks)


CLAUSE = re.compile(r"[,.;:!?]+|\s[-–]\s")


def clause_spans(n: int, bounds: set[int]) -> list[tuple[int, int]]:
    """(start, end) of each clause of an utterance of n words, from where its clauses end."""
    ends = sorted(b for b in bounds if 0 < b <= n) or [n]
    return [(a, b) for a, b in zip([0, *ends], ends) if b > a]


# 'không phải X (mà là Y)', 'chứ không phải X', 'không cần X', 'không hỏi X': the citizen
# corrects a thing, which is then surely not the request. (Other negations are left alone: 'chưa
# có sổ đỏ', 'mà chưa làm giấy chứng tử' name what is still to be done, and weighing 'không có /
# không để lại X' down cost more than it gained on the data.)
NEGATORS = frozenset(tokens("không chưa chẳng chả ko"))
_CONTRAST = frozenset(tokens("phải cần hỏi"))
# 'tôi không tách thửa đâu': a 'không ... đâu' closing its clause denies what it holds (but not
# 'không biết làm ở đâu', where 'đâu' asks where).
_NOT_DENIAL = frozenset(tokens("biết rõ có được ở"))
# A corrected thing ends at a word that starts what the citizen does want.
_NEG_END = frozenset(tokens("mà nhưng chứ song giờ bây nay muốn cần xin tôi tui em cháu mình nên "
                            "thì vì là cho hay hoặc"))
_NEG_SPAN = 4
# 'tôi không xin giấy độc thân nữa mà đăng ký kết hôn luôn': 'không' and a verb of asking
# correct what they hold when a 'mà' then says what is wanted instead.
_ASKING_VERBS = frozenset(tokens("xin làm lấy"))
_INSTEAD = tokens("mà")[0]


def negation_scopes(toks: list[str], bounds: set[int],
                    variants: frozenset[tuple[str, ...]] = frozenset(),
                    pairs: set[tuple[str, str]] | frozenset = frozenset()) -> set[int]:
    """Positions of the words a correcting negation covers: after 'không phải / cần / hỏi' (or
    'không xin / làm / lấy' when a 'mà' follows), up to the end of its clause, a word that starts
    the real request, or _NEG_SPAN words; between 'không' and a 'đâu' that closes its clause
    ('không tách thửa đâu'), or the end of a clause it opens when a later one asks for something
    ('tôi không cắt khẩu, tôi muốn nhập khẩu'), unless what the 'không' holds says nothing is
    known yet ('không biết', 'không có'); never what 'nữa' says is no longer wanted ('không cần
    giám hộ nữa' asks to end it), unless a 'mà' says what is wanted instead. A correction that
    starts with a variant word (`variants`: 'mất', 'đổi', 'cấp lại') denies that word, not the
    paper after it ('chưa mất sổ đỏ đâu, chỉ rách thôi'), unless the two are one word of a name
    (`pairs`: 'tạm trú')."""
    out: set[int] = set()
    n = len(toks)
    for i, t in enumerate(toks[:-2]):
        if t not in NEGATORS or (i + 1) in bounds or (i + 2) in bounds:
            continue
        if toks[i + 1] in _CONTRAST or (t == "không" and toks[i + 1] in _ASKING_VERBS
                                        and _INSTEAD in toks[i + 3:]):
            j = i + 2
        else:
            end = next((b for b in sorted(bounds) if b > i), n)
            close = [k for k in range(i + 2, min(end, i + 2 + _NEG_SPAN)) if toks[k] == "đâu"]
            if close and close[0] + 1 == end:
                stop = close[0]
            elif not close and t != "chưa" and _denies_clause(toks, i, end, bounds):
                stop = end
            else:
                continue
            if toks[i + 1] in _NOT_DENIAL or any(toks[k] in _NOT_DENIAL or toks[k] == "nữa"
                                                 for k in range(i + 1, stop)):
                continue
            out.update(_variant_only(toks, i + 1, stop, variants, pairs))
            continue
        k = j
        scope: set[int] = set()
        while k < n and k - j < _NEG_SPAN and toks[k] not in NEGATORS \
                and not (k > j and toks[k] in _NEG_END):
            scope.add(k)
            k += 1
            if k in bounds:
                break
        # 'không cần giám hộ nữa': no longer needed, which asks to end it, unless a 'mà' says
        # what is wanted instead. The negation's own words go with what it covers ('không
        # phải' is no part of '... không phải xin phép').
        if scope and ((k < n and toks[k] == _INSTEAD)
                      or not any(toks[m] == "nữa" for m in scope)):
            out |= set(_variant_only(toks, j, max(scope) + 1, variants, pairs)) | {i, i + 1}
    return out


# Who may stand before a 'không' that opens a clause ('tôi không cắt khẩu, ...').
_SUBJECTS = frozenset(tokens("tôi tui em cháu con mình"))


def _denies_clause(toks: list[str], i: int, end: int, bounds: set[int]) -> bool:
    """'Tôi không cắt khẩu, tôi muốn nhập khẩu cho con dâu': a clause that opens with 'không'
    and is followed by a clause that asks for something says what is not wanted (not one with
    'chưa': 'chưa làm giấy chứng tử, giờ cần ...' is still to be done)."""
    start = max((b for b in bounds if b <= i), default=0)
    return (all(toks[k] in _SUBJECTS for k in range(start, i)) and end - i - 1 <= _NEG_SPAN
            and any(toks[k] in ASKING for k in range(end, len(toks))))


def _variant_only(toks: list[str], a: int, b: int, variants: frozenset[tuple[str, ...]],
                  pairs: set[tuple[str, str]] | frozenset) -> range:
    """toks[a:b], or only the variant phrase it starts with when a word of its own follows
    and the citizen does not ask for that variant after all ('không phải xóa thường trú, mà là
    xóa tạm trú' corrects what is to be removed)."""
    for k in range(b - a - 1, 0, -1):
        v = tuple(toks[a:a + k])
        if v in variants and (toks[a + k - 1], toks[a + k]) not in pairs \
                and not any(tuple(toks[m:m + k]) == v for m in range(b, len(toks))):
            return range(a, a + k)
    return range(a, b)


# 'tam ngung kd 3 thang': typed without accents, a span of time after a number ('thang' would
# be read as 'thành').
_COUNTS = frozenset(tokens("hai ba bốn năm sáu bảy tám chín mười mươi vài mấy vai bon muoi"))
_SPANS = {"ngay": "ngày", "thang": "tháng", "nam": "năm", "tuan": "tuần"}


def typed_durations(toks: list[str]) -> list[str]:
    """The words with a span of time typed without accents after a number written back
    ('3 thang' -> '3 tháng')."""
    return [_SPANS[t] if t in _SPANS and k and (toks[k - 1] in _COUNTS or toks[k - 1].isdigit())
            else t for k, t in enumerate(toks)]


# Sounds of hesitation ('ờ, cán bộ văn hóa ngồi đâu', 'bên công an, ừm, làm hộ khẩu'): beside
# other words they say nothing; said alone, 'ờ' and 'ừ' are a yes.
HESITATIONS = frozenset(tokens("ờ ơ ừ ừm ờm ưm hừm hmm"))


def drop_hesitations(clauses: list[list[str]]) -> list[list[str]]:
    """Each clause's words without sounds of hesitation, unless nothing else is said, and
    without the word a restart repeats across a pause ('làm sao để, để lấy số')."""
    if all(t in HESITATIONS for c in clauses for t in c):
        return clauses
    out: list[list[str]] = []
    for c in clauses:
        kept = [t for t in c if t not in HESITATIONS]
        if out and kept and kept[0] == out[-1][-1]:
            kept = kept[1:]
        if kept:
            out.append(kept)
    return out


# 'muốn xin thôi': the 'thôi' of quitting.
_QUITTING = frozenset(tokens("xin muốn đòi cho được"))


def drop_only_particle(toks: list[str]) -> list[str]:
    """'tôi chỉ ở tạm mấy tháng thôi', 'tui sửa lại nhà cũ thôi': the 'thôi' closing 'chỉ ...'
    or three words or more means 'only', not 'stop' (as in 'thôi hưởng', 'muốn xin thôi') nor
    'never mind'."""
    if len(toks) >= 3 and toks[-1] == "thôi" and ("chỉ" in toks[:-1] or (
            len(toks) >= 4 and toks[-2] not in _QUITTING)):
        return toks[:-1]
    return toks


# 'bên' (side, department) asks about a field only before a word of one ('bên tư pháp'), not
# before a place or a person ('lấy chồng bên trung quốc', 'họ đạo bên tôi').
SIDE_CUE = tuple(tokens("bên"))


def has_field_cue(toks: list[str], cues: tuple = FIELD_CUES,
                  field_words: frozenset[str] = frozenset()) -> bool:
    """Words that ask about a whole field rather than one procedure ('lĩnh vực', 'hỏi về' ...);
    'bên' only before one of `field_words`."""
    for cue in cues + ((SIDE_CUE,) if field_words else ()):
        side = cue == SIDE_CUE
        for i in range(len(toks) - len(cue)):   # a cue comes before what it asks about
            if cue_at(toks, i, cue, typed=side or len(cue) > 1) \
                    and (not side or _is_field_word(toks[i + 1], field_words)):
                return True
    return False


def _is_field_word(t: str, field_words: frozenset[str]) -> bool:
    """Whether t is a word of a field's name, with its accents or typed without."""
    return t in field_words or (t.isascii() and any(ascii_fold(w) == t for w in field_words))


def cue_at(toks: list[str], i: int, cue: tuple[str, ...], typed: bool = False) -> bool:
    """Whether the cue's words stand at toks[i:]; with `typed`, also typed without their
    accents ('ben ho tich', 'linh vuc dat dai'; a lone cue word typed so is most often another
    word: 'chuyen' is chuyển as well as chuyện)."""
    return tuple(toks[i:i + len(cue)]) == cue or (
        typed and phrase_quality(toks, i, cue, loose=False) > 0)


# Verbs of doing: with them a field's words ask for one of its procedures ('đăng ký kinh doanh').
DOING = frozenset(tokens("đăng kí xin cấp lập mở nhận"))

# Words that ask for something: the clause that has one is the request; clauses before it tell
# the story ('ông nhà tôi đi biển chưa về, tôi mới sinh cháu, giờ làm giấy khai sinh ở đâu').
ASKING = frozenset(tokens("muốn cần xin làm đăng giờ hỏi nhờ"))


# A clause that starts with one of these says why ('..., để đi làm bên Nhật'): no request.
_WHY = frozenset(tokens("để vì do"))
# After 'đi làm', one of these says where someone works ('đi làm bên Hàn', 'đi làm xa').
_WORK_PLACE = frozenset(tokens("ở bên tại trong ngoài xa ăn thuê công"))


# 'tôi đổi tên rồi nên phải đổi cái căn cước': what follows 'nên' (so) is what the story
# leads to, a request of its own.
_SO = tokens("nên")[0]


def story_before_request(toks: list[str], bounds: set[int]) -> set[int]:
    """Positions of the clauses before the last clause that asks for something (a 'nên' inside
    a clause starts one)."""
    bounds = set(bounds) | {k for k in range(1, len(toks)) if toks[k] == _SO}
    asking = [a for a, b in clause_spans(len(toks), bounds)
              if toks[a] not in _WHY and (toks[a] == _SO or any(_asks(toks, k, b)
                                                                for k in range(a, b)))]
    return set(range(asking[-1])) if asking and asking[-1] > 0 else set()


def _asks(toks: list[str], k: int, end: int) -> bool:
    """Whether toks[k] asks for something (not the 'làm' of going to work somewhere)."""
    if toks[k] not in ASKING:
        return False
    return not (toks[k] == "làm" and k > 0 and toks[k - 1] == "đi"
                and (k + 1 == end or toks[k + 1] in _WORK_PLACE))


_HAS = tokens("có")[0]
_DONE = tokens("rồi")[0]
_NOT_HAVING = frozenset(tokens("thể phải được cần nên muốn ai gì nào bao đâu chưa không"))
_HELD_WORDS = 6


def held(toks: list[str], bounds: set[int]) -> set[int]:
    """Positions of what the citizen says he already has ('cả hai đứa có cccd gắn chip rồi'):
    'có' ... 'rồi' in one clause, a few words apart, nothing asked for in between. Like a story
    told before the request, it says what the situation is, not what is asked for."""
    out: set[int] = set()
    for a, b in clause_spans(len(toks), bounds):
        for i in range(a, b - 2):
            if toks[i] != _HAS or toks[i + 1] in _NOT_HAVING:
                continue
            j = next((k for k in range(i + 2, min(b, i + 2 + _HELD_WORDS)) if toks[k] == _DONE),
                     -1)
            if j > 0 and not any(_asks(toks, k, b) for k in range(i + 1, j)):
                out.update(range(i, j + 1))
    return out


_BECAUSE = frozenset(tokens("vì bởi"))


def why_after_request(toks: list[str], bounds: set[int]) -> set[int]:
    """Positions of a reason given after the request in its clause ('ông bà đi làm khai sinh cho
    cháu vì bố mẹ nó đi làm ở Hàn Quốc'): from 'vì' to the clause's end."""
    out: set[int] = set()
    for a, b in clause_spans(len(toks), bounds):
        k = next((k for k in range(a + 1, b) if toks[k] in _BECAUSE), -1)
        if k > 0 and any(_asks(toks, j, k) for j in range(a, k)):
            out.update(range(k, b))
    return out
