"""Which speech models the kiosk uses, and what language they are in.

The locations come from the config (`speech.asr_model`, `speech.voice`); the environment variables
KIOSK_ASR_MODEL and KIOSK_TTS_VOICE override them. Nothing else decides which model is loaded."""
from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

log = logging.getLogger(__name__)

ENV_ASR = "KIOSK_ASR_MODEL"
ENV_VOICE = "KIOSK_TTS_VOICE"
ENV_DATA_DIR = "KIOSK_DATA_DIR"

_LANG_WORDS = {
    "vietnamese": "vi", "korean": "ko", "english": "en", "chinese": "zh", "japanese": "ja",
    "french": "fr", "german": "de", "russian": "ru", "spanish": "es",
}
_LANG_ALIASES = {"vn": "vi", "cn": "zh", "us": "en", "kr": "ko"}
_FOLDER_RE = re.compile(r"vosk[-_]model[-_](?:small[-_])?([a-z]{2})(?:[-_.]|$)")


def _setting(cfg: dict, env: str, key: str) -> str | None:
    value = os.environ.get(env)
    if value is None or value.strip() == "":
        value = str((cfg.get("speech") or {}).get(key) or "")
    value = value.strip()
    return os.path.expanduser(value) if value else None


def resolve(cfg: dict) -> tuple[str | None, str | None]:
    """(asr_model_path | None, voice_path | None): env KIOSK_ASR_MODEL / KIOSK_TTS_VOICE over
    cfg["speech"]["asr_model"] / cfg["speech"]["voice"]. A path is returned as configured, even if
    it does not exist (health checks say so); None means no model is configured."""
    return _setting(cfg, ENV_ASR, "asr_model"), _setting(cfg, ENV_VOICE, "voice")


def data_dir() -> Path:
    """KIOSK_DATA_DIR, else /var/lib/kiosk when writable, else ~/.local/share/kiosk."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    system = Path("/var/lib/kiosk")
    if system.is_dir() and os.access(system, os.W_OK):
        return system
    return Path.home() / ".local" / "share" / "kiosk"


def asr_model_problem(path: str | None) -> str | None:
    """Why `path` is not a usable Vosk model folder (cheap file checks, no loading), or None."""
    if not path:
        return "no speech recognition model configured (speech.asr_model / KIOSK_ASR_MODEL)"
    p = Path(path)
    if not p.is_dir():
        return f"Vosk model folder not found: {p}"
    missing = [n for n in ("am/final.mdl", "conf/model.conf") if not (p / n).is_file()]
    if not (p / "graph" / "HCLG.fst").is_file() and not (p / "graph" / "HCLr.fst").is_file():
        missing.append("graph/HCLG.fst or graph/HCLr.fst")
    if missing:
        return f"Vosk model folder {p} is incomplete: missing {', '.join(missing)}"
    return None


def voice_problem(path: str | None) -> str | None:
    """Why `path` is not a usable Piper voice (.onnx with .onnx.json beside it), or None."""
    if not path:
        return "no voice configured (speech.voice / KIOSK_TTS_VOICE)"
    p = Path(path)
    if not p.is_file():
        return f"Piper voice not found: {p}"
    cfg_path = Path(f"{p}.json")
    if not cfg_path.is_file():
        return f"Piper voice config missing: {cfg_path}"
    try:
        data = json.loads(cfg_path.read_text(encoding="utf-8"))
        int(data["audio"]["sample_rate"])
        data["phoneme_id_map"]
    except (ValueError, KeyError, TypeError) as exc:
        return f"Piper voice config {cfg_path} is not valid: {exc!r}"
    return None


def supports_grammar(model_path: str | Path) -> bool:
    """True when the Vosk model's graph can be restricted to a grammar at run time (small models)."""
    return (Path(model_path) / "graph" / "HCLr.fst").is_file()


def asr_language(model_path: str | Path, hint: str | None = None) -> str | None:
    """Language of a Vosk model: the config hint, else its folder names, else its README."""
    if hint:
        return hint.lower()
    p = Path(model_path)
    for part in reversed(p.resolve().parts):
        m = _FOLDER_RE.search(part.lower())
        if m:
            code = m.group(1)
            return _LANG_ALIASES.get(code, code)
    readme = p / "README"
    if readme.is_file():
        words = re.findall(r"[a-z]+", readme.read_text(encoding="utf-8", errors="replace").lower())
        for word in words[:40]:
            if word in _LANG_WORDS:
                return _LANG_WORDS[word]
    return None


def voice_language(voice_path: str | Path) -> str | None:
    """Language family of a Piper voice from its .onnx.json (e.g. 'vi', 'en')."""
    try:
        data = json.loads(Path(f"{voice_path}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lang = data.get("language") or {}
    if isinstance(lang, dict) and lang.get("family"):
        return str(lang["family"]).lower()
    voice = str((data.get("espeak") or {}).get("voice") or "")
    return voice.split("-")[0].lower() or None
