"""Catalogue-driven understanding of one utterance: the steps, and the decision.

Steps: normalize (normalize.py) -> clauses, corrections and field cues (clauses.py) -> repair
split/merged syllables, dialect words and typed shorthand (words.py) -> system phrases
(system_match.py, tables in system.py) -> a field named on its own (fields.py) -> query units:
lexicon concepts and catalogue words (units.py) -> scores of every procedure name, alias and
field name, and the ranking (scoring.py, over the index of index.py) -> calibrated confidence
(calibration.py) -> decision accept / clarify / reject, here. The recognizer's phrase list is in
grammar.py. Nothing here knows any procedure id or any one catalogue.
"""
from __future__ import annotations

import numpy as np

from dialogs.catalogue import Catalogue
from dialogs.understanding import calibration
from dialogs.understanding.clauses import (ASKING, CLAUSE, DOING, NAMED_FIELD_CUES,
                                           STRONG_FIELD_CUES, drop_cues, drop_hesitations,
                                           drop_only_particle, has_field_cue, held,
                                           negation_scopes, story_before_request,
                                           typed_durations, why_after_request)
from dialogs.understanding.fields import FieldPhrases, asks_for_desk
from dialogs.understanding.index import CatalogueIndex
from dialogs.understanding.lexicon import Lexicon, index_phrases, phrase_spans
from dialogs.understanding.normalize import ascii_fold, normalize, tokens
from dialogs.understanding.result import Candidate, Understanding
from dialogs.understanding.scoring import Scored, Scorer
from dialogs.understanding.system import STOP_WORDS
from dialogs.understanding.system_match import SystemPhrases
from dialogs.understanding.units import Unit, UnitReader
from dialogs.understanding.words import WordReader

# A system intent whose phrases cover this share of the non-polite words wins.
_SYSTEM_COVER = 0.6
# Words that ask for a thing: the verbs of doing and a few more ('xin visa', 'mua vé xe').
_ASKS_FOR = DOING | frozenset(tokens("làm mua đặt thuê"))
_MAX_CANDIDATES = 3
_DEMANDS = frozenset(tuple(tokens(p)) for p in ("đòi", "bắt", "yêu cầu"))
_DEMANDS_FIRST = index_phrases(_DEMANDS)


