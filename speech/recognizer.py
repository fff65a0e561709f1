"""Vosk streaming recognizer: partial results, final result with alternatives and a confidence,
optionally restricted to a grammar of phrases (words the model does not know are dropped)."""
from __future__ import annotations

import json
import logging
import math
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from speech.audio import SAMPLE_RATE
from speech.models import supports_grammar

log = logging.getLogger(__name__)

_models: dict[str, object] = {}
_models_lock = threading.Lock()


def load_model(model_path: str | Path):
    """The vosk.Model for a folder, loaded once per process (a model is read-only and shared)."""
    import vosk

    key = str(Path(model_path).resolve())
    with _models_lock:
        if key not in _models:
            vosk.SetLogLevel(-1)
            _models[key] = vosk.Model(key)
        return _models[key]


@dataclass(frozen=True)
class Recognition:
    """A final result."""
    text: str
    """Best hypothesis ('' when nothing in the grammar was heard)."""
    alternatives: tuple[str, ...]
    """Other hypotheses, best first, without the best one."""
    confidence: float
    """0..1: posterior of the best hypothesis among the n-best (with a grammar) or the mean word
    confidence (free recognition)."""


def _clean(text: str) -> str:
    words = [w for w in text.split() if w != "[unk]"]
    return unicodedata.normalize("NFC", " ".join(words))


class Recognizer:
    """One Vosk recognition stream. Not thread-safe: one thread feeds it (the Listener's)."""

    def __init__(self, model_path: str | Path, max_alternatives: int = 3) -> None:
        import vosk

        self.model_path = str(model_path)
        self.model = load_model(model_path)
        self.max_alternatives = max_alternatives
        self.can_restrict = supports_grammar(model_path)
        self._vosk = vosk
        self._grammar: list[str] | None = None
        self._segments: list[Recognition] = []
        self._rec = self._make(None)

    # ---- grammar -----------------------------------------------------------------------------
    def known(self, word: str) -> bool:
        """True when the model's vocabulary has `word`."""
        return self.model.vosk_model_find_word(word) != -1

    def filter_phrases(self, phrases: list[str]) -> list[str]:
        """Phrases with the words the model does not know dropped (one log line lists them)."""
        unknown: set[str] = set()
        kept: list[str] = []
        for phrase in phrases:
            words = unicodedata.normalize("NFC", phrase).lower().split()
            good = [w for w in words if self.known(w)]
            unknown.update(w for w in words if w not in good)
            if good:
                kept.append(" ".join(good))
        if unknown:
            sample = ", ".join(sorted(unknown)[:12])
            log.info("grammar: %d word(s) not in the model's vocabulary dropped (%s%s)",
                     len(unknown), sample, ", ..." if len(unknown) > 12 else "")
        return sorted(set(kept))

    def set_grammar(self, phrases: list[str] | None) -> list[str] | None:
        """Restrict recognition to `phrases` (None = free recognition). Returns the grammar in use."""
        if phrases is not None and not self.can_restrict:
            log.info("grammar: model %s cannot be restricted at run time; free recognition",
                     self.model_path)
            phrases = None
        if phrases is not None:
            phrases = self.filter_phrases(phrases)
            if not phrases:
                log.warning("grammar: no phrase has a word the model knows; free recognition")
                phrases = None
        self._grammar = phrases
        self._segments = []
        self._rec = self._make(phrases)
        return phrases

    @property
    def grammar(self) -> list[str] | None:
        return self._grammar

    def _make(self, phrases: list[str] | None):
        if phrases is None:
            rec = self._vosk.KaldiRecognizer(self.model, SAMPLE_RATE)
        else:
            extra = ["[unk]"] if self.known("[unk]") else []
            rec = self._vosk.KaldiRecognizer(self.model, SAMPLE_RATE,
                                             json.dumps(phrases + extra, ensure_ascii=False))
        rec.SetMaxAlternatives(self.max_alternatives)
        rec.SetWords(False)
        return rec

    # ---- streaming ---------------------------------------------------------------------------
    def accept(self, pcm: bytes) -> None:
        """Feed 16 kHz mono int16 audio."""
        if self._rec.AcceptWaveform(pcm):
            # Vosk found an end point of its own inside the utterance: keep that segment.
            seg = self._to_recognition(json.loads(self._rec.Result()))
            if seg.text:
                self._segments.append(seg)

    def partial(self) -> str:
        """The current partial hypothesis (segments already ended included)."""
        current = _clean(json.loads(self._rec.PartialResult()).get("partial", ""))
        return " ".join([s.text for s in self._segments] + ([current] if current else []))

    def final(self) -> Recognition:
        """Finish the utterance and start a fresh one."""
        last = self._to_recognition(json.loads(self._rec.FinalResult()))
        self._rec.Reset()
        segments = self._segments + ([last] if last.text else [])
        self._segments = []
        if len(segments) <= 1:
            return segments[0] if segments else last
        text = " ".join(s.text for s in segments)
        return Recognition(text, (), min(s.confidence for s in segments))

    def reset(self) -> None:
        """Forget the audio fed so far."""
        self._rec.Reset()
        self._segments = []

    def _to_recognition(self, result: dict) -> Recognition:
        alts = result.get("alternatives")
        if alts is None:  # max_alternatives == 0
            words = result.get("result") or []
            conf = sum(w.get("conf", 0.0) for w in words) / len(words) if words else 0.0
            text = _clean(result.get("text", ""))
            return Recognition(text, (), conf if text else 0.0)
        hyps: list[tuple[str, float]] = []
        for a in alts:
            text = _clean(a.get("text", ""))
            if all(text != h for h, _ in hyps):
                hyps.append((text, float(a.get("confidence", 0.0))))
        if not hyps or not hyps[0][0]:
            return Recognition("", tuple(h for h, _ in hyps[1:] if h), 0.0)
        # Vosk's n-best confidences are log-domain scores: a softmax turns them into posteriors.
        top = max(c for _, c in hyps)
        weights = [math.exp(min(0.0, c - top)) for _, c in hyps]
        posterior = weights[0] / sum(weights)
        best = hyps[0][0]
        return Recognition(best, tuple(h for h, _ in hyps[1:] if h), posterior)
