"""1,000 generated chip ID card codes: every name and address comes out exactly right."""
from __future__ import annotations

import random

import cv2
import numpy as np

from vision.classify import classify
from vision.decode import decode_frame
from vision.text_decoding import decode_payload
from vision.zbar_engine import ZbarReader
from vision.synth import Degradation, payloads, qr_matrix, render


def test_1000_cccd_codes_exact():
    wrong, unread = 0, 0
    zbar_unread, zbar_wrong = 0, 0
    zbar = ZbarReader()
    for i, p in enumerate(payloads(1000, seed=2024, kinds=("cccd",))):
        m = qr_matrix(p.text)
        img = cv2.resize(np.where(m, 0, 255).astype(np.uint8), None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
        codes = decode_frame(img)
        if not codes:
            unread += 1
            continue
        c = classify(codes[0].text)
        if c.kind != "cccd" or c.fields != p.fields:
            wrong += 1
        if i % 4 == 0:  # the zbar path (binary mode + our decoding) must be exact too
            symbols = zbar.scan(img)
            zbar_unread += not symbols
            zbar_wrong += sum(classify(decode_payload(s.raw)).fields != p.fields for s in symbols)
    assert (unread, wrong) == (0, 0)
    assert (zbar_unread, zbar_wrong) == (0, 0)


def test_cccd_codes_in_degraded_camera_frames_exact():
    rng = random.Random(5)
    read = 0
    ps = payloads(60, seed=99, kinds=("cccd",))
    for p in ps:
        deg = Degradation(module_px=rng.uniform(3.5, 6), angle=rng.uniform(-25, 25), tilt=rng.uniform(0, 0.12),
                          blur=rng.uniform(0, 0.8), noise=rng.uniform(0, 6), contrast=rng.uniform(0.7, 1.0),
                          inverted=rng.random() < 0.2, jpeg=80)
        codes = decode_frame(render(p.text, deg, rng), budget_ms=None)
        for code in codes:
            c = classify(code.text)
            assert c.kind == "cccd" and c.fields["name"] == p.fields["name"]
            assert c.fields["address"] == p.fields["address"]
            read += 1
    assert read >= 55
