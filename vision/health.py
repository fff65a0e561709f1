"""Health checks of the vision part for `kiosk doctor`: quick, no side effects beyond opening the camera
for a moment."""
from __future__ import annotations

import numpy as np


def _camera_cfg(cfg: dict) -> dict:
    return (cfg or {}).get("camera") or {}


def check_zbar() -> dict:
    try:
        from vision import zbar_engine
        version = zbar_engine.library_version()
        zbar_engine.ZbarReader().scan(np.full((32, 32), 255, np.uint8))
        return {"name": "vision.zbar", "status": "ok", "detail": f"libzbar {version or '(version unknown)'}, binary mode"}
    except Exception as exc:
        return {"name": "vision.zbar", "status": "fail",
                "detail": f"zbar library not usable ({exc.__class__.__name__}: {exc}); install libzbar0"}


def check_zxing() -> dict:
    try:
        import zxingcpp
        zxingcpp.read_barcodes(np.full((32, 32), 255, np.uint8), formats=zxingcpp.BarcodeFormat.QRCode)
        return {"name": "vision.zxing", "status": "ok", "detail": "zxing-cpp present"}
    except Exception as exc:
        return {"name": "vision.zxing", "status": "fail", "detail": f"zxing-cpp not usable ({exc})"}


def check_camera(cfg: dict) -> dict:
    cam_cfg = _camera_cfg(cfg)
    device = str(cam_cfg.get("device", "auto"))
    if device == "none":
        return {"name": "vision.camera", "status": "warn", "detail": "camera disabled (camera.device = \"none\")"}
    from vision.camera import CameraError, open_camera
    try:
        cam = open_camera(device, int(cam_cfg.get("width", 640)), int(cam_cfg.get("height", 480)))
    except CameraError as exc:
        return {"name": "vision.camera", "status": "fail", "detail": str(exc)}
    except Exception as exc:
        return {"name": "vision.camera", "status": "fail", "detail": f"camera {device}: {exc}"}
    try:
        import time
        deadline = time.monotonic() + 2.0
        frame = cam.read()
        while frame is None and time.monotonic() < deadline:
            time.sleep(0.05)
            frame = cam.read()
    finally:
        cam.close()
    if frame is None:
        return {"name": "vision.camera", "status": "warn", "detail": f"camera {device} opened but gave no frame in 2 s"}
    return {"name": "vision.camera", "status": "ok", "detail": f"camera {device}: {frame.shape[1]}x{frame.shape[0]} frames"}


def checks(cfg: dict) -> list[dict]:
    return [check_camera(cfg), check_zbar(), check_zxing()]
