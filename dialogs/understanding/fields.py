"""A whole field asked about by what people call it ('bên tư pháp', 'các việc về đất', 'cư trú').

A request that, once its talk words are set aside ('cho tôi hỏi', 'bên', 'các việc', 'ở đâu'),
is nothing but a field's own name (or a part of it: "Hộ tịch" of "Tư pháp - Hộ tịch"), or a
phrase of the lexicon's `[[field]]` table ('lao động thương binh xã hội' -> Bảo trợ xã hội,
Người có công ...), names that field, not one of its procedures. No field ids in code: the
lexicon lists words of field names, and the catalogue's own field names decide.
"""
from __future__ import annotations

from collections.abc import Collection

from dialogs.catalogue import Catalogue
from dialogs.understanding.clauses import (DOING, STRONG_FIELD_CUES, clause_spans,
                                           has_field_cue)
from dialogs.understanding.index import field_name_parts
from dialogs.understanding.lexicon import (Lexicon, Phrase, index_phrases, phrase_positions,
                                           phrase_spans)
from dialogs.understanding.normalize import ascii_fold, tokens

# Words around a field's name that only ask about it ('xã' of 'bên tư pháp xã': the commune's
# desk). Verbs of doing ('làm', 'xin', 'đăng ký') are not among them: 'đăng ký kinh doanh' is a
# procedure, 'kinh doanh' a field.
_TALK = frozenset(tokens(
    "dạ ạ à ơi nhé nha nhá nhỉ hả với vậy thế thì là mà cho tôi tui mình cháu em con anh chị ông "
    "bà bác cô chú o bạn robot muốn cần hỏi thưa vâng các những mấy mọi cái việc về của bên phía "
    "chuyện mảng nhóm lĩnh vực thủ tục bộ phận phòng ban quầy ngồi chỗ nào đâu ở gì sao thế "
    "liên quan đến tới có không một chút tí biết xem coi giùm giúp hộ ơn vui lòng thông tin "
    "hướng dẫn ai lo phụ trách giải quyết cán bộ người bàn chung chế độ chính sách gặp tìm "
    "vào ban vụ trực hôm nay đông vắng ra sang đây xã rồi"))
# 'chỗ làm hộ tịch ở đâu': the place that does a field's work; 'làm' alone stays a request.
_PLACE_DOING = tuple(tuple(tokens(p)) for p in (
    "chỗ làm", "nơi làm", "bàn làm", "quầy làm", "ai làm", "người làm", "bộ phận làm",
    "chỗ nào làm", "ở đâu làm"))
# Typed without accents, 'sang' is as often that of 'chuyen dat ruong sang dat o'.
_TALK_TYPED = _TALK - frozenset(tokens("sang"))
_TALK_ASCII = frozenset(ascii_fold(t) for t in _TALK_TYPED)
# Words of the paperwork a desk handles ('chỗ chứng thực giấy tờ ở đâu', 'chỗ lo giấy tờ xây
# dựng', 'khiếu nại thì nộp ở bộ phận nào'): talk when a desk is asked about, but 'chứng thực
# giấy tờ' alone asks to have it done.
_DESK_TALK = frozenset(tokens("giấy tờ lo nộp"))
_DESK_ASKED = frozenset(tuple(tokens(p)) for p in (
    "chỗ", "bàn", "quầy", "bộ phận", "phòng", "việc", "chuyện", "mảng", "ai"))
_DESK_ASKED_FIRST = index_phrases(_DESK_ASKED)
# A clause that asks where or who ('bên hộ tịch ngồi chỗ nào', 'ai phụ trách bảo trợ xã hội'),
# and names a desk, not only a matter ('chia đất, chứng thực ở mô' asks for a procedure).
_WHERE = frozenset(tokens("đâu nào ai mô"))
_DESK = frozenset(tokens("bên bộ phận phòng ban quầy bàn ngồi phụ trách cán bộ lĩnh vực"))
# Words of a request: a clause with one of them asks for something, and tells no mere story.
_REQUEST = DOING | frozenset(tokens("làm"))
# Asking who handles a matter ('văn hóa, lễ hội thì ai lo', 'khiếu nại thì nộp ở bộ phận nào');
# not 'ở quầy nào' after a thing to be done ('báo tử ở quầy nào' asks where to have it done).
_WHO_HANDLES = frozenset(tuple(tokens(p)) for p in (
    "ai lo", "hỏi ai", "gặp ai", "ai phụ trách", "ai giải quyết", "bộ phận nào", "phòng nào",
    "bên nào"))
