"""The camera as a device: QR codes -> Scanned, presence -> PersonArrived/PersonLeft.

Privacy: of a chip ID card (CCCD) only the gender and the age reach the dialog (to address the
citizen politely); the name, id, address and dates are dropped here, in memory, and never logged."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, Callable

from dialogs.events import Event, PersonArrived, PersonLeft, Scanned
from dialogs.values import ScannedCode

log = logging.getLogger(__name__)


def to_scanned(classification: Any, today: dt.date | None = None) -> ScannedCode:
    """What of a classified code the dialog may know."""
    kind = classification.kind
    fields = classification.fields
    if kind == "cccd":
        today = today or dt.date.today()
        birth_year = fields.get("birth_year")
        age = today.year - birth_year if isinstance(birth_year, int) else None
        return ScannedCode(kind="cccd", text="", fields={"gender": fields.get("gender"), "age": age})
    if kind == "invalid":
        return ScannedCode(kind="invalid", text="", fields={"reason": fields.get("reason", "")})
    if kind in ("dossier", "procedure"):
        return ScannedCode(kind=kind, text=classification.text,
                           fields={"code": fields.get("code", classification.text)})
    if kind == "url":
        return ScannedCode(kind="url", text=classification.text, fields={"host": fields.get("host")})
    return ScannedCode(kind="text", text=classification.text[:200], fields={})


def scan_image_events(path: Path) -> list[Event]:
    """Decode an image file with the same pipeline as the camera (scripted sessions, the demo)."""
    from vision.classify import classify
    from vision.decode import decode_frame
    from vision.images import ImageError, load_image

    try:
        image = load_image(path)
    except (ImageError, OSError) as e:
        log.error("scan: cannot read image %s: %s", path, e)
        return []
    codes = decode_frame(image, budget_ms=None)
    if not codes:
        log.info("scan: no code found in %s", path.name)
    return [Scanned(to_scanned(classify(code.text))) for code in codes[:1]]


class CameraDevice:
    """The vision scanner thread, posting dialog events."""

    def __init__(self, scanner: Any) -> None:
        self.scanner = scanner

    def stop(self) -> None:
        self.scanner.stop()


def open_camera_device(cfg: dict[str, Any], post: Callable[[Event], None]) -> CameraDevice | None:
    """The configured camera, or None (logged) when there is none: the kiosk runs without it."""
    from vision.camera import open_camera
    from vision.scanner import Scanner

    c = cfg["camera"]
    try:
        camera = open_camera(c["device"], c["width"], c["height"])
    except Exception as e:
        log.warning("no camera (%s): QR codes and presence detection are off", e)
        return None
    if camera is None:
        log.warning("no camera found: QR codes and presence detection are off")
        return None

    def on_code(classification: Any) -> None:
        post(Scanned(to_scanned(classification)))

    def on_presence(present: bool) -> None:
        post(PersonArrived() if present else PersonLeft())

    from vision.presence import PresenceConfig
    scanner = Scanner(camera, on_code=on_code, on_presence=on_presence, dedupe_s=c["dedupe_s"],
                      presence=PresenceConfig(absent_s=c["presence_absent_s"],
                                              face_model=c["face_model"]),
                      budget_ms=c["qr_budget_ms"])
    scanner.start()
    return CameraDevice(scanner)
