"""The domain lexicon: everyday and dialect words -> the official vocabulary of procedure names.

Parsed from TOML text (the shell reads `config/lexicon/*.toml`; this module does no I/O):

```toml
[[concept]]                  # what people say -> the words official names use
say = ["sổ đỏ", "sổ hồng", "bìa đỏ"]
means = ["giấy chứng nhận quyền sử dụng đất"]   # one or more alternatives
weight = 1.0                 # optional: >1 for an action that decides the request
otherwise = ["hỗ trợ học tập"]   # optional: meanings only for a centre that has no name with all
                             # the words of one of `means` (a more general procedure); a name
                             # with them only after 'đối với' (for whom it is) does not count

[dialect]                    # a regional word -> the standard word (applied first)
"mô" = "đâu"

[typed]                      # shorthand typed on the touchscreen -> the words (applied like
"ko" = "không"               # dialect words; never part of the recognizer's grammar)

[words]
stop = ["dạ", "ạ"]           # carry no meaning for matching
common = ["bố", "mẹ"]        # everyday words that are not off-topic but say little
generic = ["đăng ký"]        # words of any request: alone they name no procedure
marked = ["lại", "đổi"]      # name words of a variant; unmarked = name words of the default case
modifier = ["cho", "để"]     # what follows says for whom or why, and weighs less than the request
outside = ["hộ chiếu"]       # things no commune centre handles: they count as unknown words
asking = ["hết bao nhiêu tiền"]  # asking what a procedure costs, how long it takes, what to
                             # bring: it names none, so its words are left out

[[field]]                    # words for a whole area of work (a department) -> words of the
say = ["tư pháp"]            # field names that area has, in order of preference: said alone
fields = ["tư pháp", "hộ tịch", "chứng thực"]   # ('bên tư pháp'), they name a field

[system]                     # extra phrases for system intents (added to the built-in ones)
staff = ["gọi bác bảo vệ"]

[synonyms]                   # older shape, still read: official phrase -> everyday phrases
"khai tử" = ["báo tử"]
```
Concepts never name procedure ids, so one lexicon serves any centre's catalogue.
"""
from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass

from dialogs.understanding.died import read_died
from dialogs.understanding.normalize import tokens

log = logging.getLogger(__name__)

Phrase = tuple[str, ...]


class LexiconError(ValueError):
    """The lexicon TOML does not have the documented shape."""


@dataclass(frozen=True)
class Concept:
    """Everyday phrases and the official phrases they stand for."""
    say: tuple[Phrase, ...]
    means: tuple[Phrase, ...]
    weight: float = 1.0
    """How much this phrase decides the request when others are said too (an action such as
    'cắt khẩu' outweighs an object such as 'hộ khẩu' or a circumstance such as 'mới mất')."""
    otherwise: tuple[Phrase, ...] = ()
    """Meanings for a centre that has no name with all the words of one of `means`: 'tiền ăn
    trưa' is the lunch support where a centre has it, else the general study support."""


