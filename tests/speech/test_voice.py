"""Synthesizer, prompt cache and VoiceOut with the real English Piper voice (stand-in)."""
import threading
import time

import numpy as np

from speech.audio import read_wav
from speech.prompt_cache import PromptCache
from speech.speaker import WavFileSpeaker
from speech.synthesizer import Synthesizer, VoiceSettings
from speech.voice import VoiceOut

ANSWER = "Welcome to the service centre. Your ticket number is 0125. Please go to counter three."


def test_stream_gives_one_chunk_per_sentence(synthesizer):
    chunks = list(synthesizer.synthesize_stream(ANSWER, "en"))
    assert len(chunks) == 3
    for c in chunks:
        assert c.sample_rate == synthesizer.sample_rate == 22050
        assert c.duration_s > 0.3
        assert np.abs(np.frombuffer(c.pcm, np.int16)).max() > 1000  # not silence


def test_stream_is_lazy(synthesizer):
    stream = synthesizer.synthesize_stream(ANSWER, "en")
    first = next(stream)  # the first sentence is available before the rest is synthesized
    assert first.duration_s > 0.3
    stream.close()
    assert list(synthesizer.synthesize_stream("   ", "en")) == []


def test_prompt_cache_synthesizes_once_and_keys_on_settings(synthesizer, voice_path, tmp_path):
    cache = PromptCache(tmp_path, synthesizer)
    prompts = ["Hello, what do you need?", "Please take your ticket."]
    assert cache.warm(prompts, "en") == 2
    assert len(list(tmp_path.glob("*.wav"))) == 2
    again = PromptCache(tmp_path, synthesizer)  # a new boot reads the files
    assert again.warm(prompts, "en") == 0
    hit = again.get(prompts[0], "en")
    assert hit is not None and hit.pcm == cache.get(prompts[0], "en").pcm
    assert again.get("Not a prompt", "en") is None
    assert cache.key(prompts[0], "en") != cache.key(prompts[0], "vi")
    slower = PromptCache(tmp_path, Synthesizer(voice_path, VoiceSettings(length_scale=1.3)))
    assert slower.get(prompts[0], "en") is None  # other settings, other audio
    assert slower.key(prompts[0], "en") != cache.key(prompts[0], "en")
    assert PromptCache(tmp_path, None).get(prompts[0], "en") is None


class Calls:
    def __init__(self):
        self.done, self.speaking = [], []
        self.lock = threading.Lock()

    def on_done(self, uid):
        with self.lock:
            self.done.append(uid)

    def on_speaking(self, value):
        self.speaking.append(value)

    def wait(self, n, timeout=30):
        end = time.monotonic() + timeout
        while len(self.done) < n and time.monotonic() < end:
            time.sleep(0.01)
        return len(self.done) >= n


def test_voice_out_plays_cached_and_fresh_text(synthesizer, tmp_path):
    cache = PromptCache(tmp_path / "cache", synthesizer)
    cache.warm(["Hello."], "en")
    speaker = WavFileSpeaker(tmp_path / "out")
    calls = Calls()
    vo = VoiceOut(synthesizer, cache, speaker, calls.on_done, calls.on_speaking)
    vo.say("Hello.", "a", "en")
    vo.say(ANSWER, "b", "en")
    assert calls.wait(2)
    vo.close()
    assert calls.done == ["a", "b"]
    assert calls.speaking == [True, False]  # one stretch of speech for back-to-back utterances
    assert [p.utterance_id for p in speaker.played] == ["a", "b"]
    a = read_wav(speaker.played[0].path, rate=None)
    assert a.pcm == cache.get("Hello.", "en").pcm
    b = read_wav(speaker.played[1].path, rate=None)
    assert b.duration_s > 3.0


def test_stop_cuts_speech_and_still_reports_done(synthesizer, tmp_path):
    speaker = WavFileSpeaker(tmp_path, realtime=True)
    calls = Calls()
    vo = VoiceOut(synthesizer, None, speaker, calls.on_done, calls.on_speaking)
    vo.say(ANSWER, "long", "en")
    vo.say("This is never heard.", "queued", "en")
    end = time.monotonic() + 10
    while not (speaker.played or speaker._t_first) and time.monotonic() < end:
        time.sleep(0.01)
    time.sleep(0.3)
    vo.stop()  # the citizen touched the screen
    assert calls.wait(2, timeout=5)
    vo.close()
    assert calls.done == ["long", "queued"]
    assert calls.speaking[-1] is False
    assert len(speaker.played) == 1 and speaker.played[0].aborted
    assert speaker.played[0].duration_s < 3.0


def test_no_voice_means_done_at_once(tmp_path):
    speaker = WavFileSpeaker(tmp_path)
    calls = Calls()
    vo = VoiceOut(None, None, speaker, calls.on_done, calls.on_speaking)
    vo.say("Xin chào", "x")
    assert calls.wait(1, timeout=2)
    vo.close()
    assert calls.done == ["x"] and speaker.played == [] and calls.speaking == []