class Understander:
    """Understands utterances against one catalogue; build once per catalogue (fast)."""

    def __init__(self, catalogue: Catalogue, lexicon: Lexicon | None = None) -> None:
        self.catalogue = catalogue
        self.lexicon = lexicon or Lexicon()
        lx = self.lexicon
        self.stop = frozenset(tokens(" ".join(STOP_WORDS))) | lx.stop
        self.system = SystemPhrases(lx)
        # Every word the lexicon and the system phrases use joins the vocabulary.
        extra = set(self.stop) | {w for p in lx.common for w in p} | self.system.words()
        for c in lx.concepts:
            for ph in c.say:
                extra.update(ph)
        for src, dst in lx.dialect:
            extra.update(src)
            extra.update(dst)
        for _, dst in lx.typed:
            extra.update(dst)
        for ph in lx.outside:
            extra.update(ph)
        self.index = CatalogueIndex(catalogue, extra_vocab=extra, marked=lx.marked,
                                    unmarked=lx.unmarked)
        self.words = WordReader(extra | set(self.index.post), list(lx.dialect + lx.typed),
                                frozenset(w for src, _ in lx.typed for w in src),
                                self.index.bigrams)
        self.units = UnitReader(self.index, lx, self.stop)
        self.scorer = Scorer(self.index, len(catalogue.fields), self.stop, lx.marked)
        self._variants = lx.marked
        self._field_phrases = FieldPhrases(catalogue, lx)
        # Words of field names and of what people call a field ('bên tư pháp', 'bên đất').
        self._field_words = frozenset(w for f in catalogue.fields for w in tokens(f.name)) | \
            frozenset(w for say, _ in lx.fields for w in say)
        self.last_features: list[float] | None = None
        self.last_debug: tuple | None = None

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
        # the last procedure answer (see Scorer.evidence).
        self.last_debug = None
        # Clause by clause (commas, full stops): a split/merged syllable or a dialect phrase
        # never spans two clauses, and a negation ends with its clause.
        toks, bounds = [], set()
        typed_plain = True      # typed without accents (before shorthand is read: 'dung r')
        read: list[list[str]] = []
        for part in CLAUSE.split(text):
            raw = tokens(part)
            typed_plain = typed_plain and all(t.isascii() for t in raw)
            ct = typed_durations(drop_only_particle(raw))
            if ct:
                read.append(self.words.read(ct))
        for ct in drop_hesitations(read):
            toks.extend(ct)
            bounds.add(len(toks))
        if not toks:
            return Understanding(text=text, intent="unknown", decision="reject", confidence=0.0)
        neg = negation_scopes(toks, bounds, self._variants, self.index.bigrams)
        sys_hit = self.system.match(toks, bounds, plain=typed_plain)
        field_cue = has_field_cue(toks, field_words=self._field_words)
        strong_cue = has_field_cue(toks, STRONG_FIELD_CUES)
        named_cue = has_field_cue(toks, NAMED_FIELD_CUES)
        story = story_before_request(toks, bounds) | held(toks, bounds) \
            | why_after_request(toks, bounds)
        ctoks, (cneg, cstory) = drop_cues(toks, neg, story,
                                          keep=self.units.cue_phrase_positions(toks))
        units = self.units.read(ctoks, cneg, cstory, typed_plain)
        n_content = len(units)
        proc = self.scorer.score(units) if units else None
        if proc is not None:
            self.scorer.weigh_said_variants(ctoks, cneg, proc)
            self.scorer.weigh_said_literally(ctoks, units, cneg | cstory, proc)
        # Best procedure and its features.
        ranked: list[tuple[float, int, int]] = []  # (score, procedure index, text index)
        if proc is not None:
            ranked = self.scorer.rank(proc)
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
                sys_wins = not self.units.names_something(sys_hit.rest)
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
                              doing=any(t in DOING or (t.isascii() and t in _DOING_ASCII)
                                        for t in ctoks), said=frozenset(ctoks))
        if field_u is not None:
            return field_u
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        p_b = float(proc.b[ranked[0][2]])
        total_w = sum(u.weight for u in units) or 1.0
        unknown = sum(u.weight * (1.0 - u.known) for u in units) / total_w
        self.last_features = calibration.features(p_score, second, p_q, p_d, p_b, n_content,
                                                  unknown)
        conf = calibration.confidence(p_score, second, p_q, p_d, p_b, n_content, unknown)
        ev = self.scorer.evidence(units, ranked[0][2])
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
        if self._about_outside(ctoks, units):
            return Understanding(text=text, intent="unknown", decision="reject",
                                 confidence=round(conf, 3), candidates=cands)
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
        # A desk asked for by the matters it handles: the field of all that fits them.
        if asks_for_desk(toks, self.index.bigrams):
            desk_u = self._desk_field(text, ranked, decision, conf)
            if desk_u is not None:
                return desk_u
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

    @staticmethod
    def _about_outside(ctoks: list[str], units: list[Unit]) -> bool:
        """The utterance is about a thing no centre handles: what the first asking word asks for
        is one ('xin visa sang Hàn Quốc', 'làm hộ chiếu đi Nhật': the rest only says what it is
        for), or nothing is asked for and the first thing named is one ('xe khách ra Hà Nội mấy
        giờ chạy')."""
        outside = {u.start for u in units if u.outside and not u.modified}
        first_ask = next((k for k, t in enumerate(ctoks) if t in _ASKS_FOR), -1)
        if first_ask >= 0:
            return first_ask + 1 in outside and first_ask not in outside
        # Who demands a paper ('tòa án đòi bản trích lục', 'cây xăng bị đòi kế hoạch') is not
        # what is asked about.
        demand = next((a for a, _ in phrase_spans(ctoks, _DEMANDS, _DEMANDS_FIRST)), -1)
        first_named = next((u for u in units if (u.outside and u.end > demand) or u.names), None)
        asks = any(t in ASKING and not (t == "giờ" and k and ctoks[k - 1] == "mấy")
                   for k, t in enumerate(ctoks))
        return first_named is not None and first_named.start in outside and not asks

    def _one_word_named(self, units: list[Unit], t: int) -> bool:
        """Text t is named by one word said alone ('mua' of 'mua vé tàu', 'bán' of 'có bán vé
        số không'): beside a thing no centre handles, that word is about that thing."""
        words = set(self.index.texts[t].toks)
        named = [u for u in units if any(w in words and w in u.names and q >= 0.5
                                         for g in u.groups for w, q in g)]
        return len(named) == 1 and named[0].end - named[0].start <= 1

    def _field(self, text: str, s: Scored, p_q: float, p_d: float,
               cue: bool, ranked: list[tuple[float, int, int]],
               strong_cue: bool = False, named_cue: bool = False,
               doing: bool = False, said: frozenset[str] = frozenset()) -> Understanding | None:
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
        # field ranked first asks for that procedure; so does one with a procedure named in
        # full ('... đăng ký thế chấp', whatever field 'ngân hàng chính sách' names).
        # So does a field named only through an everyday phrase that also means one of its
        # procedures ('thế chấp sổ đỏ' -> 'biện pháp bảo đảm' and 'đăng ký thế chấp').
        meant = not cue and not ({ascii_fold(w) for w in said}
                                 & {ascii_fold(w) for w in idx.texts[j].toks})
        doing_there = (doing or meant) and bool(ranked) and (
            self._field_index(ranked[0][1]) == me or p_d >= 0.9)
        if (plain or whole or cued or named) and rival < fq - 0.1 and not doing_there:
            f = self.catalogue.fields[me]
            return Understanding(text=text, intent="field", decision="accept",
                                 confidence=round(min(0.95, 0.5 + 0.45 * fq * fd), 3),
                                 field_id=f.id)
        # Asked about a field in words its procedures use ("hỏi về kinh doanh", "thủ tục cư
        # trú"): the field explains all that was said, and no one procedure stands out.
        if not cue or s.field_q is None or not ranked:
            return None
        first = ranked[0][1]
        fields = [self._field_index(p) for p in self._close(ranked)]
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

    def _desk_field(self, text: str, ranked: list[tuple[float, int, int]], decision: str,
                    conf: float) -> Understanding | None:
        """The field of the procedures that fit what a desk question names ('hỏi về xây nhà cửa
        thì đến bàn nào' -> Xây dựng), as sure as the best of them is: the field that holds most
        of their score, when that is a fair share of it ('hỏi việc con nuôi ở bàn nào': the
        adoptions' field, though a procedure of another field comes close)."""
        close = set(self._close(ranked))
        per_field: dict[int, float] = {}
        for sc, p, _ in ranked:
            if p in close:
                per_field[self._field_index(p)] = per_field.get(self._field_index(p), 0.0) + sc
        fi = max(per_field, key=per_field.__getitem__)
        if per_field[fi] < calibration.DESK_FIELD_SHARE * sum(per_field.values()):
            return None
        if fi < 0 or not self._field_phrases.worth_a_list(fi):
            return None
        return Understanding(text=text, intent="field", decision=decision,
                             confidence=round(conf, 3), field_id=self.catalogue.fields[fi].id)

    def _close(self, ranked: list[tuple[float, int, int]]) -> list[int]:
        """The procedures scored near the best one. Variants of the best one (the same
        procedure at another level, for foreigners ...) do not make it one of many: they are
        not other procedures of its field."""
        idx = self.index
        top, first = ranked[0][0], ranked[0][1]
        kin = {b for b, _ in idx.variants.get(first, ())}
        return [p for sc, p, _ in ranked if sc >= 0.7 * top
                and (p == first or (p not in kin and not any(b == first or b in kin
                                                             for b, _ in idx.variants.get(p, ()))))]

    def _field_index(self, p: int) -> int:
        fid = self.catalogue.procedures[p].field_id
        for j, f in enumerate(self.catalogue.fields):
            if f.id == fid:
                return j
        return -1


_DOING_ASCII = frozenset(ascii_fold(w) for w in DOING)    # typed without accents ('nhan')


def _rank(u: Understanding) -> tuple[int, float]:
    order = {"accept": 2, "clarify": 1, "reject": 0}
    return order.get(u.decision, 0), u.confidence


def build_understander(catalogue: Catalogue, lexicon: Lexicon | None = None) -> Understander:
    """An understander for one catalogue (build it again when the catalogue changes)."""
    return Understander(catalogue, lexicon)


__all__ = ["Understander", "build_understander", "normalize", "Lexicon"]
