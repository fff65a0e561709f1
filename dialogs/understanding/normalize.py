"""Vietnamese text normalization for matching. Pure functions, no I/O.

Every syllable is brought to one canonical spelling (NFC, lower case, one tone-mark placement:
hoà/hòa -> hòa, thuỷ/thủy -> thủy) and can be seen at coarser levels, each more tolerant and less
reliable than the one before:

- `toneless`: the tone mark dropped, vowel letters kept (khái/khai -> khai): a wrong tone;
- `sound`: a tone-free key where the consonants that northern and north-central speakers (and a
  recognizer trained on them) merge are merged: s/x, ch/tr, d/gi/r, l/n, c/k/q, final n/ng, c/t;
- `ascii`: every diacritic dropped, đ -> d (text typed without accents). It merges bán/bạn/ban,
  so it is a fallback only.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks of the five tones (NFD): grave, acute, hook above, tilde, dot below.
_TONES = {"\u0300": 2, "\u0301": 1, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE_MARK = {v: k for k, v in _TONES.items()}
_VOWELS = set("aăâeêioôơuưy")
_MODIFIED = set("ăâêôơư")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def split_tone(syllable: str) -> tuple[str, int]:
    """'hoà' -> ('hoa', 2): the syllable without its tone mark (NFC, vowel letters kept), tone 0-5."""
    tone = 0
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


def _tone_position(base: str) -> int:
    """Index of the vowel that carries the tone mark (classic placement: hòa, thủy, mùa, chuyển)."""
    start = 0
    if base.startswith("qu") and len(base) > 2 and base[2] in _VOWELS:
        start = 2
    elif base.startswith("gi") and len(base) > 2 and base[2] in _VOWELS:
        start = 2
    idx = [i for i in range(start, len(base)) if base[i] in _VOWELS]
    if not idx:
        idx = [i for i in range(len(base)) if base[i] in _VOWELS]
        if not idx:
            return -1
    # The vowel cluster is the first run of vowels.
    cluster = [idx[0]]
    for i in idx[1:]:
        if i == cluster[-1] + 1:
            cluster.append(i)
        else:
            break
    modified = [i for i in cluster if base[i] in _MODIFIED]
    if modified:
        return modified[-1]          # ươ -> ơ, uyê -> ê, â, ô ...
    closed = cluster[-1] + 1 < len(base)
    if closed:
        return cluster[-1]           # hoàn, thuyết
    if len(cluster) >= 3:
        return cluster[1]            # ngoài, khuỷu
    return cluster[0]                # hòa, thủy, mùa


@lru_cache(maxsize=65536)
def canonical_syllable(syllable: str) -> str:
    """One spelling per syllable: NFC, lower case, tone mark placed by one rule."""
    low = syllable.lower()
    base, tone = split_tone(low)
    if len(re.findall(f"[{''.join(_VOWELS)}]+", base)) > 1:
        return nfc(low)              # syllables run together ('tạmngừng', 'đăngký'): for repair
    if len(base) > 1 and base.endswith("y") and not any(c in _VOWELS for c in base[:-1]):
        base = base[:-1] + "i"       # kỹ/kĩ, lý/lí, mỹ/mĩ are one word
    if tone == 0:
        return base
    return _with_tone(base, tone) or base


def _with_tone(base: str, tone: int) -> str | None:
    """A toneless syllable with its tone mark on the vowel that carries it, or None when it has
    no vowel."""
    pos = _tone_position(base)
    if pos < 0:
        return None
    decomposed = unicodedata.normalize("NFD", base[pos]) + _TONE_MARK[tone]
    return base[:pos] + unicodedata.normalize("NFC", decomposed) + base[pos + 1:]


# Telex, the usual way to type Vietnamese: letters for the vowel marks and a last letter for the
# tone. A keyboard left in plain mode types them as they are ('ddawng kys', 'tachs').
_TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5}
_TELEX_MARKS = (("uow", "ươ"), ("dd", "đ"), ("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"),
                ("ow", "ơ"), ("uw", "ư"))


def telex_syllable(word: str) -> str | None:
    """The syllable a word typed with Telex keys stands for ('tachs' -> 'tách', 'ddawng' ->
    'đăng', 'nhaapj' -> 'nhập'), or None when it has no Telex key. (No Vietnamese syllable ends
    in s, f, r, x or j.)"""
    if not word.isascii() or not word.isalpha():
        return None
    low = word.lower()
    tone = _TELEX_TONES.get(low[-1], 0) if len(low) > 1 else 0
    base = low[:-1] if tone else low
    for keys, letter in _TELEX_MARKS:
        base = base.replace(keys, letter)
    if base == low:
        return None
    if tone:
        marked = _with_tone(base, tone)
        if marked is None:
            return None
        base = marked
    return canonical_syllable(base)


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Drop every diacritic; đ -> d."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_ascii_word(token: str) -> bool:
    return token.isascii()


_INITIALS = ("ngh", "ng", "nh", "gh", "gi", "ch", "tr", "th", "ph", "kh", "qu",
             "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
_INITIAL_CLASS = {"ngh": "ng", "gh": "g", "gi": "z", "d": "z", "r": "z", "tr": "ch", "x": "s",
                  "n": "l", "k": "c", "qu": "cu", "đ": "đ"}
_FINAL_CLASS = (("ng", "n"), ("nh", "n"), ("ch", "t"), ("c", "t"))


@lru_cache(maxsize=65536)
def sound_key(syllable: str) -> str:
    """Tone-free key in which commonly confused consonants fall together (for recognition errors):
    s/x, ch/tr, d/gi/r, l/n, c/k/q, final n/ng/nh, final t/c/ch, and i/y. Vowel letters are kept."""
    base, _ = split_tone(syllable.lower())
    if base.startswith("gi"):
        base = "z" + (base[2:] if len(base) > 2 and base[2] in _VOWELS else base[1:])
    else:
        for ini in _INITIALS:
            if base.startswith(ini):
                base = _INITIAL_CLASS.get(ini, ini) + base[len(ini):]
                break
    for fin, repl in _FINAL_CLASS:
        if base.endswith(fin) and len(base) > len(fin):
            base = base[: -len(fin)] + repl
            break
    return base.replace("y", "i")


def tokens(text: str) -> list[str]:
    """NFC, lower case, words split on anything that is not a letter or digit, canonical syllables."""
    text = nfc(text).lower()
    return [canonical_syllable(w) for w in _WORD.findall(text)]


def normalize(text: str) -> str:
    """The normalized form of a text: canonical syllables joined by single spaces."""
    return " ".join(tokens(text))


def strip_diacritics(text: str) -> str:
    """Kept for callers of the first matcher: the diacritic-free form of a text."""
    return ascii_fold(nfc(text))


def has_diacritics(text: str) -> bool:
    return any(not c.isascii() for c in text if c.isalpha())
