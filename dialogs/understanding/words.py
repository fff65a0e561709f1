"""Reading an utterance's words before anything is matched: syllables run together or heard
apart ('khaisinh', 'giấykhaitử', 'khai sinh' heard as 'kh ai'), Telex keys left in a typed word
('ddawng kys'), dialect words and typed shorthand ('mô' -> 'đâu', 'ko' -> 'không'), and how well
a phrase occurs at a position (accents typed or not, a wrong tone, a near sound).
"""
from __future__ import annotations

from dialogs.understanding.died import read_died
from dialogs.understanding.lexicon import Phrase
from dialogs.understanding.normalize import (ascii_fold, canonical_syllable, sound_key, split_tone,
                                            telex_syllable)


def phrase_quality(toks: list[str], i: int, phrase: Phrase, loose: bool,
                   ascii_ok: bool = True) -> float:
    """Quality with which `phrase` occurs at toks[i:], 0 if it does not (a word typed without
    accents stands for the accented one only when `ascii_ok`; a wrong tone or a near sound
    only when `loose`)."""
    if i + len(phrase) > len(toks):
        return 0.0
    q = 1.0
    exact = 0
    for a, b in zip(toks[i:i + len(phrase)], phrase):
        if a == b:
            exact += 1
            continue
        if ascii_ok and a.isascii() and ascii_fold(b) == a:
            q = min(q, 0.95)
        elif loose and split_tone(a)[0] == split_tone(b)[0]:
            q = min(q, 0.8)
        elif loose and sound_key(a) == sound_key(b):
            q = min(q, 0.7)
        elif loose and a.isascii() and ascii_fold(sound_key(b)) == ascii_fold(sound_key(a)):
            q = min(q, 0.75)
        else:
            return 0.0
    if loose and len(phrase) == 1 and q < 0.9:
        return 0.0
    if exact == 0 and len(phrase) > 1 and q < 0.9:
        return 0.0
    return q


class WordReader:
    """Repairs one clause's words and maps dialect words and typed shorthand, for one
    vocabulary (the catalogue's words and every word the lexicon and system phrases use)."""

    def __init__(self, known: set[str], dialect: list[tuple[Phrase, Phrase]],
                 typed_words: frozenset[str],
                 pairs: set[tuple[str, str]] | frozenset = frozenset()) -> None:
        self._known = frozenset(known)
        self._known_ascii = frozenset(ascii_fold(w) for w in known)
        # Word pairs of the catalogue's names: of two ways to split 'kếthôn', 'kết hôn'.
        self._pairs = frozenset(pairs)
        self._pairs_ascii = frozenset((ascii_fold(a), ascii_fold(b)) for a, b in pairs)
        # Typed shorthand ('ng', 'r') is read before anything else, but is no word a split or
        # merged syllable could be ('khai sing' is not 'khai si ng').
        self._typed_words = typed_words
        self._dia_first: dict[str, list[tuple[Phrase, Phrase]]] = {}
        for src, dst in sorted(dialect, key=lambda d: -len(d[0])):
            self._dia_first.setdefault(ascii_fold(src[0]), []).append((src, dst))

    def knows_ascii(self, word: str) -> bool:
        """Whether the word, without its accents, is a known word without accents."""
        return ascii_fold(word) in self._known_ascii

    def read(self, toks: list[str]) -> list[str]:
        """The clause's words repaired, then with dialect words and shorthand mapped, and a
        person's 'mất' read as 'qua đời' (died.py)."""
        return read_died(self.apply_dialect(self.repair(toks)))

    def repair(self, toks: list[str]) -> list[str]:
        """Read a word typed with Telex keys as its syllable where that is a known word
        ('tachs': 'tách'); split a syllable run typed or heard as one word (khaisinh); merge a
        syllable heard as two (when the pair joined is a known word and neither half is, or when
        the joined word pairs with a neighbour as in a name: 'bản sa o')."""
        out: list[str] = []
        known, kasc = self._known, self._known_ascii
        i = 0
        while i < len(toks):
            t = toks[i]
            a = ascii_fold(t)
            if i + 1 < len(toks) and self._merges_in_context(out, t, toks[i + 1],
                                                             toks[i + 2:i + 3]):
                out.append(t + toks[i + 1])
                i += 2
                continue
            if t not in known and a not in kasc and t not in self._typed_words:
                telex = telex_syllable(t)
                if telex in known:
                    out.append(telex)
                    i += 1
                    continue
                if i + 1 < len(toks) and toks[i + 1] not in known \
                        and ascii_fold(toks[i + 1]) not in kasc and (t + toks[i + 1]) in known:
                    out.append(t + toks[i + 1])
                    i += 2
                    continue
                split = self._split(t)
                if split:
                    out.extend(split)
                    i += 1
                    continue
            out.append(t)
            i += 1
        return out

    def _merges_in_context(self, before: list[str], t: str, u: str, after: list[str]) -> bool:
        """'bản sa o', 'kế t hôn', 'hôn nhâ n': a syllable heard as two, each half a word or a
        letter, whose joined form makes a pair of a name with a neighbour the halves do not."""
        joined = t + u
        if joined not in self._known or t in self._typed_words or u in self._typed_words \
                or not t.isalpha() or not u.isalpha():
            return False
        prev = before[-1] if before else None
        nxt = after[0] if after else None
        pairs = self._pairs
        return ((prev, joined) in pairs or (joined, nxt) in pairs) \
            and (prev, t) not in pairs and (u, nxt) not in pairs and (t, u) not in pairs

    def _split(self, t: str) -> list[str] | None:
        a = ascii_fold(t)
        if len(a) < 4 or not a.isalpha():
            return None
        kasc = self._known_ascii
        if t.isascii():
            two = [[a[:k], a[k:]] for k in range(2, len(a) - 1)
                   if a[:k] in kasc and a[k:] in kasc]
            if two:
                return next((x for x in two if tuple(x) in self._pairs_ascii), two[0])
            for k in range(2, len(a) - 3):
                for m in range(k + 2, len(a) - 1):
                    if a[:k] in kasc and a[k:m] in kasc and a[m:] in kasc:
                        return [a[:k], a[k:m], a[m:]]
            return None
        # With accents: split the NFC string itself where the parts (two or three) are known.
        known = self._known
        two = [[a, b] for a, b in ((canonical_syllable(t[:k]), canonical_syllable(t[k:]))
                                   for k in range(1, len(t))) if a in known and b in known]
        if two:
            return next((x for x in two if tuple(x) in self._pairs), two[0])
        for k in range(1, len(t) - 1):
            a = canonical_syllable(t[:k])
            if a not in known:
                continue
            for m in range(k + 1, len(t)):
                b, c = canonical_syllable(t[k:m]), canonical_syllable(t[m:])
                if b in known and c in known:
                    return [a, b, c]
        return None

    def apply_dialect(self, toks: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(toks):
            for src, dst in self._dia_first.get(ascii_fold(toks[i]), ()):
                need = 1.0 if len(src) == 1 else 0.95
                if phrase_quality(toks, i, src, loose=False) >= need:
                    out.extend(dst)
                    i += len(src)
                    break
            else:
                out.append(toks[i])
                i += 1
        return out
