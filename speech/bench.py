"""Speech bench figures for `kiosk bench` (see the design's "Bench figures"), on whichever models
the config or KIOSK_ASR_MODEL / KIOSK_TTS_VOICE name. Speech for the recognizer is made here with
espeak-ng in the model's own language; the recognizer runs in the kiosk's default mode (restricted
to a grammar where the model allows it)."""
from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from speech.audio import SAMPLE_RATE, read_wav
from speech.models import asr_language, asr_model_problem, resolve, voice_language, voice_problem

KEYS = ("tts_rtf", "tts_first_audio_ratio", "prompt_cache_first_audio_ms", "asr_rtf",
        "asr_final_after_end_ms", "rss_mb_models_loaded", "self_heard_events")

# Phrases the bench speaks to the recognizer, and the grammar it restricts it to, per language.
PHRASES = {
    "vi": ["làm căn cước công dân", "đăng ký khai sinh", "chứng thực bản sao", "đăng ký kết hôn"],
    "ko": ["인감 증명서", "감사합니다", "여권 신청", "사망 신고"],
    "en": ["birth registration", "marriage registration", "copy certification", "call staff"],
}
EXTRA_GRAMMAR = {
    "vi": ["xin chào", "cảm ơn", "gọi nhân viên", "quay lại", "nhắc lại", "có", "không"],
    "ko": ["안녕하세요", "주민등록등본 발급", "혼인 신고", "네", "아니요", "직원 호출", "다시"],
    "en": ["hello", "thank you", "yes", "no", "repeat", "go back"],
}
ANSWERS = {
    "vi": ["Dạ, thủ tục đăng ký khai sinh làm tại quầy 2. Ông bà mang theo giấy chứng sinh và CCCD "
           "của cha mẹ. Lệ phí 0 đồng, có kết quả trong ngày.",
           "Số phiếu của bác là 0125. Mời bác đến Quầy 3, còn 4 người trước bác."],
    "en": ["Birth registration is done at counter two. Please bring the birth certificate and the "
           "parents' ID cards. There is no fee, and the result is ready the same day.",
           "Your ticket number is 0125. Please go to counter three; four people are ahead of you."],
}
PROMPTS = {
    "vi": ["Xin chào, bác cần làm thủ tục gì ạ?", "Bác vui lòng nói lại giúp cháu.",
           "Mời bác lấy phiếu.", "Cảm ơn bác, chào bác."],
    "en": ["Hello, what do you need today?", "Please say that again.", "Please take your ticket.",
           "Thank you, goodbye."],
}


def _rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _bench_tts(voice_path: str, figures: dict, notes: dict, tmp: Path):
    from speech.prompt_cache import PromptCache
    from speech.speaker import WavFileSpeaker
    from speech.synthesizer import Synthesizer
    from speech.voice import VoiceOut

    lang = voice_language(voice_path) or "vi"
    text_lang = lang if lang in ANSWERS else "en"
    synth = Synthesizer(voice_path)
    list(synth.synthesize_stream("Ready." if text_lang == "en" else "Sẵn sàng.", text_lang))  # warm up
    rtfs, ratios = [], []
    for answer in ANSWERS[text_lang]:
        t0 = time.perf_counter()
        first, spoken = None, 0.0
        for chunk in synth.synthesize_stream(answer, text_lang):
            if first is None:
                first = time.perf_counter() - t0
            spoken += chunk.duration_s
        total = time.perf_counter() - t0
        rtfs.append(total / spoken)
        ratios.append(first / spoken)
    figures["tts_rtf"] = round(statistics.median(rtfs), 3)
    figures["tts_first_audio_ratio"] = round(statistics.median(ratios), 3)
    notes["tts_rtf"] = (f"voice {Path(voice_path).name} ({lang}); {len(ANSWERS[text_lang])} answers of "
                        f"2-3 sentences, text normalized for '{text_lang}', median")
    notes["tts_first_audio_ratio"] = ("time until the first sentence's audio is ready / spoken duration "
                                      "of the whole answer, median")

    cache = PromptCache(tmp / "prompts", synth)
    cache.warm(PROMPTS[text_lang], text_lang)
    speaker = WavFileSpeaker(tmp / "out")
    done = threading.Event()
    vo = VoiceOut(synth, cache, speaker, on_done=lambda uid: done.set(), on_speaking=lambda s: None)
    delays = []
    for i, prompt in enumerate(PROMPTS[text_lang] * 3):
        done.clear()
        t0 = time.monotonic()
        vo.say(prompt, f"p{i}", text_lang)
        done.wait(10)
        first = speaker.played[-1].first_audio_at
        if first is not None:
            delays.append(1000 * (first - t0))
    vo.close()
    figures["prompt_cache_first_audio_ms"] = round(statistics.median(delays), 2) if delays else None
    notes["prompt_cache_first_audio_ms"] = ("VoiceOut.say() of a cached prompt to its first audio reaching "
                                            f"the (file) speaker, median of {len(delays)}")
    return synth


