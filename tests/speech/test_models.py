from pathlib import Path

from speech.models import (asr_language, asr_model_problem, resolve, supports_grammar, voice_language,
                           voice_problem)


def test_env_overrides_config(monkeypatch):
    cfg = {"speech": {"asr_model": "/cfg/asr", "voice": "/cfg/voice.onnx"}}
    monkeypatch.delenv("KIOSK_ASR_MODEL", raising=False)
    monkeypatch.delenv("KIOSK_TTS_VOICE", raising=False)
    assert resolve(cfg) == ("/cfg/asr", "/cfg/voice.onnx")
    monkeypatch.setenv("KIOSK_ASR_MODEL", "/env/asr")
    assert resolve(cfg) == ("/env/asr", "/cfg/voice.onnx")
    monkeypatch.setenv("KIOSK_TTS_VOICE", "/env/v.onnx")
    assert resolve(cfg) == ("/env/asr", "/env/v.onnx")
    monkeypatch.delenv("KIOSK_ASR_MODEL")
    monkeypatch.delenv("KIOSK_TTS_VOICE")
    assert resolve({"speech": {"asr_model": "", "voice": ""}}) == (None, None)


def test_stand_in_models_are_recognised(ko_model_path, voice_path):
    assert asr_model_problem(ko_model_path) is None
    assert supports_grammar(ko_model_path)
    assert asr_language(ko_model_path) == "ko"
    assert asr_language(ko_model_path, hint="vi") == "vi"
    assert voice_problem(voice_path) is None
    assert voice_language(voice_path) == "en"


def test_language_from_official_folder_name(tmp_path):
    folder = tmp_path / "vosk-model-small-vn-0.4"
    folder.mkdir()
    assert asr_language(folder) == "vi"


def test_missing_models_are_explained(tmp_path):
    assert "no speech recognition model" in asr_model_problem(None)
    assert "not found" in asr_model_problem(str(tmp_path / "nope"))
    (tmp_path / "half").mkdir()
    assert "incomplete" in asr_model_problem(str(tmp_path / "half"))
    onnx = tmp_path / "v.onnx"
    onnx.write_bytes(b"x")
    assert "config missing" in voice_problem(str(onnx))
    Path(f"{onnx}.json").write_text("{not json")
    assert "not valid" in voice_problem(str(onnx))
