"""Loading still images (photos, scans, screenshots) as frames, and fitting them into camera-sized frames."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff", ".pgm", ".ppm"}
VIDEO_SUFFIXES = {".mp4", ".avi", ".mkv", ".mov", ".webm", ".mjpeg", ".mjpg"}
MAX_PIXELS = 40_000_000


class ImageError(ValueError):
    """An image file that cannot be read."""


def load_image(path: str | Path) -> np.ndarray:
    """A BGR (or gray) uint8 frame from an image file; raises ImageError with a clear reason."""
    p = Path(path)
    if not p.is_file():
        raise ImageError(f"{p}: no such file")
    image = cv2.imread(str(p), cv2.IMREAD_UNCHANGED)
    if image is None:  # OpenCV cannot read some files (tiny WebP, GIF, palette PNG ...): try Pillow
        try:
            from PIL import Image
            with Image.open(p) as im:
                if im.width * im.height > MAX_PIXELS:
                    raise ImageError(f"{p}: image too large ({im.width}x{im.height})")
                image = np.array(im.convert("RGB"))[:, :, ::-1].copy()
        except ImageError:
            raise
        except Exception as exc:
            raise ImageError(f"{p}: not a readable image ({exc.__class__.__name__})") from None
    if image.dtype != np.uint8:
        image = (image >> 8).astype(np.uint8) if image.dtype == np.uint16 else image.astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0  # transparent background -> white
        image = (image[:, :, :3] * alpha + 255.0 * (1.0 - alpha)).astype(np.uint8)
    return image


def fit_frame(image: np.ndarray, width: int = 640, height: int = 480, fill: int = 255) -> np.ndarray:
    """The image shrunk (never enlarged) to fit width x height and padded to that size with a
    plain background (white: some sample images have no quiet zone, as if cut out of a white page)."""
    h, w = image.shape[:2]
    scale = min(1.0, width / w, height / h)
    if scale < 1.0:
        image = cv2.resize(image, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
        h, w = image.shape[:2]
    top, left = (height - h) // 2, (width - w) // 2
    value = [float(fill)] * (1 if image.ndim == 2 else image.shape[2])
    return cv2.copyMakeBorder(image, top, height - h - top, left, width - w - left, cv2.BORDER_CONSTANT,
                              value=value + [0.0] * (4 - len(value)))
