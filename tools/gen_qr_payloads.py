#!/usr/bin/env python3
"""Generate synthetic Vietnamese QR payload images (chip ID cards, dossier codes, procedure codes and portal
links, other links, Vietnamese text) rendered as 640x480 camera frames at realistic sizes and degradations.

    python tools/gen_qr_payloads.py OUT_DIR [--count 200] [--seed 1] [--level realistic|clean|hard]
                                    [--kinds cccd,dossier,procedure,url,text]

Writes OUT_DIR/NNNN.png and OUT_DIR/manifest.jsonl, one line per image: {"file", "text", "kind",
"degradation"}. All people are invented; nothing here is personal data.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from vision.synth import MAKERS, payloads, random_degradation, render  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--level", choices=["clean", "realistic", "hard"], default="realistic")
    ap.add_argument("--kinds", default=",".join(MAKERS))
    args = ap.parse_args(argv)
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = [k for k in kinds if k not in MAKERS]
    if unknown:
        ap.error(f"unknown kinds {unknown}; choose from {sorted(MAKERS)}")
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed + 1)
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for i, p in enumerate(payloads(args.count, args.seed, kinds)):
            deg = random_degradation(rng, args.level)
            frame = render(p.text, deg, rng)
            name = f"{i:04d}.png"
            cv2.imwrite(str(out / name), frame)
            manifest.write(json.dumps({"file": name, "text": p.text, "kind": p.kind,
                                       "degradation": dataclasses.asdict(deg)}, ensure_ascii=False) + "\n")
    print(f"wrote {args.count} images to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
