"""Catalogue-driven understanding of one utterance.

Steps: normalize (normalize.py) -> clauses, corrections and field cues (clauses.py) -> repair
split/merged syllables -> dialect words -> system phrases (system.py) -> a field named on its own
(fields.py) -> lexicon concepts (everyday words -> official words) -> query units -> scores of
every procedure name/alias and field name (index.py, vectorized with numpy) -> calibrated
confidence (calibration.py) -> decision accept / clarify / reject. The recognizer's phrase list
is in grammar.py.

Score of a text t (a procedure name or alias): Q = how much of what the citizen said t explains
(IDF-weighted query units), D = how much of t the citizen said (IDF-weighted words of t), B = how
many of t's word pairs were said. Nothing here knows any procedure id or any one catalogue.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dialogs.catalogue import Catalogue
from dialogs.understanding import calibration
from dialogs.understanding.clauses import (CLAUSE, NAMED_FIELD_CUES, STRONG_FIELD_CUES,
                                           drop_cues, drop_only_particle, has_field_cue,
                                           negation_scopes)
from dialogs.understanding.fields import FieldPhrases
from dialogs.understanding.index import CatalogueIndex
from dialogs.understanding.lexicon import (Concept, Lexicon, Phrase, index_phrases,
                                           phrase_positions, phrase_spans)
from dialogs.understanding.normalize import (ascii_fold, canonical_syllable, normalize, sound_key,
                                             split_tone, tokens)
from dialogs.understanding.result import Candidate, Understanding
from dialogs.understanding.system import (CHOICE_WORDS, DECISIVE, FILLERS, STOP_WORDS,
                                          STRONG_INTENTS, SYSTEM_PHRASES)

# A system intent whose phrases cover this share of the non-polite words wins.
_SYSTEM_COVER = 0.6
_UNKNOWN_WEIGHT = 1.6     # weight of a word that neither the catalogue nor the lexicon knows
_COMMON_WEIGHT = 0.35     # weight of an everyday word that says little (family words, ...)
_MAX_CANDIDATES = 3


@dataclass
class _Unit:
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


@dataclass
class _Scored:
    score: np.ndarray
    q: np.ndarray
    d: np.ndarray
    b: np.ndarray
    said: dict[str, float] = field(default_factory=dict)
    """Catalogue words the utterance hit (directly or through the lexicon), best quality each."""
    units: list = field(default_factory=list)
    field_q: np.ndarray | None = None
    """Per field: how much of the utterance the field's name and its procedures' texts explain
    (a field is the set of its procedures)."""


@dataclass
class _SystemHit:
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


class Understander:
    """Understands utterances against one catalogue; build once per catalogue (fast)."""

    def __init__(self, catalogue: Catalogue, lexicon: Lexicon | None = None) -> None:
        self.catalogue = catalogue
        self.lexicon = lexicon or Lexicon()
        lx = self.lexicon
        self.stop = frozenset(tokens(" ".join(STOP_WORDS))) | lx.stop
        # Common and generic phrases apply where all their words occur in a row.
        self.common = frozenset(p for p in lx.common if not (len(p) == 1 and p[0] in self.stop))
        self.generic = lx.generic
        self._little = self.common | self.generic      # phrases that name no procedure
        self._little_first = index_phrases(self._little)
        self._little_words = frozenset(p[0] for p in self._little if len(p) == 1)
        self._common_first = index_phrases(self.common)
        self._common_first_ascii: dict[str, list[Phrase]] = {}
        for p in self.common:
            self._common_first_ascii.setdefault(ascii_fold(p[0]), []).append(p)
        self._generic_first_ascii: dict[str, list[Phrase]] = {}
        for p in self.generic:
            if len(p) > 1:
                self._generic_first_ascii.setdefault(ascii_fold(p[0]), []).append(p)
        # System phrases by intent.
        sys_pairs: list[tuple[str, Phrase]] = [(i, tuple(tokens(p))) for i, ps in SYSTEM_PHRASES.items()
                                               for p in ps]
        sys_pairs += list(lx.system)
        # A phrase that decides its intent is one of its phrases too.
        sys_pairs += [(i, tuple(tokens(p))) for i, ps in DECISIVE.items() for p in ps]
        self.system = list(dict.fromkeys((i, p) for i, p in sys_pairs if p))
        # Everyday phrases, longest first.
        self.concepts: list[tuple[Phrase, Concept]] = sorted(
            ((s, c) for c in lx.concepts for s in c.say), key=lambda sc: -len(sc[0]))
        self.dialect = sorted(lx.dialect + lx.typed, key=lambda d: -len(d[0]))
        extra = set(self.stop) | {w for p in self.common for w in p}
        for _, c in self.concepts:
            for ph in c.say:
                extra.update(ph)
        for _, p in self.system:
            extra.update(p)
        for src, dst in lx.dialect:
            extra.update(src)
            extra.update(dst)
        # Typed shorthand ('ng', 'r') is read before anything else, but is no word a split or
        # merged syllable could be ('khai sing' is not 'khai si ng').
        self._typed_words = frozenset(w for src, _ in lx.typed for w in src)
        for _, dst in lx.typed:
            extra.update(dst)
        self.index = CatalogueIndex(catalogue, extra_vocab=extra, marked=lx.marked,
                                    unmarked=lx.unmarked)
        # Concept words join the vocabulary the query is fuzzily matched against only when the
        # catalogue uses them.
        # Also by the sound of the first word ('xang tên' heard for 'sang tên').
        self._first: dict[str, list[tuple[Phrase, Concept]]] = {}
        self._first_sound: dict[str, list[tuple[Phrase, Concept]]] = {}
        for s, c in self.concepts:
            key, sound = ascii_fold(s[0]), ascii_fold(sound_key(s[0]))
            self._first.setdefault(key, []).append((s, c))
            if sound != key:
                self._first_sound.setdefault(sound, []).append((s, c))
        self._sys_first: dict[str, list[tuple[str, Phrase]]] = {}
        for i, p in self.system:
            self._sys_first.setdefault(ascii_fold(p[0]), []).append((i, p))
        self._dia_first: dict[str, list[tuple[Phrase, Phrase]]] = {}
        for src, dst in self.dialect:
            self._dia_first.setdefault(ascii_fold(src[0]), []).append((src, dst))
        self._known = extra | set(self.index.post)
        # Words of each concept's phrases that name something (outside generic/common phrases).
        self._concept_names: dict[int, frozenset[str]] = {}
        for c in lx.concepts:
            names: set[str] = set()
            for ph in (*c.means, *c.say):
                little = phrase_positions(ph, self._little, self._little_first)
                names.update(w for k, w in enumerate(ph) if k not in little)
            self._concept_names[id(c)] = frozenset(names)
        self._stop_ascii = {ascii_fold(w) for w in self.stop}
        self._modifiers = frozenset(w for p in lx.modifier for w in p if len(p) == 1)
        self._known_ascii = {ascii_fold(w) for w in self._known}
        self._fillers = frozenset(tokens(" ".join(FILLERS)))
        self._fillers_ascii = frozenset(ascii_fold(w) for w in self._fillers)
        self._outside_first = index_phrases(self.lexicon.outside)
        self._decisive = {i: {tuple(tokens(p)) for p in ps} for i, ps in DECISIVE.items()}
        self._field_phrases = FieldPhrases(catalogue, self.lexicon)
        # Words of field names and of what people call a field ('bên tư pháp', 'bên đất').
        self._field_words = frozenset(w for f in catalogue.fields for w in tokens(f.name)) | \
            frozenset(w for say, _ in lx.fields for w in say)
        self._ascii_bigrams = {(ascii_fold(a), ascii_fold(b)) for a, b in self.index.bigrams}
        # Variant phrases of two words or more ('tạm ngừng', 'cấp lại'; not 'lại', 'mất').
        self._marked_pairs: dict[str, list[Phrase]] = {}
        for ph in lx.marked:
            if len(ph) >= 2:
                self._marked_pairs.setdefault(ph[0], []).append(ph)
        # The variant words ('tạm ngừng' of 'tạm ngừng hoạt động kinh doanh') of each meaning.
        mfirst = index_phrases(lx.marked)
        self._means_marked: dict[Phrase, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = {}
        for c in lx.concepts:
            for m in c.means:
                pos = phrase_positions(m, lx.marked, mfirst)
                if pos:     # the words, and the pairs said together ('cấp lại', not 'cấp ... lại')
                    self._means_marked[m] = (frozenset(m[k] for k in pos),
                                             tuple((m[k], m[k + 1]) for k in sorted(pos)
                                                   if k + 1 in pos))

    # -- public --------------------------------------------------------------------------
    def understand(self, text: str, alternatives: tuple[str, ...] | list[str] = ()) -> Understanding:
        """The intent of one utterance (and of the recognizer's alternatives, best of them)."""
        best = self._understand_one(text)
        for alt in list(alternatives)[:4]:
            if best.decision == "accept" and best.confidence >= 0.9:
                break
            if not alt or alt == text:
                continue
            u = self._understand_one(alt)
            if _rank(u) > _rank(best):
                best = Understanding(**{**u.__dict__, "text": text})
        return best

    # -- steps ---------------------------------------------------------------------------
    def _understand_one(self, text: str) -> Understanding:
        self.last_features = None
        # For tools/diagnosis only: (score, Q, D, unknown share, confidence, evidence, B) of
        # the last procedure answer (see _evidence).
        self.last_debug = None
        # Clause by clause (commas, full stops): a split/merged syllable or a dialect phrase
        # never spans two clauses, and a negation ends with its clause.
        toks, bounds = [], set()
        for part in CLAUSE.split(text):
            ct = drop_only_particle(tokens(part))
            if ct:
                toks.extend(self._apply_dialect(self._repair(ct)))
                bounds.add(len(toks))
        if not toks:
            return Understanding(text=text, intent="unknown", decision="reject", confidence=0.0)
        neg = negation_scopes(toks, bounds)
        sys_hit = self._system(toks, bounds)
        field_cue = has_field_cue(toks, field_words=self._field_words)
        strong_cue = has_field_cue(toks, STRONG_FIELD_CUES)
        named_cue = has_field_cue(toks, NAMED_FIELD_CUES)
        ctoks, cneg = drop_cues(toks, neg)
        units, n_content = self._units(ctoks, cneg)
        proc = self._score(units) if units else None
        if proc is not None:
            self._weigh_said_variants(ctoks, cneg, proc)
        # Best procedure and its features.
        ranked: list[tuple[float, int, int]] = []  # (score, procedure index, text index)
        if proc is not None:
            ranked = self._rank_procedures(proc)
        # Only generic words hit the catalogue ("xin cái giấy xác nhận"): no procedure is named.
        if proc is not None and not any(q >= 0.5 and w in u.names for u in units
                                        for g in u.groups for w, q in g):
            ranked = []
        p_score = ranked[0][0] if ranked else 0.0
        p_q = float(proc.q[ranked[0][2]]) if ranked else 0.0
        p_d = float(proc.d[ranked[0][2]]) if ranked else 0.0
        named_field = self._field_phrases.match(toks) \
            or self._field_phrases.match_clause(toks, bounds)
        # System intents ('gặp người phụ trách giáo dục' asks for a field's desk, not staff).
        if sys_hit is not None and not (named_field is not None and sys_hit.intent == "staff"
                                        and not sys_hit.decisive):
            cov = sys_hit.cover
            sys_wins = (cov >= 0.99 or (cov >= _SYSTEM_COVER and p_q < 0.75)
                        or (sys_hit.strong and cov >= 0.34 and p_q < 0.6)
                        or (cov >= 0.5 and p_score < 0.3)
                        or (sys_hit.decisive and (sys_hit.intent != "language" or cov >= 0.4
                                                  or sys_hit.clause)))
            if not sys_wins and (cov >= 0.5 or (sys_hit.strong and cov >= 0.34) or sys_hit.clause):
                # All the rest is talk around it ("thôi để mai tôi quay lại"): nothing named.
                sys_wins = not self._names_something(sys_hit.rest)
            if sys_wins:
                conf = round(min(0.99, 0.55 + 0.45 * max(cov, 0.6 if sys_hit.decisive else 0)), 3)
                return Understanding(text=text, intent=sys_hit.intent, decision="accept",
                                     confidence=conf, value=sys_hit.value)
        # A field named on its own, by its name or what people call it ('bên tư pháp').
        if named_field is not None:
            fj, several = named_field
            return Understanding(text=text, intent="field",
                                 decision="clarify" if several else "accept",
                                 confidence=0.6 if several else 0.9,
                                 field_id=self.catalogue.fields[fj].id)
        if proc is None or not ranked:
            # No procedure named, but perhaps a field ("thi đua", "trẻ em").
            field_u = self._field(text, proc, 0.0, 0.0, field_cue, [], strong_cue, named_cue) \
                if proc is not None else None
            return field_u or Understanding(text=text, intent="unknown", decision="reject",
                                            confidence=0.0)
        # A field named on its own.
        field_u = self._field(text, proc, p_q, p_d, field_cue, ranked, strong_cue, named_cue,
                              doing=bool(_DOING & set(ctoks)))
        if field_u is not None:
            return field_u
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        p_b = float(proc.b[ranked[0][2]])
        total_w = sum(u.weight for u in units) or 1.0
        unknown = sum(u.weight * (1.0 - u.known) for u in units) / total_w
        self.last_features = calibration.features(p_score, second, p_q, p_d, p_b, n_content,
                                                  unknown)
        conf = calibration.confidence(p_score, second, p_q, p_d, p_b, n_content, unknown)
        ev = self._evidence(units, ranked[0][2])
        self.last_debug = (round(p_score, 2), round(p_q, 2), round(p_d, 2), round(unknown, 2),
                           round(conf, 2), ev, round(p_b, 2))
        top_idx = ranked[0][1]
        top = self.catalogue.procedures[top_idx]
        cands = tuple(Candidate(self.catalogue.procedures[i].id, round(s, 3))
                      for s, i, _ in ranked[:_MAX_CANDIDATES]
                      if s >= calibration.CANDIDATE_SHARE * p_score)
        rel_margin = (p_score - second) / p_score if p_score > 0 else 0.0
        # Asked about a whole field ('việc bên công an', 'các việc xây dựng') that explains all
        # that was said: a procedure of it is a guess unless the citizen named it well.
        field_like = field_cue and proc.field_q is not None \
            and float(proc.field_q[self._field_index(top_idx)]) >= 0.85 \
            and p_d < calibration.FIELD_CUE_MIN_D
        if conf >= calibration.ACCEPT_AT and rel_margin >= calibration.MIN_REL_MARGIN \
                and unknown < calibration.MAX_UNKNOWN and p_q >= calibration.MIN_ACCEPT_Q \
                and not field_like:
            decision = "accept"
        elif conf >= calibration.CLARIFY_AT and p_score >= calibration.MIN_SCORE \
                and not self._off_topic(ev, conf, p_d, p_b) \
                and not (any(u.outside and not u.modified for u in units)
                         and (ev[0] < 0.25 or self._one_word_named(units, ranked[0][2]))):
            decision = "clarify"
        else:
            return Understanding(text=text, intent="unknown", decision="reject",
                                 confidence=round(conf, 3), candidates=cands)
        return Understanding(text=text, intent="procedure", decision=decision,
                             confidence=round(conf, 3), procedure_id=top.id, field_id=top.field_id,
                             candidates=cands)

    @staticmethod
    def _off_topic(ev: tuple[float, float, float], conf: float, d: float, b: float) -> bool:
        """Nothing the catalogue names was said, only near words ('đi chợ' ~ 'trợ'), none of
        them next to another; or a request word or two in talk about something else ('bán cho
        tôi cái bánh mì'): little of any name said, and most of what was said unexplained."""
        exact, fuzzy, _, named_hits = ev
        if exact == 0.0 and b == 0.0 and named_hits <= 1:
            return True
        return conf < calibration.OFF_TOPIC_CONF and exact < calibration.OFF_TOPIC_EXACT \
            and d < calibration.OFF_TOPIC_D

    def _one_word_named(self, units: list[_Unit], t: int) -> bool:
        """Text t is named by one word said alone ('mua' of 'mua vé tàu', 'bán' of 'có bán vé
        số không'): beside a thing no centre handles, that word is about that thing."""
        words = set(self.index.texts[t].toks)
        named = [u for u in units if any(w in words and w in u.names and q >= 0.5
                                         for g in u.groups for w, q in g)]
        return len(named) == 1 and named[0].end - named[0].start <= 1

    def _evidence(self, units: list[_Unit], t: int) -> tuple[float, float, float, int]:
        """(weight of units naming words of text t exactly, weight of units hitting t only
        fuzzily, weight of units hitting nothing of t), over the total weight, and how many
        units name words of t at all."""
        words = set(self.index.texts[t].toks)
        exact = fuzzy = miss = 0.0
        named_hits = 0
        for u in units:
            best = best_named = 0.0
            for g in u.groups:
                for w, q in g:
                    if w in words:
                        best = max(best, q)
                        if w in u.names:
                            best_named = max(best_named, q)
            named_hits += best_named > 0
            if best_named >= 0.9:
                exact += u.weight
            elif best > 0:
                fuzzy += u.weight
            else:
                miss += u.weight
        tot = exact + fuzzy + miss or 1.0
        return round(exact / tot, 2), round(fuzzy / tot, 2), round(miss / tot, 2), named_hits

    def _repair(self, toks: list[str]) -> list[str]:
        """Split a syllable run typed or heard as one word (khaisinh); merge a syllable heard as
        two (when the pair joined is a known word and neither half is)."""
        out: list[str] = []
        known, kasc = self._known, self._known_ascii
        i = 0
        while i < len(toks):
            t = toks[i]
            a = ascii_fold(t)
            if t not in known and a not in kasc and t not in self._typed_words:
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

    def _split(self, t: str) -> list[str] | None:
        a = ascii_fold(t)
        if len(a) < 4 or not a.isalpha():
            return None
        kasc = self._known_ascii
        if t.isascii():
            for k in range(2, len(a) - 1):
                if a[:k] in kasc and a[k:] in kasc:
                    return [a[:k], a[k:]]
            for k in range(2, len(a) - 3):
                for m in range(k + 2, len(a) - 1):
                    if a[:k] in kasc and a[k:m] in kasc and a[m:] in kasc:
                        return [a[:k], a[k:m], a[m:]]
            return None
        # With accents: split the NFC string itself where the parts (two or three) are known.
        known = self._known
        for k in range(1, len(t)):
            a, b = canonical_syllable(t[:k]), canonical_syllable(t[k:])
            if a in known and b in known:
                return [a, b]
        for k in range(1, len(t) - 1):
            a = canonical_syllable(t[:k])
            if a not in known:
                continue
            for m in range(k + 1, len(t)):
                b, c = canonical_syllable(t[k:m]), canonical_syllable(t[m:])
                if b in known and c in known:
                    return [a, b, c]
        return None

    def _match_at(self, toks: list[str], i: int, phrase: Phrase, loose: bool,
                  ascii_ok: bool = True) -> float:
        """Quality with which `phrase` occurs at toks[i:], 0 if it does not (a word typed
        without accents stands for the accented one only when `ascii_ok`)."""
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

    def _apply_dialect(self, toks: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(toks):
            for src, dst in self._dia_first.get(ascii_fold(toks[i]), ()):
                need = 1.0 if len(src) == 1 else 0.95
                if self._match_at(toks, i, src, loose=False) >= need:
                    out.extend(dst)
                    i += len(src)
                    break
            else:
                out.append(toks[i])
                i += 1
        return out

    def _system(self, toks: list[str], bounds: set[int] = frozenset()) -> "_SystemHit | None":
        """The system intent whose phrases cover most of the utterance. Phrases take the words
        longest first, so 'không phải' is 'no' and not 'yes' through 'phải'; filler words
        ('dạ', 'đó', 'please') count neither way."""
        matches: list[tuple[int, Phrase, str]] = []
        # In an utterance typed with accents, 'di' is 'di' ('làm di chúc'), not 'đi'.
        plain = all(t.isascii() for t in toks)
        for i in range(len(toks)):
            for intent, p in self._sys_first.get(ascii_fold(toks[i]), ()):
                if self._match_at(toks, i, p, loose=False, ascii_ok=plain) >= 0.95:
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
        clauses = [range(a, b) for a, b in zip([0, *sorted(bounds)], sorted(bounds)) if b > a] \
            or [range(len(toks))]
        # Per clause, what is said: not fillers, nor the frame of a yes/no question ('máy có
        # nói tiếng anh không', '... được không'), which says nothing itself.
        content_of = [self._clause_content(toks, c, fillers) for c in clauses]
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
        return _SystemHit(intent, cov_of(intent), bool(strong.get(intent)), value,
                          intent in decisive, clause=clause, rest=rest)

    @staticmethod
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

    def _names_something(self, toks: list[str]) -> bool:
        """Whether these words name something of the catalogue (not only generic words)."""
        if not toks:
            return False
        units, _ = self._units(toks)
        return any(q >= 0.5 and w in u.names for u in units for g in u.groups for w, q in g)

    def _units(self, toks: list[str], neg: set[int] | None = None) -> tuple[list[_Unit], int]:
        """Query units: lexicon concepts (every match not inside a longer one), then the words no
        concept took. Units wholly inside a correcting negation (`neg`: positions, 'không phải
        X') do not count as the request when something else is named."""
        idx = self.index
        n = len(toks)
        matches: list[tuple[int, int, Phrase, Concept, float]] = []
        for i in range(n):
            for s, c in (*self._first.get(ascii_fold(toks[i]), ()),
                         *self._first_sound.get(ascii_fold(sound_key(toks[i])), ())):
                q = self._match_at(toks, i, s, loose=True)
                if q > 0:
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
        # start an everyday phrase of its own ('cho đất': give land).
        kept = [m for m in kept
                if not (toks[m[0]] in self._modifiers and any(o[1] == m[0] for o in kept))]
        # Same span matched by several concepts: keep all; same concept twice: once.
        seen: set[tuple[int, int, int]] = set()
        taken = [False] * n
        concept_units: list[tuple[int, int, _Unit]] = []
        for k in sorted(outside):
            taken[k] = True
            concept_units.append((k, k + 1, _Unit(weight=_UNKNOWN_WEIGHT, groups=[], known=0.0,
                                                  start=k, end=k + 1, outside=True)))
        for start, end, s, c, q in kept:
            key = (start, end, id(c))
            if key in seen:
                continue
            seen.add(key)
            groups: list[list[tuple[str, float]]] = []
            present: list[float] = []
            need: dict[int, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = {}
            for m in c.means:
                g = [(w, q) for w in m if w in idx.post]
                if g:
                    marked = self._means_marked.get(m)
                    if marked and marked[0] <= idx.post.keys():
                        pairs = marked[1] if all(b in idx.bpost for b in marked[1]) else ()
                        need[len(groups)] = (marked[0], pairs)
                    groups.append(g)
                    present.append(sum(idx.idf[w] for w, _ in g) / len(g))
            if all(w in idx.post for w in s):
                groups.append([(w, q * calibration.LITERAL_Q) for w in s])
            if groups:
                weight = max(1.0, max(present, default=1.0)) * c.weight
                if len(s) == 1:
                    weight *= calibration.SINGLE_WORD_CONCEPT
            else:
                weight = calibration.ABSENT_CONCEPT_WEIGHT
            seqs = [[(w, q)] for w in s if w in idx.post]
            concept_units.append((start, end, _Unit(weight=weight, groups=groups, seq=seqs, need=need,
                                                    names=self._concept_names[id(c)],
                                                    start=start, end=end, concept=True)))
            for k in range(start, end):
                taken[k] = True
        units: list[tuple[int, _Unit]] = self._merge_same_span(concept_units)
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
            is_common = i in common_exact or (t.isascii() and not in_cat and i in common_loose) \
                or (t.isdigit() and not in_cat)    # a number: an age, a year, a class
            if is_stop:
                keep = (i > 0 and (toks[i - 1], t) in bigrams) or \
                       (i + 1 < n and (t, toks[i + 1]) in bigrams)
                if not keep:
                    continue
            if is_common:
                cands = {t: 1.0} if t in idx.post else {}
                w = _COMMON_WEIGHT * (idx.idf.get(t, 1.0) if cands else 1.0)
            else:
                cands = idx.vocab.lookup(t, fuzzy=not is_stop)
                if cands and t not in cands and not t.isascii() \
                        and not self._pairs_with_neighbour(toks, i, cands):
                    # Typed or heard with its accents, a word the catalogue lacks is most
                    # likely itself ('em trai' is not 'cháy'), unless its near word pairs
                    # with a neighbour as in a name ('xay dựng').
                    cands = {v: q * calibration.LONE_FUZZY for v, q in cands.items()}
                if cands:
                    w = max(q * idx.idf[v] for v, q in cands.items())
                else:
                    w = _UNKNOWN_WEIGHT
            groups = [[(v, q)] for v, q in cands.items()]
            names = frozenset() if is_common or i in generic_multi else \
                frozenset(v for v in cands if v not in self._little_words)
            if cands and not is_common and (is_stop or not names):
                w *= _COMMON_WEIGHT     # a generic or stop word says little, however rare
            known = 1.0 if is_common or is_stop else max(cands.values(), default=0.0)
            units.append((i, _Unit(weight=w, groups=groups, seq=[list(cands.items())],
                                   names=names, known=known, start=i, end=i + 1)))
        units.sort(key=lambda iu: iu[0])
        out = [u for _, u in units]
        self._weigh_modifiers(toks, out, taken)
        if neg:
            out = _apply_negation(out, neg)
        return out, len(out)

    def _outside_positions(self, toks: list[str], matches: list) -> set[int]:
        """Positions of things no centre handles, except inside a longer everyday phrase ('đi
        xuất khẩu lao động', 'mở quán phở')."""
        out: set[int] = set()
        for a, b in phrase_spans(toks, self.lexicon.outside, self._outside_first):
            if not any(m[1] - m[0] > b - a and m[0] <= a and b <= m[1] for m in matches):
                out.update(range(a, b))
        return out

    def _ascii_pairs(self, toks: list[str], i: int) -> bool:
        """Whether toks[i] forms, with a neighbour, a pair of a name without its accents."""
        a = ascii_fold(toks[i])
        return (i > 0 and (ascii_fold(toks[i - 1]), a) in self._ascii_bigrams) or \
            (i + 1 < len(toks) and (a, ascii_fold(toks[i + 1])) in self._ascii_bigrams)

    def _long_common_spans(self, toks: list[str]) -> list[tuple[int, int]]:
        """Spans of everyday phrases of two words or more that say little ('mất bao lâu')."""
        return [(a, b) for a, b in phrase_spans(toks, self.common, self._common_first)
                if b - a >= 2]

    def _pairs_with_neighbour(self, toks: list[str], i: int, cands: dict[str, float]) -> bool:
        """Whether a near word of toks[i] forms a pair of a name with a neighbour's word."""
        bigrams, lookup = self.index.bigrams, self.index.vocab.lookup
        left = lookup(toks[i - 1], fuzzy=False) if i > 0 else {}
        right = lookup(toks[i + 1], fuzzy=False) if i + 1 < len(toks) else {}
        return any((a, v) in bigrams for v in cands for a in left) or \
            any((v, b) in bigrams for v in cands for b in right)

    def _weigh_modifiers(self, toks: list[str], units: list[_Unit], taken: list[bool]) -> None:
        """The request comes first; what follows a modifier word ('cho', 'để' ...) says for whom
        or why ("đăng ký thường trú cho con mới sinh", "khai báo tạm trú cho công nhân"), so it
        weighs less than the request itself. Only after a word that names something."""
        if not self._modifiers:
            return
        bigrams = self.index.bigrams
        for m, t in enumerate(toks):
            if t not in self._modifiers or taken[m] or m == 0:
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
                if self._match_at(toks, i, p, loose=False) >= 0.95:
                    out.update(range(i, i + len(p)))
        return out

    @staticmethod
    def _merge_same_span(units: list[tuple[int, int, "_Unit"]]) -> list[tuple[int, "_Unit"]]:
        """Concepts matched on the same words are one thing said, with several meanings."""
        by_span: dict[tuple[int, int], _Unit] = {}
        for start, end, u in units:
            prev = by_span.get((start, end))
            if prev is None:
                by_span[(start, end)] = u
            else:
                prev.groups.extend(u.groups)
                prev.weight = max(prev.weight, u.weight)
                prev.names = prev.names | u.names
        return [(span[0], u) for span, u in by_span.items()]

    def _score(self, units: list[_Unit]) -> _Scored:
        idx = self.index
        nt = idx.n_texts
        total_w = sum(u.weight for u in units) or 1.0
        q_acc = np.zeros(nt)
        nf = len(self.catalogue.fields)
        fq_acc = np.zeros(nf)
        best_q: dict[str, float] = {}
        hits: list[np.ndarray] = []
        for u in units:
            hit = np.zeros(nt)
            for k, g in enumerate(u.groups):
                denom = sum(idx.idf[w] for w, _ in g) or 1.0
                acc = np.zeros(nt)
                for w, q in g:
                    acc[idx.post[w]] += q * idx.idf[w] / denom
                    if best_q.get(w, 0.0) < q:
                        best_q[w] = q
                need = u.need.get(k)
                if need:
                    acc[~idx.texts_with(words=need[0], pairs=need[1])] *= calibration.NEED_FACTOR
                np.maximum(hit, acc, out=hit)
            q_acc += u.weight * hit
            hits.append(hit)
            if nf:
                fh = np.zeros(nf)
                np.maximum.at(fh, idx.text_field, hit)
                fq_acc += u.weight * fh
        q_acc -= self._split_pairs(units, hits)
        d_acc = np.zeros(nt)
        for w, q in best_q.items():
            d_acc[idx.post[w]] += q * idx.post_cost[w]
        d = d_acc / idx.text_total
        q_share = q_acc / total_w
        # Bigrams: consecutive positions of the query, and inside official phrases.
        seq: list[list[tuple[str, float]]] = []
        for u in units:
            seq.extend(u.seq)
        qb: dict[tuple[str, str], float] = {}
        for a_alts, b_alts in zip(seq, seq[1:]):
            for a, qa in a_alts:
                for b, qb_ in b_alts:
                    if (a, b) in idx.bpost:
                        qb[(a, b)] = max(qb.get((a, b), 0.0), min(qa, qb_))
        for u in units:
            for g in u.groups:
                for (a, qa), (b, _) in zip(g, g[1:]):
                    if (a, b) in idx.bpost:
                        qb[(a, b)] = max(qb.get((a, b), 0.0), qa)
        b_acc = np.zeros(nt)
        for bg, q in qb.items():
            b_acc[idx.bpost[bg]] += q * idx.bidf[bg]
        b = b_acc / idx.text_btotal
        qp = q_share ** calibration.Q_POWER
        score = qp * (calibration.D_FLOOR + (1 - calibration.D_FLOOR) * d) \
            + calibration.B_WEIGHT * b * qp
        return _Scored(score=score * idx.text_factor, q=q_share, d=d, b=b, said=best_q, units=units,
                       field_q=fq_acc / total_w)

    def _weigh_said_variants(self, toks: list[str], neg: set[int], s: _Scored) -> None:
        """The citizen said the words of a variant ('tạm ngừng', 'gia hạn', 'cấp lại', 'lưu
        động'): a name without them is less likely, however many other words it shares."""
        idx = self.index
        for i in range(len(toks) - 1):
            if i in neg:
                continue
            for ph in self._marked_pairs.get(toks[i], ()):
                if tuple(toks[i:i + len(ph)]) != ph:
                    continue
                has = idx.texts_with(pairs=list(zip(ph, ph[1:])))
                if has.any():
                    s.score[~has] *= calibration.SAID_VARIANT_FACTOR

    def _split_pairs(self, units: list[_Unit], hits: list[np.ndarray]) -> np.ndarray | float:
        """Two words said together ('công nhân', 'ngân hàng') are one word: a name that has both
        apart ('thân nhân của người có công') explains them less than a name that has them
        together. Returns what to take off each text's explained weight."""
        idx = self.index
        out: np.ndarray | float = 0.0
        for k in range(len(units) - 1):
            a, b = units[k], units[k + 1]
            if a.concept or b.concept or b.start != a.end or not (a.names and b.names):
                continue
            both = np.minimum(a.weight * hits[k], b.weight * hits[k + 1])
            if not both.any():
                continue
            for wa in (w for g in a.groups for w, _ in g):
                for wb in (w for g in b.groups for w, _ in g):
                    together = idx.bpost.get((wa, wb))
                    if together is not None:
                        both[together] = 0.0
            out = out + calibration.SPLIT_PAIR_FACTOR * both
        return out

    def _rank_procedures(self, s: _Scored) -> list[tuple[float, int, int]]:
        idx = self.index
        pt = idx.proc_text_idx
        if len(pt) == 0:
            return []
        scores = s.score[pt]
        k = min(len(pt), 24)
        top = np.argpartition(-scores, k - 1)[:k]
        best: dict[int, tuple[float, int]] = {}
        for j in top:
            t = int(pt[j])
            p = int(idx.owner[t])
            sc = float(scores[j])
            if sc > 0 and (p not in best or sc > best[p][0]):
                best[p] = (sc, t)
        # A variant ("Đăng ký lại khai tử", "... có yếu tố nước ngoài", "... lưu động") yields
        # to its plain procedure when the citizen said none of the words that make it a variant.
        for p in list(best):
            for base, extra in idx.variants.get(p, ()):
                if base in best and best[base][0] >= 0.5 * best[p][0] \
                        and not ((extra - self.stop or extra)
                                 & self._said_for(s.units, best[p][1], p)):
                    best[p] = (best[p][0] * calibration.VARIANT_FACTOR, best[p][1])
                    break
        ranked = sorted(((sc, p, t) for p, (sc, t) in best.items()),
                        key=lambda x: (-x[0], idx.text_len[x[2]], x[1]))
        return ranked

    def _said_for(self, units: list[_Unit], t: int, p: int | None = None) -> set[str]:
        """Catalogue words of text t (or of any official text of procedure p) the citizen said:
        of an everyday phrase with several meanings ('mất rồi': died, or lost), only the
        meaning that fits t best."""
        words = set(self.index.texts[t].toks) if p is None else self.index.proc_words[p]
        idf = self.index.idf
        said: set[str] = set()
        for u in units:
            best, best_hit = None, 0.0
            for g in u.groups:
                hit = sum(q * idf[w] for w, q in g if w in words and q >= 0.5)
                if hit > best_hit:
                    best, best_hit = g, hit
            if best is not None:
                said.update(w for w, q in best if q >= 0.5 and w in words)
        return said

    def _field(self, text: str, s: _Scored, p_q: float, p_d: float,
               cue: bool, ranked: list[tuple[float, int, int]],
               strong_cue: bool = False, named_cue: bool = False,
               doing: bool = False) -> Understanding | None:
        idx = self.index
        ft = np.nonzero(~idx.is_proc)[0]
        if len(ft) == 0:
            return None
        j = int(ft[np.argmax(s.score[ft])])
        fq, fd = float(s.q[j]), float(s.d[j])
        # A field's whole name said beats any one procedure; a part of it ("nông nghiệp" of
        # "Nông nghiệp, Phòng chống thiên tai") only when it is all that was said, or asked
        # about as a field.
        jw = int(ft[np.argmax(s.score[ft] - 9.0 * idx.is_alias[ft])])
        wq, wd = float(s.q[jw]), float(s.d[jw])
        plain = wq >= 0.7 and wd >= 0.6 and wq >= p_q - 0.05 and wd > p_d + 0.1
        if plain:
            j, fq, fd = jw, wq, wd
        # All that was said is in the field's name, which explains it better than any one
        # procedure does ("hộ tịch" in "Tư pháp - Hộ tịch").
        whole = fq >= 0.9 and fd >= 0.3 and fq >= p_q - 0.05 and fd > p_d + 0.1
        cued = cue and fq >= 0.6 and fd >= 0.4 and fq >= p_q - 0.2
        # The whole name of a field (or of one part of it) asked about as a field: that field,
        # whatever its words also do in the names of another field's procedures.
        cued = cued or (cue and fq >= 0.6 and fd >= 0.99)
        # "thủ tục hộ kinh doanh": a word for 'procedures' before the whole name of a field.
        named = named_cue and fq >= 0.95 and fd >= 0.99
        # Another field whose name explains as much ('công an': Cư trú or Căn cước) makes the
        # field a question, not an answer.
        fbest = np.zeros(len(self.catalogue.fields))
        np.maximum.at(fbest, -1 - idx.owner[ft], s.q[ft])
        me = -1 - int(idx.owner[j])
        rival = float(np.max(np.delete(fbest, me))) if len(fbest) > 1 else 0.0
        # 'đăng ký điểm nhóm sinh hoạt tôn giáo': a verb of doing with a procedure of that very
        # field ranked first asks for that procedure.
        doing_there = doing and bool(ranked) and self._field_index(ranked[0][1]) == me
        if (plain or whole or cued or named) and rival < fq - 0.1 and not doing_there:
            f = self.catalogue.fields[me]
            return Understanding(text=text, intent="field", decision="accept",
                                 confidence=round(min(0.95, 0.5 + 0.45 * fq * fd), 3),
                                 field_id=f.id)
        # Asked about a field in words its procedures use ("hỏi về kinh doanh", "thủ tục cư
        # trú"): the field explains all that was said, and no one procedure stands out.
        if not cue or s.field_q is None or not ranked:
            return None
        top, first = ranked[0][0], ranked[0][1]
        # Variants of the best one (the same procedure at another level, for foreigners ...)
        # do not make it one of many: they are not other procedures of the field.
        kin = {b for b, _ in idx.variants.get(first, ())}
        close = [p for sc, p, _ in ranked if sc >= 0.7 * top
                 and (p == first or (p not in kin and not any(b == first or b in kin
                                                              for b, _ in idx.variants.get(p, ()))))]
        fields = [self._field_index(p) for p in close]
        fi = fields[0]
        same = sum(1 for x in fields if x == fi)
        # Words that fit several fields as well ('tư pháp', 'công an') name none of them.
        others = np.delete(s.field_q, fi)
        if len(others) and float(np.max(others)) > float(s.field_q[fi]) - 0.02:
            return None
        if doing and fields[0] == fi and self._field_index(first) == fi:
            return None
        if float(s.field_q[fi]) >= 0.85 and (strong_cue or ((p_d < 0.5 or same >= 2)
                                                            and same == len(fields))):
            return Understanding(text=text, intent="field", decision="accept",
                                 confidence=round(min(0.9, 0.5 + 0.4 * float(s.field_q[fi])), 3),
                                 field_id=self.catalogue.fields[fi].id)
        return None

    def _field_index(self, p: int) -> int:
        fid = self.catalogue.procedures[p].field_id
        for j, f in enumerate(self.catalogue.fields):
            if f.id == fid:
                return j
        return -1


# Words of foreign languages in a request for a language ('tiếng anh', 'tiếng hàn').
_FOREIGN = frozenset(tokens("anh english hàn trung nhật pháp nga đức"))

# Verbs of doing: with them a field's words ask for one of its procedures.
_DOING = frozenset(tokens("đăng kí xin cấp lập mở nhận"))


def _apply_negation(units: list[_Unit], neg: set[int]) -> list[_Unit]:
    """Without the units wholly inside a correcting negation, when something outside every
    negation names a thing (else the negation is all there is: 'không phải cái đó')."""
    inside = [u.end > u.start and all(k in neg for k in range(u.start, u.end)) for u in units]
    if not any(inside) or not any(u.names and u.groups and not ins
                                  for u, ins in zip(units, inside)):
        return units
    return [u for u, ins in zip(units, inside) if not ins]


def _rank(u: Understanding) -> tuple[int, float]:
    order = {"accept": 2, "clarify": 1, "reject": 0}
    return order.get(u.decision, 0), u.confidence


def build_understander(catalogue: Catalogue, lexicon: Lexicon | None = None) -> Understander:
    """An understander for one catalogue (build it again when the catalogue changes)."""
    return Understander(catalogue, lexicon)


__all__ = ["Understander", "build_understander", "normalize", "Lexicon"]
