"""A first catalogue-driven matcher: weighted word overlap with names and aliases.

Scores each procedure by the IDF-weighted share of its name/alias syllables found in the
utterance, with a diacritic-free form as a fallback. System intents come from keyword lists.
"""
from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field

from dialogs.catalogue import Catalogue
from dialogs.understanding.result import Candidate, Understanding

_FILLERS = ("cho tôi hỏi", "cho cháu hỏi", "cho em hỏi", "cho con hỏi", "làm ơn", "xin hỏi",
            "dạ", "ạ", "nhé", "nha", "với", "ơi", "tôi muốn", "cháu muốn", "em muốn", "tôi cần",
            "ở đâu", "ở mô", "thế nào", "răng", "rứa", "chi", "cho", "tôi", "cháu", "con", "em")

_SYSTEM: dict[str, tuple[str, ...]] = {
    "staff": ("gọi cán bộ", "gặp cán bộ", "gọi nhân viên", "cán bộ", "nhân viên", "người thật",
              "call staff", "staff", "help me person"),
    "repeat": ("nhắc lại", "nói lại", "lặp lại", "repeat", "say again", "nói lại đi"),
    "back": ("quay lại", "trở lại", "go back", "back"),
    "cancel": ("thôi", "huỷ", "hủy", "không cần nữa", "cancel", "stop", "tạm biệt", "bye"),
    "help": ("giúp", "hướng dẫn", "help"),
    "language": ("tiếng anh", "english", "tiếng việt", "vietnamese"),
    "yes": ("vâng", "có", "đúng", "đúng rồi", "ừ", "ok", "được", "lấy số", "yes", "yeah", "ờ",
            "phải", "đồng ý"),
    "no": ("không", "không phải", "sai", "no", "nope", "chưa"),
    "greeting": ("xin chào", "chào", "hello", "hi"),
    "dossier_status": ("hồ sơ của tôi", "tra cứu hồ sơ", "hồ sơ đến đâu", "kết quả hồ sơ",
                       "dossier status"),
}


def _fold_tone_placement(text: str) -> str:
    # Unify old/new tone placement on a few common rimes (hoà/hòa, thuỷ/thủy).
    pairs = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
             "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy",
             "uỵ": "ụy"}
    for old, new in pairs.items():
        text = text.replace(old, new)
    return text


