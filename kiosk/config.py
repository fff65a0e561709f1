"""Configuration: TOML defaults in config/defaults.toml, overridden by /etc/kiosk/kiosk.toml or --config.

A bad file or value stops start-up with one message naming the key and what is wrong (ConfigError).
"""
from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any

DEFAULTS_PATH = Path(__file__).resolve().parent.parent / "config" / "defaults.toml"
SYSTEM_PATH = Path("/etc/kiosk/kiosk.toml")

_CHOICES = {
    ("kiosk", "language"): ("vi", "en"),
    ("kiosk", "log_level"): ("DEBUG", "INFO", "WARNING", "ERROR"),
}
_POSITIVE = {("centre", "connect_timeout_s"), ("centre", "read_timeout_s"), ("ui", "fps"),
             ("ui", "width"), ("ui", "height"), ("dialog", "idle_timeout_s"),
             ("dialog", "ticket_shown_s"), ("dialog", "goodbye_s"), ("camera", "width"),
             ("camera", "height")}


_KIND = {int: "a whole number", float: "a number", str: "a text in quotes", bool: "true or false",
         list: "a list"}


class ConfigError(Exception):
    """A configuration file or value is wrong; the message names the key."""


def _defaults() -> dict[str, Any]:
    with open(DEFAULTS_PATH, "rb") as f:
        return tomllib.load(f)


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot be read: {e.strerror}") from None


def _merge(base: dict[str, Any], override: dict[str, Any], source: str) -> None:
    for section, values in override.items():
        if section not in base:
            raise ConfigError(f"{source}: unknown section [{section}] "
                              f"(known: {', '.join(sorted(base))})")
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: {section} must be a table [{section}]")
        for key, value in values.items():
            where = f"{section}.{key}"
            if key not in base[section]:
                raise ConfigError(f"{source}: unknown key {where}")
            expected = base[section][key]
            if isinstance(expected, bool) != isinstance(value, bool):
                raise ConfigError(f"{source}: {where} must be true or false, got {value!r}")
            if isinstance(expected, float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if type(value) is not type(expected):
                raise ConfigError(f"{source}: {where} must be {_KIND[type(expected)]}, "
                                  f"got {value!r}")
            if isinstance(value, list) and not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: {where} must be a list of strings")
            base[section][key] = value


def _validate(cfg: dict[str, Any], source: str) -> None:
    for (section, key), choices in _CHOICES.items():
        if cfg[section][key] not in choices:
            raise ConfigError(f"{source}: {section}.{key} must be one of {', '.join(choices)}, "
                              f"got {cfg[section][key]!r}")
    for section, key in _POSITIVE:
        if cfg[section][key] <= 0:
            raise ConfigError(f"{source}: {section}.{key} must be greater than 0")
    if cfg["printer"]["width_dots"] not in (384, 576):
        raise ConfigError(f"{source}: printer.width_dots must be 384 (58 mm) or 576 (80 mm)")
    url = cfg["centre"]["url"]
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError(f"{source}: centre.url must start with http:// or https://, got {url!r}")
    kid = cfg["kiosk"]["id"]
    if not kid or not kid.replace("-", "").isalnum() or len(kid) > 16:
        raise ConfigError(f"{source}: kiosk.id must be 1-16 letters, digits or '-', got {kid!r}")


def load_config(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Defaults, then /etc/kiosk/kiosk.toml (or `path`), then environment overrides."""
    cfg = _defaults()
    source = "defaults"
    chosen = Path(path) if path else (SYSTEM_PATH if SYSTEM_PATH.exists() else None)
    if chosen is not None:
        source = str(chosen)
        _merge(cfg, _read(chosen), source)
    cfg["_source"] = source
    token = os.environ.get("KIOSK_CENTRE_TOKEN")
    if token:
        cfg["centre"]["token"] = token
    _validate(cfg, source)
    return cfg


def is_demo(cfg: dict[str, Any]) -> bool:
    """Nothing configured: no centre URL -> the demo with the reference centre on localhost."""
    return not cfg["centre"]["url"]


def data_dir() -> Path:
    """KIOSK_DATA_DIR, else /var/lib/kiosk when writable, else ~/.local/share/kiosk."""
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        path = Path(env)
    else:
        system = Path("/var/lib/kiosk")
        if system.is_dir() and os.access(system, os.W_OK):
            path = system
        else:
            base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
            path = Path(base) / "kiosk"
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_dir() -> Path:
    """The demo's own data (store, reference centre, ticket previews): never mixed with a real
    kiosk's, so demo tickets never reach a real centre."""
    path = data_dir() / "demo"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_path(cfg: dict[str, Any], demo: bool | None = None) -> Path:
    """The kiosk's SQLite store."""
    demo = is_demo(cfg) if demo is None else demo
    return (demo_dir() if demo else data_dir()) / "kiosk.sqlite"


def printer_uri(cfg: dict[str, Any], demo: bool | None = None) -> str:
    """The configured printer; in the demo with none configured, PNG previews in the demo dir."""
    demo = is_demo(cfg) if demo is None else demo
    if cfg["printer"]["uri"] or not demo:
        return cfg["printer"]["uri"]
    return f"png:{demo_dir() / 'tickets'}"


def copy_config(cfg: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(cfg)