@dataclass(frozen=True)
class Lexicon:
    """Everyday phrases -> official phrases, dialect words, stop and common words, system phrases."""
    concepts: tuple[Concept, ...] = ()
    dialect: tuple[tuple[Phrase, Phrase], ...] = ()
    typed: tuple[tuple[Phrase, Phrase], ...] = ()
    """Shorthand typed on a screen ('ko', 'đc', 'cccd') -> its words; read like dialect words,
    but not phrases a recognizer hears."""
    stop: frozenset[str] = frozenset()
    """Single words (a stop phrase's words are each a stop word)."""
    common: frozenset[Phrase] = frozenset()
    """Everyday phrases that say little (family words, ...). Like `marked`, `unmarked` and
    `generic`, these are whole phrases: a phrase applies only where all its words occur in a row
    ("tài sản gắn liền với đất" is cheap in a name; 'đất' alone is not)."""
    system: tuple[tuple[str, Phrase], ...] = ()
    """(intent, phrase) pairs added to the built-in system phrases."""
    marked: frozenset[Phrase] = frozenset()
    """Name phrases that make a variant (lại, đổi, gia hạn, lưu động ...): a name having one the
    citizen did not say is less likely."""
    generic: frozenset[Phrase] = frozenset()
    """Phrases every kind of request uses (đăng ký, cấp, giấy, xác nhận ...): an utterance that
    hits the catalogue only through these names no procedure."""
    unmarked: frozenset[Phrase] = frozenset()
    """Name phrases of the default case (mới, lần đầu, cấp ...): unsaid, they cost little."""
    modifier: frozenset[Phrase] = frozenset()
    """Single words after which the utterance says for whom or why ('cho', 'để'): what follows
    weighs less than the request before it."""
    outside: frozenset[Phrase] = frozenset()
    """Phrases naming things no commune centre handles (passport, driving licence, weather):
    they count as words nobody knows, so a request made of them is not matched confidently."""
    asking: frozenset[Phrase] = frozenset()
    """Phrases that ask about a procedure, not for one: what it costs ('hết bao nhiêu tiền'),
    how long it takes ('bao lâu thì xong'), what to bring ('cần những giấy tờ gì'). Their words
    name nothing ('mất' there is neither lost nor died; 'tiền', 'giấy' no allowance or paper)."""
    fields: tuple[tuple[Phrase, tuple[Phrase, ...]], ...] = ()
    """(phrase, field-name words in order of preference): what people call a whole area of work
    ('tư pháp', 'bên công an', 'lao động thương binh xã hội'), said on its own, names a field."""

    @property
    def synonyms(self) -> tuple[tuple[str, str], ...]:
        """(everyday, official) text pairs, for callers of the first matcher."""
        return tuple((" ".join(s), " ".join(m)) for c in self.concepts for s in c.say for m in c.means)

    @classmethod
    def from_toml_text(cls, text: str) -> "Lexicon":
        """Parse one lexicon file; raises LexiconError naming the first bad key."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise LexiconError(f"lexicon: not valid TOML: {exc}") from exc
        return cls._from_dict(data)

    @classmethod
    def from_toml_texts(cls, texts: list[str] | tuple[str, ...]) -> "Lexicon":
        """Parse and merge several lexicon files (e.g. everyday, dialect, the centre's own)."""
        return cls.merge(*(cls.from_toml_text(t) for t in texts))

    @classmethod
    def merge(cls, *lexicons: "Lexicon") -> "Lexicon":
        return cls(concepts=tuple(c for lx in lexicons for c in lx.concepts),
                   dialect=tuple(d for lx in lexicons for d in lx.dialect),
                   typed=tuple(d for lx in lexicons for d in lx.typed),
                   stop=frozenset().union(*(lx.stop for lx in lexicons)),
                   common=frozenset().union(*(lx.common for lx in lexicons)),
                   system=tuple(s for lx in lexicons for s in lx.system),
                   marked=frozenset().union(*(lx.marked for lx in lexicons)),
                   unmarked=frozenset().union(*(lx.unmarked for lx in lexicons)),
                   generic=frozenset().union(*(lx.generic for lx in lexicons)),
                   modifier=frozenset().union(*(lx.modifier for lx in lexicons)),
                   outside=frozenset().union(*(lx.outside for lx in lexicons)),
                   asking=frozenset().union(*(lx.asking for lx in lexicons)),
                   fields=tuple(f for lx in lexicons for f in lx.fields))

    @classmethod
    def _from_dict(cls, data: dict) -> "Lexicon":
        concepts: list[Concept] = []
        for where, item, say, means in _say_tables(data, "concept", "means"):
            weight = item.get("weight", 1.0)
            if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight <= 0:
                raise LexiconError(f"{where}.weight: expected a positive number")
            otherwise = _phrases(item.get("otherwise", []), f"{where}.otherwise")
            concepts.append(Concept(say=say, means=means, weight=float(weight),
                                    otherwise=otherwise))
        synonyms = data.get("synonyms", {})
        if not isinstance(synonyms, dict):
            raise LexiconError("synonyms: expected a table")
        for official, everyday in synonyms.items():
            say = _phrases(everyday, f"synonyms.{official}")
            means = _phrases([official], f"synonyms.{official}")
            if say and means:
                concepts.append(Concept(say=say, means=means))
        dialect = _rewrites(data, "dialect")
        typed = _rewrites(data, "typed")
        words = data.get("words", {})
        if not isinstance(words, dict):
            raise LexiconError("words: expected a table")
        stop = frozenset(t for w in _strings(words.get("stop", []), "words.stop") for t in tokens(w))
        common = frozenset(_phrases(_strings(words.get("common", []), "words.common"), "words.common"))
        marked = frozenset(_phrases(_strings(words.get("marked", []), "words.marked"), "words.marked"))
        unmarked = frozenset(_phrases(_strings(words.get("unmarked", []), "words.unmarked"), "words.unmarked"))
        generic = frozenset(_phrases(_strings(words.get("generic", []), "words.generic"), "words.generic"))
        modifier = frozenset(_phrases(_strings(words.get("modifier", []), "words.modifier"),
                                      "words.modifier"))
        outside = frozenset(_phrases(_strings(words.get("outside", []), "words.outside"),
                                     "words.outside"))
        asking = frozenset(_phrases(_strings(words.get("asking", []), "words.asking"),
                                    "words.asking"))
        fields = [(s, names) for _, _, say, names in _say_tables(data, "field", "fields")
                  for s in say]
        system_tbl = data.get("system", {})
        if not isinstance(system_tbl, dict):
            raise LexiconError("system: expected a table of intent = [phrases]")
        system = tuple((intent, p) for intent, lst in system_tbl.items()
                       for p in _phrases(lst, f"system.{intent}"))
        return cls(concepts=tuple(concepts), dialect=dialect, typed=typed, stop=stop, common=common,
                   system=system, marked=marked, unmarked=unmarked, generic=generic,
                   modifier=modifier, outside=outside, asking=asking, fields=tuple(fields))


def phrase_spans(toks: list[str] | tuple[str, ...], phrases: frozenset[Phrase] | set[Phrase],
                 first: dict[str, list[Phrase]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every occurrence in `toks` of one of `phrases` (exact tokens)."""
    if first is None:
        first = index_phrases(phrases)
    out: list[tuple[int, int]] = []
    n = len(toks)
    for i, t in enumerate(toks):
        for ph in first.get(t, ()):
            k = len(ph)
            if i + k <= n and tuple(toks[i:i + k]) == ph:
                out.append((i, i + k))
    return out


def phrase_positions(toks: list[str] | tuple[str, ...], phrases: frozenset[Phrase] | set[Phrase],
                     first: dict[str, list[Phrase]] | None = None) -> set[int]:
    """Positions of `toks` covered by an occurrence of one of `phrases` (exact tokens)."""
    return {k for a, b in phrase_spans(toks, phrases, first) for k in range(a, b)}


def index_phrases(phrases: frozenset[Phrase] | set[Phrase]) -> dict[str, list[Phrase]]:
    """First word -> phrases starting with it (for phrase_positions)."""
    first: dict[str, list[Phrase]] = {}
    for ph in phrases:
        first.setdefault(ph[0], []).append(ph)
    return first


def _say_tables(data: dict, key: str, other: str):
    """(where, table, say phrases, `other` phrases) of each [[key]] table, both lists non-empty."""
    for i, item in enumerate(data.get(key, [])):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise LexiconError(f"{where}: expected a table")
        say = _phrases(item.get("say"), f"{where}.say")
        found = _phrases(item.get(other), f"{where}.{other}")
        if not say or not found:
            raise LexiconError(f"{where}: needs non-empty 'say' and '{other}' lists")
        yield where, item, say, found


def _rewrites(data: dict, key: str) -> tuple[tuple[Phrase, Phrase], ...]:
    """A table of word = "standard word" (dialect words, typed shorthand)."""
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise LexiconError(f'{key}: expected a table of word = "standard word"')
    out = []
    for word, standard in table.items():
        if not isinstance(standard, str):
            raise LexiconError(f"{key}.{word}: expected a string")
        src, dst = tuple(tokens(word)), tuple(tokens(standard))
        if src:
            out.append((src, dst))
    return tuple(out)


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: expected a list of strings")
    return value


def _phrases(value: object, where: str) -> tuple[Phrase, ...]:
    if isinstance(value, str):
        value = [value]
    out = []
    for s in _strings(value, where):
        t = tuple(read_died(tokens(s)))
        if t:
            out.append(t)
    return tuple(out)
