"""Which system intent (yes, no, repeat, staff, language ...) an utterance may be, and how much
of it that intent's phrases cover. Whether it wins over a procedure is decided in matcher.py;
the phrase tables are in system.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from dialogs.understanding.clauses import clause_spans
from dialogs.understanding.lexicon import Lexicon, Phrase
from dialogs.understanding.normalize import ascii_fold, tokens
from dialogs.understanding.system import (CHOICE_WORDS, DECISIVE, FILLERS, QUESTION_TAGS,
                                          STRONG_INTENTS, SYSTEM_PHRASES)
from dialogs.understanding.words import phrase_quality

# Words of a language other than Vietnamese in a request for a language ('tiếng anh', 'tiếng
# hàn', 'tiếng khác': the kiosk's other one).
_FOREIGN = frozenset(tokens("anh english hàn trung nhật pháp nga đức khác"))
# Words whose language follows them: a name or a text in it, not the kiosk's language.
_IN_A_LANGUAGE = frozenset(tokens("tên chữ ten chu"))


@dataclass
class SystemHit:
    """The system intent an utterance may be, and what else it said."""
    intent: str
    cover: float
    """Share of the utterance's words (fillers left out) this intent's phrases cover."""
    strong: bool
    value: str | None
    decisive: bool
    """A phrase that decides the intent even beside words of a procedure."""
    clause: bool
    """The intent's phrases cover a whole clause ('chuyển sang tiếng Anh được không, chồng tôi
    người nước ngoài'): that clause says nothing else."""
    rest: list[str]
    """Words no system phrase covers (fillers left out)."""


