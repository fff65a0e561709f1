"""Configuration: defaults, overrides, and one clear message naming the key when something is wrong."""
import subprocess
import sys

import pytest

from kiosk.config import ConfigError, data_dir, is_demo, load_config


def write(tmp_path, text):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_demo(monkeypatch):
    monkeypatch.delenv("KIOSK_CENTRE_TOKEN", raising=False)
    cfg = load_config(None) if not __import__("pathlib").Path("/etc/kiosk/kiosk.toml").exists() \
        else pytest.skip("this machine has /etc/kiosk/kiosk.toml")
    assert is_demo(cfg) and cfg["printer"]["width_dots"] == 576


def test_file_overrides_defaults(tmp_path):
    cfg = load_config(write(tmp_path, '[centre]\nurl = "https://centre.local/api/v1"\n'
                                      'connect_timeout_s = 2\n[kiosk]\nid = "K7"\n'))
    assert cfg["centre"]["url"] == "https://centre.local/api/v1"
    assert cfg["centre"]["connect_timeout_s"] == 2.0 and cfg["kiosk"]["id"] == "K7"
    assert not is_demo(cfg)


def test_token_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_CENTRE_TOKEN", "s3cret")
    assert load_config(write(tmp_path, ""))["centre"]["token"] == "s3cret"


@pytest.mark.parametrize("text, words", [
    ("[centre\nurl=1", ["not valid TOML"]),
    ("[camera]\nresolution = 3\n", ["unknown key camera.resolution"]),
    ("[speaker]\nvolume = 3\n", ["unknown section [speaker]"]),
    ("[printer]\nwidth_dots = \"wide\"\n", ["printer.width_dots", "must be a whole number"]),
    ("[printer]\nwidth_dots = 500\n", ["printer.width_dots", "384", "576"]),
    ("[dialog]\npriority_enabled = \"yes\"\n", ["dialog.priority_enabled", "true or false"]),
    ("[centre]\nurl = \"centre.local\"\n", ["centre.url", "http"]),
    ("[kiosk]\nlanguage = \"fr\"\n", ["kiosk.language", "vi, en"]),
    ("[kiosk]\nid = \"K 1/x\"\n", ["kiosk.id"]),
    ("[ui]\nfps = 0\n", ["ui.fps", "greater than 0"]),
])
def test_bad_values_name_the_key(tmp_path, text, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(tmp_path / "nope.toml")


def test_kiosk_run_refuses_to_start_on_a_bad_file(tmp_path):
    path = write(tmp_path, "[printer]\nwidth_dots = 500\n")
    out = subprocess.run([sys.executable, "-m", "kiosk", "run", "--headless", "--config", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    lines = [l for l in out.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "printer.width_dots" in lines[0]
    assert out.stdout == ""


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "d"))
    assert data_dir() == tmp_path / "d" and (tmp_path / "d").is_dir()


def test_a_broken_lexicon_file_is_named(tmp_path):
    from dialogs.understanding.lexicon import LexiconError
    from kiosk.lexicon import LEXICON_DIR, load_lexicon
    for good in LEXICON_DIR.glob("*.toml"):
        (tmp_path / good.name).write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_lexicon(tmp_path) is not None
    (tmp_path / "zz-staff.toml").write_text("[concepts\nsổ đỏ = 1\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(tmp_path)
    assert "zz-staff.toml" in str(err.value)