_WHO_HANDLES_FIRST = index_phrases(_WHO_HANDLES)
_NO_ONE = frozenset(tokens("biết có"))
# A desk named before the matters asked about ('quầy công an tiếp nhận hồ sơ cư trú ở đâu', 'bên
# chứng thực giấy tờ ngồi đâu'): the openings that ask for a desk, or a side or area of the hall.
_DESK_OPENING = (_DESK_ASKED - {("ai",)}) | frozenset(tuple(tokens(p)) for p in (
    "bên", "khu", "khu vực"))
_DESK_OPENING_FIRST = index_phrases(_DESK_OPENING)
# The same, typed without accents, longest first.
_OPENERS_ASCII = tuple(sorted({tuple(ascii_fold(w) for w in p) for p in _DESK_OPENING},
                               key=len, reverse=True))
# A field with fewer procedures is not worth a list of its own: its one procedure is the answer.
MIN_FIELD = 2


class FieldPhrases:
    """Finds a field named on its own in an utterance's words, for one catalogue."""

    def __init__(self, catalogue: Catalogue, lexicon: Lexicon) -> None:
        names = [tuple(tokens(f.name)) for f in catalogue.fields]
        self._phrases: dict[Phrase, int] = {}
        self._several: set[Phrase] = set()
        # The lexicon's phrases: the first listed word some field name contains decides; when
        # the listed words fit several of this centre's fields ('công an': Cư trú and Căn
        # cước), the field shown is a guess.
        lexicon_phrases = {say for say, _ in lexicon.fields}
        name_parts = [[tuple(tokens(p)) for p in field_name_parts(f.name)]
                      for f in catalogue.fields]
        for say, wanted in lexicon.fields:
            j = _first_field(names, wanted, name_parts)
            if j is not None and say not in self._phrases:
                self._phrases[say] = j
                if sum(1 for name in names if any(_contains(name, w) for w in wanted)) > 1:
                    self._several.add(say)
        # A field's own name, or one part of a name that lists several, names it (over the
        # lexicon, which only guesses which field of this centre an area of work went to).
        own: dict[Phrase, set[int]] = {}
        parts: set[Phrase] = set()
        for j, f in enumerate(catalogue.fields):
            for k, part in enumerate(field_name_parts(f.name)):
                t = tuple(tokens(part))
                if t:
                    own.setdefault(t, set()).add(j)
                    if k:
                        parts.add(t)
        for t, js in own.items():
            if len(js) == 1:
                self._phrases[t] = next(iter(js))
                self._several.discard(t)
        # Fields with too few procedures to be worth a list (MIN_FIELD) give way to their
        # procedure, unless the phrase names none of its words ('thủy lợi' for a desk of
        # 'Nông nghiệp' whose one procedure is a crop-loss support: that desk is the answer).
        counts = [0] * len(catalogue.fields)
        words: list[set[str]] = [set() for _ in catalogue.fields]
        ids = {f.id: j for j, f in enumerate(catalogue.fields)}
        for p in catalogue.procedures:
            if p.field_id in ids:
                counts[ids[p.field_id]] += 1
                words[ids[p.field_id]].update(tokens(p.name))
        self._sizes = counts
        self._phrases = {t: j for t, j in self._phrases.items()
                         if counts[j] >= MIN_FIELD
                         or (counts[j] and t in lexicon_phrases and not words[j] & set(t))}
        # Phrases that themselves hold talk words ('cán bộ địa chính', 'bên tư pháp'): the talk
        # words cannot simply be set aside for them.
        self._with_talk = [(t, j) for t, j in self._phrases.items() if any(w in _TALK for w in t)]
        self._talk_phrases = frozenset(t for t, _ in self._with_talk)
        self._talk_first = index_phrases(self._talk_phrases)
        self._talk_ascii = frozenset(tuple(ascii_fold(w) for w in t) for t in self._talk_phrases)
        self._talk_ascii_first = index_phrases(self._talk_ascii)
        # Several phrases of one field said together ('tôn giáo, chùa chiền'): the lexicon's
        # phrases and whole field names, not one part of a name ('thành lập' of 'Thành lập và
        # hoạt động của hộ kinh doanh' with 'hộ kinh doanh' is a request).
        self._joinable = {t: j for t, j in self._phrases.items()
                          if t not in parts or t in lexicon_phrases}
        # Typed without accents ('nong nghiep'): a phrase whose unaccented form is no other
        # field's.
        self._ascii = _folded(self._phrases)
        self._ascii_own = frozenset(_folded({t: next(iter(js)) for t, js in own.items()
                                             if len(js) == 1 and t in self._phrases}))
        self._ascii_joinable = _folded(self._joinable)

    def worth_a_list(self, j: int) -> bool:
        """Whether field j holds enough procedures to be shown as a list (MIN_FIELD)."""
        return self._sizes[j] >= MIN_FIELD

    def match(self, toks: list[str]) -> tuple[int, bool] | None:
        """(index of the field the words name, whether other fields fit them as well), when the
        words are that field's phrases and talk only ('tôn giáo, chùa chiền', 'trường lớp của
        con, bên giáo dục ở đâu': phrases of one field)."""
        place = _drop_place_doing(toks)
        # 'chỗ làm giấy tờ đất đai ở đâu': the place that does it asks for a desk too.
        asks_desk = _asks_desk(toks) or len(place) < len(toks)
        toks = place
        # Talk words inside a field's phrase ('hộ' of 'hộ khẩu') are part of it.
        keep = phrase_positions(toks, self._talk_phrases, self._talk_first)
        talk = _TALK | _DESK_TALK | DOING if asks_desk else _TALK
        # 'bên công an làm hộ khẩu': after something named, 'làm' says what that side does.
        content = tuple(t for k, t in enumerate(toks) if (t not in talk or k in keep)
                        and not (t == "làm" and any(w not in _TALK for w in toks[:k])))
        if content in self._phrases:
            return self._phrases[content], content in self._several
        found = _one_field(content, self._joinable, self._several)
        if found is not None:
            return found
        for phrase, j in self._with_talk:
            if _is_phrase_and_talk(toks, phrase):
                return j, phrase in self._several
        if all(t.isascii() or t in _TALK for t in toks):   # ('o' read as the dialect 'cô')
            # ('ho' of 'ho tich' is a word of the field, not the talk word 'hộ')
            keep = phrase_positions(toks, self._talk_ascii, self._talk_ascii_first)
            content = tuple(t for k, t in enumerate(toks)
                            if k in keep or (t not in _TALK_ASCII and t not in _TALK_TYPED))
            # A desk or matter word before a field's own name ('ben ho tich', 'viec chung thuc'):
            # that name, no guess.
            bare = next((content[len(w):] for w in _OPENERS_ASCII if content[:len(w)] == w
                         and content[len(w):] in self._ascii_own), content)
            if bare in self._ascii:     # a field's own name is no guess
                return self._ascii[bare], bare not in self._ascii_own
            found = _one_field(content, self._ascii_joinable, set())
            if found is not None:
                return found[0], True
        return None

    def match_clause(self, toks: list[str], bounds: set[int]) -> tuple[int, bool] | None:
        """A field asked for in a clause of its own that asks where or who its desk is, when the
        other clauses only tell why ('bên hộ tịch ngồi chỗ nào, nhà tôi có đám cưới với đám ma';
        'nông nghiệp ngồi bàn nào, ruộng nhà bị ngập'), with no word of a request."""
        clauses = [toks[a:b] for a, b in clause_spans(len(toks), bounds)]
        if len(clauses) < 2:
            return None
        for k, clause in enumerate(clauses):
            words = set(clause)
            # ... or the last clause asks about a desk's matters ('tôi là trưởng thôn, cần hỏi
            # mấy việc bên văn hóa').
            last = k == len(clauses) - 1
            if not (_DESK & words and (_WHERE & words or (
                    last and has_field_cue(clause, STRONG_FIELD_CUES)))):
                continue
            found = self.match(clause)
            if found is not None and not any(_REQUEST & set(c) for c in clauses):
                return found
        return None


