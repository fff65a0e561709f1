"""Read rates of the QR pipeline against each engine alone, on the sample photos and on synthetic frames.

    python -m vision.evaluate [--samples DIR] [--synthetic N] [--level realistic]

A positive image counts as read when one decoded text equals its expected text (NFC); any other text is
"wrong"; any code found on a negative image is a false positive.
"""
from __future__ import annotations

import argparse
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import zxingcpp
from pyzbar import pyzbar

from vision.decode import decode_frame, to_gray
from vision.images import ImageError, load_image


@dataclass(frozen=True)
class Sample:
    path: str
    expected: str | None
    """None for an image without a code."""


def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


def default_samples_dir() -> Path:
    """The shared sample photos beside the repository: ../shared/data/qr-samples from the repo root."""
    return repo_root().parent / "shared" / "data" / "qr-samples"


def load_samples(root: str | Path | None = None) -> list[Sample]:
    root = Path(root) if root else default_samples_dir()
    out: list[Sample] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for image in sorted(folder.iterdir(), key=lambda p: p.name.encode()):
            if image.suffix == ".txt" or image.name.startswith("."):
                continue
            if folder.name.startswith("qrcode-"):
                txt = image.with_suffix(".txt")
                if txt.exists():
                    out.append(Sample(str(image), unicodedata.normalize("NFC", txt.read_bytes().decode("utf-8"))))
            elif folder.name.startswith("falsepositives-"):
                out.append(Sample(str(image), None))
    return out


# ------------------------------------------------------------------------------------------------ decoders

def kiosk_decoder(frame: np.ndarray) -> list[str]:
    return [c.text for c in decode_frame(frame, budget_ms=None)]


def zxing_alone(frame: np.ndarray) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(to_gray(frame), formats=zxingcpp.BarcodeFormat.QRCode,
                                                    text_mode=zxingcpp.TextMode.Plain)]


def pyzbar_alone(frame: np.ndarray) -> list[str]:
    return [r.data.decode("utf-8", "replace") for r in pyzbar.decode(to_gray(frame), symbols=[pyzbar.ZBarSymbol.QRCODE])]


DECODERS: dict[str, Callable[[np.ndarray], list[str]]] = {
    "kiosk": kiosk_decoder, "zxing-cpp": zxing_alone, "pyzbar": pyzbar_alone}


@dataclass
class Score:
    read: int = 0
    wrong: int = 0
    positives: int = 0
    false_positives: int = 0
    negatives: int = 0
    missed: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"read {self.read}/{self.positives}, wrong {self.wrong}, "
                f"false positives {self.false_positives}/{self.negatives}")


def score(decoder: Callable[[np.ndarray], list[str]], cases: Iterable[tuple[str, np.ndarray, str | None]]) -> Score:
    s = Score()
    for name, frame, expected in cases:
        texts = [unicodedata.normalize("NFC", t) for t in decoder(frame)]
        if expected is None:
            s.negatives += 1
            s.false_positives += bool(texts)
            continue
        s.positives += 1
        if expected in texts:
            s.read += 1
        else:
            s.missed.append(name)
            s.wrong += any(t != expected for t in texts)
    return s


def sample_cases(samples: list[Sample]) -> list[tuple[str, np.ndarray, str | None]]:
    cases = []
    for s in samples:
        try:
            cases.append((s.path, load_image(s.path), s.expected))
        except ImageError:
            if s.expected is not None:  # an unreadable negative image is trivially "no code"
                cases.append((s.path, np.zeros((1, 1), np.uint8), s.expected))
    return cases


def synthetic_cases(n: int, seed: int = 7, level: str = "realistic", kinds: tuple[str, ...] | None = None):
    from vision.synth import MAKERS, payloads, random_degradation, render
    rng = random.Random(seed)
    for i, p in enumerate(payloads(n, seed, kinds or tuple(MAKERS))):
        yield f"synthetic-{i}", render(p.text, random_degradation(rng, level), rng), p.text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="QR read rates: kiosk pipeline vs each engine alone")
    ap.add_argument("--samples", default=None)
    ap.add_argument("--synthetic", type=int, default=0)
    ap.add_argument("--level", default="realistic")
    ap.add_argument("--kinds", default="")
    ap.add_argument("--decoders", default=",".join(DECODERS))
    args = ap.parse_args(argv)
    sets = {}
    if args.samples != "none":
        sets["samples"] = sample_cases(load_samples(args.samples))
    if args.synthetic:
        kinds = tuple(k for k in args.kinds.split(",") if k) or None
        sets[f"synthetic-{args.level}"] = list(synthetic_cases(args.synthetic, level=args.level, kinds=kinds))
    for set_name, cases in sets.items():
        for name in args.decoders.split(","):
            sc = score(DECODERS[name], cases)
            print(f"{set_name:22s} {name:10s} {sc.line()}")
            if name == "kiosk" and sc.missed:
                print("   missed:", ", ".join(Path(m).name if "/" in m else m for m in sc.missed[:30]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
