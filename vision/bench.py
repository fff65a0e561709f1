"""Bench figures of the QR pipeline on 640x480 frames, on one CPU core.

Frames: the sample photos (../shared/data/qr-samples) fitted into 640x480, and synthetic camera-like frames
of Vietnamese codes (vision.synth); empty frames: the sample photos without a code and synthetic empty
backgrounds. Runs in a child process pinned to one CPU with OpenCV limited to one thread.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import random
import time
from typing import Any

import numpy as np

N_SYNTHETIC = 60
N_SYNTHETIC_EMPTY = 20
REPEATS = 3


def _frames(samples_dir: str | None) -> tuple[list[np.ndarray], list[np.ndarray], str]:
    from vision.evaluate import default_samples_dir, load_samples
    from vision.images import ImageError, fit_frame, load_image
    from vision.synth import payloads, random_degradation, render

    with_code: list[np.ndarray] = []
    empty: list[np.ndarray] = []
    note = ""
    root = samples_dir or str(default_samples_dir())
    if os.path.isdir(root):
        for s in load_samples(root):
            try:
                frame = fit_frame(load_image(s.path))
            except ImageError:
                continue
            (with_code if s.expected is not None else empty).append(frame)
    else:
        note = f"sample photos not found at {root}; synthetic frames only"
    rng = random.Random(11)
    for p in payloads(N_SYNTHETIC, seed=11):
        with_code.append(render(p.text, random_degradation(rng, "realistic"), rng))
    for _ in range(N_SYNTHETIC_EMPTY):
        empty.append(_blank_code(render("x", random_degradation(rng, "realistic"), rng), rng))
    return with_code, empty, note


def _blank_code(frame: np.ndarray, rng: random.Random) -> np.ndarray:
    """A hall-like frame without any code: the synthetic frame's background with a smooth gradient."""
    import cv2
    small = cv2.resize(frame, (16, 12), interpolation=cv2.INTER_AREA)
    out = cv2.resize(small, (640, 480), interpolation=cv2.INTER_CUBIC)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 4, out.shape)
    return np.clip(out + noise, 0, 255).astype(np.uint8)


def _measure(samples_dir: str | None, queue: Any) -> None:
    try:
        if hasattr(os, "sched_setaffinity"):
            cpus = sorted(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpus[-1]})
        import cv2
        cv2.setNumThreads(1)
        from vision.decode import decode_frame
        with_code, empty, note = _frames(samples_dir)
        for f in with_code[:10] + empty[:5]:  # warm up (and let the cost model learn)
            decode_frame(f)
        code_ms: list[float] = []
        empty_ms: list[float] = []
        read = 0
        for _ in range(REPEATS):
            for f in with_code:
                t0 = time.perf_counter()
                found = decode_frame(f)
                code_ms.append((time.perf_counter() - t0) * 1000.0)
                read += bool(found)
            for f in empty:
                t0 = time.perf_counter()
                decode_frame(f)
                empty_ms.append((time.perf_counter() - t0) * 1000.0)
        all_ms = code_ms + empty_ms
        figures = {
            "qr_frame_ms_p50": round(float(np.percentile(code_ms, 50)), 2),
            "qr_frame_ms_p95": round(float(np.percentile(code_ms, 95)), 2),
            "qr_empty_frame_ms_p50": round(float(np.percentile(empty_ms, 50)), 2),
            "qr_fps_one_core": round(1000.0 * len(all_ms) / sum(all_ms), 1),
        }
        notes = {"frames": f"{len(with_code)} frames with a code ({read // REPEATS} found within the "
                           f"budget), {len(empty)} without, 640x480, {REPEATS} rounds, one core"}
        if note:
            notes["samples"] = note
        queue.put((figures, notes))
    except Exception as exc:  # report, never hang the parent
        queue.put(({}, {"error": f"{exc.__class__.__name__}: {exc}"}))


def run(cfg: dict) -> tuple[dict, dict]:
    """Figures qr_frame_ms_p50, qr_frame_ms_p95, qr_empty_frame_ms_p50, qr_fps_one_core."""
    keys = ("qr_frame_ms_p50", "qr_frame_ms_p95", "qr_empty_frame_ms_p50", "qr_fps_one_core")
    samples_dir = (cfg.get("vision") or {}).get("samples_dir") if isinstance(cfg, dict) else None
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure, args=(samples_dir, queue), daemon=True)
    proc.start()
    try:
        figures, notes = queue.get(timeout=120)
    except Exception:
        figures, notes = {}, {"error": "vision bench did not finish within 120 s"}
    finally:
        proc.join(timeout=5)
        if proc.is_alive():
            proc.terminate()
    out = {k: figures.get(k) for k in keys}
    if notes.get("error"):
        for k in keys:
            notes[k] = notes["error"]
    return out, notes
