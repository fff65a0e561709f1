"""How well each text of the catalogue (procedure name, alias, field name) explains what the
citizen said, and the ranking of procedures.

Score of a text t: Q = how much of what the citizen said t explains (IDF-weighted query units),
D = how much of t the citizen said (IDF-weighted words of t), B = how many of t's word pairs
were said. Vectorized with numpy over all texts at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dialogs.understanding import calibration
from dialogs.understanding.index import CatalogueIndex
from dialogs.understanding.lexicon import Phrase, index_phrases, phrase_spans
from dialogs.understanding.normalize import tokens
from dialogs.understanding.units import Unit

# Words that name an organisation ('nhà chùa', 'công ty', 'hợp tác xã'): the citizen asks on its
# behalf, and a procedure for organisations only is as likely as any.
_SAID_ORGANISATIONS = frozenset(tuple(tokens(p)) for p in (
    "tổ chức", "tổ hợp tác", "cơ sở", "công ty", "doanh nghiệp", "hợp tác xã", "cơ quan", "đơn vị",
    "xí nghiệp", "nhà máy", "chùa", "nhà thờ", "giáo xứ", "giáo họ", "họ đạo", "nhà xứ", "tu viện",
    "thánh thất", "đình", "miếu", "trường", "hội", "câu lạc bộ", "ban quản lý"))
_SAID_ORGANISATIONS_FIRST = index_phrases(_SAID_ORGANISATIONS)
# A pair of words in at most this share of the texts is a few names' own.
_FEW_TEXTS = 0.05


@dataclass
class Scored:
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



class Scorer:
    """Scores query units against one catalogue's index."""

    def __init__(self, index: CatalogueIndex, n_fields: int, stop: frozenset[str],
                 marked: frozenset[Phrase]) -> None:
        self.index = index
        self.stop = stop
        self._n_fields = n_fields
        # Variant phrases of two words or more ('tạm ngừng', 'cấp lại'; not 'lại', 'mất').
        self._marked_pairs: dict[str, list[Phrase]] = {}
        for ph in marked:
            if len(ph) >= 2:
                self._marked_pairs.setdefault(ph[0], []).append(ph)
        self._marked = marked
        self._marked_first = index_phrases(marked)

    def score(self, units: list[Unit]) -> Scored:
        """How well each text (procedure name, alias, field name) explains the units."""
        idx = self.index
        nt = idx.n_texts
        total_w = sum(u.weight for u in units) or 1.0
        q_acc = np.zeros(nt)
        nf = self._n_fields
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
        return Scored(score=score * idx.text_factor, q=q_share, d=d, b=b, said=best_q, units=units,
                       field_q=fq_acc / total_w)

    def weigh_said_variants(self, toks: list[str], neg: set[int], s: Scored) -> None:
        """The citizen said the words of a variant ('tạm ngừng', 'gia hạn', 'cấp lại', 'lưu
        động'): a name without them is less likely, however many other words it shares; one
        denied ('không phải đổi'), a name with them. A name for organisations only is less
        likely when the citizen names none."""
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
        # A variant the citizen denies ('không phải đổi căn cước, mà làm mới cho con') and does
        # not ask for after all: a name with its words is less likely.
        if neg:
            spans = phrase_spans(toks, self._marked, self._marked_first)
            said = {tuple(toks[a:b]) for a, b in spans if not all(k in neg for k in range(a, b))}
            for a, b in spans:
                ph = tuple(toks[a:b])
                if all(k in neg for k in range(a, b)) and ph not in said:
                    has = idx.texts_with(words=ph, pairs=list(zip(ph, ph[1:])))
                    if has.any() and not has.all():
                        s.score[has] *= calibration.SAID_VARIANT_FACTOR
        # A procedure for organisations only ('... lần đầu đối với tổ chức đang sử dụng đất'): the
        # citizen is a person, unless they name an organisation.
        if idx.for_organisations.any() and not phrase_spans(toks, _SAID_ORGANISATIONS,
                                                            _SAID_ORGANISATIONS_FIRST):
            s.score[idx.for_organisations] *= calibration.VARIANT_FACTOR

    def weigh_said_literally(self, toks: list[str], units: list[Unit], aside: set[int],
                             s: Scored) -> None:
        """The citizen's own words of an everyday phrase, found together in a few names ('thế
        chấp' of 'Đăng ký thế chấp quyền sử dụng đất'), and in one of its meanings: a name that
        has them not ('Đăng ký thay đổi biện pháp bảo đảm ...', reached through another meaning
        of 'thế chấp') is less likely. Not for what is said in a story or denied (`aside`)."""
        idx = self.index
        for u in units:
            if not u.concept or any(k in aside for k in range(u.start, u.end)):
                continue
            meant = {p for k, g in enumerate(u.groups) if k not in u.literal
                     for p in zip((w for w, _ in g), (w for w, _ in g[1:]))}
            said = toks[u.start:u.end]
            for p in zip(said, said[1:]):
                if p not in meant or p not in idx.bpost:
                    continue
                has = idx.texts_with(pairs=[p])
                if has.sum() <= _FEW_TEXTS * idx.n_texts:
                    s.score[~has] *= calibration.SAID_LITERALLY_FACTOR

    def _split_pairs(self, units: list[Unit], hits: list[np.ndarray]) -> np.ndarray | float:
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

    def rank(self, s: Scored) -> list[tuple[float, int, int]]:
        """(score, procedure index, index of its best text), best first, at most one per
        procedure."""
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

    def _said_for(self, units: list[Unit], t: int, p: int | None = None) -> set[str]:
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

    def evidence(self, units: list[Unit], t: int) -> tuple[float, float, float, int]:
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
