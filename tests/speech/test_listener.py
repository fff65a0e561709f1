"""The Listener on a file-backed microphone with the real Korean Vosk model and espeak-ng speech."""
import threading
import time

from speech.audio import resample
from speech.duplex import HalfDuplex
from speech.listener import Listener, ListenerSettings
from speech.microphone import WavFileMicrophone
from speech.speaker import WavFileSpeaker
from speech.voice import VoiceOut

from .conftest import KO_GRAMMAR


class Heard:
    """Collects the listener's callbacks (what the kiosk would post as HeardPartial / Heard)."""

    def __init__(self):
        self.partials, self.finals = [], []
        self.event = threading.Event()

    def on_partial(self, text):
        self.partials.append(text)

    def on_final(self, text, alternatives, confidence):
        self.finals.append((text, alternatives, confidence))
        self.event.set()

    def wait(self, n, timeout=60.0):   # a liveness bound for a busy machine, not a timing
        end = time.monotonic() + timeout
        while len(self.finals) < n and time.monotonic() < end:
            time.sleep(0.02)
        return len(self.finals) >= n


def _listener(mic, recognizer, heard, phrases=None, listen=True, **kw):
    """A listener that is listening (to `phrases`) before its microphone gives the first chunk."""
    listener = Listener(mic, recognizer, heard.on_partial, heard.on_final, ListenerSettings(**kw),
                        autostart=False)
    if listen:
        listener.listen(phrases)
    listener.start()
    return listener


def test_final_and_partials_in_real_time(recognizer, ko_speech):
    heard = Heard()
    mic = WavFileMicrophone([ko_speech("감사합니다")], realtime=True, lead_silence_s=0.3)
    listener = _listener(mic, recognizer, heard, KO_GRAMMAR)
    try:
        assert heard.wait(1)
    finally:
        listener.close()
    text, alternatives, confidence = heard.finals[0]
    assert "감사합니다" in text
    assert isinstance(alternatives, tuple) and 0.0 < confidence <= 1.0
    assert heard.partials and all(p for p in heard.partials)


def test_two_utterances_give_two_finals_and_noise_gives_none(recognizer, ko_speech, noise_wav):
    heard = Heard()
    files = [ko_speech("인감 증명서"), noise_wav, ko_speech("감사합니다")]
    mic = WavFileMicrophone(files, realtime=False, gap_s=1.0, lead_silence_s=0.3)
    listener = _listener(mic, recognizer, heard, KO_GRAMMAR)
    try:
        assert heard.wait(2)
        time.sleep(0.3)
    finally:
        listener.close()
    assert len(heard.finals) == 2  # the noise between them gave nothing
    assert "인감" in heard.finals[0][0] and "감사합니다" in heard.finals[1][0]


def test_nothing_is_heard_before_listen_or_after_stop(recognizer, ko_speech):
    heard = Heard()
    mic = WavFileMicrophone([ko_speech("혼인 신고")], realtime=False, keep_open=True)
    listener = _listener(mic, recognizer, heard, listen=False)  # never told to listen
    time.sleep(0.5)
    listener.close()
    assert heard.finals == []

    heard = Heard()
    mic = WavFileMicrophone([ko_speech("혼인 신고")], realtime=True, lead_silence_s=0.2)
    listener = _listener(mic, recognizer, heard, KO_GRAMMAR)
    listener.stop_listening()
    time.sleep(2.5)
    listener.close()
    assert heard.finals == []


def test_mute_drops_speech_and_unmute_restores(recognizer, ko_speech):
    heard = Heard()
    mic = WavFileMicrophone([ko_speech("혼인 신고"), ko_speech("출생 신고")], realtime=False, gap_s=1.0)
    listener = Listener(mic, recognizer, heard.on_partial, heard.on_final, autostart=False)
    listener.mute(None)
    listener.listen(KO_GRAMMAR)
    listener.start()
    time.sleep(0.5)  # the file microphone is read to its end while muted
    assert listener.muted
    listener.unmute()
    listener.close()
    assert heard.finals == []


def test_robot_never_hears_itself(recognizer, synthesizer, tmp_path):
    """The robot's own voice is played into the microphone (an acoustic loopback). With the half-duplex
    wiring no Heard comes out; without it, the same setup does hear something (the loopback is real)."""

    def run(with_duplex: bool):
        heard = Heard()
        mic = WavFileMicrophone([], realtime=True, keep_open=True)
        listener = _listener(mic, recognizer, heard)
        listener.listen(KO_GRAMMAR)
        duplex = HalfDuplex(listener, tail_s=0.4)
        speaker = WavFileSpeaker(tmp_path / str(with_duplex), realtime=True,
                                 tap=lambda c: mic.inject(resample(c.pcm, c.sample_rate, 16000)))
        done, speaking = threading.Event(), []

        def on_speaking(value):
            speaking.append(value)
            if with_duplex:
                duplex.on_speaking(value)

        voice = VoiceOut(synthesizer, None, speaker, on_done=lambda uid: done.set(), on_speaking=on_speaking)
        voice.say("Hello. Your ticket number is 0125. Please go to counter three.", "u1", "en")
        assert done.wait(30)
        time.sleep(1.2)  # tail + end of speech + recognition
        voice.close()
        listener.close()
        assert speaking == [True, False]
        assert speaker.played and speaker.played[0].duration_s > 1.0
        return heard.finals

    assert run(with_duplex=False), "control: without half duplex the loopback must be heard"
    assert run(with_duplex=True) == []


def test_half_duplex_mutes_for_the_tail(recognizer):
    mic = WavFileMicrophone([], realtime=True, keep_open=True)
    listener = Listener(mic, recognizer, lambda t: None, lambda *a: None)
    duplex = HalfDuplex(listener, tail_s=0.3)
    duplex.on_speaking(True)
    assert listener.muted
    duplex.on_speaking(False)
    assert listener.muted  # still inside the tail
    time.sleep(0.4)
    assert not listener.muted
    listener.close()


def test_settings_from_config():
    s = ListenerSettings.from_config({"end_silence_s": 0.6, "min_speech_s": "0.4", "mute_tail_s": 0.4})
    assert s.end_silence_s == 0.6 and s.min_speech_s == 0.4
    assert s.start_speech_s == ListenerSettings().start_speech_s