def _espeak(text: str, lang: str, path: Path) -> None:
    voice = {"vi": "vi", "ko": "ko", "en": "en-us"}.get(lang, lang)
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True, capture_output=True)
    if shutil.which("sox"):  # a proper low-pass resampler; read_wav's linear one is the fallback
        subprocess.run(["sox", str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(path)],
                       check=True, capture_output=True)
    else:
        raw.replace(path)


def _speech_end_s(pcm: bytes) -> float:
    a = np.abs(np.frombuffer(pcm, dtype=np.int16))
    loud = np.nonzero(a > 300)[0]
    return (int(loud[-1]) + 1) / SAMPLE_RATE if len(loud) else 0.0


def _bench_asr(model_path: str, cfg: dict, figures: dict, notes: dict, tmp: Path):
    from speech.listener import Listener, ListenerSettings
    from speech.microphone import WavFileMicrophone
    from speech.recognizer import Recognizer

    lang = asr_language(model_path, (cfg.get("speech") or {}).get("asr_lang"))
    if lang not in PHRASES:
        for key in ("asr_rtf", "asr_final_after_end_ms"):
            figures[key] = None
            notes[key] = f"no bench phrases for the model's language ({lang or 'not detected'})"
        return None
    if shutil.which("espeak-ng") is None:
        for key in ("asr_rtf", "asr_final_after_end_ms"):
            figures[key] = None
            notes[key] = "espeak-ng is not installed: the bench cannot make speech"
        return None
    wavs = []
    for i, phrase in enumerate(PHRASES[lang]):
        path = tmp / f"asr{i}.wav"
        _espeak(phrase, lang, path)
        wavs.append(path)
    rec = Recognizer(model_path)
    grammar = PHRASES[lang] + EXTRA_GRAMMAR[lang]
    used = rec.set_grammar(grammar) if (cfg.get("speech") or {}).get("grammar", True) else rec.set_grammar(None)
    mode = f"grammar of {len(used)} phrases" if used is not None else "free recognition"
    proc, audio, correct = 0.0, 0.0, 0
    for path, phrase in zip(wavs, PHRASES[lang]):
        pcm = read_wav(path).pcm
        t0 = time.perf_counter()
        for i in range(0, len(pcm), 960):
            rec.accept(pcm[i:i + 960])
        result = rec.final()
        proc += time.perf_counter() - t0
        audio += len(pcm) / 2 / SAMPLE_RATE
        correct += result.text.replace(" ", "") == phrase.replace(" ", "")
    figures["asr_rtf"] = round(proc / audio, 3)
    notes["asr_rtf"] = (f"model {Path(model_path).name} ({lang}), {mode}, {len(wavs)} espeak-ng utterances "
                        f"({audio:.1f} s), {correct}/{len(wavs)} recognized exactly")

    settings = ListenerSettings.from_config(cfg.get("speech") or {})
    delays = []
    for path in wavs[:3]:
        got = threading.Event()
        heard_at: list[float] = []

        def on_final(text, alts, conf, heard_at=heard_at, got=got):
            heard_at.append(time.monotonic())
            got.set()

        mic = WavFileMicrophone([path], realtime=True, lead_silence_s=0.3, tail_silence_s=1.5)
        listener = Listener(mic, rec, on_partial=lambda t: None, on_final=on_final, settings=settings)
        listener.listen(grammar if used is not None else None)
        got.wait(15)
        listener.close()
        if heard_at and mic.file_started_at:
            end = mic.file_started_at[0] + _speech_end_s(read_wav(path).pcm)
            delays.append(1000 * (heard_at[0] - end))
    figures["asr_final_after_end_ms"] = round(statistics.median(delays), 1) if delays else None
    notes["asr_final_after_end_ms"] = (f"Listener on a real-time WAV microphone, end_silence_s="
                                       f"{settings.end_silence_s}; from the last loud sample of the speech "
                                       f"to on_final, median of {len(delays)}")
    return rec


