"""The search index of one catalogue: vocabulary at several tolerance levels, IDF weights and
posting arrays over the texts (procedure names, aliases, field names). Built once per catalogue."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from dialogs.catalogue import Catalogue
from dialogs.understanding.lexicon import Phrase, index_phrases, phrase_positions, phrase_spans
from dialogs.understanding.normalize import ascii_fold, sound_key, split_tone, tokens

# Quality of a match at each level (exact = 1). "asc" levels differ for a token typed without
# accents (nothing contradicts the match) and for a token that has accents (it does).
Q_TONELESS = 0.8
Q_SOUND = 0.7
Q_ASCII_PLAIN = 0.95
Q_ASCII_MARKED = 0.55
Q_ASCII_SOUND_PLAIN = 0.8
Q_ASCII_SOUND_MARKED = 0.45
Q_EDIT_PLAIN = 0.55
Q_EDIT_MARKED = 0.4


HEAD_FACTOR = 0.93
OBJECT_FACTOR = 0.85   # what a name's list of verbs is done to (see listed_verbs_object), and
                       # the procedures a bundle names after its first (see bundle_items)
_HEAD_CUTS = re.compile(r"\(|,|;| đối với | trong các trường hợp | trong trường hợp | cho | tại | giữa "
                        r"| để | theo | thuộc | khi | của ")
_LEADING = re.compile(r"^(thủ tục|tthc)\s+")


def name_heads(name: str) -> list[str]:
    """Shorter forms of an official name: the part before a parenthesis, a comma, 'đối với' ...
    ("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" -> "Cấp giấy phép xây dựng mới")."""
    out = []
    text = name.lower()
    bare = _LEADING.sub("", text)
    if bare != text and len(bare.split()) >= 2:
        out.append(bare)
    for m in _HEAD_CUTS.finditer(bare):
        head = bare[:m.start()].strip()
        if len(head.split()) >= 2 and head not in out:
            out.append(head)
    return out[:4]


def name_segments(name: str) -> list[str]:
    """The procedures an official name lists after its first, one per ';' outside parentheses
    ("Giao đất, cho thuê đất ...; giao đất và giao rừng; cho thuê đất và cho thuê rừng, gia hạn
    sử dụng đất khi hết thời hạn sử dụng đất"), of four words or more."""
    segments = [s.strip(" .") for s in re.sub(r"\([^)]*\)?", " ", name.lower()).split(";")][1:]
    return [s for s in segments if len(s.split()) >= 4]


# "Liên thông (các) thủ tục hành chính về A, B, C": one visit for several procedures.
_BUNDLE = re.compile(r"^liên thông (?:các )?(?:thủ tục hành chính|tthc) về (.+)$")


def bundle_items(name: str) -> list[str]:
    """The procedures a bundle names after its first ("Liên thông thủ tục hành chính về đăng ký
    khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi" -> 'đăng ký
    thường trú', 'cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi'): each is asked for on its own;
    the first is the bundle's head already."""
    m = _BUNDLE.match(_LEADING.sub("", re.sub(r"\([^)]*\)?", " ", name.lower())).strip(" ."))
    if not m:
        return []
    items = [i.strip(" .") for i in re.split(r",| và ", m.group(1))]
    return [i for i in items[1:] if len(i.split()) >= 2]


# Verbs a name lists before what they are done to ('Thực hiện, điều chỉnh, thôi hưởng ...'),
# and those of them that may open the list: doing the thing itself, not a variant of it (not
# 'Cấp đổi, cấp lại thẻ căn cước', whose thing alone would be the plain procedure).
_LIST_VERBS = frozenset("thực hiện điều chỉnh thôi hưởng cấp đổi lại tạm dừng ngừng gia hạn chấm "
                        "dứt bổ sung sửa xóa hủy bỏ công nhận xác định đăng ký giải quyết".split())
_FIRST_VERBS = frozenset("thực hiện xác định đăng ký giải quyết công nhận cấp".split())
# ('Đăng ký, cấp Giấy chứng nhận đối với ...': a paper alone says nothing of its own.)
_PAPER_WORDS = frozenset("giấy chứng nhận xác phép thẻ sổ bản".split())


def listed_verbs_object(name: str) -> str | None:
    """What a name's list of verbs is done to, when it opens with one ('Thực hiện, điều chỉnh,
    thôi hưởng trợ cấp xã hội hàng tháng, ...' -> 'trợ cấp xã hội hàng tháng')."""
    parts = _LEADING.sub("", name.lower()).split(", ")
    if len(parts) < 2 or not all(w in _FIRST_VERBS for w in parts[0].split()):
        return None
    k = next((k for k, p in enumerate(parts) if not all(w in _LIST_VERBS for w in p.split())), None)
    if k is None:
        return None
    words = parts[k].split()
    while words and words[0] in _LIST_VERBS:
        words.pop(0)
    thing = _HEAD_CUTS.split(" ".join(words), maxsplit=1)[0].strip(" .")
    return thing if len(thing.split()) >= 2 and set(thing.split()) - _PAPER_WORDS else None


_FIELD_PARTS = re.compile(r",|;| - | – |/| và ")


def field_name_parts(name: str) -> list[str]:
    """A field's whole name, then each part of a name that lists several ("Y tế, Trẻ em")."""
    parts = [p.strip() for p in _FIELD_PARTS.split(name) if p.strip()]
    return [name] + (parts if len(parts) > 1 else [])


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@dataclass
class Vocab:
    """Canonical syllables, reachable from a query syllable at several levels of tolerance."""
    words: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.by_toneless: dict[str, set[str]] = {}
        self.by_sound: dict[str, set[str]] = {}
        self.by_ascii: dict[str, set[str]] = {}
        self.by_ascii_sound: dict[str, set[str]] = {}
        self.by_delete: dict[str, set[str]] = {}
        for w in self.words:
            self._add(w)

    def _add(self, w: str) -> None:
        self.by_toneless.setdefault(split_tone(w)[0], set()).add(w)
        self.by_sound.setdefault(sound_key(w), set()).add(w)
        a = ascii_fold(w)
        self.by_ascii.setdefault(a, set()).add(w)
        self.by_ascii_sound.setdefault(ascii_fold(sound_key(w)), set()).add(w)
        if len(a) >= 4:
            for d in _deletes(a) | {a}:
                self.by_delete.setdefault(d, set()).add(a)

    def add(self, w: str) -> None:
        if w not in self.words:
            self.words.add(w)
            self._add(w)

    def lookup(self, tok: str, fuzzy: bool = True, typed: bool = False) -> dict[str, float]:
        """Vocabulary words a query syllable may stand for, with the quality of each match
        (`typed`: the citizen typed without accents, so 'lai' is also 'lại')."""
        plain = tok.isascii()
        if tok in self.words and not (typed and plain):
            return {tok: 1.0}
        out: dict[str, float] = {tok: 1.0} if tok in self.words else {}

        def put(ws: set[str] | None, q: float) -> None:
            for w in ws or ():
                if out.get(w, 0.0) < q:
                    out[w] = q
        if not plain:
            put(self.by_toneless.get(split_tone(tok)[0]), Q_TONELESS)
            put(self.by_sound.get(sound_key(tok)), Q_SOUND)
        a = ascii_fold(tok)
        put(self.by_ascii.get(a), Q_ASCII_PLAIN if plain else Q_ASCII_MARKED)
        if fuzzy:
            put(self.by_ascii_sound.get(ascii_fold(sound_key(tok))),
                Q_ASCII_SOUND_PLAIN if plain else Q_ASCII_SOUND_MARKED)
            if not out and len(a) >= 4:
                near: set[str] = set()
                for d in _deletes(a) | {a}:
                    near |= self.by_delete.get(d, set())
                for na in near:
                    put(self.by_ascii.get(na), Q_EDIT_PLAIN if plain else Q_EDIT_MARKED)
        # In one order, so that scores summed over these words are the same from run to run.
        return dict(sorted(out.items()))

    def knows_ascii(self, a: str) -> bool:
        return a in self.by_ascii


@dataclass
class Text:
    """One matchable text: a procedure name or alias, or a field name."""
    owner: int
    """Index of the procedure, or -1 - index of the field."""
    toks: tuple[str, ...]
    factor: float = 1.0
    """Scores of a shortened official name count a little less than the name itself."""
    alias: bool = False
    """A phrase the centre's staff added (not the official name or a shortened form of it)."""
    segment: bool = False
    """One of the procedures an official name lists after its first (see name_segments,
    bundle_items), or what its list of verbs is done to."""
    thing: bool = False
    """What the name's list of verbs is done to (see listed_verbs_object)."""


# Words left out of a name's core: they do not make one procedure a variant of another.
GENERIC_NAME_WORDS = frozenset(tokens("thủ tục mới lần đầu các"))


class CatalogueIndex:
    """Posting arrays over all texts of a catalogue; IDF over procedures."""

    def __init__(self, catalogue: Catalogue, extra_vocab: set[str] | None = None,
                 marked: frozenset[Phrase] = frozenset(),
                 unmarked: frozenset[Phrase] = frozenset()) -> None:
        from dialogs.understanding.calibration import MARKED_FACTOR, UNMARKED_FACTOR
        self.catalogue = catalogue
        self.procedures = catalogue.procedures
        self.fields = catalogue.fields
        texts: list[Text] = []
        df: dict[str, int] = {}
        bdf: dict[tuple[str, str], int] = {}
        for i, p in enumerate(self.procedures):
            seen: set[str] = set()
            seen_b: set[tuple[str, str]] = set()
            heads = name_heads(p.name)
            segments = [g for g in name_segments(p.name) if g not in heads]
            # Parts of a name that weigh less than its heads: what its list of verbs is done to,
            # and the procedures a bundle names after its first.
            parts = [g for g in bundle_items(p.name) if g not in heads and g not in segments]
            thing = listed_verbs_object(p.name)
            if thing and thing not in segments and thing not in heads:
                parts.append(thing)
            segments += parts
            for phrase in (p.name, *heads, *segments, *p.aliases):
                t = tuple(tokens(phrase))
                if t:
                    texts.append(Text(i, t, OBJECT_FACTOR if phrase in parts
                                      else HEAD_FACTOR if phrase in heads or phrase in segments
                                      else 1.0,
                                      alias=phrase in p.aliases and phrase != p.name
                                      and phrase not in heads and phrase not in segments,
                                      segment=phrase in segments, thing=phrase == thing))
                    seen.update(t)
                    seen_b.update(zip(t, t[1:]))
            for w in seen:
                df[w] = df.get(w, 0) + 1
            for b in seen_b:
                bdf[b] = bdf.get(b, 0) + 1
        for j, f in enumerate(self.fields):
            # A field's name is often a list ("Tư pháp - Hộ tịch", "Nông nghiệp, Phòng chống
            # thiên tai"): each part names the field on its own.
            for k, part in enumerate(field_name_parts(f.name)):
                t = tuple(tokens(part))
                if t:
                    texts.append(Text(-1 - j, t, alias=k > 0))
        n = max(1, len(self.procedures))
        self.n_procedures = n
        self.idf: dict[str, float] = {w: math.log(1.0 + n / c) for w, c in df.items()}
        self.max_idf = math.log(1.0 + n)
        self.bidf: dict[tuple[str, str], float] = {b: math.log(1.0 + n / c) for b, c in bdf.items()}
        for t in texts:
            for w in t.toks:
                self.idf.setdefault(w, self.max_idf)
            for b in zip(t.toks, t.toks[1:]):
                self.bidf.setdefault(b, self.max_idf)
        self.texts = texts
        self.proc_words: list[set[str]] = [set() for _ in self.procedures]
        for t in texts:
            if t.owner >= 0 and not t.alias:
                self.proc_words[t.owner].update(t.toks)
        self.n_texts = len(texts)
        self.owner = np.array([t.owner for t in texts], dtype=np.int64)
        self.is_proc = self.owner >= 0
        self.is_alias = np.array([t.alias for t in texts], dtype=bool)
        self.proc_text_idx = np.nonzero(self.is_proc)[0]
        # Per text and word: its IDF, times MARKED_FACTOR inside a marked phrase of the text
        # ("cấp lại", "gia hạn") and UNMARKED_FACTOR inside an unmarked one ("tài sản gắn liền
        # với đất", "lần đầu"); a word that occurs both ways counts at the larger factor.
        mfirst, ufirst = index_phrases(marked), index_phrases(unmarked)
        text_costs: list[dict[str, float]] = []
        for t in texts:
            mpos = phrase_positions(t.toks, marked, mfirst)
            upos = phrase_positions(t.toks, unmarked, ufirst) - mpos
            costs: dict[str, float] = {}
            for k, w in enumerate(t.toks):
                f = MARKED_FACTOR if k in mpos else UNMARKED_FACTOR if k in upos else 1.0
                costs[w] = max(costs.get(w, 0.0), self.idf[w] * f)
            text_costs.append(costs)
        self.text_total = np.array([sum(c.values()) or 1.0 for c in text_costs])
        self.text_factor = np.array([t.factor for t in texts])
        # Summed in the text's order, so that the sums are the same from run to run.
        self.text_btotal = np.array([sum(self.bidf[b]
                                         for b in dict.fromkeys(zip(t.toks, t.toks[1:])))
                                     or 1.0 for t in texts])
        self.text_len = np.array([len(set(t.toks)) for t in texts], dtype=np.float64)
        post: dict[str, list[int]] = {}
        bpost: dict[tuple[str, str], list[int]] = {}
        for k, t in enumerate(texts):
            for w in set(t.toks):
                post.setdefault(w, []).append(k)
            for b in set(zip(t.toks, t.toks[1:])):
                bpost.setdefault(b, []).append(k)
        self.post = {w: np.array(v, dtype=np.int64) for w, v in post.items()}
        self.post_cost = {w: np.array([text_costs[k][w] for k in v]) for w, v in post.items()}
        self.bpost = {b: np.array(v, dtype=np.int64) for b, v in bpost.items()}
        self.bigrams = set(self.bpost)
        # The field of every text (procedure texts: their procedure's field; field names: the field).
        fpos = {f.id: j for j, f in enumerate(self.fields)}
        self.text_field = np.array([fpos.get(self.procedures[t.owner].field_id, -1) if t.owner >= 0
                                    else -1 - t.owner for t in texts], dtype=np.int64)
        # The procedures whose official name is for organisations only, and their texts.
        orgs = {t.owner for t in texts if t.owner >= 0 and t.factor == 1.0 and not t.alias
                and for_organisations_only(t.toks)}
        self.for_organisations = np.isin(self.owner, sorted(orgs))
        self.variants = self._variants(texts, orgs)
        self.vocab = Vocab(set(self.post))
        # Words the query may contain that are not in the catalogue (lexicon, stop words): used to
        # tell an unknown word from a split/merged one.
        self.known_ascii = {ascii_fold(w) for w in self.post} | {ascii_fold(w) for w in
                                                                  (extra_vocab or ())}

    def texts_with(self, words=(), pairs=()) -> np.ndarray:
        """Boolean mask of the texts that have every one of `words` and of the word `pairs`."""
        has = np.ones(self.n_texts, dtype=bool)
        for post, key in [(self.post, w) for w in words] + [(self.bpost, b) for b in pairs]:
            m = np.zeros(self.n_texts, dtype=bool)
            m[post.get(key, [])] = True
            has &= m
        return has

    def _variants(self, texts: list["Text"],
                  orgs: set[int]) -> dict[int, list[tuple[int, frozenset[str]]]]:
        """Procedure -> for each 'base' procedure it is a variant of, the extra name words.

        The core of a name is its shortest form (see name_heads) without generic words. V is a
        variant of B when B's core is a strict part of V's core ("Đăng ký lại khai tử" of
        "Đăng ký khai tử", "... có yếu tố nước ngoài", "... lưu động", "Xóa đăng ký thường trú").
        Unless the citizen says one of the extra words, the plain procedure is the likelier one."""
        core: dict[int, frozenset[str]] = {}
        full: dict[int, frozenset[str]] = {}
        for t in texts:
            if t.owner < 0 or t.alias or t.segment:
                continue
            words = frozenset(w for w in t.toks if w not in GENERIC_NAME_WORDS)
            if t.owner not in core or len(words) < len(core[t.owner]):
                if words:
                    core[t.owner] = words
            if t.factor == 1.0 and len(words) > len(full.get(t.owner, ())):
                full[t.owner] = words
        by_word: dict[str, list[int]] = {}
        for p, ws in core.items():
            for w in ws:
                by_word.setdefault(w, []).append(p)
        out: dict[int, list[tuple[int, frozenset[str]]]] = {}
        for b, cb in core.items():
            if len(cb) < 2:
                continue
            rare = min(cb, key=lambda w: len(by_word[w]))
            for v in by_word[rare]:
                # A variant's own words are those of its whole name: "Đăng ký thường trú đối
                # với tổ chức" is a variant of "Đăng ký thường trú" though its shortened form
                # (before "đối với") is the same.
                if v == b:
                    continue
                cv, fb = full.get(v, core[v]), full.get(b, cb)
                if cb < core[v]:
                    out.setdefault(v, []).append((b, core[v] - cb))
                elif cb < cv and len(fb) < len(cv) and cv - fb and b not in orgs:
                    # (Not of a name for organisations only: "... lần đầu đối với hộ gia đình, cá
                    # nhân" is for other people than "... lần đầu đối với tổ chức".)
                    out.setdefault(v, []).append((b, cv - fb))
        # What a list of verbs is done to is a base too: "Thủ tục trợ cấp xã hội hàng tháng cho
        # hộ nghèo ..." is a variant of "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng
        # tháng, ...".
        for t in texts:
            if not (t.thing and t.owner >= 0):
                continue
            b, ob = t.owner, frozenset(w for w in t.toks if w not in GENERIC_NAME_WORDS)
            if len(ob) < 2 or b in orgs:
                continue
            rare = min(ob, key=lambda w: len(by_word.get(w, ())))
            for v in by_word.get(rare, ()):
                cv = full.get(v, core[v])
                if v != b and ob <= core[v] and ob < cv \
                        and all(base != b for base, _ in out.get(v, ())):
                    out.setdefault(v, []).append((b, cv - ob))
        return out


# Who a procedure is for, when its name says so ('... lần đầu đối với tổ chức đang sử dụng đất').
_ADDRESSED = frozenset(tuple(tokens(p)) for p in ("đối với", "của", "cho"))
_ORGANISATIONS = frozenset(tuple(tokens(p)) for p in (
    "tổ chức", "doanh nghiệp", "cơ quan", "tổ hợp tác", "hợp tác xã", "cơ sở"))
_PERSONS = frozenset(tokens("cá nhân hộ gia đình công dân người"))


# Organisations a name may be about wherever they stand ('Cấp lại Giấy chứng nhận đăng ký tổ
# hợp tác'); 'tổ chức' is also a verb ('Thông báo tổ chức lễ hội').
_ORGANISATION_NOUNS = frozenset(tuple(tokens(p)) for p in ("tổ hợp tác", "hợp tác xã",
                                                            "doanh nghiệp"))


def for_organisations_only(toks: list[str]) -> bool:
    """Whether a name is addressed to organisations only ('đối với tổ chức', not 'của tổ chức,
    cá nhân'), or is about one ('... đăng ký tổ hợp tác')."""
    if not _PERSONS & set(toks) and phrase_spans(toks, _ORGANISATION_NOUNS):
        return True
    organisations_at = {a for a, _ in phrase_spans(toks, _ORGANISATIONS)}
    for _, j in phrase_spans(toks, _ADDRESSED):
        if j in organisations_at:
            return not _PERSONS & set(toks[j:])
    return False
