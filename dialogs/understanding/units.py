"""What the citizen said, as query units: the lexicon's everyday phrases (concepts) found in the
words, then each word no phrase took, matched against the catalogue's vocabulary (exactly,
without accents, by its tone or sound, or as a near word). A unit carries its weight (rare
catalogue words weigh more; unknown words weigh against every answer, everyday words little),
the catalogue words it stands for and how surely, and what else is known about it (a thing no
centre handles, said after 'cho' or 'để', inside a correcting negation).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from dialogs.understanding import calibration
from dialogs.understanding.clauses import CUE_WORDS, NEGATORS
from dialogs.understanding.index import CatalogueIndex
from dialogs.understanding.lexicon import (Concept, Lexicon, Phrase, index_phrases,
                                           phrase_positions, phrase_spans)
from dialogs.understanding.normalize import ascii_fold, sound_key
from dialogs.understanding.words import phrase_quality

_UNKNOWN_WEIGHT = 1.6     # weight of a word that neither the catalogue nor the lexicon knows
_COMMON_WEIGHT = 0.35     # weight of an everyday word that says little (family words, ...)
# Numbers said in words ('mười bốn tuổi'; not 'một', 'hai', 'ba', 'tư', which are other words
# too: 'một cửa', 'bố', 'tư pháp').
_NUMBER_WORDS = frozenset(
    "bốn năm sáu bảy tám chín mười mươi lăm mốt trăm nghìn ngàn triệu rưỡi".split())


@dataclass
class Unit:
    """One thing the citizen said: a word, or an everyday phrase the lexicon knows."""
    weight: float
    groups: list[list[tuple[str, float]]]
    """Alternatives; each a list of (catalogue word, quality); hit = weighted share present."""
    seq: list[list[tuple[str, float]]] = field(default_factory=list)
    """For bigrams: word alternatives at each position this unit spans (plain words)."""
    names: frozenset[str] = frozenset()
    """Catalogue words of this unit that name something (not generic or common words)."""
    known: float = 1.0
    """How surely this unit is a word the kiosk knows: 1 for a lexicon phrase or an exact
    catalogue word, the match quality for a fuzzy one, 0 for a word nobody knows."""
    start: int = 0
    end: int = 0
    """Span of the utterance's words this unit covers."""
    concept: bool = False
    """An everyday phrase of the lexicon (not a word matched on its own)."""
    outside: bool = False
    """A word of a thing no commune centre handles (lexicon `outside`)."""
    modified: bool = False
    """Said after a modifier word ('để', 'cho') that follows an everyday phrase of a request:
    for whom or why, not the request."""
    need: dict[int, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = \
        field(default_factory=dict)
    """Group index -> the words of a variant ('tạm ngừng', 'cấp lại') its meaning says, and
    those of them said together: a text without them explains that meaning only in part."""
    literal: tuple[int, ...] = ()
    """Indexes of the groups that are the everyday phrase itself, found in a name."""


class UnitReader:
    """Reads utterances into query units against one catalogue's index and a lexicon."""

    def __init__(self, index: CatalogueIndex, lexicon: Lexicon, stop: frozenset[str]) -> None:
        lx = lexicon
        self.index = index
        self.stop = stop
        # Common and generic phrases apply where all their words occur in a row.
        self.common = frozenset(p for p in lx.common if not (len(p) == 1 and p[0] in stop))
        self._little = self.common | lx.generic      # phrases that name no procedure
        self._little_first = index_phrases(self._little)
        self._little_words = frozenset(p[0] for p in self._little if len(p) == 1)
        self._common_first = index_phrases(self.common)
        self._common_first_ascii = _index_ascii(self.common)
        self._generic_first_ascii = _index_ascii(p for p in lx.generic if len(p) > 1)
        # Everyday phrases by their first word, and by its sound ('xang tên' heard for 'sang
        # tên'), longest first.
        concepts = sorted(((s, c) for c in lx.concepts for s in c.say), key=lambda sc: -len(sc[0]))
        self._first: dict[str, list[tuple[Phrase, Concept]]] = {}
        self._first_sound: dict[str, list[tuple[Phrase, Concept]]] = {}
        for s, c in concepts:
            key, sound = ascii_fold(s[0]), ascii_fold(sound_key(s[0]))
            self._first.setdefault(key, []).append((s, c))
            if sound != key:
                self._first_sound.setdefault(sound, []).append((s, c))
        # Words of each concept's phrases that name something (outside generic/common phrases).
        self._concept_names: dict[int, frozenset[str]] = {}
        for c in lx.concepts:
            names: set[str] = set()
            for ph in (*c.means, *c.otherwise, *c.say):
                little = phrase_positions(ph, self._little, self._little_first)
                names.update(w for k, w in enumerate(ph) if k not in little)
            self._concept_names[id(c)] = frozenset(names)
        self._stop_ascii = {ascii_fold(w) for w in stop}
        # Words of a variant ('lại', 'đổi', 'mới' ...), and of how anything is asked for: what a
        # correction may deny while the thing asked for stays (see _apply_negation).
        self._variant_words = frozenset(w for ph in lx.marked for w in ph) | {"mới"}
        self._request_words = self._variant_words | frozenset(w for ph in lx.generic for w in ph)
        self._modifiers = frozenset(w for p in lx.modifier for w in p if len(p) == 1)
        # Typed without accents ('xac nhan ho ngheo de vay von'): 'de' is 'để' after a request.
        self._modifiers_plain = self._modifiers | {ascii_fold(w) for w in self._modifiers}
        self._outside = lx.outside
        self._outside_first = index_phrases(lx.outside)
        self._asking_first_ascii = _index_ascii(lx.asking)
        # Everyday phrases with a word that otherwise only asks about a field ('bên' of 'đi làm
        # bên Nhật', 'ly hôn bên Hàn'): the word stays where such a phrase is said.
        self._with_cues = frozenset(p for p in (*(s for c in lx.concepts for s in c.say),
                                                *self.common, *lx.outside)
                                    if len(p) > 1 and CUE_WORDS & set(p))
        self._with_cues_first = index_phrases(self._with_cues)
        self._ascii_bigrams = {(ascii_fold(a), ascii_fold(b)) for a, b in index.bigrams}
        # The variant words ('tạm ngừng' of 'tạm ngừng hoạt động kinh doanh') of each meaning.
        mfirst = index_phrases(lx.marked)
        # Each concept's meanings in this catalogue: where no name holds one of its `means`, its
        # `otherwise` ones too, and none of the `means` a name has only in what it says for whom.
        # A name holds a meaning when it has all its words, and not only there ('Hỗ trợ chi phí
        # mai táng đối với đối tượng hưởng trợ cấp hưu trí xã hội' is no procedure of 'trợ cấp
        # hưu trí xã hội').
        self._meanings: dict[int, tuple[Phrase, ...]] = {}
        for c in lx.concepts:
            self._meanings[id(c)] = c.means
            if c.otherwise:
                has = [index.texts_with(words=set(m)) for m in c.means]
                if not any(_holds(index, m, h) for m, h in zip(c.means, has)):
                    self._meanings[id(c)] = tuple(
                        m for m, h in zip(c.means, has) if not h.any()) + c.otherwise
        self._means_marked: dict[Phrase, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = {}
        for c in lx.concepts:
            for m in c.means + c.otherwise:
                pos = phrase_positions(m, lx.marked, mfirst)
                if pos:     # the words, and the pairs said together ('cấp lại', not 'cấp ... lại')
                    self._means_marked[m] = (frozenset(m[k] for k in pos),
                                             tuple((m[k], m[k + 1]) for k in sorted(pos)
                                                   if k + 1 in pos))

    def cue_phrase_positions(self, toks: list[str]) -> set[int]:
        """Positions inside an everyday phrase that has a word of a field cue ('đi làm bên
        Nhật')."""
        return phrase_positions(toks, self._with_cues, self._with_cues_first)

    def names_something(self, toks: list[str]) -> bool:
        """Whether these words name something of the catalogue (not only generic words), or a
        thing no centre handles ('chồng tôi đơn phương ly hôn, tôi phải làm gì' asks about it)."""
        if not toks:
            return False
        units = self.read(toks)
        return any(u.outside or any(q >= 0.5 and w in u.names for g in u.groups for w, q in g)
                   for u in units)

    def read(self, toks: list[str], neg: set[int] | None = None,
             story: set[int] | None = None, typed_plain: bool | None = None) -> list[Unit]:
        """Query units: lexicon concepts (every match not inside a longer one), then the words no
        concept took. Units wholly inside a correcting negation (`neg`: positions, 'không phải
        X') do not count as the request when something else is named. `typed_plain`: the
        citizen typed without accents (by default: no word has any)."""
        idx = self.index
        n = len(toks)
        matches: list[tuple[int, int, Phrase, Concept, float]] = []
        # With accents typed or heard, a lone word without any ('lao' of 'lao động') is itself,
        # not an everyday word of one word with accents ('Lào').
        plain = all(t.isascii() for t in toks)
        lone_plain_ok = plain if typed_plain is None else typed_plain
        # Asking what it costs or takes ('có mất tiền không'): no word of it names anything.
        asking = self._loose_positions(toks, self._asking_first_ascii)
        for i in range(n):
            for s, c in (*self._first.get(ascii_fold(toks[i]), ()),
                         *self._first_sound.get(ascii_fold(sound_key(toks[i])), ())):
                q = phrase_quality(toks, i, s, loose=True,
                                   ascii_ok=lone_plain_ok or len(s) > 1)
                if q > 0 and not asking.intersection(range(i, i + len(s))):
                    matches.append((i, i + len(s), s, c, q))
        # Things no commune centre handles ("hộ chiếu"): words nobody knows, whatever else
        # they resemble.
        outside = self._outside_positions(toks, matches)
        kept = [m for m in matches
                if not any((o[0] <= m[0] and m[1] <= o[1]) and (o[1] - o[0] > m[1] - m[0])
                           for o in matches)
                and not any(k in outside for k in range(m[0], m[1]))]
        # An everyday phrase that says little ('mất bao lâu': it takes time, not lost or died)
        # takes its words from a shorter concept within it, and (three words or more) from one
        # it overlaps ('sổ đỏ mất' of 'làm sổ đỏ mất bao lâu').
        little = self._long_common_spans(toks)
        kept = [m for m in kept
                if not any((a <= m[0] and m[1] <= b and b - a > m[1] - m[0])
                           or (b - a >= 3 and a < m[1] and m[0] < b
                               and not (m[0] <= a and b <= m[1]))
                           for a, b in little)]
        # 'làm sổ đỏ cho đất vườn': right after a request, 'cho' says what for, and does not
        # start an everyday phrase of its own ('cho đất': give land; 'de' typed for 'để' is not
        # 'đẻ').
        mods = self._modifiers_plain if plain else self._modifiers
        kept = [m for m in kept
                if not (toks[m[0]] in mods and any(o[1] == m[0] for o in kept))]
        # Same span matched by several concepts: keep all; same concept twice: once.
        seen: set[tuple[int, int, int]] = set()
        taken = [False] * n
        concept_units: list[tuple[int, int, Unit]] = []
        for k in sorted(outside):
            taken[k] = True
            concept_units.append((k, k + 1, Unit(weight=_UNKNOWN_WEIGHT, groups=[], known=0.0,
                                                  start=k, end=k + 1, outside=True)))
        for start, end, s, c, q in kept:
            key = (start, end, id(c))
            if key in seen:
                continue
            seen.add(key)
            groups: list[list[tuple[str, float]]] = []
            present: list[float] = []
            need: dict[int, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = {}
            for m in self._meanings[id(c)]:
                g = [(w, q) for w in m if w in idx.post]
                if g:
                    marked = self._means_marked.get(m)
                    if marked and marked[0] <= idx.post.keys():
                        pairs = marked[1] if all(b in idx.bpost for b in marked[1]) else ()
                        need[len(groups)] = (marked[0], pairs)
                    groups.append(g)
                    present.append(sum(idx.idf[w] for w, _ in g) / len(g))
            literal: tuple[int, ...] = ()
            if all(w in idx.post for w in s):
                literal = (len(groups),)
                groups.append([(w, q * calibration.LITERAL_Q) for w in s])
            if groups:
                weight = max(1.0, max(present, default=1.0)) * c.weight
                if len(s) == 1:
                    weight *= calibration.SINGLE_WORD_CONCEPT
            else:
                weight = calibration.ABSENT_CONCEPT_WEIGHT
            seqs = [[(w, q)] for w in s if w in idx.post]
            concept_units.append((start, end, Unit(weight=weight, groups=groups, seq=seqs, need=need,
                                                    names=self._concept_names[id(c)],
                                                    start=start, end=end, concept=True,
                                                    literal=literal)))
            for k in range(start, end):
                taken[k] = True
        units: list[tuple[int, Unit]] = self._merge_same_span(concept_units)
        said_phrase = any(u.concept for _, _, u in concept_units)
        bigrams = idx.bigrams
        common_exact = phrase_positions(toks, self.common)
        common_loose = self._loose_positions(toks, self._common_first_ascii)
        generic_multi = self._loose_positions(toks, self._generic_first_ascii)
        for i, t in enumerate(toks):
            if taken[i]:
                continue
            in_cat = t in idx.post or (t.isascii() and t in idx.vocab.by_ascii)
            # Typed without accents, a word that may be a stop word ('can': cần, or cận of cận
            # nghèo) is one unless it pairs with a neighbour as in a name ('ho can ngheo').
            is_stop = t in self.stop or (t.isascii() and t in self._stop_ascii
                                         and (not in_cat or not self._ascii_pairs(toks, i)))
            # Typed without accents, an everyday word ('bo me': bố mẹ) is one unless it pairs with
            # a neighbour as in a name ('bo sung': bổ sung). A number, in figures or words, is an
            # age, a size, a year, unless a name has it with a neighbour ('dưới 6 tuổi', 'mức độ 2').
            is_common = i in common_exact or (t.isascii() and i in common_loose and (
                not in_cat or not self._ascii_pairs(toks, i))) \
                or ((t.isdigit() or t in _NUMBER_WORDS)
                    and not self._pairs(toks, i, bigrams, typed=True))
            if (is_stop and not self._pairs(toks, i, bigrams)) or i in asking:
                continue
            if is_common:
                cands = {t: 1.0} if t in idx.post else {}
                w = _COMMON_WEIGHT * (idx.idf.get(t, 1.0) if cands else 1.0)
            else:
                cands = idx.vocab.lookup(t, fuzzy=not is_stop, typed=lone_plain_ok)
                if cands and t not in cands and (not t.isascii() or not lone_plain_ok) \
                        and not self._pairs_with_neighbour(toks, i, cands):
                    # Typed or heard with its accents, a word the catalogue lacks is most
                    # likely itself ('em trai' is not 'cháy'), unless its near word pairs
                    # with a neighbour as in a name ('xay dựng').
                    cands = {v: q * calibration.LONE_FUZZY for v, q in cands.items()}
                if t in cands:      # itself a word of the catalogue: its own weight
                    w = idx.idf[t]
                elif cands:
                    w = max(q * idx.idf[v] for v, q in cands.items())
                else:
                    w = _UNKNOWN_WEIGHT
            groups = [[(v, q)] for v, q in cands.items()]
            names = frozenset() if is_common or i in generic_multi else \
                frozenset(v for v in cands if v not in self._little_words)
            if cands and not is_common and (is_stop or not names):
                w *= _COMMON_WEIGHT     # a generic or stop word says little, however rare
            if w > calibration.LONE_WORD_MAX_IDF and cands and not is_common and said_phrase \
                    and not self._pairs(toks, i, bigrams, typed=True) \
                    and not self._pairs_with_neighbour(toks, i, cands, fuzzy=True):
                # Beside an everyday phrase, a rare word of a name that pairs with no
                # neighbour as it does there ('nhỏ' of 'đứa nhỏ', not of 'thủy lợi nhỏ') is
                # likely a word of the citizen's own.
                w = min(w, calibration.LONE_WORD_MAX_IDF)
            known = 1.0 if is_common or is_stop else max(cands.values(), default=0.0)
            units.append((i, Unit(weight=w, groups=groups, seq=[list(cands.items())],
                                   names=names, known=known, start=i, end=i + 1)))
        units.sort(key=lambda iu: iu[0])
        out = [u for _, u in units]
        self._weigh_modifiers(toks, out, taken, mods)
        if neg:
            # An everyday phrase that holds its own negation ('không phải họ hàng') is said,
            # not denied.
            said = {k for u in out if u.concept and toks[u.start] in NEGATORS
                    for k in range(u.start, u.end)}
            out = _apply_negation(out, neg - said, toks, self._variant_words,
                                  self._request_words)
        if story:
            _weigh_story(out, story)
        return out

    def _outside_positions(self, toks: list[str], matches: list) -> set[int]:
        """Positions of things no centre handles, except inside a longer everyday phrase ('đi
        xuất khẩu lao động', 'mở quán phở')."""
        out: set[int] = set()
        for a, b in phrase_spans(toks, self._outside, self._outside_first):
            if not any(m[1] - m[0] > b - a and m[0] <= a and b <= m[1] for m in matches):
                out.update(range(a, b))
        return out

    def _pairs(self, toks: list[str], i: int, bigrams: set[tuple[str, str]],
               typed: bool = False) -> bool:
        """Whether toks[i] forms, with a neighbour, a pair of a name (`typed`: also without
        its accents)."""
        return (i > 0 and (toks[i - 1], toks[i]) in bigrams) or \
            (i + 1 < len(toks) and (toks[i], toks[i + 1]) in bigrams) or \
            (typed and toks[i].isascii() and self._ascii_pairs(toks, i))

    def _ascii_pairs(self, toks: list[str], i: int) -> bool:
        """Whether toks[i] forms, with a neighbour, a pair of a name without its accents."""
        a = ascii_fold(toks[i])
        return (i > 0 and (ascii_fold(toks[i - 1]), a) in self._ascii_bigrams) or \
            (i + 1 < len(toks) and (a, ascii_fold(toks[i + 1])) in self._ascii_bigrams)

    def _long_common_spans(self, toks: list[str]) -> list[tuple[int, int]]:
        """Spans of everyday phrases of two words or more that say little ('mất bao lâu')."""
        return [(a, b) for a, b in phrase_spans(toks, self.common, self._common_first)
                if b - a >= 2]

    def _pairs_with_neighbour(self, toks: list[str], i: int, cands: dict[str, float],
                              fuzzy: bool = False) -> bool:
        """Whether a near word of toks[i] forms a pair of a name with a neighbour's word (or,
        `fuzzy`, with a near word of a neighbour: 'căn cướp' heard for 'căn cước')."""
        bigrams, lookup = self.index.bigrams, self.index.vocab.lookup
        left = lookup(toks[i - 1], fuzzy=fuzzy) if i > 0 else {}
        right = lookup(toks[i + 1], fuzzy=fuzzy) if i + 1 < len(toks) else {}
        return any((a, v) in bigrams for v in cands for a in left) or \
            any((v, b) in bigrams for v in cands for b in right)

    def _weigh_modifiers(self, toks: list[str], units: list[Unit], taken: list[bool],
                         mods: frozenset[str]) -> None:
        """The request comes first; what follows a modifier word ('cho', 'để' ...) says for whom
        or why ("đăng ký thường trú cho con mới sinh", "khai báo tạm trú cho công nhân"), so it
        weighs less than the request itself. Only after a word that names something."""
        if not self._modifiers:
            return
        bigrams = self.index.bigrams
        for m, t in enumerate(toks):
            if t not in mods or taken[m] or m == 0:
                continue
            if (toks[m - 1], t) in bigrams or (m + 1 < len(toks) and (t, toks[m + 1]) in bigrams):
                continue
            if not any(u.end <= m and u.names and u.groups for u in units):
                continue
            # After an everyday phrase of a request ('công chứng bằng ... để đi xin việc'), what
            # follows is why; after a lone word ('bán cho tôi cái bánh mì') it may be the thing.
            why = any(u.end <= m and u.concept and u.groups for u in units)
            for u in units:
                if u.start > m:
                    u.weight *= calibration.MODIFIER_FACTOR
                    u.modified = why
            return

    def _loose_positions(self, toks: list[str], first: dict[str, list[Phrase]]) -> set[int]:
        """Positions covered by one of the phrases (accents typed or not)."""
        out: set[int] = set()
        for i, t in enumerate(toks):
            for p in first.get(ascii_fold(t), ()):
                if phrase_quality(toks, i, p, loose=False) >= 0.95:
                    out.update(range(i, i + len(p)))
        return out

    @staticmethod
    def _merge_same_span(units: list[tuple[int, int, "Unit"]]) -> list[tuple[int, "Unit"]]:
        """Concepts matched on the same words are one thing said, with several meanings."""
        by_span: dict[tuple[int, int], Unit] = {}
        for start, end, u in units:
            prev = by_span.get((start, end))
            if prev is None:
                by_span[(start, end)] = u
            else:
                prev.literal += tuple(len(prev.groups) + k for k in u.literal)
                prev.groups.extend(u.groups)
                prev.weight = max(prev.weight, u.weight)
                prev.names = prev.names | u.names
        return [(span[0], u) for span, u in by_span.items()]


def _holds(index: CatalogueIndex, meaning: Phrase, has: np.ndarray) -> bool:
    """Whether a procedure's name has all the words of `meaning`, not only after 'đối với'
    (`has`: the texts with all of them)."""
    words = set(meaning)
    for k in np.nonzero(has)[0]:
        t = index.texts[k]
        if t.owner >= 0 and not words <= set(t.toks[_for_whom_at(t.toks):]):
            return True
    return False


def _for_whom_at(toks: tuple[str, ...]) -> int:
    """Where 'đối với' starts in a name's words (their length when it has none)."""
    return next((k for k in range(len(toks) - 1) if toks[k:k + 2] == ("đối", "với")), len(toks))


def _index_ascii(phrases: Iterable[Phrase]) -> dict[str, list[Phrase]]:
    """First word without its accents -> phrases starting with it (for _loose_positions)."""
    first: dict[str, list[Phrase]] = {}
    for p in phrases:
        first.setdefault(ascii_fold(p[0]), []).append(p)
    return first


def _apply_negation(units: list[Unit], neg: set[int], toks: list[str],
                    variant_words: frozenset[str], request_words: frozenset[str]) -> list[Unit]:
    """Without the units wholly inside a correcting negation, when something outside every
    negation names a thing (else the negation is all there is: 'không phải cái đó'). A
    correction that denies only how the thing is asked for keeps the thing: when the words
    denied hold a variant word ('mới', 'đổi', 'lại' ...) and what is said outside names nothing
    the denied units do not ('không phải làm căn cước mới đâu, em bị mất thẻ nên xin cấp lại':
    a new card denied, the card kept)."""
    inside = _wholly_inside(units, neg)
    if not any(inside) or not any(u.names and u.groups and not ins
                                  for u, ins in zip(units, inside)):
        return units
    denied = [u for u, ins in zip(units, inside) if ins]
    denied_words = {w for u in denied for g in u.groups for w, _ in g}
    said = set().union(*(_things(u, request_words) for u, ins in zip(units, inside) if not ins))
    if any(toks[k] in variant_words for k in neg) and said <= denied_words \
            and any(_things(u, request_words) for u in denied):
        return units
    return [u for u, ins in zip(units, inside) if not ins]


def _things(u: Unit, request_words: frozenset[str]) -> set[str]:
    """The words of names a unit says that name a thing, not how it is asked for."""
    return {w for g in u.groups for w, q in g
            if q >= 0.5 and w in u.names and w not in request_words}


def _weigh_story(units: list[Unit], story: set[int]) -> None:
    """Units wholly inside the story told before the request weigh less, when the request
    names something itself with an everyday phrase ('... giờ làm giấy khai sinh ở đâu'; not
    '... chừ sửa răng', where the story names what is to be mended)."""
    inside = _wholly_inside(units, story)
    if not any(u.concept and u.names and u.groups and not ins for u, ins in zip(units, inside)):
        return
    for u, ins in zip(units, inside):
        if ins:
            u.weight *= calibration.STORY_FACTOR


def _wholly_inside(units: list[Unit], positions: set[int]) -> list[bool]:
    """For each unit, whether all the words it covers are among `positions`."""
    return [u.end > u.start and all(k in positions for k in range(u.start, u.end)) for u in units]