def normalize(text: str) -> str:
    """NFC, lower case, unified tone-mark placement, punctuation removed, spaces folded."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _fold_tone_placement(text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@dataclass(frozen=True)
class Lexicon:
    """Everyday phrases -> official phrases (concepts) that appear in procedure names."""
    synonyms: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_toml_text(cls, text: str) -> "Lexicon":
        data = tomllib.loads(text)
        pairs = []
        for official, everyday in data.get("synonyms", {}).items():
            for phrase in everyday:
                pairs.append((normalize(phrase), normalize(official)))
        return cls(synonyms=tuple(sorted(pairs, key=lambda p: -len(p[0]))))

    def expand(self, norm_text: str) -> str:
        extra = [official for phrase, official in self.synonyms
                 if re.search(rf"(^| ){re.escape(phrase)}( |$)", norm_text)]
        return " ".join([norm_text, *extra])


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(^| ){re.escape(phrase)}( |$)", text) is not None


@dataclass
class Understander:
    catalogue: Catalogue
    lexicon: Lexicon = field(default_factory=Lexicon)
    accept_at: float = 0.6
    clarify_at: float = 0.3

    def __post_init__(self) -> None:
        self._docs: list[tuple[str, set[str], set[str]]] = []
        df: dict[str, int] = {}
        for p in self.catalogue.procedures:
            words = set()
            for phrase in (p.name, *p.aliases):
                words |= set(normalize(phrase).split())
            folded = {strip_diacritics(w) for w in words}
            self._docs.append((p.id, words, folded))
            for w in words:
                df[w] = df.get(w, 0) + 1
        n = max(1, len(self._docs))
        self._idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self._fidf: dict[str, float] = {}
        for w, v in self._idf.items():
            f = strip_diacritics(w)
            self._fidf[f] = max(self._fidf.get(f, 0.0), v)
        self._fields = [(f.id, set(normalize(f.name).split())) for f in self.catalogue.fields]

    def _system_intent(self, norm: str) -> tuple[str, str | None] | None:
        for intent, phrases in _SYSTEM.items():
            for phrase in phrases:
                if _has_phrase(norm, normalize(phrase)):
                    if intent == "language":
                        return intent, "en" if ("anh" in norm or "english" in norm) else "vi"
                    return intent, None
        return None

    def understand(self, text: str, alternatives: tuple[str, ...] = ()) -> Understanding:
        norm = normalize(text)
        if not norm:
            return Understanding(text=text, intent="unknown", decision="reject", confidence=0.0)
        stripped = norm
        for filler in sorted(_FILLERS, key=len, reverse=True):
            stripped = re.sub(rf"(^| ){re.escape(filler)}(?= |$)", " ", stripped)
        stripped = " ".join(stripped.split())
        expanded = self.lexicon.expand(norm)
        words = set(expanded.split()) - {""}
        folded = {strip_diacritics(w) for w in words}
        scored: list[tuple[float, str]] = []
        for pid, doc_words, doc_folded in self._docs:
            total = sum(self._idf[w] for w in doc_words)
            hit = sum(self._idf[w] for w in doc_words & words)
            fold_hit = sum(self._fidf.get(w, 0.0) for w in (doc_folded & folded)
                           if not any(strip_diacritics(x) == w for x in doc_words & words))
            score = (hit + 0.7 * fold_hit) / total if total else 0.0
            if score > 0:
                scored.append((score, pid))
        scored.sort(key=lambda t: (-t[0], t[1]))
        system = self._system_intent(norm)
        # A short utterance that is only a system word is that system intent.
        if system and (len(stripped.split()) <= 3 or not scored or scored[0][0] < self.clarify_at):
            intent, value = system
            return Understanding(text=text, intent=intent, decision="accept", confidence=0.9,
                                 value=value)
        if scored:
            best = scored[0][0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            margin = best - second
            confidence = min(1.0, best * (0.5 + min(margin, 0.5)))
            pid = scored[0][1]
            proc = self.catalogue.procedure(pid)
            cands = tuple(Candidate(p, round(s, 3)) for s, p in scored[:3])
            if best >= self.accept_at and margin >= 0.15:
                return Understanding(text=text, intent="procedure", decision="accept",
                                     confidence=round(max(confidence, self.accept_at), 3),
                                     procedure_id=pid, field_id=proc.field_id if proc else None,
                                     candidates=cands)
            if best >= self.clarify_at:
                return Understanding(text=text, intent="procedure", decision="clarify",
                                     confidence=round(confidence, 3), procedure_id=pid,
                                     field_id=proc.field_id if proc else None, candidates=cands)
        for fid, fwords in self._fields:
            if fwords and fwords <= words:
                return Understanding(text=text, intent="field", decision="accept", confidence=0.7,
                                     field_id=fid)
        if system:
            return Understanding(text=text, intent=system[0], decision="accept", confidence=0.7,
                                 value=system[1])
        return Understanding(text=text, intent="unknown", decision="reject", confidence=0.0)


def build_understander(catalogue: Catalogue, lexicon: Lexicon | None = None) -> Understander:
    return Understander(catalogue, lexicon or Lexicon())


def grammar_phrases(catalogue: Catalogue, lexicon: Lexicon | None = None) -> list[str]:
    """Phrases the recognizer is restricted to: names, aliases, field names, lexicon, system words."""
    phrases: set[str] = set()
    for p in catalogue.procedures:
        phrases.add(normalize(p.name))
        phrases.update(normalize(a) for a in p.aliases)
    phrases.update(normalize(f.name) for f in catalogue.fields)
    for everyday, official in (lexicon or Lexicon()).synonyms:
        phrases.update((everyday, official))
    for words in _SYSTEM.values():
        phrases.update(normalize(w) for w in words)
    return sorted(p for p in phrases if p)
