"""Cameras: OpenCV V4L2 (USB cameras), Picamera2 (the Pi camera module, only when importable) and a
file-backed camera that plays images or a video (tests and the demo). All give BGR uint8 frames.

`read()` returns the newest frame or None (no frame now, or the end of the files); `close()` releases it.
"""
from __future__ import annotations

import glob
import logging
import os
import threading
import time
from pathlib import Path
from typing import Protocol, Sequence

import cv2
import numpy as np

from vision.images import IMAGE_SUFFIXES, VIDEO_SUFFIXES, ImageError, load_image

log = logging.getLogger(__name__)


class Camera(Protocol):
    def read(self) -> np.ndarray | None: ...
    def close(self) -> None: ...


class CameraError(RuntimeError):
    """A camera that cannot be opened; the message says which and why."""


class FileCamera:
    """Plays image files (each shown for 1/fps s) or video files at `fps`, in real time: `read()` returns
    the frame due now, skipping frames a slow reader missed, like a live camera. With `realtime=False`
    every frame is returned once, in order. At the end: None for ever, or from the start with `loop`."""

    def __init__(self, paths: str | Sequence[str], fps: float = 10.0, loop: bool = False,
                 realtime: bool = True) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [str(paths)]
        expanded: list[str] = []
        for p in paths:
            p = str(p)
            if os.path.isdir(p):
                expanded += sorted(str(f) for f in Path(p).iterdir() if f.suffix.lower() in IMAGE_SUFFIXES | VIDEO_SUFFIXES)
            elif any(ch in p for ch in "*?["):
                expanded += sorted(glob.glob(p))
            else:
                expanded.append(p)
        if not expanded:
            raise CameraError("file camera: no image or video files given")
        self.paths = expanded
        self.fps = float(fps) if fps and fps > 0 else 10.0
        self.loop = loop
        self.realtime = realtime
        self._frames = self._iterate()
        self._start = None  # type: float | None
        self._index = -1
        self._current: np.ndarray | None = None
        self._closed = False

    def _iterate(self):
        while True:
            produced = False
            for path in self.paths:
                if Path(path).suffix.lower() in VIDEO_SUFFIXES:
                    cap = cv2.VideoCapture(path)
                    try:
                        while True:
                            ok, frame = cap.read()
                            if not ok:
                                break
                            produced = True
                            yield frame
                    finally:
                        cap.release()
                else:
                    try:
                        frame = load_image(path)
                    except ImageError as exc:
                        log.warning("file camera: skipping %s", exc)
                        continue
                    if frame.ndim == 2:
                        frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
                    produced = True
                    yield frame
            if not self.loop or not produced:
                return

    def read(self) -> np.ndarray | None:
        if self._closed:
            return None
        if not self.realtime:
            return next(self._frames, None)
        now = time.monotonic()
        if self._start is None:
            self._start = now
        due = int((now - self._start) * self.fps)
        while self._index < due:
            frame = next(self._frames, None)
            if frame is None:
                self._current = None
                self._index = due
                return None
            self._current = frame
            self._index += 1
        return self._current

    def close(self) -> None:
        self._closed = True
        self._frames.close()


class OpenCVCamera:
    """A V4L2 camera through OpenCV, with a grabber thread so `read()` always gives the newest frame."""

    def __init__(self, device: str | int = 0, width: int = 640, height: int = 480) -> None:
        index: str | int = int(device) if str(device).isdigit() else device
        if isinstance(index, str) and index.startswith("/dev/video") and index[10:].isdigit():
            index = int(index[10:])
        self._cap = cv2.VideoCapture(index, cv2.CAP_V4L2)
        if not self._cap.isOpened():
            self._cap.release()
            raise CameraError(f"camera {device}: cannot be opened (V4L2)")
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._lock = threading.Lock()
        self._frame: np.ndarray | None = None
        self._running = True
        self._thread = threading.Thread(target=self._grab, name="camera-grab", daemon=True)
        self._thread.start()

    def _grab(self) -> None:
        failures = 0
        while self._running:
            ok, frame = self._cap.read()
            if not ok:
                failures += 1
                if failures == 50:
                    log.error("camera: no frames (50 failed reads); is it unplugged?")
                time.sleep(0.02)
                continue
            failures = 0
            with self._lock:
                self._frame = frame

    def read(self) -> np.ndarray | None:
        with self._lock:
            frame, self._frame = self._frame, None
        return frame

    def close(self) -> None:
        self._running = False
        self._thread.join(timeout=1.0)
        self._cap.release()


class Picamera2Camera:
    """The Raspberry Pi camera module through Picamera2 (only on a Pi where it is installed)."""

    def __init__(self, width: int = 640, height: int = 480) -> None:
        try:
            from picamera2 import Picamera2  # type: ignore[import-not-found]
        except ImportError:
            raise CameraError("picamera2 is not installed") from None
        try:
            self._cam = Picamera2()
            config = self._cam.create_video_configuration(main={"size": (width, height), "format": "RGB888"},
                                                          buffer_count=2)
            self._cam.configure(config)
            self._cam.start()
        except Exception as exc:
            raise CameraError(f"Pi camera: cannot be opened ({exc})") from None

    def read(self) -> np.ndarray | None:
        try:
            # "RGB888" in libcamera is BGR byte order in memory, what OpenCV expects
            return self._cam.capture_array("main")
        except Exception as exc:
            log.warning("Pi camera: read failed (%s)", exc)
            return None

    def close(self) -> None:
        try:
            self._cam.stop()
            self._cam.close()
        except Exception:
            pass


def picamera2_available() -> bool:
    try:
        import picamera2  # type: ignore[import-not-found]  # noqa: F401
        return True
    except ImportError:
        return False


def video_devices() -> list[str]:
    return sorted(glob.glob("/dev/video*"), key=lambda p: (len(p), p))


def open_camera(device: str = "auto", width: int = 640, height: int = 480) -> Camera:
    """Open the configured camera: "auto" (the Pi camera if Picamera2 is present, else the first
    /dev/videoN that opens), "picamera2", "/dev/videoN" or N, a file/folder/glob of images or videos
    (file camera), or "file:PATH". Raises CameraError with the reason; "none" raises as well."""
    device = str(device or "auto").strip()
    if device == "none":
        raise CameraError("camera disabled in the configuration (camera.device = \"none\")")
    if device.startswith("file:"):
        return FileCamera(device[5:], loop=True)
    if device == "picamera2":
        return Picamera2Camera(width, height)
    if device == "auto":
        if picamera2_available():
            try:
                return Picamera2Camera(width, height)
            except CameraError as exc:
                log.info("auto camera: %s; trying V4L2", exc)
        errors = []
        for dev in video_devices():
            try:
                return OpenCVCamera(dev, width, height)
            except CameraError as exc:
                errors.append(str(exc))
        raise CameraError("no camera found" + (f" ({'; '.join(errors)})" if errors else " (no /dev/video*)"))
    if device.isdigit() or device.startswith("/dev/video"):
        return OpenCVCamera(device, width, height)
    if os.path.exists(device) or any(ch in device for ch in "*?["):
        return FileCamera(device, loop=True)
    raise CameraError(f"camera {device!r}: not a device, a Pi camera or files")
