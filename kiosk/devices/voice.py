"""The voice as a device: text to speech out, speech recognition in, half duplex between them."""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable

from dialogs.events import Event, Heard, HeardPartial, SpeechDone

log = logging.getLogger(__name__)


class SilentVoice:
    """No speech model: nothing is said or heard; every utterance is 'done' at once so the
    dialog moves on. The screen says that speech is unavailable."""

    available = False

    def __init__(self, post: Callable[[Event], None]) -> None:
        self.post = post
        self.said: list[str] = []

    def say(self, text: str, utterance_id: int, lang: str) -> None:
        self.said.append(text)
        self.post(SpeechDone(utterance_id))

    def interrupt(self) -> None:
        pass

    def listen(self, grammar: str) -> None:
        pass

    def stop_listening(self) -> None:
        pass

    def idle(self) -> bool:
        return True

    def close(self) -> None:
        pass


class SpeechVoice:
    """Piper out, Vosk in, half duplex between them (speech/). Either side may be missing: with no
    recognizer the screen offers touch (and the demo's text field); with no voice the answers are
    shown only and each utterance is 'done' at once."""

    def __init__(self, voice_out: Any, listener: Any, grammar: Callable[[], list[str]],
                 cache: Any = None) -> None:
        self.voice_out = voice_out
        self.listener = listener
        self.available = listener is not None
        self.restrict = True
        """Restrict the recognizer to the catalogue's phrases (config speech.grammar)."""
        self._grammar = grammar
        self._closing = threading.Event()
        self._warm_thread: threading.Thread | None = None
        if cache is not None:
            self._warm_thread = threading.Thread(target=self._warm, args=(cache,),
                                                 name="prompt-cache-warm", daemon=True)
            self._warm_thread.start()

    def _warm(self, cache: Any) -> None:
        """Synthesize the fixed prompts once (first boot); later starts find them cached."""
        made = 0
        for lang in ("vi", "en"):
            for text in fixed_prompts(lang):
                if self._closing.is_set():
                    return
                made += cache.warm([text], lang)
        log.info("prompt cache ready (%d prompt(s) synthesized now)", made)

    def say(self, text: str, utterance_id: int, lang: str) -> None:
        self.voice_out.say(text, str(utterance_id), lang)

    def interrupt(self) -> None:
        self.voice_out.stop()

    def listen(self, grammar: str) -> None:
        if self.listener is None:
            return
        phrases = None if grammar == "free" or not self.restrict else self._grammar()
        self.listener.listen(phrases or None)

    def stop_listening(self) -> None:
        if self.listener is not None:
            self.listener.stop_listening()

    def idle(self) -> bool:
        return True

    def close(self) -> None:
        self._closing.set()
        if self._warm_thread is not None:
            self._warm_thread.join(10)
        self.voice_out.close()
        if self.listener is not None:
            self.listener.close()


def fixed_prompts(lang: str) -> list[str]:
    """The prompts that never change (no number, name or procedure in them): cached as audio."""
    from dialogs import prompts

    out = []
    for key, text in prompts.PROMPTS[lang].items():
        try:
            out.append(prompts.say(lang, key))
        except KeyError:
            continue  # needs values (a number, a name): synthesized when said
    return out


def open_voice(cfg: dict, post: Callable[[Event], None], grammar: Callable[[], list[str]],
               cache_dir: Path) -> SpeechVoice | None:
    """The speech device for the configured models; None when there is none (logged): the kiosk
    then runs with touch and QR only."""
    from speech.models import asr_model_problem, resolve, voice_problem

    asr, tts = resolve(cfg)
    for what, path, problem in (("recognizer", asr, asr_model_problem(asr) if asr else None),
                                ("voice", tts, voice_problem(tts) if tts else None)):
        if problem:
            log.error("speech %s %s unusable: %s", what, path, problem)
    asr = asr if asr and not asr_model_problem(asr) else None
    tts = tts if tts and not voice_problem(tts) else None
    if asr is None and tts is None:
        log.warning("no speech models: the kiosk runs with touch and QR only "
                    "(run `kiosk models fetch`)")
        return None
    from speech.duplex import HalfDuplex
    from speech.listener import Listener, ListenerSettings
    from speech.microphone import MicrophoneError, WavFileMicrophone, open_microphone
    from speech.prompt_cache import PromptCache
    from speech.recognizer import Recognizer
    from speech.speaker import SpeakerError, WavFileSpeaker, open_speaker
    from speech.synthesizer import Synthesizer
    from speech.voice import VoiceOut

    s = cfg["speech"]
    listener = None
    if asr is not None:
        try:
            if s["microphone"].startswith("file:"):
                # File-backed microphone (demo, tests): WAV files played in real time.
                paths = [p for p in s["microphone"][5:].split(",") if p]
                microphone = WavFileMicrophone(paths, realtime=True)
            else:
                microphone = open_microphone(s["microphone"])
        except (MicrophoneError, OSError, ValueError) as e:
            log.error("no microphone (%s): voice input is off, touch and QR still work", e)
        else:
            listener = Listener(
                microphone, Recognizer(asr),
                on_partial=lambda text: post(HeardPartial(text)),
                on_final=lambda text, alts, conf: post(Heard(text, tuple(alts), conf)),
                settings=ListenerSettings.from_config(s))
    synthesizer = Synthesizer(tts) if tts is not None else None
    cache = PromptCache(cache_dir, synthesizer) if synthesizer is not None else None
    try:
        speaker = open_speaker(s["speaker"])
    except SpeakerError as e:
        log.error("no speaker (%s): speech goes to WAV files in %s", e, cache_dir / "spoken")
        speaker = WavFileSpeaker(cache_dir / "spoken")
    duplex = HalfDuplex(listener, s["mute_tail_s"]) if listener is not None else None
    voice_out = VoiceOut(synthesizer, cache, speaker,
                         on_done=lambda uid: post(SpeechDone(int(uid))),
                         on_speaking=duplex.on_speaking if duplex else (lambda speaking: None))
    voice = SpeechVoice(voice_out, listener, grammar, cache)
    voice.restrict = bool(s["grammar"])
    return voice