def _folded(phrases: dict[Phrase, int]) -> dict[Phrase, int]:
    """The phrases without accents, each only when it is no other field's."""
    folded: dict[Phrase, set[int]] = {}
    for t, j in phrases.items():
        folded.setdefault(tuple(ascii_fold(w) for w in t), set()).add(j)
    return {t: next(iter(js)) for t, js in folded.items() if len(js) == 1}


def _one_field(content: Phrase, phrases: dict[Phrase, int],
               several: set[Phrase]) -> tuple[int, bool] | None:
    """The field whose phrases, one after another, make up all of `content`."""
    if not content:
        return None
    if content in phrases:
        return phrases[content], content in several
    # best[k]: the ways (field, several) content[:k] is made of phrases of one field (absent
    # when there is none).
    n = len(content)
    best: dict[int, set[tuple[int, bool]]] = {0: {(-1, False)}}
    for k in range(1, n + 1):
        ways: set[tuple[int, bool]] = set()
        for m in range(max(0, k - 6), k):
            ph = content[m:k]
            if m not in best or ph not in phrases:
                continue
            j = phrases[ph]
            for f, sev in best[m]:
                if f in (-1, j):
                    ways.add((j, sev or ph in several))
        if ways:
            best[k] = ways
    ends = best.get(n, set())
    fields = {f for f, _ in ends}
    if len(fields) != 1:
        return None
    j = fields.pop()
    return j, any(sev for f, sev in ends if f == j)


