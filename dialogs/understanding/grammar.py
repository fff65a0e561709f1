"""The phrase list a grammar-restricted recognizer (Vosk) may output, from a catalogue and the
lexicon (issue 4, item 5; used by speech/)."""
from __future__ import annotations

import re
import unicodedata

from dialogs.catalogue import Catalogue
from dialogs.understanding.lexicon import Lexicon
from dialogs.understanding.system import STOP_WORDS, SYSTEM_PHRASES


def grammar_phrases(catalogue: Catalogue, lexicon: Lexicon | None = None) -> list[str]:
    """The phrases a grammar-restricted recognizer may output: procedure names and aliases, field
    names, the lexicon's everyday and official phrases, dialect words and the system phrases.
    Lower case NFC, punctuation removed, as the recognizer writes them."""
    lx = lexicon or Lexicon()
    phrases: set[str] = set()

    def add(text: str) -> None:
        t = " ".join(w for w in _plain_words(text))
        if t:
            phrases.add(t)
    for p in catalogue.procedures:
        add(p.name)
        for a in p.aliases:
            add(a)
    for f in catalogue.fields:
        add(f.name)
    for c in lx.concepts:
        for ph in (*c.say, *c.means):
            add(" ".join(ph))
    for src, dst in lx.dialect:
        add(" ".join(src))
        add(" ".join(dst))
    for ps in SYSTEM_PHRASES.values():
        for p in ps:
            add(p)
    for _, p in lx.system:
        add(" ".join(p))
    for w in sorted(STOP_WORDS | lx.stop | {" ".join(p) for p in lx.common}):
        add(w)
    return sorted(phrases)


def _plain_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).lower())