class SystemPhrases:
    """The built-in system phrases and a lexicon's, ready to be found in an utterance."""

    def __init__(self, lexicon: Lexicon) -> None:
        pairs: list[tuple[str, Phrase]] = [(i, tuple(tokens(p))) for i, ps in SYSTEM_PHRASES.items()
                                           for p in ps]
        pairs += list(lexicon.system)
        # A phrase that decides its intent is one of its phrases too.
        pairs += [(i, tuple(tokens(p))) for i, ps in DECISIVE.items() for p in ps]
        self.phrases: list[tuple[str, Phrase]] = list(dict.fromkeys((i, p) for i, p in pairs if p))
        self._first: dict[str, list[tuple[str, Phrase]]] = {}
        for i, p in self.phrases:
            self._first.setdefault(ascii_fold(p[0]), []).append((i, p))
        # A phrase that holds one that decides its intent decides it too ('nói được tiếng anh').
        decides = {i: {tuple(tokens(p)) for p in ps} for i, ps in DECISIVE.items()}
        self._decisive = {i: {p for j, p in self.phrases if j == i and any(
            p[k:k + len(d)] == d for d in ds for k in range(len(p) - len(d) + 1))}
            for i, ds in decides.items()}
        self._tags = {tuple(tokens(p)) for p in QUESTION_TAGS}
        self._fillers = frozenset(tokens(" ".join(FILLERS)))
        self._fillers_ascii = frozenset(ascii_fold(w) for w in self._fillers)

    def words(self) -> set[str]:
        """Every word of the phrases."""
        return {w for _, p in self.phrases for w in p}

    def match(self, toks: list[str], bounds: set[int] = frozenset(),
              plain: bool | None = None) -> SystemHit | None:
        """The system intent whose phrases cover most of the utterance. Phrases take the words
        longest first, so 'không phải' is 'no' and not 'yes' through 'phải'; filler words
        ('dạ', 'đó', 'please') count neither way. `bounds`: where each clause ends; `plain`:
        whether the citizen typed without accents (by default, whether `toks` have none; 'dung r'
        was typed so, though its shorthand 'r' is read as 'rồi')."""
        matches: list[tuple[int, Phrase, str]] = []
        # In an utterance typed with accents, 'di' is 'di' ('làm di chúc'), not 'đi'.
        if plain is None:
            plain = all(t.isascii() for t in toks)
        # 'chứng thực bản dịch tiếng Nhật sang tiếng Việt': languages of a translation, not the
        # kiosk's.
        translating = any(t == "dịch" or (plain and t == "dich") for t in toks)
        for i in range(len(toks)):
            for intent, p in self._first.get(ascii_fold(toks[i]), ()):
                # 'đổi sang tên tiếng Việt', 'chữ tiếng Nhật': a name or a text in a language.
                if intent == "language" and (translating or (i and toks[i - 1] in _IN_A_LANGUAGE)):
                    continue
                if phrase_quality(toks, i, p, loose=False, ascii_ok=plain) >= 0.95:
                    matches.append((i, p, intent))
        if not matches:
            return None
        # Longest first; of two as long, a phrase that decides its intent ('gặp người thật':
        # 'người thật', not 'gặp người').
        matches.sort(key=lambda m: (-len(m[1]), m[1] not in self._decisive.get(m[2], ()), m[0]))
        owner: dict[int, str] = {}
        strong: dict[str, bool] = {}
        decisive: set[str] = set()
        for i, p, intent in matches:
            span = range(i, i + len(p))
            if any(k in owner for k in span):
                continue
            for k in span:
                owner[k] = intent
            if intent in STRONG_INTENTS and (len(p) >= 2 or p[0].isascii()):
                strong[intent] = True
            if p in self._decisive.get(intent, ()):
                decisive.add(intent)
        fillers = self._fillers_ascii if plain else self._fillers
        clauses = [range(a, b) for a, b in clause_spans(len(toks), bounds)]
        # Per clause, what is said: not fillers, nor the frame of a yes/no question ('máy có
        # nói tiếng anh không', '... được không') or a question tag after it ('..., phải
        # không'), which say nothing themselves.
        content_of = [[] if k and tuple(toks[c.start:c.stop]) in self._tags
                      else _clause_content(toks, c, fillers) for k, c in enumerate(clauses)]
        content = [i for c in content_of for i in c]
        covered: dict[str, set[int]] = {}
        for k, intent in owner.items():
            covered.setdefault(intent, set()).add(k)
        order = list(SYSTEM_PHRASES)

        def cov_of(intent: str) -> float:
            idx = covered[intent]
            if not content:
                return 1.0
            return len([i for i in content if i in idx]) / len(content)

        intent = max(covered, key=lambda it: (cov_of(it) + (0.3 if strong.get(it) else 0.0),
                                              -order.index(it) if it in order else -99))
        idx = covered[intent]
        value = None
        if intent == "language":
            # English for a foreign language (the kiosk's other one); Vietnamese when asked for,
            # and for a language of Vietnam's peoples ('tiếng Mường') it does not speak.
            value = "en" if any(toks[i] in _FOREIGN for i in idx) else "vi"
        elif intent == "choose":
            value = next((CHOICE_WORDS[toks[i]] for i in sorted(idx) if toks[i] in CHOICE_WORDS),
                         None)
        rest = [t for i, t in enumerate(toks) if i not in owner and i in content]
        clause = any(c and all(i in idx for i in c) for c in content_of)
        return SystemHit(intent, cov_of(intent), bool(strong.get(intent)), value,
                         intent in decisive, clause=clause, rest=rest)


def _clause_content(toks: list[str], clause: range, fillers: frozenset[str]) -> list[int]:
    """Positions in one clause that say something to a system intent."""
    a, b = clause.start, clause.stop
    if b - a > 2 and tuple(toks[b - 2:b]) == ("được", "không"):
        b -= 2
    frame: set[int] = set()
    last = max((k for k in range(a, b) if toks[k] not in fillers), default=-1)
    if last >= a + 2 and toks[last] == "không" and "có" in toks[a:last - 1]:
        frame = {last, max(k for k in range(a, last - 1) if toks[k] == "có")}
    return [i for i in range(a, b) if toks[i] not in fillers and i not in frame]
