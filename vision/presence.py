"""Is someone in front of the robot? Motion (difference against a slowly updated background), and a face
when a YuNet face model is configured (OpenCV 5 ships no Haar cascades; cv2.FaceDetectorYN needs the model
file, e.g. face_detection_yunet_2023mar.onnx, given as `face_model`)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PresenceConfig:
    motion_fraction: float = 0.02
    """Share of the (downscaled) picture that must change for motion."""
    pixel_threshold: int = 25
    """Grey-level change that counts as a changed pixel."""
    arrive_frames: int = 2
    """Consecutive frames with motion or a face before someone has arrived."""
    absent_s: float = 8.0
    """Seconds with no motion, face or code before they have left."""
    face_model: str = ""


class PresenceDetector:
    """Feed it frames with their time; it says when a person arrives and leaves.

    `update(frame, now)` returns True (arrived), False (left) or None (no change)."""

    def __init__(self, config: PresenceConfig = PresenceConfig()) -> None:
        self.config = config
        self.present = False
        self._background: np.ndarray | None = None
        self._streak = 0
        self._last_seen = -1e9
        self._face = None
        if config.face_model:
            try:
                self._face = cv2.FaceDetectorYN.create(config.face_model, "", (320, 240), 0.8)
            except Exception as exc:
                log.warning("presence: face model not usable (%s); motion only", exc)

    def _small(self, frame: np.ndarray) -> np.ndarray:
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        small = cv2.resize(gray, (160, 120), interpolation=cv2.INTER_AREA)
        return cv2.GaussianBlur(small, (5, 5), 0)

    def motion(self, frame: np.ndarray) -> bool:
        small = self._small(frame).astype(np.float32)
        if self._background is None or self._background.shape != small.shape:
            self._background = small
            return False
        changed = np.count_nonzero(np.abs(small - self._background) > self.config.pixel_threshold)
        cv2.accumulateWeighted(small, self._background, 0.1)
        return changed >= self.config.motion_fraction * small.size

    def face(self, frame: np.ndarray) -> bool:
        if self._face is None:
            return False
        try:
            bgr = frame if frame.ndim == 3 else cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
            small = cv2.resize(bgr, (320, 240), interpolation=cv2.INTER_AREA)
            _, faces = self._face.detect(small)
            return faces is not None and len(faces) > 0
        except Exception as exc:
            log.warning("presence: face detection failed (%s); motion only from now on", exc)
            self._face = None
            return False

    def seen(self, now: float) -> bool | None:
        """Something that proves a person is there (a code was shown)."""
        self._last_seen = now
        if not self.present:
            self.present = True
            self._streak = 0
            return True
        return None

    def update(self, frame: np.ndarray, now: float) -> bool | None:
        active = self.motion(frame) or self.face(frame)
        if active:
            self._streak += 1
            if self._streak >= self.config.arrive_frames or self.present:
                self._last_seen = now
            if not self.present and self._streak >= self.config.arrive_frames:
                self.present = True
                return True
        else:
            self._streak = 0
        return self.tick(now)

    def tick(self, now: float) -> bool | None:
        if self.present and now - self._last_seen > self.config.absent_s:
            self.present = False
            return False
        return None
