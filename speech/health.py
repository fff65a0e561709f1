"""Health checks of the speech side for `kiosk doctor`: quick, no side effects, nothing loaded."""
from __future__ import annotations

import logging

from speech.models import (asr_language, asr_model_problem, resolve, supports_grammar, voice_language,
                           voice_problem)

log = logging.getLogger(__name__)

NO_SPEECH = "the kiosk runs with touch and QR only"


def _check(name: str, status: str, detail: str) -> dict:
    return {"name": name, "status": status, "detail": detail}


def _devices(kind: str, wanted: str) -> tuple[str, str]:
    try:
        import sounddevice as sd
    except (ImportError, OSError) as exc:
        return "warn", f"PortAudio (sounddevice) not available: {exc}"
    try:
        dev = sd.query_devices(None if wanted in ("", "default") else
                               (int(wanted) if wanted.isdigit() else wanted), kind)
    except Exception as exc:
        return "warn", f"no {kind} device {wanted or 'default'!r} ({exc})"
    return "ok", f"{dev['name']} ({int(dev['default_samplerate'])} Hz)"


def checks(cfg: dict) -> list[dict]:
    speech = cfg.get("speech") or {}
    asr, voice = resolve(cfg)
    out: list[dict] = []
    problem = asr_model_problem(asr)
    if problem:
        out.append(_check("speech.asr_model", "warn",
                          f"{problem}: {NO_SPEECH} (no voice input); run `kiosk models fetch`"))
    else:
        lang = asr_language(asr, speech.get("asr_lang")) or "unknown language"
        mode = "grammar-restricted" if supports_grammar(asr) else "free recognition only"
        out.append(_check("speech.asr_model", "ok", f"{asr} ({lang}, {mode})"))
    problem = voice_problem(voice)
    if problem:
        out.append(_check("speech.voice", "warn",
                          f"{problem}: the robot does not speak, answers are shown on screen only"))
    else:
        out.append(_check("speech.voice", "ok", f"{voice} ({voice_language(voice) or 'unknown language'})"))
    status, detail = _devices("input", str(speech.get("microphone") or ""))
    if status != "ok" and not asr_model_problem(asr):
        detail += f": {NO_SPEECH}"
    out.append(_check("speech.microphone", status, detail))
    status, detail = _devices("output", str(speech.get("speaker") or ""))
    if status != "ok":
        detail += ": the robot does not speak, answers are shown on screen only"
    out.append(_check("speech.speaker", status, detail))
    return out
