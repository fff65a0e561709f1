"""Health checks for `kiosk doctor`: the kiosk's own, then each device package's."""
from __future__ import annotations

import importlib
import logging
import os
from typing import Any

log = logging.getLogger(__name__)

Check = dict[str, str]


def _check(name: str, status: str, detail: str) -> Check:
    return {"name": name, "status": status, "detail": detail}


def core_checks(cfg: dict[str, Any]) -> list[Check]:
    from kiosk.config import data_dir, is_demo

    out = [_check("config", "ok", f"loaded from {cfg.get('_source', 'defaults')}"
                  + (" (demo: no centre configured)" if is_demo(cfg) else ""))]
    try:
        base = data_dir()
        writable = os.access(base, os.W_OK)
        out.append(_check("data_dir", "ok" if writable else "fail",
                          f"{base} {'writable' if writable else 'NOT writable'}"))
    except OSError as e:
        out.append(_check("data_dir", "fail", f"cannot create the data folder: {e}"))
        return out
    out.append(lexicon_check())
    return out


def lexicon_check() -> Check:
    from dialogs.understanding.lexicon import LexiconError
    from kiosk.lexicon import LEXICON_DIR, load_lexicon
    try:
        lexicon = load_lexicon()
    except LexiconError as e:
        return _check("lexicon", "fail", str(e))
    if lexicon is None:
        return _check("lexicon", "warn", f"no lexicon in {LEXICON_DIR}: everyday words are not understood")
    return _check("lexicon", "ok", f"{LEXICON_DIR}: {len(sorted(LEXICON_DIR.glob('*.toml')))} file(s)")


def package_checks(cfg: dict[str, Any]) -> list[Check]:
    out: list[Check] = []
    for package in ("kiosk.centre", "kiosk.ui", "speech", "vision", "printer"):
        try:
            module = importlib.import_module(f"{package}.health")
            out += module.checks(cfg)
        except Exception as e:
            out.append(_check(package, "fail", f"health check failed: {type(e).__name__}: {e}"))
    return out


def all_checks(cfg: dict[str, Any]) -> list[Check]:
    from kiosk.config import printer_uri
    effective = {**cfg, "printer": {**cfg["printer"], "uri": printer_uri(cfg)}}
    return core_checks(cfg) + package_checks(effective)
