"""Loads the domain lexicon (config/lexicon/*.toml, which centre staff can extend)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parent.parent / "config" / "lexicon"


def load_lexicon(directory: Path = LEXICON_DIR) -> Any:
    """The lexicon from every TOML file in `directory` (None when there is none). A broken file
    raises LexiconError naming the file and what is wrong."""
    from dialogs.understanding.lexicon import Lexicon, LexiconError

    paths = sorted(directory.glob("*.toml"))
    if not paths:
        log.warning("no lexicon in %s: only the catalogue's own words are understood", directory)
        return None
    texts = [p.read_text(encoding="utf-8") for p in paths]
    try:
        return Lexicon.from_toml_texts(texts)
    except LexiconError:
        for path, text in zip(paths, texts):  # name the file that is wrong
            try:
                Lexicon.from_toml_text(text)
            except LexiconError as e:
                raise LexiconError(f"{path}: {e}") from None
        raise
