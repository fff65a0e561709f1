"""A whole field asked about by what people call it ('bên tư pháp', 'các việc về đất', 'cư trú').

A request that, once its talk words are set aside ('cho tôi hỏi', 'bên', 'các việc', 'ở đâu'),
is nothing but a field's own name (or a part of it: "Hộ tịch" of "Tư pháp - Hộ tịch"), or a
phrase of the lexicon's `[[field]]` table ('lao động thương binh xã hội' -> Bảo trợ xã hội,
Người có công ...), names that field, not one of its procedures. No field ids in code: the
lexicon lists words of field names, and the catalogue's own field names decide.
"""
from __future__ import annotations

from dialogs.catalogue import Catalogue
from dialogs.understanding.index import field_name_parts
from dialogs.understanding.lexicon import Lexicon, Phrase
from dialogs.understanding.normalize import ascii_fold, tokens

# Words around a field's name that only ask about it. Verbs of doing ('làm', 'xin', 'đăng ký')
# are not among them: 'đăng ký kinh doanh' is a procedure, 'kinh doanh' a field.
_TALK = frozenset(tokens(
    "dạ ạ à ơi nhé nha nhá nhỉ hả với vậy thế thì là mà cho tôi tui mình cháu em con anh chị ông "
    "bà bác cô chú o bạn robot muốn cần hỏi thưa vâng các những mấy mọi cái việc về của bên phía "
    "chuyện mảng nhóm lĩnh vực thủ tục bộ phận phòng ban quầy ngồi chỗ nào đâu ở gì sao thế "
    "liên quan đến tới có không một chút tí biết xem coi giùm giúp hộ ơn vui lòng thông tin "
    "hướng dẫn ai lo phụ trách giải quyết cán bộ người bàn chung chế độ chính sách"))
_TALK_ASCII = frozenset(ascii_fold(t) for t in _TALK)


class FieldPhrases:
    """Finds a field named on its own in an utterance's words, for one catalogue."""

    def __init__(self, catalogue: Catalogue, lexicon: Lexicon) -> None:
        names = [tuple(tokens(f.name)) for f in catalogue.fields]
        self._phrases: dict[Phrase, int] = {}
        self._several: set[Phrase] = set()
        # The lexicon's phrases: the first listed word some field name contains decides; when
        # the listed words fit several of this centre's fields ('công an': Cư trú and Căn
        # cước), the field shown is a guess.
        for say, wanted in lexicon.fields:
            j = _first_field(names, wanted)
            if j is not None and say not in self._phrases:
                self._phrases[say] = j
                if sum(1 for name in names if any(_contains(name, w) for w in wanted)) > 1:
                    self._several.add(say)
        # A field's own name, or one part of a name that lists several, names it (over the
        # lexicon, which only guesses which field of this centre an area of work went to).
        own: dict[Phrase, set[int]] = {}
        for j, f in enumerate(catalogue.fields):
            for part in field_name_parts(f.name):
                t = tuple(tokens(part))
                if t:
                    own.setdefault(t, set()).add(j)
        for t, js in own.items():
            if len(js) == 1:
                self._phrases[t] = next(iter(js))
                self._several.discard(t)
        # Fields with too few procedures to be worth a list: the procedure is the answer.
        counts = [0] * len(catalogue.fields)
        ids = {f.id: j for j, f in enumerate(catalogue.fields)}
        for p in catalogue.procedures:
            if p.field_id in ids:
                counts[ids[p.field_id]] += 1
        self._phrases = {t: j for t, j in self._phrases.items() if counts[j] >= 3}
        # Phrases that themselves hold talk words ('cán bộ địa chính', 'bên tư pháp'): the talk
        # words cannot simply be set aside for them.
        self._with_talk = [(t, j) for t, j in self._phrases.items() if any(w in _TALK for w in t)]
        # Typed without accents ('nong nghiep'): a phrase whose unaccented form is no other
        # field's.
        folded: dict[Phrase, set[int]] = {}
        for t, j in self._phrases.items():
            folded.setdefault(tuple(ascii_fold(w) for w in t), set()).add(j)
        self._ascii = {t: next(iter(js)) for t, js in folded.items() if len(js) == 1}

    def match(self, toks: list[str]) -> tuple[int, bool] | None:
        """(index of the field the words name, whether other fields fit them as well), when the
        words are that field's phrase and talk only."""
        content = tuple(t for t in toks if t not in _TALK)
        if content in self._phrases:
            return self._phrases[content], content in self._several
        for phrase, j in self._with_talk:
            if _is_phrase_and_talk(toks, phrase):
                return j, phrase in self._several
        if all(t.isascii() or t in _TALK for t in toks):   # ('o' read as the dialect 'cô')
            content = tuple(t for t in toks if t not in _TALK_ASCII and t not in _TALK)
            if content in self._ascii:
                return self._ascii[content], True
        return None


def _first_field(names: list[Phrase], wanted: tuple[Phrase, ...]) -> int | None:
    for w in wanted:
        for j, name in enumerate(names):
            if _contains(name, w):
                return j
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
