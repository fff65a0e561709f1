#!/usr/bin/env python3
"""Accuracy of the understander per slice of the labeled data set, per catalogue and split.

    .venv/bin/python tools/understanding_report.py [--catalogue FILE ...] [--split dev|heldout|all]
        [--failures] [--json]

Data: tests/understanding/data/*.jsonl (rows), tests/understanding/data/labels.toml (labels ->
procedure codes or names). Lexicon: config/lexicon/*.toml.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.catalogue import parse_catalogue  # noqa: E402
from dialogs.understanding import Lexicon, build_understander  # noqa: E402
from dialogs.understanding.evaluate import evaluate  # noqa: E402
from dialogs.understanding.synthetic import large_catalogue  # noqa: E402

DATA = ROOT / "tests" / "understanding" / "data"
DEFAULT_CATALOGUES = ["config/catalogues/demo.json", "config/catalogues/other-thanhhoa.json",
                      "config/catalogues/other-ward.json",
                      "config/catalogues/other-district.json"]


def load_rows(split: str) -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        file_split = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row.setdefault("split", file_split)
                if split == "all" or row["split"] == split:
                    rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--catalogue", action="append")
    ap.add_argument("--split", default="all")
    ap.add_argument("--failures", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--large", action="store_true",
                    help="also each catalogue grown to 2,296 procedures with generated ones")
    args = ap.parse_args(argv)
    labels = tomllib.loads((DATA / "labels.toml").read_text(encoding="utf-8"))
    lexicon = Lexicon.from_toml_texts([p.read_text(encoding="utf-8") for p in
                                       sorted((ROOT / "config" / "lexicon").glob("*.toml"))])
    rows = load_rows(args.split)
    report = {}
    for cpath in args.catalogue or DEFAULT_CATALOGUES:
        path = ROOT / cpath if not Path(cpath).is_absolute() else Path(cpath)
        if not path.exists():
            print(f"skipped {cpath}: no such file", file=sys.stderr)
            continue
        base = parse_catalogue(json.loads(path.read_text(encoding="utf-8")))
        for cat, cname in ([(base, cpath)] + ([(large_catalogue(base), cpath + "+2296")]
                                              if args.large else [])):
            report[cname] = _report(cat, cname, lexicon, rows, labels, args)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def _report(cat, cpath, lexicon, rows, labels, args) -> dict:
    if True:
        und = build_understander(cat, lexicon)
        tallies = evaluate(cat, und, rows, labels)
        out = {k: t.as_dict() for k, t in sorted(tallies.items())}
        if not args.json:
            print(f"== {cpath} ({len(cat.procedures)} procedures), split {args.split}")
            print(f"{'slice':<16}{'n':>5}{'top1':>8}{'top3':>8}{'accept':>8}{'conf.wrong':>12}")
            for k, t in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0])):
                d = t.as_dict()
                print(f"{k:<16}{d['n']:>5}{d['top1']:>8.3f}{d['top3']:>8.3f}"
                      f"{d['accept_rate']:>8.3f}{d['confident_wrong']:>12.3f}")
            if args.failures:
                for o in tallies.get("all").failures if "all" in tallies else []:
                    names = [cat.procedure(c).name[:40] for c in o.candidates if cat.procedure(c)]
                    print(f"  {'WRONG+ACCEPT' if o.confident_wrong else 'miss':<12} "
                          f"[{o.row.get('slice')}] {o.row['text']!r} want {o.row['intent']}"
                          f" {o.row.get('proc') or o.row.get('field') or o.row.get('value') or ''}"
                          f" got {o.got_intent}/{o.decision} {names}")
    return out


if __name__ == "__main__":
    sys.exit(main())
