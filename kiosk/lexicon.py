"""Loads the domain lexicon (config/lexicon/*.toml, which centre staff can extend)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parent.parent / "config" / "lexicon"


def load_lexicon(directory: Path = LEXICON_DIR) -> Any:
    """The lexicon from every TOML file in `directory` (None when there is none)."""
    from dialogs.understanding import Lexicon
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.toml"))]
    if not texts:
        log.warning("no lexicon in %s: only the catalogue's own words are understood", directory)
        return None
    return Lexicon.from_toml_texts(texts)
