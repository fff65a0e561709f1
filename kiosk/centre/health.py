"""Health checks of the centre link and the local store (for `kiosk doctor`). Quick, read-only."""
from __future__ import annotations

from typing import Any


def checks(cfg: dict[str, Any]) -> list[dict]:
    out = [_store_check(cfg), _centre_check(cfg)]
    return out


def _store_check(cfg: dict[str, Any]) -> dict:
    from kiosk.config import store_path
    from kiosk.store import Store, StoreError
    path = store_path(cfg)
    if not path.exists():
        return {"name": "store", "status": "ok", "detail": f"{path} not created yet"}
    try:
        store = Store(path)
    except StoreError as exc:
        return {"name": "store", "status": "fail", "detail": str(exc)}
    try:
        if not store.integrity_ok():
            return {"name": "store", "status": "fail", "detail": f"{path} is damaged"}
        p = store.pragmas()
        if p["journal_mode"] != "wal" or p["synchronous"] != 2:
            return {"name": "store", "status": "fail", "detail": f"{path}: {p}"}
        pending, unprinted = len(store.outbox()), len(store.unprinted())
        cached = store.cached_catalogue()
        detail = (f"{path}: outbox {pending} pending, {unprinted} never confirmed printed, "
                  f"catalogue cache {'from ' + cached.fetched_at if cached else 'empty'}")
        return {"name": "store", "status": "warn" if pending or unprinted else "ok",
                "detail": detail}
    finally:
        store.close()


def _centre_check(cfg: dict[str, Any]) -> dict:
    from kiosk.centre.client import CentreClient
    from kiosk.centre.errors import CentreError
    url = cfg.get("centre", {}).get("url", "")
    if not url:
        return {"name": "centre", "status": "ok",
                "detail": "no centre.url: demo mode with the reference centre on localhost"}
    quick = {**cfg, "centre": {**cfg["centre"], "retries": 0, "connect_timeout_s": 2.0,
                               "read_timeout_s": 3.0}}
    client = CentreClient.from_config(quick, None)
    try:
        rows = client.counter_status()
    except CentreError as exc:
        return {"name": "centre", "status": "fail", "detail": exc.reason}
    finally:
        client.close()
    open_ = sum(1 for r in rows if r.open)
    return {"name": "centre", "status": "ok",
            "detail": f"{url}: {len(rows)} counters, {open_} open"}