def _asks_desk(toks: list[str]) -> bool:
    """Whether the words start by asking for a desk or its work ('chỗ chứng thực giấy tờ ở
    đâu', 'việc chứng thực giấy tờ thì hỏi ai'; not 'chứng thực giấy tờ chỗ mô', which asks
    where to have it done)."""
    first = next((i for i, t in enumerate(toks) if t not in _TALK), len(toks))
    return any(a <= first for a, _ in phrase_spans(toks, _DESK_ASKED, _DESK_ASKED_FIRST))


def asks_for_desk(toks: list[str], pairs: Collection[tuple[str, str]]) -> bool:
    """Whether the words ask where or who the desk for some matters is, with no word of a
    request: a desk named first and a where or who ('bên chứng thực giấy tờ ngồi đâu', 'mấy
    việc về nhận con nuôi thì ai lo'), or who handles what they name ('văn hóa, lễ hội thì ai
    lo'; 'hỏi về xây nhà cửa thì đến bàn nào'). A word of a request that ends a pair of a name
    (`pairs`: 'cấp' of 'trợ cấp') is none."""
    toks = _drop_place_doing(toks)
    if any(t in _REQUEST and not (k and (toks[k - 1], t) in pairs) for k, t in enumerate(toks)):
        return False
    # ('em không biết hỏi ai, chồng em hay đánh em', 'người chết không có ai lo': no one, not
    # who handles a matter)
    if any(not (a and toks[a - 1] in _NO_ONE)
           for a, _ in phrase_spans(toks, _WHO_HANDLES, _WHO_HANDLES_FIRST)):
        return True
    if not any(t in _WHERE and not (t == "nào" and k and toks[k - 1] == "thế")
               for k, t in enumerate(toks)):       # ('thế nào': how)
        return False
    if has_field_cue(toks, STRONG_FIELD_CUES):
        return True
    first = next((i for i, t in enumerate(toks) if t not in _TALK), len(toks))
    return any(a <= first for a, _ in phrase_spans(toks, _DESK_OPENING, _DESK_OPENING_FIRST))


def _drop_place_doing(toks: list[str]) -> list[str]:
    for cue in _PLACE_DOING:
        k = len(cue)
        for i in range(len(toks) - k + 1):
            if tuple(toks[i:i + k]) == cue:
                return toks[:i] + toks[i + k:]
    return toks


def _first_field(names: list[Phrase], wanted: tuple[Phrase, ...],
                 parts: list[list[Phrase]]) -> int | None:
    """The field of the first listed words some field name contains: of several, one whose name
    (or a part of it) opens with them ('Giáo dục và Đào tạo', not 'Phổ biến giáo dục pháp luật,
    hòa giải ở cơ sở', for 'giáo dục')."""
    for w in wanted:
        having = [j for j, name in enumerate(names) if _contains(name, w)]
        if having:
            return next((j for j in having if any(p[:len(w)] == w for p in parts[j])),
                        having[0])
    return None


def _contains(seq: Phrase, part: Phrase) -> bool:
    k = len(part)
    return any(seq[i:i + k] == part for i in range(len(seq) - k + 1))


def _is_phrase_and_talk(toks: list[str], phrase: Phrase) -> bool:
    k = len(phrase)
    for i in range(len(toks) - k + 1):
        if tuple(toks[i:i + k]) == phrase:
            return all(t in _TALK for t in toks[:i] + toks[i + k:])
    return False
