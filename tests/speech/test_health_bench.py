from speech import bench, health


def test_health_without_models_says_touch_and_qr_only(monkeypatch):
    monkeypatch.delenv("KIOSK_ASR_MODEL", raising=False)
    monkeypatch.delenv("KIOSK_TTS_VOICE", raising=False)
    checks = {c["name"]: c for c in health.checks({"speech": {"asr_model": "", "voice": ""}})}
    assert set(checks) == {"speech.asr_model", "speech.voice", "speech.microphone", "speech.speaker"}
    assert checks["speech.asr_model"]["status"] == "warn"
    assert "touch and QR only" in checks["speech.asr_model"]["detail"]
    assert checks["speech.voice"]["status"] == "warn"
    assert all(c["status"] in ("ok", "warn", "fail") for c in checks.values())


def test_health_with_stand_ins(monkeypatch, ko_model_path, voice_path):
    monkeypatch.setenv("KIOSK_ASR_MODEL", ko_model_path)
    monkeypatch.setenv("KIOSK_TTS_VOICE", voice_path)
    checks = {c["name"]: c for c in health.checks({"speech": {}})}
    assert checks["speech.asr_model"]["status"] == "ok" and "ko" in checks["speech.asr_model"]["detail"]
    assert checks["speech.voice"]["status"] == "ok"


def test_bench_without_models_gives_nulls_with_reasons(monkeypatch):
    monkeypatch.delenv("KIOSK_ASR_MODEL", raising=False)
    monkeypatch.delenv("KIOSK_TTS_VOICE", raising=False)
    figures, notes = bench.run({"speech": {}})
    assert set(figures) == set(bench.KEYS)
    assert all(v is None for v in figures.values())
    assert all(notes[k] for k in bench.KEYS)


def test_bench_on_stand_ins_reports_every_figure(monkeypatch, ko_model_path, voice_path):
    monkeypatch.setenv("KIOSK_ASR_MODEL", ko_model_path)
    monkeypatch.setenv("KIOSK_TTS_VOICE", voice_path)
    figures, notes = bench.run({"speech": {}})
    assert set(figures) == set(bench.KEYS)
    for key in bench.KEYS:
        if key == "self_heard_events":
            continue
        assert isinstance(figures[key], (int, float)) and figures[key] > 0, (key, notes.get(key))
    # Half duplex: the robot never hears itself, while the loopback control does.
    assert figures["self_heard_events"] == 0
    control = int(notes["self_heard_events"].rsplit(" ", 1)[1])
    assert control > 0, notes["self_heard_events"]
    assert "(ko)" in notes["asr_rtf"] and "grammar" in notes["asr_rtf"]
