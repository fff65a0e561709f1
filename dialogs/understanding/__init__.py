"""Understanding what a citizen said: catalogue-driven intent matching. Pure: no I/O.

Public interface (stable; the internals may change):
- `Understanding`: the result for one utterance.
- `Lexicon`: everyday words -> concepts, parsed from TOML text by the shell.
- `build_understander(catalogue, lexicon=None) -> Understander`; `Understander.understand(text,
  alternatives=()) -> Understanding`.
- `grammar_phrases(catalogue, lexicon=None) -> list[str]`: phrases for the recognizer.
"""
from dialogs.understanding.result import Candidate, Understanding, INTENTS
from dialogs.understanding.lexicon import Lexicon, LexiconError
from dialogs.understanding.grammar import grammar_phrases
from dialogs.understanding.matcher import Understander, build_understander

__all__ = ["Candidate", "Understanding", "INTENTS", "Lexicon", "LexiconError", "Understander",
           "build_understander", "grammar_phrases"]