def _bench_self_hearing(asr: str, voice: str, cfg: dict, figures: dict, notes: dict,
                        tmp: Path) -> None:
    """The robot's own voice played back into the microphone (an acoustic loopback) with the
    kiosk's half duplex: how many results the recognizer gives (0 = it never hears itself). The
    same loopback without half duplex is the control, showing the loopback really reaches it."""
    from speech.audio import resample
    from speech.duplex import HalfDuplex
    from speech.listener import Listener, ListenerSettings
    from speech.microphone import WavFileMicrophone
    from speech.recognizer import Recognizer
    from speech.speaker import WavFileSpeaker
    from speech.synthesizer import Synthesizer
    from speech.voice import VoiceOut

    s = cfg.get("speech") or {}
    lang = voice_language(voice) or "vi"
    text = ANSWERS.get(lang, ANSWERS["en"])[1]
    rec, synth = Recognizer(asr), Synthesizer(voice)
    counts = []
    for with_duplex in (True, False):
        finals: list[str] = []
        mic = WavFileMicrophone([], realtime=True, keep_open=True)
        listener = Listener(mic, rec, on_partial=lambda t: None,
                            on_final=lambda t, a, c: finals.append(t),
                            settings=ListenerSettings.from_config(s))
        listener.listen(None)
        duplex = HalfDuplex(listener, float(s.get("mute_tail_s", 0.4)))
        speaker = WavFileSpeaker(tmp / f"loop{with_duplex}", realtime=True,
                                 tap=lambda c, mic=mic: mic.inject(resample(c.pcm, c.sample_rate,
                                                                            SAMPLE_RATE)))
        done = threading.Event()
        out = VoiceOut(synth, None, speaker, on_done=lambda uid: done.set(),
                       on_speaking=duplex.on_speaking if with_duplex else (lambda v: None))
        out.say(text, "self", lang)
        done.wait(60)
        time.sleep(1.5)  # the mute tail, end of speech and recognition
        out.close()
        listener.close()
        counts.append(len([f for f in finals if f.strip()]))
    figures["self_heard_events"] = counts[0]
    notes["self_heard_events"] = (f"results heard from its own voice fed back into the microphone, "
                                  f"with half duplex (tail {s.get('mute_tail_s', 0.4)} s); without it "
                                  f"the same loopback gave {counts[1]}")


def run(cfg: dict) -> tuple[dict, dict]:
    figures: dict = {k: None for k in KEYS}
    notes: dict = {}
    asr, voice = resolve(cfg)
    with tempfile.TemporaryDirectory(prefix="kiosk-speech-bench-") as d:
        tmp = Path(d)
        keep = []
        problem = voice_problem(voice)
        if problem:
            for k in ("tts_rtf", "tts_first_audio_ratio", "prompt_cache_first_audio_ms"):
                notes[k] = problem
        else:
            keep.append(_bench_tts(voice, figures, notes, tmp))
        problem = asr_model_problem(asr)
        if problem:
            for k in ("asr_rtf", "asr_final_after_end_ms"):
                notes[k] = problem
        else:
            keep.append(_bench_asr(asr, cfg, figures, notes, tmp))
        if asr_model_problem(asr) or voice_problem(voice):
            notes["rss_mb_models_loaded"] = "both models are needed for this figure"
            notes["self_heard_events"] = "both models are needed for this figure"
        else:
            figures["rss_mb_models_loaded"] = _rss_mb()
            notes["rss_mb_models_loaded"] = "VmRSS of the bench process with both models loaded"
            _bench_self_hearing(asr, voice, cfg, figures, notes, tmp)
    return figures, notes
