"""`kiosk scan [IMAGE ...]`: decode the QR codes in images, one JSON line per image.

A technician's tool: it prints what the codes hold (also a chip ID card's fields) to stdout only; nothing
is logged or written to disk. With no IMAGE, image paths are read from stdin, one per line.
"""
from __future__ import annotations

import json
import logging
import sys
import time

log = logging.getLogger(__name__)


def register(sub) -> None:
    p = sub.add_parser("scan", help="decode the QR codes in image files (one JSON line per image)")
    p.add_argument("images", nargs="*", metavar="IMAGE", help="image files; none = paths from stdin")
    p.add_argument("--budget-ms", type=float, default=None,
                   help="time budget per image as on the live camera (default: no limit, try every pass)")
    p.set_defaults(func=run)


def scan_file(path: str, budget_ms: float | None = None) -> dict:
    """The JSON object `kiosk scan` prints for one image."""
    from vision.classify import classify
    from vision.decode import decode_frame
    from vision.images import ImageError, load_image

    t0 = time.perf_counter()
    try:
        frame = load_image(path)
    except ImageError as exc:
        log.warning("%s", exc)
        return {"file": path, "ms": round((time.perf_counter() - t0) * 1000, 2), "codes": [], "error": str(exc)}
    codes = decode_frame(frame, budget_ms)
    ms = (time.perf_counter() - t0) * 1000
    out = []
    for code in codes:
        c = classify(code.text)
        out.append({"format": code.format, "text": code.text, "kind": c.kind, "fields": c.fields})
    return {"file": path, "ms": round(ms, 2), "codes": out}


def run(args) -> int:
    paths = args.images or [line.strip() for line in sys.stdin if line.strip()]
    status = 0
    for path in paths:
        result = scan_file(path, args.budget_ms)
        if "error" in result:
            status = 1
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return status
