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
    out += store_checks(base / ("demo" if is_demo(cfg) else ""))
    if not is_demo(cfg):
        out.append(centre_check(cfg))
    out.append(font_check())
    return out


def store_checks(base: Any) -> list[Check]:
    from kiosk.store import Store

    path = base / "kiosk.db"
    if not path.exists():
        return [_check("store", "ok", f"{path} not created yet (first start creates it)")]
    try:
        store = Store(path)
    except Exception as e:
        return [_check("store", "fail", f"{path}: {e}")]
    try:
        ok = store.integrity_ok()
        pending = len(store.outbox())
        unprinted = len(store.unprinted())
    finally:
        store.close()
    return [_check("store", "ok" if ok else "fail", f"{path} integrity {'ok' if ok else 'BROKEN'}"),
            _check("outbox", "ok" if pending == 0 else "warn",
                   f"{pending} offline ticket(s) waiting to reach the centre"),
            _check("unprinted", "ok" if unprinted == 0 else "warn",
                   f"{unprinted} issued ticket(s) whose printing was never confirmed")]


def centre_check(cfg: dict[str, Any]) -> Check:
    from kiosk.centre.client import CentreClient
    from kiosk.centre.errors import CentreError

    client = CentreClient.from_config({**cfg, "centre": {**cfg["centre"], "retries": 0}})
    try:
        catalogue = client.catalogue()
        status = client.counter_status()
        return _check("centre", "ok", f"{client.base_url}: catalogue {catalogue.version} with "
                      f"{len(catalogue.procedures)} procedures, {sum(s.open for s in status)} "
                      f"counter(s) open")
    except CentreError as e:
        return _check("centre", "fail", f"{client.base_url}: {e}")
    finally:
        client.close()


def font_check() -> Check:
    from kiosk.ui.fonts import font_files
    path = font_files().get("Regular")
    if path is None:
        return _check("font", "fail", "Be Vietnam Pro missing (pip install fontpkg-be-vietnam-pro): "
                      "Vietnamese letters may not render")
    return _check("font", "ok", f"Be Vietnam Pro at {path}")


def package_checks(cfg: dict[str, Any]) -> list[Check]:
    out: list[Check] = []
    for package in ("speech", "vision", "printer"):
        try:
            module = importlib.import_module(f"{package}.health")
            out += module.checks(cfg)
        except Exception as e:
            out.append(_check(package, "fail", f"health check failed: {type(e).__name__}: {e}"))
    return out


def all_checks(cfg: dict[str, Any]) -> list[Check]:
    return core_checks(cfg) + package_checks(cfg)
